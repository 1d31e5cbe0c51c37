// The shared snapshot frame against the direct per-view computation (the oracle): over random
// floors (agents in teams serving overlapping queues, calls waiting, answered, held, transferred
// and abandoned, complaints) and random views, every view projected from one frame equals the
// snapshot computed for it alone, whatever the order the views are asked in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { apply } from '../../server/core/apply.js';
import { diffSnapshot } from '../../server/contract/delta.js';
import { createRememberingCompare } from '../../server/realtime/remembering-compare.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import type { EventInput } from '../../server/core/events.js';
import { snapshotFrame, toSnapshot } from '../../server/core/snapshot.js';
import { initialState, type State } from '../../server/core/state.js';
import type { View } from '../../server/contract/view.js';
import { AGENT_STATES } from '../../server/contract/vocabulary.js';
import { entries, MIN, SEC, T0 } from '../support/entries.js';
import { directSnapshot } from './snapshot-oracle.js';

const config = {
  ...DEFAULT_CORE_CONFIG,
  shortAbandonMs: 3 * SEC,
  recentAbandonsKept: 5,
  // Two queues with their own names and thresholds, the others on the floor-wide ones.
  queues: { billing: { name: { zh: '账务查询', en: 'Billing enquiries' }, serviceLevelMs: 15 * SEC, serviceLevelTarget: 0.9 }, vip: { shortAbandonMs: 10 * SEC } },
};
const QUEUES = ['billing', 'tech', 'vip', 'roaming'];
const TEAMS = ['A', 'B', 'C'];

const agentArb = fc.record({
  team: fc.option(fc.constantFrom(...TEAMS), { nil: undefined }),
  queues: fc.array(fc.constantFrom(...QUEUES), { maxLength: 4 }),
  state: fc.constantFrom(...AGENT_STATES),
  at: fc.integer({ min: 0, max: 3 * 3600 * SEC }),
});

const callArb = fc.record({
  start: fc.integer({ min: 0, max: 3 * 3600 * SEC }),
  queue: fc.constantFrom(...QUEUES, 'nobody-serves'),
  tier: fc.constantFrom('standard', 'silver', 'gold', 'diamond'),
  fate: fc.constantFrom('waiting', 'answered', 'abandoned', 'held', 'transferred', 'ended'),
  wait: fc.integer({ min: 0, max: 90 * SEC }),
  agent: fc.nat(9),
  toQueue: fc.constantFrom(...QUEUES),
});

const complaintArb = fc.record({ at: fc.integer({ min: 0, max: 3 * 3600 * SEC }), replyAfter: fc.option(fc.integer({ min: 0, max: 4 * 3600 * SEC }), { nil: null }) });

type Agent = typeof agentArb extends fc.Arbitrary<infer T> ? T : never;
type Call = typeof callArb extends fc.Arbitrary<infer T> ? T : never;
type Complaint = typeof complaintArb extends fc.Arbitrary<infer T> ? T : never;

function agentEvents(a: Agent, i: number): EventInput[] {
  return [{ type: 'agent.state', ts: T0 + a.at, agentId: `a${i}`, state: a.state, name: `Agent ${i}`, queues: a.queues, ...(a.team ? { team: a.team } : {}) }];
}

function callEvents(c: Call, i: number): EventInput[] {
  const callId = `c${i}`;
  const agentId = `a${c.agent}`;
  const t = T0 + c.start;
  const out: EventInput[] = [
    { type: 'call.arrived', ts: t, callId, tier: c.tier },
    { type: 'call.queued', ts: t + SEC, callId, queue: c.queue, tier: c.tier },
  ];
  const at = t + SEC + c.wait;
  if (c.fate === 'waiting') return out;
  if (c.fate === 'abandoned') return [...out, { type: 'call.abandoned', ts: at, callId, queue: c.queue }];
  out.push({ type: 'call.answered', ts: at, callId, queue: c.queue, agentId });
  if (c.fate === 'held') out.push({ type: 'call.held', ts: at + 5 * SEC, callId, agentId }, { type: 'call.hold_check', ts: at + 40 * SEC, callId, agentId });
  if (c.fate === 'transferred') {
    out.push({ type: 'call.held', ts: at + 5 * SEC, callId, agentId });
    out.push({ type: 'call.transferred', ts: at + 9 * SEC, callId, agentId, toQueue: c.toQueue, mode: 'warm' });
    out.push({ type: 'call.held', ts: at + 20 * SEC, callId, agentId: `a${(c.agent + 1) % 10}` });
  }
  if (c.fate === 'ended') out.push({ type: 'call.ended', ts: at + 60 * SEC, callId, resolved: i % 2 === 0 });
  return out;
}

function complaintEvents(c: Complaint, i: number): EventInput[] {
  const complaintId = `k${i}`;
  const opened: EventInput = { type: 'complaint.opened', ts: T0 + c.at, complaintId, dueTs: T0 + c.at + 2 * 3600 * SEC };
  return c.replyAfter === null ? [opened] : [opened, { type: 'complaint.replied', ts: T0 + c.at + c.replyAfter, complaintId }];
}

function floor(agents: Agent[], calls: Call[], complaints: Complaint[], percent = 100): State {
  const events = [...agents.flatMap(agentEvents), ...calls.flatMap(callEvents), ...complaints.flatMap(complaintEvents)].sort((a, b) => a.ts - b.ts);
  const state = initialState();
  for (const e of entries(events.slice(0, Math.floor((events.length * percent) / 100)))) apply(state, e, config);
  return state;
}

const viewArb: fc.Arbitrary<View> = fc.record(
  {
    queues: fc.array(fc.constantFrom(...QUEUES, 'nobody-serves', 'unknown', 'tech\nvip'), { maxLength: 5 }),
    team: fc.constantFrom(...TEAMS, 'no-such-team'),
    detail: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('the shared snapshot frame', () => {
  it('projects every view exactly as the direct per-view computation does', () => {
    fc.assert(
      fc.property(
        fc.array(agentArb, { maxLength: 10 }),
        fc.array(callArb, { maxLength: 40 }),
        fc.array(complaintArb, { maxLength: 6 }),
        fc.array(viewArb, { minLength: 1, maxLength: 8 }),
        // From the middle of the traffic to past local midnight (a new day with nothing in it).
        fc.integer({ min: 0, max: 20 * 3600 * SEC }),
        (agents, calls, complaints, views, later) => {
          const state = floor(agents, calls, complaints);
          const now = T0 + 30 * MIN + later;
          const frame = snapshotFrame(state, config, now);
          // The all-queues view too, asked in the middle, so caches filled by one view serve the next.
          for (const view of [...views, {}, ...views]) expect(frame.view(view)).toStrictEqual(directSnapshot(state, config, now, view));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same deltas between frames with remembered fingerprints and list changes as with fresh ones', () => {
    fc.assert(
      fc.property(
        fc.array(agentArb, { maxLength: 8 }),
        fc.array(callArb, { maxLength: 30 }),
        fc.array(viewArb, { minLength: 1, maxLength: 6 }),
        fc.integer({ min: 0, max: 99 }),
        (agents, calls, views, percent) => {
          const remembered = createRememberingCompare();
          const now = T0 + 3 * 3600 * SEC;
          const before = snapshotFrame(floor(agents, calls, [], percent), config, now);
          const after = snapshotFrame(floor(agents, calls, []), config, now + SEC);
          for (const view of [...views, {}]) {
            const prev = before.view(view);
            const next = after.view(view);
            expect(diffSnapshot(prev, next, 1, remembered)).toStrictEqual(diffSnapshot(prev, next, 1));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('shares row objects between views, so a push fingerprints each once', () => {
    const state = floor(
      [
        { team: 'A', queues: ['billing', 'tech'], state: 'available', at: 0 },
        { team: 'B', queues: ['tech'], state: 'talking', at: 0 },
      ],
      [{ start: 60 * SEC, queue: 'tech', tier: 'standard', fate: 'held', wait: 5 * SEC, agent: 0, toQueue: 'billing' }],
      [],
    );
    const frame = snapshotFrame(state, config, T0 + 10 * MIN);
    const all = frame.view({});
    const tech = frame.view({ queues: ['tech'] });
    const teamA = frame.view({ team: 'A' });
    expect(tech.queues[0]).toBe(all.queues.find((q) => q.id === 'tech'));
    expect(teamA.agentList[0]).toBe(all.agentList[0]);
    expect(tech.held[0]).toBe(all.held[0]);
    expect(toSnapshot(state, config, T0 + 10 * MIN, { team: 'A' })).toStrictEqual(teamA);
  });
});
