// The staffing hint in the core's snapshot: a queue's last 15 whole minutes measured from a
// small event sequence, and the agents Erlang C / Erlang A say it needs, worked out by hand.
import { describe, expect, it } from 'vitest';
import { apply } from '../../server/core/apply.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import { erlangAFigures } from '../../server/core/erlang.js';
import type { EventInput } from '../../server/core/events.js';
import { toSnapshot } from '../../server/core/snapshot.js';
import { applyDelta, diffSnapshot } from '../../server/contract/delta.js';
import { projectForDisplay } from '../../server/core/display-projection.js';
import { initialState, type State } from '../../server/core/state.js';
import type { AgentState } from '../../server/contract/vocabulary.js';
import { entries, MIN, SEC, T0 } from '../support/entries.js';

const config = DEFAULT_CORE_CONFIG; // 80 % within 20 s

function run(inputs: EventInput[]): State {
  const state = initialState();
  for (const e of entries([...inputs].sort((a, b) => a.ts - b.ts))) apply(state, e, config);
  return state;
}

const queued = (callId: string, ts: number, queue = 'billing'): EventInput => ({ type: 'call.queued', ts, callId, queue });
const answered = (callId: string, ts: number, queue = 'billing'): EventInput => ({ type: 'call.answered', ts, callId, queue, agentId: 'a1' });
const abandoned = (callId: string, ts: number): EventInput => ({ type: 'call.abandoned', ts, callId, queue: 'billing' });
const ended = (callId: string, ts: number): EventInput => ({ type: 'call.ended', ts, callId });
const agent = (agentId: string, state: AgentState, queues = ['billing']): EventInput => ({ type: 'agent.state', ts: T0, agentId, state, queues });

/** A call queued at `queuedAt`, answered 10 s later, hung up `handleSec` after the answer. */
const handledCall = (callId: string, queuedAt: number, handleSec: number): EventInput[] => [
  queued(callId, queuedAt),
  answered(callId, queuedAt + 10 * SEC),
  ended(callId, queuedAt + 10 * SEC + handleSec * SEC),
];

// Now is 30 s into the 16th minute after T0 (T0 is on a minute): the window is [T0, T0 + 15 min).
const NOW = T0 + 15 * MIN + 30 * SEC;

// On billing: a1 talking, a2 available, a3 paused (not on the queue), a5 logged off (not either), a6 on another queue.
const agents = [agent('a1', 'talking'), agent('a2', 'available'), agent('a3', 'paused'), agent('a5', 'offline'), agent('a6', 'available', ['tech'])];

// Six calls offered to billing in the window (24 an hour). Handle times 240, 180, 300 and 120 s
// (c4 is transferred to tech 120 s after the answer: billing's agent is done then) and 210 s: mean 210 s.
const traffic = [
  ...handledCall('c1', T0 + 1 * MIN, 240),
  ...handledCall('c2', T0 + 2 * MIN, 180),
  ...handledCall('c3', T0 + 3 * MIN, 300),
  queued('c4', T0 + 4 * MIN),
  answered('c4', T0 + 4 * MIN + 10 * SEC),
  { type: 'call.transferred', ts: T0 + 6 * MIN + 10 * SEC, callId: 'c4', agentId: 'a1', toQueue: 'tech', mode: 'warm' } as EventInput,
  queued('c4', T0 + 6 * MIN + 10 * SEC, 'tech'),
  answered('c4', T0 + 6 * MIN + 20 * SEC, 'tech'),
  ended('c4', T0 + 14 * MIN),
  queued('c6', T0 + 6 * MIN),
];

describe('the staffing hint per queue', () => {
  it('Erlang C when nobody abandoned: 24 calls/h at 210 s is 1.4 Erlangs, and 80/20 needs 3 agents; 2 are on the queue', () => {
    // By hand, A = 1.4: B(1) = 1.4/2.4 = 0.58333, B(2) = 0.81667/2.81667 = 0.28994,
    // C(2) = 0.57988/(2 − 1.4 × 0.71006) = 0.57647, SL(2) = 1 − 0.57647·e^(−0.6·20/210) = 0.4555;
    // B(3) = 0.40592/3.40592 = 0.11918, C(3) = 0.35754/(3 − 1.4 × 0.88082) = 0.20236,
    // SL(3) = 1 − 0.20236·e^(−1.6·20/210) = 0.8262 ≥ 0.8. So 3.
    const state = run([...agents, ...traffic, ...handledCall('c5', T0 + 5 * MIN, 210)]);
    // c6 is still waiting: it is an arrival and exposure, not a handle time.
    const billing = toSnapshot(state, config, NOW).queues.find((q) => q.id === 'billing')!;
    const { predictedServiceLevel, ...staffing } = billing.staffing!;
    expect(staffing).toEqual({ needed: 3, onQueue: 2, arrivalsPerHour: 24, meanHandleMs: 210_000, meanWrapMs: 0, patienceMs: null, model: 'erlangC', capped: false });
    expect(predictedServiceLevel).toBeCloseTo(0.8262, 4);
  });

  it('Erlang A when callers abandon: patience = time waited in the window / abandons', () => {
    // c5 hangs up after 50 s. Waited in the window: 10 s × 4 answered (c1–c4), 50 s (c5), and
    // c6 from 6 min to the window's end at 15 min, 540 s: 630 s for 1 abandon → patience 630 s.
    // Handle times 240, 180, 300, 120: mean 210 s.
    const state = run([...agents, ...traffic, queued('c5', T0 + 5 * MIN), abandoned('c5', T0 + 5 * MIN + 50 * SEC), ended('c5', T0 + 5 * MIN + 50 * SEC)]);
    const billing = toSnapshot(state, config, NOW).queues.find((q) => q.id === 'billing')!;
    expect(billing.staffing).toMatchObject({ onQueue: 2, arrivalsPerHour: 24, meanHandleMs: 210_000, patienceMs: 630_000, model: 'erlangA', capped: false });
    const sl = (servers: number) =>
      erlangAFigures({ servers, arrivalRatePerSec: 6 / 900, meanHandleMs: 210_000, meanPatienceMs: 630_000, thresholdMs: 20_000 }).serviceLevel;
    const needed = billing.staffing!.needed;
    expect(sl(needed)).toBeGreaterThanOrEqual(0.8);
    expect(sl(needed - 1)).toBeLessThan(0.8);
    expect(needed).toBe(3);
  });

  it('counts only the 15 whole minutes before now: not the current minute, not the one before the window', () => {
    const inputs = [...agents, ...traffic, ...handledCall('c5', T0 + 5 * MIN, 210)];
    // A call queued in the current minute (after the window's end) is not an arrival yet.
    const later = run([...inputs, queued('c7', T0 + 15 * MIN + 5 * SEC)]);
    expect(toSnapshot(later, config, NOW).queues.find((q) => q.id === 'billing')!.staffing).toMatchObject({ arrivalsPerHour: 24 });
    // A minute later the window is [T0 + 1 min, T0 + 16 min): c1, queued at T0 + 1 min, still in; c7 now in.
    expect(toSnapshot(later, config, NOW + MIN).queues.find((q) => q.id === 'billing')!.staffing).toMatchObject({ arrivalsPerHour: 28 });
  });

  it('is null with too little data: fewer than 5 arrivals, or fewer than 3 calls handled in the window', () => {
    const few = run([
      ...agents,
      ...handledCall('c1', T0 + MIN, 100),
      ...handledCall('c2', T0 + 2 * MIN, 100),
      ...handledCall('c3', T0 + 3 * MIN, 100),
      queued('c4', T0 + 4 * MIN),
    ]);
    expect(toSnapshot(few, config, NOW).queues.find((q) => q.id === 'billing')!.staffing).toBeNull();
    // Five arrivals but only two ended in the window.
    const unfinished = run([
      ...agents,
      ...handledCall('c1', T0 + MIN, 100),
      ...handledCall('c2', T0 + 2 * MIN, 100),
      ...['c3', 'c4', 'c5'].map((c, i) => queued(c, T0 + (3 + i) * MIN)),
    ]);
    expect(toSnapshot(unfinished, config, NOW).queues.find((q) => q.id === 'billing')!.staffing).toBeNull();
    // A queue known only from its agents has no traffic at all.
    expect(toSnapshot(few, config, NOW).queues.find((q) => q.id === 'tech')!.staffing).toBeNull();
  });

  it('reaches a screen: a change of the hint is a delta of the queue row, and a paired TV is served it', () => {
    const state = run([...agents, ...traffic, ...handledCall('c5', T0 + 5 * MIN, 210), queued('c7', T0 + 15 * MIN + 5 * SEC)]);
    const before = toSnapshot(state, config, NOW);
    const after = toSnapshot(state, config, NOW + MIN); // c7 enters the window
    const delta = diffSnapshot(before, after, 2)!;
    expect(delta.lists.queues?.upsert.find((q) => q.id === 'billing')?.staffing).toMatchObject({ arrivalsPerHour: 28 });
    expect(applyDelta(before, delta).queues.find((q) => q.id === 'billing')!.staffing).toEqual(after.queues.find((q) => q.id === 'billing')!.staffing);
    expect(projectForDisplay(after, { agentNames: false }).queues.find((q) => q.id === 'billing')!.staffing).toMatchObject({ needed: expect.any(Number) as number });
  });
});
