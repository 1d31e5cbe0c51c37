// The wire contract the server and the wallboard share (server/contract/): one view schema for
// REST and Socket.IO with its limits, one KPI status rule, and the list orders that both the
// core's snapshot and the client's applyDelta use.
import { describe, expect, it } from 'vitest';
import { applyDelta, diffSnapshot, LISTS } from '../../server/contract/delta.js';
import { kpiStatus, statusAgainst } from '../../server/contract/kpi-status.js';
import { parseView, parseViewQuery, VIEW_LIMITS, viewKey } from '../../server/contract/view.js';
import { apply } from '../../server/core/apply.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import type { EventInput } from '../../server/core/events.js';
import { toSnapshot } from '../../server/core/snapshot.js';
import { initialState } from '../../server/core/state.js';
import { entries, MIN, SEC, T0 } from '../support/entries.js';

describe('view schema', () => {
  it('accepts what a screen asks for and gives it one canonical key', () => {
    const parsed = parseView({ queues: ['vip', 'billing', 'vip'], team: 'A组', detail: true });
    expect(parsed).toEqual({ ok: true, view: { queues: ['vip', 'billing', 'vip'], team: 'A组', detail: true } });
    expect(viewKey(parsed.ok ? parsed.view : {})).toBe('q=billing,vip|t=A组|d=1');
    expect(parseView(undefined)).toEqual({ ok: true, view: {} });
  });

  it.each([
    ['an unknown field', { queues: [], colour: 'red' }, 'view'],
    ['an empty queue id', { queues: [''] }, 'queues.0'],
    ['a queue id past the limit', { queues: ['q'.repeat(VIEW_LIMITS.nameLength + 1)] }, 'queues.0'],
    ['more queues than the limit', { queues: Array.from({ length: VIEW_LIMITS.queues + 1 }, (_, i) => `q${i}`) }, 'queues'],
    ['a team name past the limit', { team: 't'.repeat(VIEW_LIMITS.nameLength + 1) }, 'team'],
    ['detail that is not a boolean', { detail: 'yes' }, 'detail'],
    ['a view that is not an object', 'billing', 'view'],
  ])('rejects %s with a reason naming the field', (_what, raw, field) => {
    const parsed = parseView(raw);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason.startsWith(`${field}:`), parsed.reason).toBe(true);
    if (!parsed.ok && field === 'view' && typeof raw === 'object') expect(parsed.reason).toContain('colour');
  });

  it('reads a query string through the same schema and limits', () => {
    expect(parseViewQuery({ queues: ' billing, ,tech ', team: 'B', detail: '1' })).toEqual({
      ok: true,
      view: { queues: ['billing', 'tech'], team: 'B', detail: true },
    });
    expect(parseViewQuery({ detail: 'no' })).toEqual({ ok: true, view: { detail: false } });
    const repeated = parseViewQuery({ queues: ['a', 'b'] });
    expect(repeated.ok ? null : repeated.reason).toContain('once');
    expect(parseViewQuery({ team: '' })).toMatchObject({ ok: false });
    const tooMany = Array.from({ length: VIEW_LIMITS.queues + 1 }, (_, i) => `q${i}`).join(',');
    const many = parseViewQuery({ queues: tooMany });
    expect(many.ok ? null : many.reason).toMatch(/^queues:/);
    expect(parseViewQuery({ queues: 'x'.repeat(VIEW_LIMITS.nameLength + 1) })).toMatchObject({ ok: false });
  });
});

describe('KPI status', () => {
  it.each([
    [null, 'noData'],
    [0.99, 'met'],
    [0.995, 'met'],
    [0.986, 'atRisk'],
    [0.985, 'atRisk'],
    [0.984, 'missed'],
  ] as const)('system connect rate %s against a target of 0.99 with a margin of 0.005: %s', (value, status) => {
    expect(kpiStatus(value, 0.99, 0.005)).toBe(status);
    expect(statusAgainst(value, 0.99, 0.985)).toBe(status);
  });
});

describe('list orders', () => {
  // A floor with several queues, held calls, agents and abandons, so every list has items to order.
  function floor() {
    const state = initialState();
    const inputs: EventInput[] = [
      { type: 'agent.state', ts: T0, agentId: 'a2', state: 'talking', team: 'B', queues: ['tech'] },
      { type: 'agent.state', ts: T0, agentId: 'a1', state: 'available', team: 'A', queues: ['billing'] },
      { type: 'call.queued', ts: T0, callId: 'c3', queue: 'tech' },
      { type: 'call.queued', ts: T0 + SEC, callId: 'c1', queue: 'billing' },
      { type: 'call.queued', ts: T0 + 2 * SEC, callId: 'c2', queue: 'billing' },
      { type: 'call.answered', ts: T0 + 5 * SEC, callId: 'c1', queue: 'billing', agentId: 'a1' },
      { type: 'call.answered', ts: T0 + 6 * SEC, callId: 'c3', queue: 'tech', agentId: 'a2' },
      { type: 'call.held', ts: T0 + 20 * SEC, callId: 'c3', agentId: 'a2' },
      { type: 'call.held', ts: T0 + 10 * SEC, callId: 'c1', agentId: 'a1' },
      { type: 'call.abandoned', ts: T0 + 30 * SEC, callId: 'c2', queue: 'billing' },
      { type: 'call.queued', ts: T0 + 20 * MIN, callId: 'c4', queue: 'vip' },
      { type: 'call.abandoned', ts: T0 + 21 * MIN, callId: 'c4', queue: 'vip' },
    ];
    for (const e of entries(inputs)) apply(state, e, DEFAULT_CORE_CONFIG);
    return toSnapshot(state, DEFAULT_CORE_CONFIG, T0 + 22 * MIN, { detail: true });
  }

  it('the core emits every list in the order the contract states', () => {
    const snap = floor();
    for (const key of Object.keys(LISTS) as (keyof typeof LISTS)[]) {
      const list = snap[key] as never[];
      expect(list.length, key).toBeGreaterThan(key === 'kpis' ? 6 : 1);
      expect([...list].sort(LISTS[key].compare as (a: never, b: never) => number), key).toEqual(list);
    }
    expect(snap.held.map((h) => h.callId)).toEqual(['c1', 'c3']);
    expect(snap.recentAbandons.map((r) => r.callId)).toEqual(['c4', 'c2']);
  });

  it('a client applying the deltas gets the snapshot the server holds, lists in order', () => {
    const empty = toSnapshot(initialState(), DEFAULT_CORE_CONFIG, T0 + 22 * MIN, { detail: true });
    const snap = floor();
    const delta = diffSnapshot(empty, snap, 1);
    expect(delta).not.toBeNull();
    expect(applyDelta(empty, delta!)).toEqual(snap);
  });
});
