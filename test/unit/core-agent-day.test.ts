// Each agent's day (server/core/agent-day.ts): calls handled and their handle time, holds, hold
// checks missed and transfers, from a scripted day of events, held to a recount made from the
// script itself; corrections delivered late, the local day boundary, who counts as logged off
// all day, and the pause reason with its time in state.
import { describe, expect, it } from 'vitest';
import { apply } from '../../server/core/apply.js';
import { DEFAULT_CORE_CONFIG, type CoreConfig } from '../../server/core/core-config.js';
import type { EventInput } from '../../server/core/events.js';
import { toSnapshot } from '../../server/core/snapshot.js';
import { initialState, type State } from '../../server/core/state.js';
import type { AgentToday } from '../../server/contract/snapshot.js';
import { entries, MIN, SEC, T0 } from '../support/entries.js';
import { mulberry32 } from '../support/mulberry32.js';

const config = DEFAULT_CORE_CONFIG;
const CHECK = config.holdCheckIntervalMs;

function run(inputs: EventInput[], cfg: CoreConfig = config): State {
  const state = initialState();
  for (const e of entries(inputs)) apply(state, e, cfg);
  return state;
}

function todayOf(state: State, now: number, cfg: CoreConfig = config): Map<string, AgentToday> {
  return new Map(toSnapshot(state, cfg, now).agentList.map((a) => [a.id, a.today!]));
}

const login = (agentId: string, ts: number): EventInput => ({ type: 'agent.state', ts, agentId, state: 'available', queues: ['billing'], team: 'A' });

interface Tally {
  handled: number;
  handleSumMs: number;
  holds: number;
  missed: number;
  cold: number;
  warm: number;
}

/** A day of calls from a seed: the events, in time order, and what each agent did, counted from the plan. */
function scriptedDay(seed: number): { events: EventInput[]; tally: Map<string, Tally> } {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const agents = ['a1', 'a2', 'a3', 'a4'];
  const tally = new Map(agents.map((a) => [a, { handled: 0, handleSumMs: 0, holds: 0, missed: 0, cold: 0, warm: 0 }]));
  const events: EventInput[] = agents.map((a, i) => login(a, T0 - 10 * MIN + i * SEC));
  for (let i = 0; i < 60; i++) {
    const agentId = pick(agents);
    const t = tallyOf(tally, agentId);
    const callId = `c${i}`;
    const queued = T0 + i * 7 * MIN;
    const answered = queued + Math.round(random() * 40) * SEC;
    events.push({ type: 'call.queued', ts: queued, callId, queue: 'billing' }, { type: 'call.answered', ts: answered, callId, queue: 'billing', agentId });
    let at = answered + (30 + Math.round(random() * 120)) * SEC;
    if (random() < 0.5) {
      // A hold with checks at random gaps: each gap past the interval misses every check it passed.
      events.push({ type: 'call.held', ts: at, callId, agentId });
      t.holds += 1;
      const checks = Math.floor(random() * 3);
      for (let k = 0; k <= checks; k++) {
        const gap = (10 + Math.round(random() * 80)) * SEC;
        at += gap;
        if (gap > CHECK) t.missed += Math.ceil(gap / CHECK) - 1;
        events.push(k < checks ? { type: 'call.hold_check', ts: at, callId, agentId } : { type: 'call.resumed', ts: at, callId, agentId });
      }
      at += 20 * SEC;
    }
    const transfer = random();
    if (transfer < 0.3) {
      const mode = transfer < 0.15 ? 'cold' : 'warm';
      events.push({ type: 'call.transferred', ts: at, callId, agentId, toQueue: 'tech', mode });
      if (mode === 'cold') t.cold += 1;
      else t.warm += 1;
      t.handled += 1;
      t.handleSumMs += at - answered;
      events.push({ type: 'call.ended', ts: at + 3 * MIN, callId });
    } else {
      events.push({ type: 'call.ended', ts: at, callId, agentId });
      t.handled += 1;
      t.handleSumMs += at - answered;
    }
  }
  return { events: events.sort((a, b) => a.ts - b.ts), tally };
}

const tallyOf = (tally: Map<string, Tally>, id: string): Tally => tally.get(id)!;

describe("each agent's day", () => {
  it.each([1, 2, 3, 4, 5])('counts what a scripted day of calls says each agent did (seed %i)', (seed) => {
    const { events, tally } = scriptedDay(seed);
    const end = events.at(-1)!.ts + MIN;
    const today = todayOf(run(events), end);
    expect([...tally.values()].reduce((n, t) => n + t.missed, 0)).toBeGreaterThan(0); // the script misses checks
    for (const [id, t] of tally) {
      expect(today.get(id), id).toEqual({
        handled: t.handled,
        meanHandleMs: t.handled > 0 ? Math.round(t.handleSumMs / t.handled) : null,
        holds: t.holds,
        holdChecksMissed: t.missed,
        coldTransfers: t.cold,
        warmTransfers: t.warm,
        active: true,
      });
    }
  });

  it('a handle ends at the first transfer after the answer, whichever arrives first; a repeat counts once', () => {
    const call: EventInput[] = [
      login('a1', T0 - MIN),
      { type: 'call.queued', ts: T0, callId: 'c1', queue: 'billing' },
      { type: 'call.answered', ts: T0 + 10 * SEC, callId: 'c1', queue: 'billing', agentId: 'a1' },
    ];
    const end: EventInput = { type: 'call.ended', ts: T0 + 5 * MIN, callId: 'c1', agentId: 'a1' };
    const transfer: EventInput = { type: 'call.transferred', ts: T0 + 2 * MIN, callId: 'c1', agentId: 'a1', mode: 'warm', toQueue: 'tech' };
    const inOrder = todayOf(run([...call, transfer, end]), T0 + 6 * MIN).get('a1')!;
    const endFirst = todayOf(run([...call, end, transfer, end, transfer]), T0 + 6 * MIN).get('a1')!;
    expect(inOrder).toMatchObject({ handled: 1, meanHandleMs: 110 * SEC, warmTransfers: 1 });
    expect(endFirst).toEqual(inOrder);
    // The end before the answer: the handle is booked when the answer arrives.
    const answerLast = todayOf(run([call[0]!, call[1]!, end, call[2]!]), T0 + 6 * MIN).get('a1')!;
    expect(answerLast).toMatchObject({ handled: 1, meanHandleMs: 290 * SEC });
  });

  it('counts the checks overdue in a hold still open, live, and books them when it ends', () => {
    const held: EventInput[] = [
      login('a2', T0 - MIN),
      { type: 'call.queued', ts: T0, callId: 'c1', queue: 'billing' },
      { type: 'call.answered', ts: T0, callId: 'c1', queue: 'billing', agentId: 'a2' },
      { type: 'call.held', ts: T0 + MIN, callId: 'c1', agentId: 'a2' },
    ];
    const state = run(held);
    // 100 s into the hold: the checks due at 30, 60 and 90 s were not made.
    expect(todayOf(state, T0 + MIN + 100 * SEC).get('a2')).toMatchObject({ holds: 1, holdChecksMissed: 3 });
    const ended = run([...held, { type: 'call.resumed', ts: T0 + MIN + 100 * SEC, callId: 'c1', agentId: 'a2' }]);
    expect(todayOf(ended, T0 + 10 * MIN).get('a2')).toMatchObject({ holds: 1, holdChecksMissed: 3 });
  });

  it('starts again at local midnight, and says nothing of yesterday once midnight has passed', () => {
    const midnight = Date.UTC(2026, 10, 23, 16, 0, 0); // 2026-11-24 00:00 in Asia/Shanghai
    const day: EventInput[] = [
      login('a1', midnight - 10 * MIN),
      { type: 'call.queued', ts: midnight - 9 * MIN, callId: 'c1', queue: 'billing' },
      { type: 'call.answered', ts: midnight - 9 * MIN, callId: 'c1', queue: 'billing', agentId: 'a1' },
      { type: 'call.ended', ts: midnight - 5 * MIN, callId: 'c1', agentId: 'a1' },
    ];
    const state = run(day);
    expect(todayOf(state, midnight - MIN).get('a1')).toMatchObject({ handled: 1 });
    expect(todayOf(state, midnight + MIN).get('a1')).toMatchObject({ handled: 0, meanHandleMs: null, active: true });
    // A call that ends after midnight counts on the new day.
    const after = run([
      ...day,
      { type: 'call.queued', ts: midnight - MIN, callId: 'c2', queue: 'billing' },
      { type: 'call.answered', ts: midnight - MIN, callId: 'c2', queue: 'billing', agentId: 'a1' },
      { type: 'call.ended', ts: midnight + MIN, callId: 'c2', agentId: 'a1' },
    ]);
    expect(todayOf(after, midnight + 2 * MIN).get('a1')).toMatchObject({ handled: 1, meanHandleMs: 2 * MIN });
  });

  it('marks an agent logged off all day: offline since before today, with no figure today', () => {
    const yesterday = T0 - 24 * 3600_000;
    const state = run([
      login('gone', yesterday),
      { type: 'agent.state', ts: yesterday + 8 * 3600_000, agentId: 'gone', state: 'offline' },
      { type: 'agent.state', ts: T0 - 30 * MIN, agentId: 'gone', state: 'offline' }, // a repeat today is not a login
      { type: 'agent.state', ts: T0 - 20 * MIN, agentId: 'never', state: 'offline' },
      login('morning', T0 - 3 * 3600_000),
      { type: 'agent.state', ts: T0 - MIN, agentId: 'morning', state: 'offline' },
      login('now', T0),
    ]);
    const today = todayOf(state, T0 + MIN);
    expect([...today].map(([id, t]) => [id, t.active])).toEqual([
      ['gone', false],
      ['morning', true],
      ['never', false],
      ['now', true],
    ]);
  });

  it('remembers no more agents in a day than the agents limit', () => {
    const cfg = { ...config, limits: { ...config.limits, agents: 2 } };
    const transfers: EventInput[] = ['x1', 'x2', 'x3'].map((agentId, i) => ({
      type: 'call.transferred',
      ts: T0 + i * SEC,
      callId: `c${i}`,
      agentId,
      mode: 'cold',
    }));
    const state = run(transfers, cfg);
    expect([...state.agentDays!.agents.keys()]).toEqual(['x1', 'x2']);
  });

  it('keeps the pause reason with the time in pause; a new reason keeps the time, leaving the pause clears it', () => {
    const state = run([
      login('a1', T0),
      { type: 'agent.state', ts: T0 + MIN, agentId: 'a1', state: 'paused', reason: 'Lunch 13812345678' },
      { type: 'agent.state', ts: T0 + 2 * MIN, agentId: 'a1', state: 'paused', reason: 'Training' },
    ]);
    const row = toSnapshot(state, config, T0 + 3 * MIN).agentList[0]!;
    expect(row).toMatchObject({ state: 'paused', reason: 'Training', sinceTs: T0 + MIN });
    const masked = run([login('a1', T0), { type: 'agent.state', ts: T0 + MIN, agentId: 'a1', state: 'paused', reason: 'Lunch 13812345678' }]);
    expect(toSnapshot(masked, config, T0 + 3 * MIN).agentList[0]!.reason).toBe('Lunch 138****5678');
    const back = run([login('a1', T0), { type: 'agent.state', ts: T0 + MIN, agentId: 'a1', state: 'paused', reason: 'Lunch' }, login('a1', T0 + 4 * MIN)]);
    expect(toSnapshot(back, config, T0 + 5 * MIN).agentList[0]).toMatchObject({ state: 'available', reason: null, sinceTs: T0 + 4 * MIN });
  });
});
