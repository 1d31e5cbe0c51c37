import { describe, expect, it } from 'vitest';
import { apply } from '../../server/core/apply.js';
import { DEFAULT_CORE_CONFIG, type CoreConfig } from '../../server/core/core-config.js';
import { initialState, type State } from '../../server/core/state.js';
import { toSnapshot } from '../../server/core/snapshot.js';
import type { EventInput } from '../../server/core/events.js';
import { entries, MIN, SEC, T0 } from '../support/entries.js';

const config = DEFAULT_CORE_CONFIG;
// The event tables below keep one call a line, its events side by side (prettier-ignore).

function run(inputs: Parameters<typeof entries>[0], cfg: CoreConfig = config): State {
  const state = initialState();
  for (const e of entries(inputs)) apply(state, e, cfg);
  return state;
}

const arrive = (callId: string, ts: number, tier?: 'standard' | 'silver' | 'gold' | 'diamond'): EventInput => ({
  type: 'call.arrived',
  ts,
  callId,
  ...(tier ? { tier } : {}),
});
const queued = (callId: string, ts: number, queue = 'billing'): EventInput => ({ type: 'call.queued', ts, callId, queue });
const answered = (callId: string, ts: number, queue = 'billing', agentId = 'a1'): EventInput => ({ type: 'call.answered', ts, callId, queue, agentId });
const abandoned = (callId: string, ts: number, queue = 'billing'): EventInput => ({ type: 'call.abandoned', ts, callId, queue });

describe('queue counters', () => {
  it('counts a call through arrival, queue and answer with its wait', () => {
    const state = run([arrive('c1', T0), queued('c1', T0 + SEC), answered('c1', T0 + 16 * SEC)]);
    const snap = toSnapshot(state, config, T0 + MIN);
    expect(snap.totals).toMatchObject({ arrived: 1, blocked: 0, systemConnectRate: 1, queued: 1, answered: 1, abandoned: 0, waiting: 0 });
    expect(snap.totals.asaMs).toBe(15 * SEC);
    expect(snap.totals.serviceLevel).toBe(1);
    expect(snap.queues).toEqual([expect.objectContaining({ id: 'billing', queued: 1, answered: 1, agentConnectRate: 1, asaMs: 15 * SEC })]);
  });

  it('shows waiting callers and the longest wait now', () => {
    const state = run([queued('c1', T0), queued('c2', T0 + 10 * SEC), queued('c3', T0 + 5 * SEC, 'tech')]);
    const snap = toSnapshot(state, config, T0 + 40 * SEC);
    expect(snap.totals.waiting).toBe(3);
    expect(snap.totals.longestWaitMs).toBe(40 * SEC);
    expect(snap.queues.map((q) => [q.id, q.waiting, q.longestWaitMs])).toEqual([
      ['billing', 2, 40 * SEC],
      ['tech', 1, 35 * SEC],
    ]);
  });

  it('splits the connect rate by tier: standard in agentConnectRate, silver/gold/diamond in vipConnectRate', () => {
    // prettier-ignore
    const state = run([
      arrive('s1', T0), queued('s1', T0), answered('s1', T0 + SEC),
      arrive('s2', T0), queued('s2', T0), abandoned('s2', T0 + 30 * SEC),
      arrive('v1', T0, 'gold'), queued('v1', T0), answered('v1', T0 + SEC),
      arrive('v2', T0, 'diamond'), queued('v2', T0), answered('v2', T0 + SEC),
      arrive('v3', T0, 'silver'), queued('v3', T0), abandoned('v3', T0 + 40 * SEC),
    ]);
    const snap = toSnapshot(state, config, T0 + MIN);
    expect(snap.totals.agentConnectRate).toBe(0.5);
    expect(snap.totals.vipConnectRate).toBeCloseTo(2 / 3);
    // Per queue, every tier counts.
    expect(snap.queues[0]!.agentConnectRate).toBe(3 / 5);
  });

  it('leaves abandons shorter than the threshold out of the rates but still counts them', () => {
    const cfg = { ...config, shortAbandonMs: 5 * SEC };
    // prettier-ignore
    const state = run([
      queued('c1', T0), abandoned('c1', T0 + 2 * SEC),
      queued('c2', T0), abandoned('c2', T0 + 10 * SEC),
      queued('c3', T0), answered('c3', T0 + 30 * SEC),
    ], cfg);
    const snap = toSnapshot(state, cfg, T0 + MIN);
    expect(snap.totals.abandoned).toBe(2);
    expect(snap.totals.shortAbandoned).toBe(1);
    expect(snap.totals.agentConnectRate).toBe(0.5);
    expect(snap.totals.serviceLevel).toBe(0); // answered after 30 s > 20 s threshold
  });

  it('counts blocked calls against the system connect rate', () => {
    // prettier-ignore
    const state = run([
      arrive('c1', T0), { type: 'call.blocked', ts: T0, callId: 'c1', reason: 'trunks busy' },
      arrive('c2', T0), arrive('c3', T0), arrive('c4', T0),
    ]);
    expect(toSnapshot(state, config, T0).totals).toMatchObject({ arrived: 4, blocked: 1, systemConnectRate: 0.75 });
  });

  it('settles an answer delivered before its queueing on the same counts as in order', () => {
    const inOrder = run([arrive('c1', T0), queued('c1', T0 + SEC), answered('c1', T0 + 25 * SEC)]);
    const reversed = run([answered('c1', T0 + 25 * SEC), queued('c1', T0 + SEC), arrive('c1', T0)]);
    const a = toSnapshot(inOrder, config, T0 + MIN);
    const b = toSnapshot(reversed, config, T0 + MIN);
    expect(b.totals).toEqual(a.totals);
    expect(b.queues).toEqual(a.queues);
    expect(b.totals.serviceLevel).toBe(0);
  });

  it('treats a call that ends while waiting as an abandon, unless a late answer says otherwise', () => {
    const hungUp = run([queued('c1', T0), { type: 'call.ended', ts: T0 + 9 * SEC, callId: 'c1' }]);
    expect(toSnapshot(hungUp, config, T0 + MIN).totals).toMatchObject({ waiting: 0, abandoned: 1, answered: 0 });
    const lateAnswer = run([queued('c1', T0), { type: 'call.ended', ts: T0 + 90 * SEC, callId: 'c1' }, answered('c1', T0 + 9 * SEC)]);
    expect(toSnapshot(lateAnswer, config, T0 + 2 * MIN).totals).toMatchObject({ waiting: 0, abandoned: 0, answered: 1 });
  });

  it('counts a transferred call as an offer in each queue it waited in', () => {
    // prettier-ignore
    const state = run([
      queued('c1', T0, 'billing'), answered('c1', T0 + 5 * SEC, 'billing'),
      { type: 'call.transferred', ts: T0 + MIN, callId: 'c1', agentId: 'a1', toQueue: 'tech', mode: 'cold' },
      queued('c1', T0 + MIN, 'tech'), answered('c1', T0 + MIN + 5 * SEC, 'tech', 'a2'),
      queued('c2', T0), answered('c2', T0 + SEC),
      { type: 'call.transferred', ts: T0 + 2 * MIN, callId: 'c2', agentId: 'a1', toAgentId: 'a3', mode: 'warm' },
    ]);
    const snap = toSnapshot(state, config, T0 + 3 * MIN);
    expect(snap.totals).toMatchObject({ queued: 3, answered: 3, coldTransfers: 1, warmTransfers: 1 });
    expect(snap.queues.map((q) => [q.id, q.queued])).toEqual([
      ['billing', 2],
      ['tech', 1],
    ]);
  });

  it('fills 15-minute intraday buckets and the rolling 15-minute window', () => {
    // prettier-ignore
    const state = run([
      queued('c1', T0 + 2 * MIN), answered('c1', T0 + 2 * MIN + 5 * SEC),
      queued('c2', T0 + 20 * MIN), abandoned('c2', T0 + 21 * MIN),
      queued('c3', T0 + 29 * MIN), answered('c3', T0 + 29 * MIN + 10 * SEC),
    ]);
    const snap = toSnapshot(state, config, T0 + 30 * MIN);
    expect(snap.intraday).toMatchObject([
      { queue: null, startTs: T0, offered: 1, answered: 1, abandoned: 0, serviceLevel: 1, standardAnswered: 1, standardHandled: 1 },
      { queue: null, startTs: T0 + 15 * MIN, offered: 2, answered: 1, abandoned: 1, serviceLevel: 0.5, standardHandled: 2 },
    ]);
    expect(snap.window15m).toMatchObject({ offered: 2, answered: 1, abandoned: 1, serviceLevel: 0.5 });
    const detail = toSnapshot(state, config, T0 + 30 * MIN, { detail: true });
    expect(detail.intraday.filter((b) => b.queue === 'billing')).toHaveLength(2);
  });

  it('keeps the parts of each KPI per interval, so the history of the targets can be drawn', () => {
    // prettier-ignore
    const state = run([
      arrive('c1', T0 + MIN, 'gold'), queued('c1', T0 + MIN), answered('c1', T0 + MIN + 5 * SEC),
      { type: 'call.held', ts: T0 + 2 * MIN, callId: 'c1', agentId: 'a1' },
      { type: 'call.hold_check', ts: T0 + 2 * MIN + 40 * SEC, callId: 'c1', agentId: 'a1' },
      { type: 'call.ended', ts: T0 + 16 * MIN, callId: 'c1', resolved: true },
      { type: 'survey.submitted', ts: T0 + 17 * MIN, callId: 'c1', score: 90 },
      arrive('c2', T0 + 20 * MIN), { type: 'call.blocked', ts: T0 + 20 * MIN, callId: 'c2' },
      { type: 'complaint.opened', ts: T0, complaintId: 'k1', dueTs: T0 + 10 * MIN },
      { type: 'complaint.opened', ts: T0, complaintId: 'k2', dueTs: T0 + 40 * MIN },
      { type: 'complaint.replied', ts: T0 + 18 * MIN, complaintId: 'k2' },
    ]);
    const [first, second] = toSnapshot(state, config, T0 + 25 * MIN).intraday;
    expect(first).toMatchObject({
      startTs: T0,
      arrived: 1,
      vipAnswered: 1,
      vipHandled: 1,
      holdChecksDue: 1,
      holdChecksOnTime: 0,
      complaintsDue: 1,
      complaintsRepliedOnTime: 0,
    });
    expect(second).toMatchObject({
      startTs: T0 + 15 * MIN,
      arrived: 1,
      blocked: 1,
      resolved: 1,
      endedWithResolution: 1,
      surveys: 1,
      surveyScoreSum: 90,
      complaintsDue: 1,
      complaintsRepliedOnTime: 1,
    });
  });

  it('starts a new day at local midnight and keeps the callers still waiting', () => {
    const midnight = Date.UTC(2026, 10, 23, 16, 0, 0); // 2026-11-24 00:00 Asia/Shanghai
    // prettier-ignore
    const state = run([
      queued('c1', midnight - 5 * MIN), answered('c1', midnight - 4 * MIN),
      queued('c2', midnight - MIN),
      queued('c3', midnight + MIN),
    ]);
    const snap = toSnapshot(state, config, midnight + 2 * MIN);
    expect(snap.day).toBe('2026-11-24');
    expect(snap.totals).toMatchObject({ queued: 1, answered: 0, waiting: 2 });
    expect(snap.totals.longestWaitMs).toBe(3 * MIN);
    // A snapshot taken past midnight before any event of the new day shows empty counters.
    const quiet = run([queued('c1', midnight - 5 * MIN), answered('c1', midnight - 4 * MIN)]);
    expect(toSnapshot(quiet, config, midnight + MIN).totals).toMatchObject({ queued: 0, answered: 0 });
  });

  it('expires calls that never end, so they stop counting as waiting', () => {
    const cfg = { ...config, callExpiryMs: 30 * MIN };
    const state = run([queued('lost', T0), queued('c2', T0 + 45 * MIN), queued('c3', T0 + 47 * MIN)], cfg);
    const snap = toSnapshot(state, cfg, T0 + 48 * MIN);
    expect(snap.totals.waiting).toBe(2);
    expect(snap.totals.expired).toBe(1);
    expect(snap.totals.queued).toBe(snap.totals.waiting + snap.totals.answered + snap.totals.abandoned + snap.totals.expired);
  });
});
