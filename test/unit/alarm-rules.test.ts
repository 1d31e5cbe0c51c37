// The alarm rules in the pure core: measured off a snapshot, evaluated with hysteresis (a raise
// level and a clear level apart, each condition held minMs), escalated from warning to critical,
// never raised twice while active, and applied to the replica's log the same way on every node.
import { describe, expect, it } from 'vitest';
import { applyAlarmEvent, alarmsPart, type AlarmsState } from '../../server/core/alarm-log.js';
import { createAlarmMemory, evaluateAlarms, notePending, PENDING_TTL_MS, type AlarmMemory, type AlarmTransition } from '../../server/core/alarm-evaluate.js';
import { measureAlarms, type Measurement } from '../../server/core/alarm-measure.js';
import { alarmRulesSchema } from '../../server/core/alarm-rules.js';
import { encode, decode, type AlarmEvent } from '../../server/core/events.js';
import { T0 } from '../support/entries.js';

const SEC = 1000;
const waitRule = (value: number | null, minMs = 5 * SEC): Measurement => ({
  rule: 'longest-wait',
  scope: 'billing',
  value,
  direction: 'above',
  warning: { raise: 60, clear: 45 },
  critical: { raise: 120, clear: 90 },
  minMs,
});

/** A node: its replica of the alarms and its memory; what it writes it reads back at once. */
function node() {
  const replica: AlarmsState = { alarms: [] };
  const memory: AlarmMemory = createAlarmMemory();
  const written: AlarmTransition[] = [];
  return {
    replica,
    memory,
    written,
    tick(ms: readonly Measurement[], now: number, readBack = true): AlarmTransition[] {
      const out = evaluateAlarms(ms, alarmsPart(replica, 0, null).active, memory, now);
      notePending(memory, out, alarmsPart(replica, 0, null).active, now);
      written.push(...out);
      if (readBack) for (const t of out) readIn(replica, t);
      return out;
    },
  };
}

function readIn(replica: AlarmsState, t: AlarmTransition): void {
  const decoded = decode(encode(t));
  if (!decoded.ok) throw new Error(decoded.reason);
  applyAlarmEvent(replica, decoded.event as AlarmEvent);
}

describe('alarm evaluation', () => {
  it('raises only after the condition held minMs, with the level it crossed', () => {
    const n = node();
    expect(n.tick([waitRule(61)], T0)).toEqual([]);
    expect(n.tick([waitRule(64)], T0 + 4 * SEC)).toEqual([]);
    const [raised] = n.tick([waitRule(66)], T0 + 5 * SEC);
    expect(raised).toEqual({
      type: 'alarm.raised',
      ts: T0 + 5 * SEC,
      alarmId: `longest-wait:billing:${T0 + 5 * SEC}`,
      rule: 'longest-wait',
      scope: 'billing',
      severity: 'warning',
      value: 66,
      threshold: 60,
    });
    expect(n.replica.alarms).toHaveLength(1);
  });

  it('restarts the clock when the condition lapses before minMs (a spike does not raise)', () => {
    const n = node();
    n.tick([waitRule(70)], T0);
    n.tick([waitRule(59)], T0 + 3 * SEC);
    expect(n.tick([waitRule(70)], T0 + 6 * SEC)).toEqual([]);
    expect(n.tick([waitRule(70)], T0 + 10 * SEC)).toEqual([]);
    expect(n.tick([waitRule(70)], T0 + 11 * SEC)).toHaveLength(1);
  });

  it('does not flap between the raise and the clear level, and clears only after minMs below the clear level', () => {
    const n = node();
    n.tick([waitRule(61)], T0);
    n.tick([waitRule(61)], T0 + 5 * SEC);
    // Hovering between 45 and 60 keeps it raised however long.
    for (let s = 6; s < 120; s++) expect(n.tick([waitRule(s % 2 ? 50 : 58)], T0 + s * SEC)).toEqual([]);
    expect(n.tick([waitRule(40)], T0 + 120 * SEC)).toEqual([]);
    expect(n.tick([waitRule(44)], T0 + 124 * SEC)).toEqual([]);
    const [cleared] = n.tick([waitRule(30)], T0 + 125 * SEC);
    expect(cleared).toMatchObject({ type: 'alarm.cleared', alarmId: `longest-wait:billing:${T0 + 5 * SEC}`, value: 30 });
    expect(n.written.map((t) => t.type)).toEqual(['alarm.raised', 'alarm.cleared']);
    expect(n.replica.alarms[0]!.clearedTs).toBe(T0 + 125 * SEC);
  });

  it('escalates a warning to critical under the same id, clearing the acknowledgement', () => {
    const n = node();
    n.tick([waitRule(61, 0)], T0);
    const id = n.replica.alarms[0]!.id;
    readIn(n.replica, { type: 'alarm.acknowledged', ts: T0 + SEC, alarmId: id, by: 'lead1' });
    expect(n.replica.alarms[0]).toMatchObject({ acknowledgedBy: 'lead1', acknowledgedTs: T0 + SEC });
    const [up] = n.tick([waitRule(125, 0)], T0 + 2 * SEC);
    expect(up).toMatchObject({ type: 'alarm.raised', alarmId: id, severity: 'critical', threshold: 120, value: 125 });
    expect(n.replica.alarms).toEqual([expect.objectContaining({ id, severity: 'critical', raisedTs: T0, acknowledgedBy: null, acknowledgedTs: null })]);
    // Back between the levels: it stays critical (no step down), and clears below the warning's clear level.
    expect(n.tick([waitRule(80, 0)], T0 + 3 * SEC)).toEqual([]);
    expect(n.tick([waitRule(45, 0)], T0 + 4 * SEC)).toEqual([expect.objectContaining({ type: 'alarm.cleared', alarmId: id })]);
  });

  it('raises critical at once when the critical level held minMs before any raise', () => {
    const n = node();
    n.tick([waitRule(130)], T0);
    expect(n.tick([waitRule(130)], T0 + 5 * SEC)).toEqual([expect.objectContaining({ severity: 'critical', threshold: 120 })]);
  });

  it('does not write again while its write is pending, and decides again once it is taken as lost', () => {
    const n = node();
    expect(n.tick([waitRule(70, 0)], T0, false)).toHaveLength(1);
    expect(n.tick([waitRule(70, 0)], T0 + SEC, false)).toEqual([]);
    expect(n.tick([waitRule(70, 0)], T0 + PENDING_TTL_MS + 2 * SEC, false)).toHaveLength(1);
  });

  it('never raises an alarm the replica already holds active: a new lease holder after failover writes nothing', () => {
    const holder = node();
    const next = node();
    holder.tick([waitRule(70, 0)], T0);
    for (const t of holder.written) readIn(next.replica, t);
    expect(next.tick([waitRule(70, 0)], T0 + SEC)).toEqual([]);
    expect(next.tick([waitRule(130, 0)], T0 + 2 * SEC)).toEqual([expect.objectContaining({ severity: 'critical', alarmId: holder.written[0]!.alarmId })]);
  });

  it('clears an alarm whose rule or scope is no longer measured, and one with no data', () => {
    const n = node();
    n.tick([waitRule(70, 0)], T0);
    expect(n.tick([], T0 + SEC)).toEqual([expect.objectContaining({ type: 'alarm.cleared' })]);
    const m = node();
    m.tick([waitRule(70, 0)], T0);
    expect(m.tick([waitRule(null, 0)], T0 + SEC)).toEqual([{ type: 'alarm.cleared', ts: T0 + SEC, alarmId: m.written[0]!.alarmId }]);
  });

  it('treats a "below" rule the other way round', () => {
    const n = node();
    const sl = (value: number): Measurement => ({
      rule: 'service-level',
      scope: 'tech',
      value,
      direction: 'below',
      warning: { raise: 0.8, clear: 0.85 },
      critical: null,
      minMs: 0,
    });
    expect(n.tick([sl(0.8)], T0)).toEqual([]);
    expect(n.tick([sl(0.79)], T0 + SEC)).toEqual([expect.objectContaining({ severity: 'warning', value: 0.79, threshold: 0.8 })]);
    expect(n.tick([sl(0.84)], T0 + 2 * SEC)).toEqual([]);
    expect(n.tick([sl(0.85)], T0 + 3 * SEC)).toEqual([expect.objectContaining({ type: 'alarm.cleared' })]);
  });
});

describe('the alarm log', () => {
  const raise = (alarmId: string, scope: string, ts: number, severity: 'warning' | 'critical' = 'warning') =>
    ({ v: '1', type: 'alarm.raised', ts, alarmId, rule: 'waiting', scope, severity, value: 12, threshold: 10 }) as const;

  it('counts a raise of the same rule and scope under another id once (two holders in an overlap)', () => {
    const s: AlarmsState = { alarms: [] };
    applyAlarmEvent(s, raise('waiting:billing:1', 'billing', T0));
    applyAlarmEvent(s, raise('waiting:billing:2', 'billing', T0 + 1));
    applyAlarmEvent(s, raise('waiting:billing:1', 'billing', T0 + 2));
    expect(s.alarms.map((a) => a.id)).toEqual(['waiting:billing:1']);
  });

  it('acknowledges once and ignores acknowledgements and clears of what is not active', () => {
    const s: AlarmsState = { alarms: [] };
    applyAlarmEvent(s, raise('a', 'billing', T0));
    applyAlarmEvent(s, { v: '1', type: 'alarm.acknowledged', ts: T0 + 1, alarmId: 'a', by: 'lead1' });
    applyAlarmEvent(s, { v: '1', type: 'alarm.acknowledged', ts: T0 + 2, alarmId: 'a', by: 'lead2' });
    applyAlarmEvent(s, { v: '1', type: 'alarm.cleared', ts: T0 + 3, alarmId: 'a' });
    applyAlarmEvent(s, { v: '1', type: 'alarm.cleared', ts: T0 + 4, alarmId: 'a' });
    applyAlarmEvent(s, { v: '1', type: 'alarm.acknowledged', ts: T0 + 5, alarmId: 'nope', by: 'x' });
    expect(s.alarms).toEqual([expect.objectContaining({ id: 'a', acknowledgedBy: 'lead1', acknowledgedTs: T0 + 1, clearedTs: T0 + 3 })]);
  });

  it('keeps every active alarm and the last 200 cleared, newest first, and filters a view by its queues', () => {
    const s: AlarmsState = { alarms: [] };
    for (let i = 0; i < 250; i++) {
      applyAlarmEvent(s, raise(`x${i}`, `q${i}`, T0 + i));
      if (i >= 2) applyAlarmEvent(s, { v: '1', type: 'alarm.cleared', ts: T0 + i, alarmId: `x${i}` });
    }
    expect(s.alarms.filter((a) => a.clearedTs === null).map((a) => a.id)).toEqual(['x0', 'x1']);
    expect(s.alarms).toHaveLength(202);
    const part = alarmsPart(s, 0, null);
    expect(part.active.map((a) => a.id)).toEqual(['x1', 'x0']);
    expect(part.log[0]!.id).toBe('x249');
    expect(alarmsPart(s, 0, new Set(['q1'])).active.map((a) => a.id)).toEqual(['x1']);
  });
});

describe('measuring and the rules schema', () => {
  const queue = (id: string, extra: object) => ({
    id,
    waiting: 0,
    longestWaitMs: 0,
    window15m: { offered: 0, serviceLevel: null },
    agents: { available: 0, ringing: 0, talking: 0, hold: 0, acw: 0, paused: 0, offline: 0 },
    ...extra,
  });

  it('measures each queue rule, per-queue overrides and switches included', () => {
    const rules = alarmRulesSchema.parse({ queues: { vip: { 'longest-wait': { warning: { raise: 20, clear: 10 } }, waiting: false } } });
    const snapshot = {
      queues: [
        queue('billing', { waiting: 3, longestWaitMs: 42_500 }),
        queue('vip', { waiting: 1, longestWaitMs: 25_000, agents: { available: 0, ringing: 0, talking: 1, hold: 0, acw: 0, paused: 2, offline: 0 } }),
      ],
      held: [{ callId: 'c', agentId: 'a', queue: 'billing', heldSinceTs: T0 - 60 * SEC, lastCheckTs: T0 - 45 * SEC, nextCheckDueTs: T0 - 15 * SEC }],
      kpis: [],
    } as unknown as Parameters<typeof measureAlarms>[0];
    const ms = measureAlarms(snapshot, rules, T0);
    const get = (rule: string, scope: string) => ms.find((m) => m.rule === rule && m.scope === scope);
    expect(get('longest-wait', 'billing')).toMatchObject({ value: 42.5, warning: { raise: 60, clear: 45 } });
    expect(get('longest-wait', 'vip')).toMatchObject({ value: 25, warning: { raise: 20, clear: 10 }, critical: { raise: 120, clear: 90 } });
    expect(get('waiting', 'vip')).toBeUndefined();
    expect(get('no-agent', 'billing')!.value).toBe(3);
    expect(get('no-agent', 'vip')!.value).toBe(0);
    expect(get('hold-check-overdue', 'billing')!.value).toBe(15);
    expect(get('service-level', 'billing')!.value).toBeNull();
    expect(measureAlarms(snapshot, { enabled: false }, T0)).toEqual([]);
  });

  it('refuses a clear level on the wrong side of the raise level, naming where', () => {
    const r = alarmRulesSchema.safeParse({
      rules: { waiting: { warning: { raise: 5, clear: 8 } } },
      queues: { vip: { 'service-level': { warning: { raise: 0.9, clear: 0.8 } } } },
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'rules.waiting.warning: clear must be at or below raise (hysteresis)',
      'queues.vip.service-level.warning: clear must be at or above raise (hysteresis)',
    ]);
    expect(alarmRulesSchema.safeParse({ rules: { loud: {} } }).success).toBe(false);
  });
});
