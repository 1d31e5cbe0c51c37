// Wrap-up in the staffing hint: an agent's acw after a call it answered is booked, when it ends,
// to that call's queue, and the hint's handle time is talk and hold plus the window's wrap-up per
// handled call. The edge cases (no call before, a second acw, a log-off, repeats, late reports,
// an acw open at the window's end) and the window's bounds.
import { describe, expect, it } from 'vitest';
import { apply } from '../../server/core/apply.js';
import { deserializeState, serializeState } from '../../server/core/checkpoint-codec.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import { agentsNeeded } from '../../server/core/erlang.js';
import type { EventInput } from '../../server/core/events.js';
import { toSnapshot } from '../../server/core/snapshot.js';
import { wrapInWindow } from '../../server/core/staffing.js';
import { initialState, type State } from '../../server/core/state.js';
import type { AgentState } from '../../server/contract/vocabulary.js';
import { entries, MIN, SEC, T0 } from '../support/entries.js';

const config = DEFAULT_CORE_CONFIG; // 80 % within 20 s

/** Applies the inputs in the order given (entry IDs by event time, never going back). */
function run(inputs: Array<EventInput & { appendedAt?: number }>, state = initialState()): State {
  for (const e of entries(inputs)) apply(state, e, config);
  return state;
}

const byTime = (inputs: EventInput[]) => [...inputs].sort((a, b) => a.ts - b.ts);
const agent = (agentId: string, state: AgentState, ts: number, queues?: string[]): EventInput => ({
  type: 'agent.state',
  ts,
  agentId,
  state,
  ...(queues ? { queues } : {}),
});

/** A call to `queue` answered by `agentId` 5 s after queueing, talked `talkSec`, then `wrapSec` of acw (none: no acw). */
function call(callId: string, agentId: string, queuedAt: number, talkSec: number, wrapSec: number | null, queue = 'billing'): EventInput[] {
  const answeredAt = queuedAt + 5 * SEC;
  const endAt = answeredAt + talkSec * SEC;
  const events: EventInput[] = [
    { type: 'call.queued', ts: queuedAt, callId, queue },
    { type: 'call.answered', ts: answeredAt, callId, queue, agentId },
    agent(agentId, 'talking', answeredAt),
    { type: 'call.ended', ts: endAt, callId, agentId },
  ];
  if (wrapSec === null) events.push(agent(agentId, 'available', endAt));
  else events.push(agent(agentId, 'acw', endAt), agent(agentId, 'available', endAt + wrapSec * SEC));
  return events;
}

/** Wrap-up booked per queue, whatever the minute. */
const wrapByQueue = (state: State) => new Map([...state.wrapUps].map(([queue, minutes]) => [queue, [...minutes.values()].reduce((a, b) => a + b, 0)]));

// Now is 30 s into the 16th minute after T0: the window is [T0, T0 + 15 min).
const NOW = T0 + 15 * MIN + 30 * SEC;

/** Six billing calls 90 s apart in the window, each answered by its own agent, 240 s of talk and `wrapSec` of wrap-up; all over by T0 + 14 min. */
function sixCalls(wrapSec: number | null): EventInput[] {
  const events: EventInput[] = [];
  for (let i = 0; i < 6; i++) {
    events.push(agent(`w${i}`, 'available', T0, ['billing']));
    events.push(...call(`c${i}`, `w${i}`, T0 + 10 * SEC + i * 90 * SEC, 240, wrapSec));
  }
  return byTime(events);
}

const staffingOf = (state: State, now = NOW) => toSnapshot(state, config, now).queues.find((q) => q.id === 'billing')!.staffing!;

describe('wrap-up in the staffing hint', () => {
  it('adds the wrap-up per handled call to the handle time fed to Erlang, and shows it apart', () => {
    const talkOnly = staffingOf(run(sixCalls(null)));
    expect(talkOnly).toMatchObject({ meanHandleMs: 240_000, meanWrapMs: 0, arrivalsPerHour: 24 });
    const wrapped = staffingOf(run(sixCalls(120)));
    expect(wrapped).toMatchObject({ meanHandleMs: 360_000, meanWrapMs: 120_000, arrivalsPerHour: 24 });
    const erlang = (meanHandleMs: number) => agentsNeeded({ arrivalRatePerSec: 6 / 900, meanHandleMs, thresholdMs: 20_000, target: 0.8, meanPatienceMs: null }).agents;
    expect(wrapped.needed).toBe(erlang(360_000));
    expect(talkOnly.needed).toBe(erlang(240_000));
  });

  it('needs more agents the longer the wrap-up', () => {
    // 24 calls an hour: 4 agents at 240 s, 5 at 330 s or 420 s (each wrap-up ends inside the window).
    expect([null, 90, 180].map((wrap) => staffingOf(run(sixCalls(wrap))).needed)).toEqual([4, 5, 5]);
  });

  it('divides by the calls handled: calls wrapped up in no time count, as a mean over the calls', () => {
    // Three of the six calls have 120 s of wrap-up, three none: 60 s a call.
    const events = sixCalls(null).filter((e) => !(e.type === 'agent.state' && e.state === 'available' && e.ts > T0 && ['w0', 'w2', 'w4'].includes(e.agentId)));
    for (const i of [0, 2, 4]) {
      const endAt = T0 + 10 * SEC + i * 90 * SEC + 245 * SEC;
      events.push(agent(`w${i}`, 'acw', endAt), agent(`w${i}`, 'available', endAt + 120 * SEC));
    }
    expect(staffingOf(run(byTime(events)))).toMatchObject({ meanHandleMs: 300_000, meanWrapMs: 60_000 });
  });

  it("books to the queue of the agent's last answer, not to every queue the agent serves", () => {
    const state = run(byTime([agent('m1', 'available', T0, ['billing', 'tech']), ...call('t1', 'm1', T0 + MIN, 100, 45, 'tech')]));
    expect(wrapByQueue(state)).toEqual(new Map([['tech', 45_000]]));
  });

  it('counts nothing for an acw with no answer before it, a second acw after the same call, or an acw ended by logging off', () => {
    const state = run(
      byTime([
        agent('a1', 'available', T0, ['billing']),
        agent('a1', 'acw', T0 + 10 * SEC), // no call before it
        agent('a1', 'available', T0 + 40 * SEC),
        ...call('x1', 'a1', T0 + MIN, 100, 30), // 30 s booked
        agent('a1', 'acw', T0 + 5 * MIN), // back into acw with no call since
        agent('a1', 'available', T0 + 6 * MIN),
        ...call('x2', 'a1', T0 + 7 * MIN, 100, null),
        agent('a1', 'acw', T0 + 9 * MIN),
        agent('a1', 'offline', T0 + 12 * MIN), // logs off from acw: not wrap-up of x2
        agent('a1', 'available', T0 + 13 * MIN),
        agent('a1', 'acw', T0 + 13 * MIN + 10 * SEC), // nor is a later acw x2's
        agent('a1', 'available', T0 + 14 * MIN),
      ]),
    );
    expect(wrapByQueue(state)).toEqual(new Map([['billing', 30_000]]));
  });

  it('counts a repeated report once, and ignores a report older than the agent has', () => {
    const events = byTime([agent('a1', 'available', T0, ['billing']), ...call('x1', 'a1', T0 + MIN, 100, 30)]);
    const leaving = events.at(-1)!;
    // The same report appended again (a producer's retry: a new entry ID), then an old one.
    const state = run([...events, { ...leaving, appendedAt: leaving.ts + SEC }, { ...agent('a1', 'acw', T0 + MIN + 110 * SEC), appendedAt: leaving.ts + 2 * SEC }]);
    expect(wrapByQueue(state)).toEqual(new Map([['billing', 30_000]]));
    expect(state.agents.get('a1')!.state).toBe('available');

    // A repeated answer does not make the call wrap up twice.
    const answer = events.find((e) => e.type === 'call.answered')!;
    const again = run([{ ...answer, appendedAt: leaving.ts + 3 * SEC }, agent('a1', 'acw', leaving.ts + 4 * SEC), agent('a1', 'available', leaving.ts + 5 * SEC)], state);
    expect(wrapByQueue(again)).toEqual(new Map([['billing', 30_000]]));
  });

  it('keeps one episode through a repeated acw report (a new reason): it runs from the first', () => {
    const state = run([
      agent('a1', 'available', T0, ['billing']),
      ...call('x1', 'a1', T0 + MIN, 100, null).slice(0, -1),
      agent('a1', 'acw', T0 + 3 * MIN),
      { type: 'agent.state', ts: T0 + 3 * MIN + 20 * SEC, agentId: 'a1', state: 'acw', reason: 'notes' },
      agent('a1', 'available', T0 + 4 * MIN),
    ]);
    expect(wrapByQueue(state)).toEqual(new Map([['billing', 60_000]]));
  });

  it('ends no acw with a late report older than the acw', () => {
    const state = run([
      agent('a1', 'available', T0, ['billing']),
      ...call('x1', 'a1', T0 + MIN, 100, null).slice(0, -1),
      agent('a1', 'acw', T0 + 4 * MIN),
      { ...agent('a1', 'available', T0 + 3 * MIN), appendedAt: T0 + 4 * MIN + SEC },
    ]);
    expect(wrapByQueue(state)).toEqual(new Map());
    expect(state.agents.get('a1')!.state).toBe('acw');
  });

  it('takes an answer delivered after the acw began, and the newest answer before it, out of order', () => {
    const state = run([
      agent('a1', 'available', T0, ['billing', 'tech']),
      { type: 'call.answered', ts: T0 + 2 * MIN, callId: 'late', queue: 'tech', agentId: 'a1', appendedAt: T0 + 2 * MIN },
      agent('a1', 'acw', T0 + 5 * MIN),
      // Two answers arrive after the acw began: the one it follows (billing, at 4 min) and an older one (tech).
      { type: 'call.answered', ts: T0 + 4 * MIN, callId: 'last', queue: 'billing', agentId: 'a1', appendedAt: T0 + 5 * MIN + 10 * SEC },
      { type: 'call.answered', ts: T0 + MIN, callId: 'first', queue: 'tech', agentId: 'a1', appendedAt: T0 + 5 * MIN + 20 * SEC },
      // The next call's answer arrives before the report that ends the acw: it is not the acw's call.
      { type: 'call.answered', ts: T0 + 6 * MIN, callId: 'next', queue: 'tech', agentId: 'a1', appendedAt: T0 + 6 * MIN },
      agent('a1', 'talking', T0 + 6 * MIN),
    ]);
    expect(wrapByQueue(state)).toEqual(new Map([['billing', 60_000]]));
  });

  it('books an acw when it ends, by its end: one still open at the window end counts only once it ends', () => {
    // x1's wrap-up runs from T0 + 14 min to T0 + 16 min, across the window's end.
    const events = byTime([agent('a1', 'available', T0, ['billing']), ...call('x1', 'a1', T0 + 10 * MIN + 55 * SEC, 180, 120)]);
    const open = run(events.slice(0, -1));
    expect(wrapByQueue(open)).toEqual(new Map());
    const ended = run(events);
    expect([...ended.wrapUps.get('billing')!]).toEqual([[Math.floor((T0 + 16 * MIN) / MIN), 120_000]]);
  });

  it('remembers the last 4 answers of an agent, and none before the last one wrapped up', () => {
    const state = run(Array.from({ length: 10 }, (_, i): EventInput => ({ type: 'call.answered', ts: T0 + i * MIN, callId: `k${i}`, queue: 'billing', agentId: 'a1' })));
    expect(state.agentAnswers.get('a1')!.map((a) => a.callId)).toEqual(['k6', 'k7', 'k8', 'k9']);
    // Once k9 is wrapped up, the answers before it can be no acw's call: only k9 is kept, and a late answer older than it is not taken.
    run(
      [
        agent('a1', 'acw', T0 + 10 * MIN),
        agent('a1', 'available', T0 + 11 * MIN),
        { type: 'call.answered', ts: T0 + 3 * MIN + SEC, callId: 'k3b', queue: 'billing', agentId: 'a1', appendedAt: T0 + 11 * MIN },
      ],
      state,
    );
    expect(state.agentAnswers.has('a1')).toBe(false);
    expect(state.wrappedTs.get('a1')).toBe(T0 + 9 * MIN);
    expect(wrapByQueue(state)).toEqual(new Map([['billing', 60_000]]));
  });

  it('rebuilds the answers awaiting their wrap-up from the calls on restore, as the stream left them', () => {
    // At 8 min: some agents wrapped up, some still in a call or in acw, one answer delivered twice.
    const events = sixCalls(120).filter((e) => e.ts < T0 + 8 * MIN);
    const state = run([
      ...events,
      // w3 is still wrapping up c3 (answered at 4 min 45 s): its answer delivered again.
      { type: 'call.answered', ts: T0 + 285 * SEC, callId: 'c3', queue: 'billing', agentId: 'w3', appendedAt: T0 + 8 * MIN },
      // Two answers of one call never queued: its visit takes the first, so only that one awaits a wrap-up.
      { type: 'call.answered', ts: T0 + 8 * MIN, callId: 'z', queue: 'billing', agentId: 'w5' },
      { type: 'call.answered', ts: T0 + 8 * MIN + SEC, callId: 'z', queue: 'billing', agentId: 'w5' },
    ]);
    expect(state.wrappedTs.size).toBeGreaterThan(0);
    expect(state.agentAnswers.size).toBeGreaterThan(0);
    const restored = deserializeState(serializeState(state));
    expect(restored.agentAnswers).toEqual(state.agentAnswers);
    expect(restored.wrappedTs).toEqual(state.wrappedTs);
  });

  it('sums the wrap-up that ended in the 15 whole minutes before now', () => {
    const last = Math.floor(NOW / MIN) - 1; // the window's last minute
    const minutes = new Map([
      [last - 15, 1], // the minute before the window
      [last - 14, 10],
      [last, 100],
      [last + 1, 1000], // the current minute
    ]);
    expect(wrapInWindow(minutes, NOW)).toBe(110);
    expect(wrapInWindow(undefined, NOW)).toBe(0);
  });

  it('forgets the minutes outside the window as the stream moves on, and the answers with their calls', () => {
    const wrapped = run(sixCalls(120));
    expect(wrapped.wrapUps.size).toBe(1);
    expect([wrapped.agentAnswers.size, wrapped.wrappedTs.size]).toEqual([0, 6]);
    const unwrapped = run(sixCalls(null));
    expect(unwrapped.agentAnswers.size).toBe(6);
    // The calls ended by T0 + 12 min are forgotten 30 min later (by Redis time).
    for (const state of [wrapped, unwrapped]) run([agent('w0', 'paused', T0 + 40 * MIN), agent('w0', 'available', T0 + 45 * MIN)], state);
    expect(wrapped.wrapUps.size).toBe(0);
    expect(unwrapped.agentAnswers.size).toBe(0);
    // What an agent wrapped up goes with the agent, forgotten after a day of silence.
    expect(wrapped.wrappedTs.size).toBe(6);
    run([agent('z1', 'available', T0 + 26 * 3600_000)], wrapped);
    expect(wrapped.wrappedTs.size).toBe(0);
  });

  it('counts nothing for an acw that outlasts the memory of its call (30 min after its end)', () => {
    const state = run([
      agent('a1', 'available', T0, ['billing']),
      ...call('x1', 'a1', T0 + MIN, 100, null).slice(0, -1),
      agent('a1', 'acw', T0 + 2 * MIN + 45 * SEC),
      agent('a2', 'available', T0 + 40 * MIN), // the stream moves on: x1 is forgotten
      agent('a1', 'available', T0 + 41 * MIN),
    ]);
    expect(wrapByQueue(state)).toEqual(new Map());
  });
});
