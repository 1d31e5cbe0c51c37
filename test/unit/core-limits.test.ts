import { describe, expect, it } from 'vitest';
import { Aggregator, type RawEntry } from '../../server/aggregator.js';
import { servedQueuesOf, teamSizesOf } from '../../server/core/agents.js';
import { apply } from '../../server/core/apply.js';
import { restoreState, serializeCore, serializeState } from '../../server/core/checkpoint-codec.js';
import { DEFAULT_CORE_CONFIG, DEFAULT_LIMITS, type CoreConfig } from '../../server/core/core-config.js';
import { encode, type EventInput } from '../../server/core/events.js';
import { toSnapshot } from '../../server/core/snapshot.js';
import { initialState, type State } from '../../server/core/state.js';
import { entries, MIN, SEC, T0 } from '../support/entries.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const small: CoreConfig = { ...DEFAULT_CORE_CONFIG, limits: { queues: 3, agents: 3, teams: 2, complaints: 3 } };
type Input = EventInput & { appendedAt?: number };

function run(inputs: Input[], config = small, state: State = initialState()) {
  const results = entries(inputs).map((e) => apply(state, e, config));
  return { state, results, refused: results.flatMap((r) => (typeof r === 'object' ? [r.refused] : [])) };
}

const agent = (agentId: string, extra: Partial<EventInput & { type: 'agent.state' }> = {}, ts = T0): Input => ({
  type: 'agent.state',
  ts,
  agentId,
  state: 'available',
  ...extra,
});

describe('cardinality limits', () => {
  it('refuses an agent past the agents limit, with the reason, and keeps known agents working', () => {
    const { state, results, refused } = run([agent('a1'), agent('a2'), agent('a3'), agent('a4', {}, T0 + SEC), agent('a1', { state: 'paused' }, T0 + 2 * SEC)]);
    expect(results.map((r) => (typeof r === 'object' ? 'refused' : r))).toEqual(['applied', 'applied', 'applied', 'refused', 'applied']);
    expect(refused).toEqual(['agents limit reached: 3 agents known, new id "a4" refused']);
    expect([...state.agents.keys()]).toEqual(['a1', 'a2', 'a3']);
    expect(state.agents.get('a1')!.state).toBe('paused');
    expect(state.ingest).toMatchObject({ applied: 4, deadLettered: 1 });
    expect(state.cursors.get('wallboard:events')).toBe(`${T0 + 2 * SEC}-0`); // the refused entry was delivered
    expect(toSnapshot(state, small, T0 + 3 * SEC).limits).toEqual([{ kind: 'agents', max: 3, count: 3 }]);
  });

  it('counts a new queue an agent lists twice once against the queues limit', () => {
    const { refused, state } = run([agent('a1', { queues: ['q1', 'q2'] }), agent('a2', { queues: ['q3', 'q3'] }, T0 + SEC)]);
    expect(refused).toEqual([]);
    expect(toSnapshot(state, small, T0 + 2 * SEC).queues.map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);
  });

  it('refuses a new queue past the queues limit, whichever event names it, and counts known ones', () => {
    const { state, refused } = run([
      { type: 'call.queued', ts: T0, callId: 'c1', queue: 'q1' },
      agent('a1', { queues: ['q2', 'q3'] }),
      { type: 'call.queued', ts: T0 + SEC, callId: 'c2', queue: 'q4' },
      { type: 'call.answered', ts: T0 + 2 * SEC, callId: 'c1', queue: 'q5', agentId: 'a1' },
      agent('a2', { queues: ['q1', 'q6'] }, T0 + 3 * SEC),
      { type: 'call.queued', ts: T0 + 4 * SEC, callId: 'c3', queue: 'q3' },
      agent('a2', { queues: ['q1', 'q3'] }, T0 + 5 * SEC),
    ]);
    expect(refused).toEqual([
      'queues limit reached: 3 queues known, new id "q4" refused',
      'queues limit reached: 3 queues known, new id "q5" refused',
      'queues limit reached: 3 queues known, new id "q6" refused',
    ]);
    expect(state.calls.has('c2')).toBe(false);
    expect(toSnapshot(state, small, T0 + 6 * SEC).queues.map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);
    expect(toSnapshot(state, small, T0 + 6 * SEC).limits).toEqual([{ kind: 'queues', max: 3, count: 3 }]);
  });

  it('refuses a new team past the teams limit; moving an agent between known teams is fine', () => {
    const { state, refused } = run([
      agent('a1', { team: 'north' }),
      agent('a2', { team: 'south' }),
      agent('a3', { team: 'east' }),
      agent('a1', { team: 'south' }, T0 + SEC),
    ]);
    expect(refused).toEqual(['teams limit reached: 2 teams known, new id "east" refused']);
    expect(state.teamSizes).toEqual(new Map([['south', 2]]));
    // north emptied: a new team fits again.
    expect(run([agent('a3', { team: 'east' }, T0 + 2 * SEC)], small, state).refused).toEqual([]);
  });

  it('refuses a new complaint past the complaints limit, opened or replied, and lets a known one be replied', () => {
    const { state, refused } = run([
      { type: 'complaint.opened', ts: T0, complaintId: 'k1' },
      { type: 'complaint.opened', ts: T0, complaintId: 'k2' },
      { type: 'complaint.replied', ts: T0, complaintId: 'k3' },
      { type: 'complaint.opened', ts: T0 + SEC, complaintId: 'k4' },
      { type: 'complaint.replied', ts: T0 + SEC, complaintId: 'k5' },
      { type: 'complaint.replied', ts: T0 + 2 * SEC, complaintId: 'k1' },
    ]);
    expect(refused).toEqual(['complaints limit reached: 3 complaints known, new id "k4" refused', 'complaints limit reached: 3 complaints known, new id "k5" refused']);
    expect(state.complaints.get('k1')!.repliedTs).toBe(T0 + 2 * SEC);
  });

  it('says nothing below the limits', () => {
    const { state } = run([agent('a1', { team: 'north', queues: ['q1'] }), { type: 'complaint.opened', ts: T0, complaintId: 'k1' }]);
    expect(toSnapshot(state, small, T0).limits).toEqual([]);
  });

  it('refuses the same entries on every replay, in any batching and across a checkpoint', () => {
    const raw: RawEntry[] = [];
    for (let i = 0; i < 40; i++) {
      const ts = T0 + i * 10 * MIN;
      const input: EventInput =
        i % 3 === 0
          ? { type: 'agent.state', ts, agentId: `a${i % 7}`, state: i % 2 ? 'offline' : 'available', team: `t${i % 4}`, queues: [`q${i % 5}`] }
          : i % 3 === 1
            ? { type: 'call.queued', ts, callId: `c${i}`, queue: `q${i % 6}` }
            : { type: 'complaint.opened', ts, complaintId: `k${i % 9}` };
      raw.push({ stream: 's', id: `${ts}-0`, fields: encode(input) });
    }
    const whole = new Aggregator(small).applyBatch(raw).map((r) => `${r.id} ${r.reason}`);
    expect(whole.length).toBeGreaterThan(3);
    const split = new Aggregator(small);
    const halves = [...split.applyBatch(raw.slice(0, 17)), ...split.applyBatch(raw)];
    expect(halves.map((r) => `${r.id} ${r.reason}`)).toEqual(whole);
    const first = new Aggregator(small);
    const before = first.applyBatch(raw.slice(0, 23));
    const parts = first.checkpointParts();
    const restored = new Aggregator(small);
    restored.restore({ core: parts.core, calls: [...parts.calls.values()].flatMap((c) => (c === null ? [] : [c])) });
    const after = restored.applyBatch(raw.slice(23));
    expect([...before, ...after].map((r) => `${r.id} ${r.reason}`)).toEqual(whole);
  });

  it('has defaults a 5,000-agent centre does not reach', () => {
    expect(DEFAULT_CORE_CONFIG.limits).toEqual(DEFAULT_LIMITS);
    expect(DEFAULT_LIMITS).toEqual({ queues: 2000, agents: 20000, teams: 1000, complaints: 50000 });
  });
});

describe('forgetting', () => {
  it('forgets an agent offline for 12 hours, and one silent in any state for 24, at the sweep after', () => {
    const { state } = run(
      [
        agent('off', { state: 'offline', team: 'north', queues: ['q1'] }),
        agent('idle', { team: 'south', queues: ['q2'] }),
        agent('busy', { team: 'south', queues: ['q2'] }, T0 + 13 * HOUR),
      ],
      DEFAULT_CORE_CONFIG,
    );
    expect([...state.agents.keys()]).toEqual(['idle', 'busy']);
    expect(state.teamSizes).toEqual(new Map([['south', 2]]));
    expect(state.servedQueues).toEqual(new Map([['q2', 2]]));
    run([agent('busy', { state: 'talking' }, T0 + 24 * HOUR + MIN)], DEFAULT_CORE_CONFIG, state);
    expect([...state.agents.keys()]).toEqual(['busy']);
    expect(state.servedQueues).toEqual(new Map([['q2', 1]]));
  });

  it('makes room under the agents limit once agents are forgotten, at the sweep (once a minute of Redis time)', () => {
    const { state } = run([agent('a1', { state: 'offline' }), agent('a2', { state: 'offline' }), agent('a3', { state: 'offline' })]);
    expect(run([agent('a4', {}, T0 + HOUR)], small, state).refused).toHaveLength(1);
    // The entry that brings the sweep is judged before it; the next one finds the room.
    expect(run([agent('a5', {}, T0 + 13 * HOUR), agent('a5', {}, T0 + 13 * HOUR + SEC)], small, state).refused).toHaveLength(1);
    expect([...state.agents.keys()]).toEqual(['a5']);
  });

  it('keeps the derived team and queue indexes equal to the agents, after forgetting and after a restore', () => {
    const inputs: Input[] = [];
    for (let i = 0; i < 200; i++) {
      inputs.push(agent(`a${i % 30}`, { state: i % 5 === 0 ? 'offline' : 'available', team: `t${i % 7}`, queues: [`q${i % 4}`, `q${i % 9}`] }, T0 + i * 20 * MIN));
    }
    const { state } = run(inputs, DEFAULT_CORE_CONFIG);
    expect(state.teamSizes).toEqual(teamSizesOf(state.agents.values()));
    expect(state.servedQueues).toEqual(servedQueuesOf(state.agents.values()));
    const restored = restoreState(serializeCore(state), []);
    expect(restored.teamSizes).toEqual(state.teamSizes);
    expect(restored.servedQueues).toEqual(state.servedQueues);
  });

  it('forgets a complaint left open 90 days whatever its deadline, so far-future deadlines do not hold the limit for good', () => {
    const { state } = run([{ type: 'complaint.opened', ts: T0, complaintId: 'k1', dueTs: T0 + 3650 * DAY }], DEFAULT_CORE_CONFIG);
    // Complaints are let go when a day opens: a call's arrival opens it.
    const dayOpens = (ts: number): Input => ({ type: 'call.arrived', ts, callId: `c${ts}` });
    run([{ type: 'complaint.opened', ts: T0 + 89 * DAY, complaintId: 'k2' }, dayOpens(T0 + 89 * DAY)], DEFAULT_CORE_CONFIG, state);
    expect([...state.complaints.keys()]).toEqual(['k1', 'k2']);
    run([{ type: 'complaint.opened', ts: T0 + 91 * DAY, complaintId: 'k3' }, dayOpens(T0 + 91 * DAY)], DEFAULT_CORE_CONFIG, state);
    expect([...state.complaints.keys()]).toEqual(['k2', 'k3']);
  });

  it('bounds the checkpoint at the complaints limit: 50,000 with a far-future deadline, then refused', () => {
    const inputs: Input[] = Array.from({ length: DEFAULT_LIMITS.complaints + 1000 }, (_, i) => ({
      type: 'complaint.opened',
      ts: T0 + Math.floor(i / 10),
      complaintId: `complaint-${i}`,
      dueTs: 4_102_444_800_000, // 2100-01-01
    }));
    const { state, refused } = run(inputs, DEFAULT_CORE_CONFIG);
    expect(state.complaints.size).toBe(DEFAULT_LIMITS.complaints);
    expect(refused).toHaveLength(1000);
    const bytes = serializeState(state).length;
    console.info(`checkpoint with ${state.complaints.size} open complaints: ${(bytes / 1e6).toFixed(2)} MB`);
    expect(bytes).toBeLessThan(5_000_000);
  });
});

describe("today's stale unended calls", () => {
  it('does not show a call as waiting once its last event is older than the expiry, even when it was appended late', () => {
    // A producer catching up at 14:00 sends a call queued at 09:00 whose end never comes.
    const late = T0 + 5 * HOUR;
    const { state } = run(
      [
        { type: 'call.queued', ts: T0, callId: 'stale', queue: 'billing', appendedAt: late },
        { type: 'call.queued', ts: late - MIN, callId: 'fresh', queue: 'billing', appendedAt: late },
      ],
      DEFAULT_CORE_CONFIG,
    );
    const snap = toSnapshot(state, DEFAULT_CORE_CONFIG, late);
    expect(snap.totals).toMatchObject({ waiting: 1, longestWaitMs: MIN, oldestQueuedTs: late - MIN, queued: 2 });
    expect(snap.queues[0]).toMatchObject({ waiting: 1, longestWaitMs: MIN });
  });

  it('stops showing a live call as waiting at the expiry by the server clock, and expires it at the sweep of a later entry', () => {
    const { state } = run([{ type: 'call.queued', ts: T0, callId: 'c1', queue: 'billing' }], DEFAULT_CORE_CONFIG);
    const expiry = DEFAULT_CORE_CONFIG.callExpiryMs;
    expect(toSnapshot(state, DEFAULT_CORE_CONFIG, T0 + expiry).totals).toMatchObject({ waiting: 1, longestWaitMs: expiry });
    expect(toSnapshot(state, DEFAULT_CORE_CONFIG, T0 + expiry + SEC).totals).toMatchObject({ waiting: 0, longestWaitMs: 0, expired: 1 });
    run([agent('a1', {}, T0 + expiry + 2 * MIN)], DEFAULT_CORE_CONFIG, state);
    expect(state.calls.has('c1')).toBe(false);
    expect(toSnapshot(state, DEFAULT_CORE_CONFIG, T0 + expiry + 3 * MIN).totals).toMatchObject({ waiting: 0, expired: 1 });
  });

  it('does not show a call as held once its last event is older than the expiry, even when it was appended late', () => {
    const late = T0 + 5 * HOUR;
    const { state } = run(
      [
        { type: 'call.answered', ts: T0, callId: 'c1', queue: 'billing', agentId: 'a1', appendedAt: late },
        { type: 'call.held', ts: T0 + MIN, callId: 'c1', agentId: 'a1', appendedAt: late },
      ],
      DEFAULT_CORE_CONFIG,
    );
    expect(toSnapshot(state, DEFAULT_CORE_CONFIG, late).held).toEqual([]);
    expect(toSnapshot(state, DEFAULT_CORE_CONFIG, T0 + 2 * MIN).held).toHaveLength(1);
  });
});
