import { describe, expect, it } from 'vitest';
import { apply } from '../../server/core/apply.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import { kpiStatus } from '../../server/contract/kpi-status.js';
import { initialState, type State } from '../../server/core/state.js';
import { toSnapshot } from '../../server/core/snapshot.js';
import type { EventInput } from '../../server/core/events.js';
import { entries, MIN, SEC, T0 } from '../support/entries.js';

const config = DEFAULT_CORE_CONFIG;

function run(inputs: Parameters<typeof entries>[0]): State {
  const state = initialState();
  for (const e of entries(inputs)) apply(state, e, config);
  return state;
}

const talking: EventInput[] = [
  { type: 'agent.state', ts: T0 - MIN, agentId: 'a7', state: 'talking', team: 'A', name: '王芳', queues: ['billing'] },
  { type: 'call.queued', ts: T0 - MIN, callId: 'c1', queue: 'billing', tier: 'gold' },
  { type: 'call.answered', ts: T0 - 50 * SEC, callId: 'c1', queue: 'billing', agentId: 'a7' },
];

describe('the 30-second hold check', () => {
  it('lists a held call with its clock and restarts the clock on each check', () => {
    const state = run([
      ...talking,
      { type: 'call.held', ts: T0, callId: 'c1', agentId: 'a7' },
      { type: 'call.hold_check', ts: T0 + 25 * SEC, callId: 'c1', agentId: 'a7' },
    ]);
    const snap = toSnapshot(state, config, T0 + 40 * SEC);
    expect(snap.held).toEqual([
      {
        callId: 'c1',
        agentId: 'a7',
        queue: 'billing',
        heldSinceTs: T0,
        lastCheckTs: T0 + 25 * SEC,
        nextCheckDueTs: T0 + 55 * SEC,
        team: 'A',
        agentName: '王芳',
        tier: 'gold',
        checksMissed: 0,
      },
    ]);
    expect(snap.totals).toMatchObject({ holdChecksDue: 1, holdChecksOnTime: 1, holdCheckOnTimeRate: 1 });
  });

  it('counts a late check, and checks that fall due while the caller still waits on hold', () => {
    const state = run([
      ...talking,
      { type: 'call.held', ts: T0, callId: 'c1', agentId: 'a7' },
      { type: 'call.hold_check', ts: T0 + 45 * SEC, callId: 'c1', agentId: 'a7' }, // due at 30 s: late
    ]);
    expect(toSnapshot(state, config, T0 + 50 * SEC).totals).toMatchObject({ holdChecksDue: 1, holdChecksOnTime: 0 });
    // 45 s + 30 s = 75 s due; at 100 s one more has fallen due, unmade.
    const later = toSnapshot(state, config, T0 + 100 * SEC);
    expect(later.totals).toMatchObject({ holdChecksDue: 2, holdChecksOnTime: 0, holdCheckOnTimeRate: 0 });
    expect(later.held[0]!.checksMissed).toBe(2);
  });

  it('clears the held call on resume and books the checks it missed', () => {
    const state = run([
      ...talking,
      { type: 'call.held', ts: T0, callId: 'c1', agentId: 'a7' },
      { type: 'call.hold_check', ts: T0 + 20 * SEC, callId: 'c1', agentId: 'a7' },
      { type: 'call.resumed', ts: T0 + 85 * SEC, callId: 'c1', agentId: 'a7' }, // due at 50 s and 80 s passed
    ]);
    const snap = toSnapshot(state, config, T0 + 2 * MIN);
    expect(snap.held).toEqual([]);
    expect(snap.totals).toMatchObject({ holdChecksDue: 3, holdChecksOnTime: 1 });
  });

  it('ignores a check delivered after the hold already ended', () => {
    const state = run([
      ...talking,
      { type: 'call.held', ts: T0, callId: 'c1', agentId: 'a7' },
      { type: 'call.resumed', ts: T0 + 20 * SEC, callId: 'c1', agentId: 'a7' },
      { type: 'call.hold_check', ts: T0 + 10 * SEC, callId: 'c1', agentId: 'a7' },
    ]);
    expect(toSnapshot(state, config, T0 + MIN).held).toEqual([]);
  });
});

describe('agents', () => {
  it('counts agents by state with their time in state, ignoring a late older state', () => {
    const state = run([
      { type: 'agent.state', ts: T0, agentId: 'a1', state: 'available', team: 'A', queues: ['billing', 'tech'] },
      { type: 'agent.state', ts: T0, agentId: 'a2', state: 'talking', team: 'B', queues: ['tech'], vip: true },
      { type: 'agent.state', ts: T0 + 10 * SEC, agentId: 'a1', state: 'acw' },
      { type: 'agent.state', ts: T0 + 5 * SEC, agentId: 'a1', state: 'paused' },
    ]);
    const snap = toSnapshot(state, config, T0 + MIN);
    expect(snap.agents).toMatchObject({ available: 0, acw: 1, talking: 1, paused: 0 });
    expect(snap.agentList.find((a) => a.id === 'a1')).toMatchObject({ state: 'acw', sinceTs: T0 + 10 * SEC, team: 'A' });
    expect(snap.queues.find((q) => q.id === 'tech')!.agents).toMatchObject({ acw: 1, talking: 1 });
    const teamB = toSnapshot(state, config, T0 + MIN, { team: 'B' });
    expect(teamB.agentList.map((a) => a.id)).toEqual(['a2']);
    expect(teamB.queues.map((q) => q.id)).toEqual(['tech']);
  });
});

describe('satisfaction, first-contact resolution and complaints', () => {
  it('averages survey scores once per call and rates resolution among calls that report it', () => {
    const state = run([
      { type: 'call.ended', ts: T0, callId: 'c1', resolved: true },
      { type: 'call.ended', ts: T0, callId: 'c2', resolved: false },
      { type: 'call.ended', ts: T0, callId: 'c3' },
      { type: 'survey.submitted', ts: T0 + MIN, callId: 'c1', score: 90 },
      { type: 'survey.submitted', ts: T0 + MIN, callId: 'c2', score: 70 },
      { type: 'survey.submitted', ts: T0 + 2 * MIN, callId: 'c2', score: 10 }, // a resubmission
    ]);
    const snap = toSnapshot(state, config, T0 + 3 * MIN);
    expect(snap.totals).toMatchObject({ satisfaction: 80, surveys: 2, firstContactResolution: 0.5 });
  });

  it('rates complaint replies by their deadline, counting overdue open ones as missed', () => {
    const state = run([
      { type: 'complaint.opened', ts: T0, complaintId: 'k1', dueTs: T0 + 10 * MIN },
      { type: 'complaint.opened', ts: T0, complaintId: 'k2', dueTs: T0 + 10 * MIN },
      { type: 'complaint.opened', ts: T0, complaintId: 'k3', dueTs: T0 + 30 * MIN },
      { type: 'complaint.opened', ts: T0, complaintId: 'k4', dueTs: T0 + 60 * MIN },
      { type: 'complaint.replied', ts: T0 + 5 * MIN, complaintId: 'k1' },
      { type: 'complaint.replied', ts: T0 + 40 * MIN, complaintId: 'k3' },
    ]);
    // At 45 min: k1 on time, k3 late, k2 overdue and open, k4 not yet due.
    const snap = toSnapshot(state, config, T0 + 45 * MIN);
    expect(snap.totals).toMatchObject({ complaintReplyRate: 1 / 3, complaintsOpen: 2, complaintsOverdue: 1, complaintsRepliedToday: 2 });
    expect(snap.kpis.find((k) => k.id === 'complaintReply')).toMatchObject({ status: 'missed', sample: 3 });
  });
});

describe('KPI status', () => {
  it.each([
    [0.99, 0.99, 0.005, 'met'],
    [0.987, 0.99, 0.005, 'atRisk'],
    [0.98, 0.99, 0.005, 'missed'],
    [null, 0.85, 0.03, 'noData'],
    [86, 85, 3, 'met'],
    [81.5, 85, 3, 'missed'],
  ] as const)('value %s against target %s (margin %s) is %s', (value, target, margin, status) => {
    expect(kpiStatus(value, target, margin)).toBe(status);
  });

  it('reports the six hotline KPIs and the hold-check rate with the handbook targets', () => {
    const snap = toSnapshot(initialState(), config, T0);
    expect(snap.kpis.map((k) => [k.id, k.target, k.status])).toEqual([
      ['systemConnect', 0.99, 'noData'],
      ['agentConnect', 0.85, 'noData'],
      ['vipConnect', 0.9, 'noData'],
      ['satisfaction', 85, 'noData'],
      ['complaintReply', 1, 'noData'],
      ['firstContactResolution', 0.9, 'noData'],
      ['holdCheckOnTime', 0.95, 'noData'],
    ]);
  });
});

describe('a messy feed', () => {
  it('applies an entry once however often it is delivered', () => {
    const state = initialState();
    const list = entries([
      { type: 'call.queued', ts: T0, callId: 'c1', queue: 'billing' },
      { type: 'call.answered', ts: T0 + SEC, callId: 'c1', queue: 'billing', agentId: 'a1' },
    ]);
    for (const e of [...list, ...list, list[0]!]) apply(state, e, config);
    expect(state.ingest).toMatchObject({ applied: 2, duplicates: 3 });
    expect(toSnapshot(state, config, T0 + MIN).totals).toMatchObject({ queued: 1, answered: 1 });
  });

  it('does not double count a producer that sends the same event twice under new entry IDs', () => {
    const state = run([
      { type: 'call.queued', ts: T0, callId: 'c1', queue: 'billing' },
      { type: 'call.queued', ts: T0, callId: 'c1', queue: 'billing' },
      { type: 'call.answered', ts: T0 + SEC, callId: 'c1', queue: 'billing', agentId: 'a1' },
      { type: 'call.answered', ts: T0 + SEC, callId: 'c1', queue: 'billing', agentId: 'a1' },
      { type: 'call.transferred', ts: T0 + MIN, callId: 'c1', agentId: 'a1', mode: 'cold' },
      { type: 'call.transferred', ts: T0 + MIN, callId: 'c1', agentId: 'a1', mode: 'cold' },
    ]);
    expect(toSnapshot(state, config, T0 + 2 * MIN).totals).toMatchObject({ queued: 1, answered: 1, coldTransfers: 1 });
  });

  it('clamps an event time that runs ahead of Redis, so a fast clock cannot open tomorrow', () => {
    const state = run([{ type: 'call.queued', ts: T0 + 20 * 3600_000, callId: 'c1', queue: 'billing', appendedAt: T0 }]);
    expect(state.ingest.clockSkewed).toBe(1);
    const snap = toSnapshot(state, config, T0 + MIN);
    expect(snap.day).toBe('2026-11-23');
    expect(snap.totals).toMatchObject({ queued: 1, waiting: 1, longestWaitMs: MIN });
  });

  it('drops counts of a day already closed but keeps the current state right', () => {
    const midnight = Date.UTC(2026, 10, 23, 16, 0, 0);
    const state = run([
      { type: 'call.queued', ts: midnight + MIN, callId: 'c1', queue: 'billing' },
      { type: 'call.arrived', ts: midnight - MIN, callId: 'old', appendedAt: midnight + 2 * MIN },
    ]);
    expect(state.ingest.lateDropped).toBe(1);
    expect(toSnapshot(state, config, midnight + 3 * MIN).totals).toMatchObject({ arrived: 1, queued: 1 });
  });
});
