import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply, type Entry } from '../../server/core/apply.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import type { EventInput } from '../../server/core/events.js';
import { deserializeState, restoreState, serializeCall, serializeCore, serializeState } from '../../server/core/checkpoint-codec.js';
import { initialState, type State } from '../../server/core/state.js';
import { toSnapshot } from '../../server/core/snapshot.js';
import { entries, SEC, T0 } from '../support/entries.js';

const config = { ...DEFAULT_CORE_CONFIG, shortAbandonMs: 3 * SEC };

/** One caller's path through the hotline, as the events a PBX would report. */
const callArb = fc.record({
  start: fc.integer({ min: 0, max: 3 * 3600 * SEC }),
  queue: fc.constantFrom('billing', 'tech', 'vip'),
  tier: fc.constantFrom('standard', 'silver', 'gold', 'diamond'),
  blocked: fc.boolean(),
  wait: fc.integer({ min: 0, max: 120 * SEC }),
  fate: fc.constantFrom('answered', 'abandoned', 'waiting', 'ended-waiting', 'exited', 'exited-requeued'),
  hold: fc.option(fc.array(fc.integer({ min: 1 * SEC, max: 70 * SEC }), { maxLength: 4 }), { nil: null }),
  resolved: fc.option(fc.boolean(), { nil: undefined }),
});
type Call = typeof callArb extends fc.Arbitrary<infer T> ? T : never;

function eventsOf(c: Call, i: number): EventInput[] {
  const callId = `c${i}`;
  const t = T0 + c.start;
  const out: EventInput[] = [{ type: 'call.arrived', ts: t, callId, tier: c.tier }];
  if (c.blocked) return [...out, { type: 'call.blocked', ts: t + 100, callId }];
  out.push({ type: 'call.queued', ts: t + SEC, callId, queue: c.queue, tier: c.tier });
  const outcomeTs = t + SEC + c.wait;
  if (c.fate === 'abandoned') out.push({ type: 'call.abandoned', ts: outcomeTs, callId, queue: c.queue });
  if (c.fate === 'ended-waiting') out.push({ type: 'call.ended', ts: outcomeTs, callId });
  if (c.fate === 'exited' || c.fate === 'exited-requeued') out.push({ type: 'call.exited', ts: outcomeTs, callId, queue: c.queue, reason: 'timeout' });
  if (c.fate === 'exited') return [...out, { type: 'call.ended', ts: outcomeTs + 60 * SEC, callId }];
  // Sent back to the queue by the dialplan: a second wait, answered.
  if (c.fate === 'exited-requeued') out.push({ type: 'call.queued', ts: outcomeTs + SEC, callId, queue: c.queue });
  if (c.fate !== 'answered' && c.fate !== 'exited-requeued') return out;
  const answerTs = c.fate === 'answered' ? outcomeTs : outcomeTs + 10 * SEC;
  out.push({ type: 'call.answered', ts: answerTs, callId, queue: c.queue, agentId: `a${i % 7}` });
  let ts = answerTs + 5 * SEC;
  if (c.hold) {
    out.push({ type: 'call.held', ts, callId, agentId: `a${i % 7}` });
    for (const gap of c.hold) out.push({ type: 'call.hold_check', ts: (ts += gap), callId, agentId: `a${i % 7}` });
    out.push({ type: 'call.resumed', ts: (ts += 10 * SEC), callId, agentId: `a${i % 7}` });
  }
  out.push({ type: 'call.ended', ts: ts + 30 * SEC, callId, ...(c.resolved === undefined ? {} : { resolved: c.resolved }) });
  return out;
}

function streamOf(calls: Call[]): Entry[] {
  const events = calls.flatMap(eventsOf).sort((a, b) => a.ts - b.ts);
  return entries(events);
}

function applyAll(list: Entry[], state: State = initialState()): State {
  for (const e of list) apply(state, e, config);
  return state;
}

/** The state without the delivery counters, which legitimately differ between deliveries. */
function comparable(state: State): string {
  const copy = deserializeState(serializeState(state));
  copy.ingest.duplicates = 0;
  return serializeState(copy);
}

const streams = fc.array(callArb, { minLength: 1, maxLength: 40 }).map(streamOf);

describe('core invariants', () => {
  it('every queued call is exactly one of waiting, answered, abandoned, exited or expired', () => {
    fc.assert(
      fc.property(streams, (list) => {
        const state = applyAll(list);
        const last = list.at(-1)!.event.ts;
        const t = toSnapshot(state, config, last).totals;
        expect(t.queued).toBe(t.waiting + t.answered + t.abandoned + t.exited + t.expired);
        for (const q of toSnapshot(state, config, last).queues) {
          expect(q.queued).toBe(q.waiting + q.answered + q.abandoned + q.exited + q.expired);
        }
        // Rates stay within 0..1 whatever the mix.
        for (const rate of [t.systemConnectRate, t.agentConnectRate, t.vipConnectRate, t.serviceLevel, t.holdCheckOnTimeRate]) {
          if (rate === null) continue;
          expect(rate).toBeGreaterThanOrEqual(0);
          expect(rate).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('replaying a stream in any delivery split, with redeliveries, gives the same state', () => {
    fc.assert(
      fc.property(streams, fc.array(fc.nat(), { maxLength: 20 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 10 })), { maxLength: 10 }), (list, cuts, redeliveries) => {
        const once = applyAll(list);
        // Batches cut at arbitrary points, and after some batches a crash makes the consumer
        // see a run of already-applied entries again.
        const points = [...new Set(cuts.map((c) => c % (list.length + 1)))].sort((a, b) => a - b);
        const state = initialState();
        let from = 0;
        for (const [k, to] of [...points, list.length].entries()) {
          applyAll(list.slice(from, to), state);
          const again = redeliveries[k];
          if (again) applyAll(list.slice(Math.max(0, to - again[1] - 1), to), state);
          from = to;
        }
        expect(comparable(state)).toBe(comparable(once));
      }),
      { numRuns: 150 },
    );
  });

  it('a checkpoint taken at any entry and restored continues to the same state', () => {
    fc.assert(
      fc.property(streams, fc.nat(), (list, cut) => {
        const at = cut % (list.length + 1);
        const restored = deserializeState(serializeState(applyAll(list.slice(0, at))));
        applyAll(list, restored); // the whole stream again: the restored cursor skips the prefix
        expect(comparable(restored)).toBe(comparable(applyAll(list)));
      }),
      { numRuns: 150 },
    );
  });

  it('incremental checkpoints (only the calls changed since the last) restore the same state', () => {
    fc.assert(
      fc.property(streams, fc.array(fc.nat(), { maxLength: 8 }), (list, cuts) => {
        const stored = new Map<string, string>();
        const state = initialState();
        let core = serializeCore(state);
        let from = 0;
        for (const to of [...new Set(cuts.map((c) => c % (list.length + 1)))].sort((a, b) => a - b).concat(list.length)) {
          applyAll(list.slice(from, to), state);
          from = to;
          for (const id of state.changedCalls) {
            const call = state.calls.get(id);
            if (call) stored.set(id, serializeCall(call));
            else stored.delete(id);
          }
          state.changedCalls.clear();
          core = serializeCore(state);
        }
        expect(comparable(restoreState(core, stored.values()))).toBe(comparable(state));
      }),
      { numRuns: 100 },
    );
  });

  it('a snapshot taken now agrees with the events: held calls are exactly the unresolved holds', () => {
    fc.assert(
      fc.property(fc.array(callArb, { minLength: 1, maxLength: 30 }), (calls) => {
        const list = streamOf(calls);
        const state = applyAll(list);
        const snap = toSnapshot(state, config, list.at(-1)!.event.ts);
        // Every generated hold is resumed, so nothing may remain on hold.
        expect(snap.held).toEqual([]);
        expect(snap.totals.holdChecksOnTime).toBeLessThanOrEqual(snap.totals.holdChecksDue);
      }),
      { numRuns: 100 },
    );
  });
});
