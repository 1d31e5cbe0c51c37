// call.exited: a caller who left the queue unanswered without hanging up (Asterisk's
// EXITWITHTIMEOUT, EXITEMPTY, EXITWITHKEY). The exit closes that wait and counts as not
// connected; the call itself goes on and may queue again or end later.
import { describe, expect, it } from 'vitest';
import { apply } from '../../server/core/apply.js';
import { DEFAULT_CORE_CONFIG, type CoreConfig } from '../../server/core/core-config.js';
import { decode, encode, type EventInput } from '../../server/core/events.js';
import { initialState, type State } from '../../server/core/state.js';
import { toSnapshot } from '../../server/core/snapshot.js';
import { entries, MIN, SEC, T0 } from '../support/entries.js';

const config = DEFAULT_CORE_CONFIG;

function run(inputs: Parameters<typeof entries>[0], cfg: CoreConfig = config): State {
  const state = initialState();
  for (const e of entries(inputs)) apply(state, e, cfg);
  return state;
}
const at = (state: State, ts = T0 + 10 * MIN, cfg: CoreConfig = config) => toSnapshot(state, cfg, ts);

const arrive = (callId: string, ts: number, tier: 'standard' | 'gold' = 'standard'): EventInput => ({ type: 'call.arrived', ts, callId, tier });
const queued = (callId: string, ts: number, queue = 'billing'): EventInput => ({ type: 'call.queued', ts, callId, queue });
const answered = (callId: string, ts: number, queue = 'billing'): EventInput => ({ type: 'call.answered', ts, callId, queue, agentId: 'a1' });
const abandoned = (callId: string, ts: number, queue = 'billing'): EventInput => ({ type: 'call.abandoned', ts, callId, queue });
const exited = (callId: string, ts: number, queue = 'billing', reason?: 'timeout' | 'empty' | 'key'): EventInput => ({
  type: 'call.exited',
  ts,
  callId,
  queue,
  ...(reason ? { reason } : {}),
});
const ended = (callId: string, ts: number): EventInput => ({ type: 'call.ended', ts, callId });

describe('call.exited on the wire', () => {
  it('needs callId and queue; reason is optional and one of timeout, empty, key', () => {
    const fields = encode({ type: 'call.exited', ts: T0, callId: 'c1', queue: 'billing', reason: 'timeout' });
    expect(fields).toEqual({ v: '1', type: 'call.exited', ts: String(T0), callId: 'c1', queue: 'billing', reason: 'timeout' });
    expect(decode(fields)).toMatchObject({ ok: true, event: { type: 'call.exited', reason: 'timeout' } });
    expect(decode({ v: '1', type: 'call.exited', ts: String(T0), callId: 'c1', queue: 'billing' })).toMatchObject({ ok: true });
    for (const reason of ['empty', 'key']) expect(decode({ ...fields, reason })).toMatchObject({ ok: true, event: { reason } });
    const unknownReason = decode({ ...fields, reason: 'voicemail' });
    expect(unknownReason.ok).toBe(false);
    expect(!unknownReason.ok && unknownReason.reason).toMatch(/^field "reason": /);
    expect(decode({ v: '1', type: 'call.exited', ts: String(T0), callId: 'c1' })).toEqual({ ok: false, reason: 'missing field "queue"' });
  });
});

describe('counting exits', () => {
  it('counts an exit per queue and in totals, apart from abandons, and ends only the wait', () => {
    // prettier-ignore
    const state = run([
      arrive('c1', T0), queued('c1', T0 + SEC), exited('c1', T0 + 61 * SEC, 'billing', 'timeout'),
      // The dialplan sends the caller on to another queue, where an agent answers.
      queued('c1', T0 + 62 * SEC, 'tech'), answered('c1', T0 + 70 * SEC, 'tech'), ended('c1', T0 + 5 * MIN),
      arrive('c2', T0), queued('c2', T0 + SEC), answered('c2', T0 + 5 * SEC),
    ]);
    const snap = at(state);
    expect(snap.totals).toMatchObject({ arrived: 2, queued: 3, answered: 2, abandoned: 0, exited: 1, waiting: 0, expired: 0 });
    expect(snap.queues.map((q) => [q.id, q.queued, q.answered, q.abandoned, q.exited])).toEqual([
      ['billing', 2, 1, 0, 1],
      ['tech', 1, 1, 0, 0],
    ]);
    // The call was not over at the exit: the end four minutes later is not an abandon of anything.
    expect(snap.recentAbandons).toEqual([]);
  });

  it('leaves the call open: its end while it waits again is an abandon of that second wait', () => {
    const state = run([queued('c1', T0), exited('c1', T0 + 30 * SEC), queued('c1', T0 + 31 * SEC, 'tech'), ended('c1', T0 + 50 * SEC)]);
    expect(at(state).totals).toMatchObject({ queued: 2, exited: 1, abandoned: 1, waiting: 0 });
  });

  it('an end after the exit, with no wait open, abandons nothing', () => {
    const state = run([queued('c1', T0), exited('c1', T0 + 30 * SEC, 'billing', 'key'), ended('c1', T0 + 3 * MIN)]);
    expect(at(state).totals).toMatchObject({ queued: 1, exited: 1, abandoned: 0, waiting: 0 });
  });

  it('stops the caller counting as waiting, and the longest wait no longer includes them', () => {
    const state = run([queued('c1', T0), queued('c2', T0 + 20 * SEC), exited('c1', T0 + 40 * SEC, 'billing', 'empty')]);
    const snap = at(state, T0 + MIN);
    expect(snap.totals).toMatchObject({ waiting: 1, longestWaitMs: 40 * SEC, exited: 1 });
    expect(snap.queues[0]).toMatchObject({ waiting: 1, oldestQueuedTs: T0 + 20 * SEC });
  });

  it('counts an exit as not connected in the connect rates and the service level, but not in ASA', () => {
    // prettier-ignore
    const state = run([
      arrive('s1', T0), queued('s1', T0), answered('s1', T0 + 10 * SEC),
      arrive('s2', T0), queued('s2', T0), exited('s2', T0 + 2 * SEC),
      arrive('s3', T0), queued('s3', T0), abandoned('s3', T0 + 30 * SEC),
      arrive('v1', T0, 'gold'), queued('v1', T0), answered('v1', T0 + 4 * SEC),
      arrive('v2', T0, 'gold'), queued('v2', T0), exited('v2', T0 + 90 * SEC, 'billing', 'timeout'),
    ]);
    const snap = at(state);
    expect(snap.totals.agentConnectRate).toBeCloseTo(1 / 3); // s1 of s1, s2, s3
    expect(snap.totals.vipConnectRate).toBe(0.5);
    expect(snap.totals.serviceLevel).toBeCloseTo(2 / 5);
    expect(snap.totals.asaMs).toBe(7 * SEC); // the answered calls' waits only
    expect(snap.queues[0]).toMatchObject({ agentConnectRate: 2 / 5, serviceLevel: 2 / 5, asaMs: 7 * SEC, exited: 2 });
    const kpi = (id: string) => snap.kpis.find((k) => k.id === id)!;
    expect(kpi('agentConnect')).toMatchObject({ sample: 3 });
    expect(kpi('vipConnect')).toMatchObject({ sample: 2, value: 0.5 });
  });

  it('keeps a short exit in the rates: the short-abandon threshold is for abandons only', () => {
    const cfg = { ...config, shortAbandonMs: 5 * SEC };
    // prettier-ignore
    const state = run([
      queued('c1', T0), exited('c1', T0 + 2 * SEC, 'billing', 'empty'),
      queued('c2', T0), abandoned('c2', T0 + 2 * SEC),
      queued('c3', T0), answered('c3', T0 + 3 * SEC),
    ], cfg);
    const snap = at(state, T0 + MIN, cfg);
    expect(snap.totals).toMatchObject({ exited: 1, abandoned: 1, shortAbandoned: 1, agentConnectRate: 0.5, serviceLevel: 0.5 });
  });

  it('counts exits in the 15-minute buckets, per queue in detail, and in the rolling window', () => {
    // prettier-ignore
    const state = run([
      arrive('c1', T0 + MIN, 'gold'), queued('c1', T0 + MIN), exited('c1', T0 + 20 * MIN, 'billing', 'timeout'),
      queued('c2', T0 + 2 * MIN), answered('c2', T0 + 2 * MIN + 5 * SEC),
      queued('c3', T0 + 25 * MIN, 'tech'), exited('c3', T0 + 26 * MIN, 'tech'),
    ]);
    const snap = at(state, T0 + 30 * MIN);
    expect(snap.intraday).toMatchObject([
      { queue: null, startTs: T0, offered: 2, answered: 1, exited: 0, standardHandled: 1, vipHandled: 0 },
      { queue: null, startTs: T0 + 15 * MIN, offered: 1, answered: 0, exited: 2, standardHandled: 1, vipHandled: 1, serviceLevel: 0 },
    ]);
    expect(snap.window15m).toMatchObject({ offered: 1, answered: 0, abandoned: 0, exited: 2, agentConnectRate: 0 });
    expect(snap.queues.map((q) => [q.id, q.window15m.exited])).toEqual([
      ['billing', 1],
      ['tech', 1],
    ]);
    const detail = toSnapshot(state, config, T0 + 30 * MIN, { detail: true });
    expect(detail.intraday.filter((b) => b.queue === 'tech').map((b) => b.exited)).toEqual([1]);
  });

  it('rebooks an exit when the call turns out to be VIP', () => {
    const state = run([queued('c1', T0), exited('c1', T0 + 30 * SEC), arrive('c1', T0 - SEC, 'gold')]);
    const snap = at(state);
    expect(snap.totals).toMatchObject({ exited: 1, agentConnectRate: null, vipConnectRate: 0 });
  });
});

describe('exits delivered late, twice or out of order', () => {
  it('applies the same stream entry once', () => {
    const state = initialState();
    const [q, x] = entries([queued('c1', T0), exited('c1', T0 + 30 * SEC)]);
    for (const e of [q!, x!, x!]) apply(state, e, config);
    expect(at(state).totals).toMatchObject({ queued: 1, exited: 1 });
    expect(state.ingest.duplicates).toBe(1);
  });

  it('counts an exit reported again under another entry ID once', () => {
    const state = run([queued('c1', T0), exited('c1', T0 + 30 * SEC, 'billing', 'timeout'), exited('c1', T0 + 30 * SEC, 'billing', 'timeout')]);
    expect(at(state).totals).toMatchObject({ queued: 1, exited: 1, waiting: 0 });
  });

  it('settles an exit delivered before its queueing on the numbers of the orderly feed', () => {
    const inOrder = run([arrive('c1', T0), queued('c1', T0 + SEC), exited('c1', T0 + 40 * SEC, 'billing', 'timeout')]);
    const reversed = run([exited('c1', T0 + 40 * SEC, 'billing', 'timeout'), queued('c1', T0 + SEC), arrive('c1', T0)]);
    expect(at(reversed).totals).toEqual(at(inOrder).totals);
    expect(at(reversed).queues).toEqual(at(inOrder).queues);
    expect(at(reversed).totals).toMatchObject({ queued: 1, exited: 1, waiting: 0 });
  });

  it('an exit delivered after the end overrides the abandon the end implied', () => {
    const inOrder = run([queued('c1', T0), exited('c1', T0 + 30 * SEC, 'billing', 'key'), ended('c1', T0 + 2 * MIN)]);
    const endFirst = run([queued('c1', T0), ended('c1', T0 + 2 * MIN), exited('c1', T0 + 30 * SEC, 'billing', 'key')]);
    expect(at(endFirst).totals).toEqual(at(inOrder).totals);
    expect(at(endFirst).totals).toMatchObject({ exited: 1, abandoned: 0 });
  });

  it('an answer after an exit in the same queue is a later wait (the caller was sent back), not a change of the first', () => {
    // As with an answer after an explicit abandon: the answer waits for its queueing, which fills it in.
    const answerFirst = run([queued('c1', T0), exited('c1', T0 + 30 * SEC), answered('c1', T0 + 80 * SEC)]);
    expect(at(answerFirst).totals).toMatchObject({ queued: 2, exited: 1, answered: 1, waiting: 0, asaMs: null });
    const requeueLate = run([queued('c1', T0), exited('c1', T0 + 30 * SEC), answered('c1', T0 + 80 * SEC), queued('c1', T0 + 35 * SEC)]);
    const inOrder = run([queued('c1', T0), exited('c1', T0 + 30 * SEC), queued('c1', T0 + 35 * SEC), answered('c1', T0 + 80 * SEC)]);
    expect(at(requeueLate).totals).toEqual(at(inOrder).totals);
    expect(at(inOrder).totals).toMatchObject({ queued: 2, exited: 1, answered: 1, asaMs: 45 * SEC });
  });

  it('a queueing after an exit in the same queue is a new wait, not a repeat of the one that ended', () => {
    const state = run([queued('c1', T0), exited('c1', T0 + 30 * SEC), queued('c1', T0 + 31 * SEC)]);
    expect(at(state, T0 + MIN).totals).toMatchObject({ queued: 2, exited: 1, waiting: 1, longestWaitMs: 29 * SEC });
  });

  it('an exit of a call never seen arriving counts it as unknown, like an abandon', () => {
    const state = run([exited('ghost', T0, 'billing', 'timeout')]);
    expect(state.ingest.unknownCalls).toBe(1);
    expect(at(state).totals).toMatchObject({ queued: 1, exited: 1, waiting: 0 });
  });
});
