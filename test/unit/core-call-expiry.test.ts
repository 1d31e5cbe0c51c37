// The minute's sweep finds the calls to forget through an expiry index (call-expiry.ts) rather
// than by visiting every call. It must forget exactly the calls, in exactly the order, that a
// visit of every call in the Map's order forgets: checked here against that visit, on calls
// touched, ended and swept at times on whole minutes (so idle times land on the limits exactly),
// with either limit the shorter, and across a checkpoint restore, which rebuilds the index.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { touchCall, sweepCalls } from '../../server/core/calls.js';
import { deserializeState, serializeState } from '../../server/core/checkpoint-codec.js';
import { DEFAULT_CORE_CONFIG, type CoreConfig } from '../../server/core/core-config.js';
import { initialState, type State } from '../../server/core/state.js';

const MIN = 60_000;

/** The sweep as it was: every call, in the Map's order. */
function sweepEveryCall(state: State, now: number, config: CoreConfig): void {
  for (const [id, call] of state.calls) {
    const idle = now - call.lastSeenAt;
    if (call.endedTs !== null ? idle <= config.endedRetentionMs : idle <= config.callExpiryMs) continue;
    state.calls.delete(id);
    state.onHold.delete(id);
    state.changedCalls.add(id);
  }
}

type Op = { kind: 'touch'; call: number; gap: number } | { kind: 'end'; call: number } | { kind: 'sweep'; gap: number } | { kind: 'restore' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('touch' as const), call: fc.nat(40), gap: fc.nat(20) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('end' as const), call: fc.nat(40) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('sweep' as const), gap: fc.nat(40) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const) }) },
);

const limits = fc.record({ endedRetentionMs: fc.integer({ min: 1, max: 60 }), callExpiryMs: fc.integer({ min: 1, max: 60 }) });

describe('the expiry index', () => {
  it('forgets exactly the calls a visit of every call forgets, in the same order', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), limits, (ops, { endedRetentionMs, callExpiryMs }) => {
        const config: CoreConfig = { ...DEFAULT_CORE_CONFIG, endedRetentionMs: endedRetentionMs * MIN, callExpiryMs: callExpiryMs * MIN };
        let indexed = initialState();
        let visited = initialState();
        let now = 0;
        for (const o of ops) {
          if (o.kind === 'touch') {
            now += o.gap * MIN;
            for (const state of [indexed, visited]) touchCall(state, { callId: `c${o.call}`, ts: now }, now, false);
          } else if (o.kind === 'end') {
            for (const state of [indexed, visited]) {
              const call = state.calls.get(`c${o.call}`);
              if (call) call.endedTs = now;
            }
          } else if (o.kind === 'sweep') {
            now += o.gap * MIN;
            indexed.changedCalls.clear();
            visited.changedCalls.clear();
            sweepCalls(indexed, now, config);
            sweepEveryCall(visited, now, config);
            expect([...indexed.changedCalls]).toEqual([...visited.changedCalls]);
            expect([...indexed.calls.keys()]).toEqual([...visited.calls.keys()]);
          } else {
            indexed = deserializeState(serializeState(indexed));
            visited = deserializeState(serializeState(visited));
          }
        }
        expect(serializeState(indexed)).toBe(serializeState(visited));
      }),
      { numRuns: 500 },
    );
  });

  it('watches each call once, and no call it has forgotten', () => {
    const state = initialState();
    const config: CoreConfig = { ...DEFAULT_CORE_CONFIG, endedRetentionMs: 30 * MIN, callExpiryMs: 240 * MIN };
    for (let i = 0; i < 100; i++) touchCall(state, { callId: `c${i}`, ts: i * MIN }, i * MIN, false);
    for (let i = 0; i < 100; i += 2) state.calls.get(`c${i}`)!.endedTs = 100 * MIN;
    expect(state.callExpiry.heap).toHaveLength(100);
    sweepCalls(state, 131 * MIN, config); // past 30 minutes after every call was last seen: the 50 ended go
    expect(state.calls.size).toBe(50);
    expect(state.callExpiry.heap.map((w) => w.call.id).sort()).toEqual([...state.calls.keys()].sort());
  });
});
