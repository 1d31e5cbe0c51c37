// The alarm rules in the pure core: measured off a snapshot, evaluated with hysteresis (a raise
// level and a clear level apart, each condition held minMs), escalated from warning to critical,
// never raised twice while active, and applied to the replica's log the same way on every node.
import { describe, expect, it } from 'vitest';
import { applyAlarmEvent, alarmsPart, type AlarmsState } from '../../server/core/alarm-log.js';
import { createAlarmMemory, evaluateAlarms, notePending, PENDING_TTL_MS, type AlarmMemory, type AlarmTransition } from '../../server/core/alarm-evaluate.js';
import { measureAlarms, type Measurement } from '../../server/core/alarm-measure.js';
import { alarmRulesSchema, DEFAULT_FLOOR_ALARM_RULES, FLOOR_TOTAL_RULES, type AlarmRulesConfig } from '../../server/core/alarm-rules.js';
import { encode, decode, type AlarmEvent } from '../../server/core/events.js';
import { alertMessage, type MessageContext } from '../../server/alerts/alert-message.js';
import { factsOf } from '../../server/alerts/alarm-transition.js';
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

const idle = { available: 0, ringing: 0, talking: 0, hold: 0, acw: 0, paused: 0, offline: 0 };
/** The floor's totals as a snapshot has them. */
const floorOf = ({ waiting = 0, longestWaitMs = 0, offered = 0, serviceLevel = null as number | null, agents = {} }) => ({
  totals: { waiting, longestWaitMs },
  window15m: { offered, serviceLevel },
  agents: { ...idle, ...agents },
});

describe('measuring and the rules schema', () => {
  const queue = (id: string, extra: object) => ({
    id,
    waiting: 0,
    longestWaitMs: 0,
    window15m: { offered: 0, serviceLevel: null },
    agents: idle,
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
      ...floorOf({ waiting: 4, longestWaitMs: 42_500 }),
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

describe('alarms on the whole floor’s totals', () => {
  type FloorSnapshot = Parameters<typeof measureAlarms>[0];
  const queue = (id: string, waiting: number, longestWaitMs = 0) => ({
    id,
    waiting,
    longestWaitMs,
    window15m: { offered: 0, serviceLevel: null },
    agents: { ...idle, talking: 1 },
  });
  /** A floor of `n` queues, each with `each` callers waiting: the floor's totals add them up. */
  const floorSnapshot = (n: number, each: number, extra: Parameters<typeof floorOf>[0] = {}): FloorSnapshot =>
    ({
      queues: Array.from({ length: n }, (_, i) => queue(`q${i}`, each, each > 0 ? 30_000 : 0)),
      held: [],
      kpis: [],
      ...floorOf({ waiting: n * each, longestWaitMs: each > 0 ? 30_000 : 0, agents: { talking: n }, ...extra }),
    }) as unknown as FloorSnapshot;
  /** The floor-total measurements (the held calls of no queue share the scope: they are the queues' rule's). */
  const onFloor = (ms: Measurement[], rules: readonly string[] = FLOOR_TOTAL_RULES) =>
    Object.fromEntries(ms.filter((m) => m.scope === 'floor' && rules.includes(m.rule)).map((m) => [m.rule, m.value]));
  const rules = (input: unknown): AlarmRulesConfig => alarmRulesSchema.parse(input);

  it('measures the floor’s own totals, apart from the queues’: 50 queues of 3 callers are 150 waiting', () => {
    const all = rules({ floor: { waiting: {}, 'longest-wait': {} } });
    const ms = measureAlarms(floorSnapshot(50, 3, { waiting: 150, longestWaitMs: 95_000, offered: 40, serviceLevel: 0.55 }), all, T0);
    expect(onFloor(ms)).toEqual({ 'longest-wait': 95, waiting: 150, 'service-level': 0.55, 'no-agent': 0 });
    // Each queue's own rules are untouched: 3 callers is under the queues' 10.
    expect(ms.filter((m) => m.rule === 'waiting' && m.scope !== 'floor')).toHaveLength(50);
    expect(ms.find((m) => m.rule === 'waiting' && m.scope === 'floor')).toMatchObject({
      direction: 'above',
      warning: { raise: 30, clear: 20 },
      critical: { raise: 60, clear: 45 },
      minMs: 30_000,
    });
    expect(ms.find((m) => m.rule === 'service-level' && m.scope === 'floor')).toMatchObject({ direction: 'below', warning: { raise: 0.8, clear: 0.85 } });
  });

  it('by default: the floor’s service level and no-agent on, callers waiting and the longest wait off; false turns one off, {} on', () => {
    const snapshot = floorSnapshot(2, 3, { offered: 40, serviceLevel: 0.55 });
    expect(Object.keys(onFloor(measureAlarms(snapshot, {}, T0))).sort()).toEqual(['no-agent', 'service-level']);
    expect(Object.keys(onFloor(measureAlarms(snapshot, rules({ floor: { 'service-level': false, waiting: {} } }), T0))).sort()).toEqual(['no-agent', 'waiting']);
    // The queues' defaults ("rules") are not the floor's: turning the queues' service level off leaves the floor's on, and the reverse.
    expect(onFloor(measureAlarms(snapshot, rules({ rules: { 'service-level': false } }), T0))['service-level']).toBe(0.55);
    const floorOff = measureAlarms(snapshot, rules({ floor: { 'service-level': false } }), T0);
    expect(floorOff.filter((m) => m.rule === 'service-level').map((m) => m.scope)).toEqual(['q0', 'q1']);
    expect(measureAlarms(snapshot, { enabled: false, floor: { waiting: {} } }, T0)).toEqual([]);
  });

  it('the floor’s service level rests on minSample calls in its 15 minutes, and no-agent counts every agent of the floor', () => {
    const few = floorSnapshot(2, 0, { offered: 9, serviceLevel: 0.5 });
    expect(onFloor(measureAlarms(few, {}, T0))['service-level']).toBeNull();
    expect(onFloor(measureAlarms(few, rules({ floor: { 'service-level': { minSample: 9 } } }), T0))['service-level']).toBe(0.5);
    // Every agent of the floor paused or logged out: the floor's waiting callers wait for nobody.
    const nobody = floorSnapshot(3, 2, { agents: { talking: 0, paused: 4, offline: 9 } });
    expect(onFloor(measureAlarms(nobody, {}, T0))['no-agent']).toBe(6);
    for (const serving of ['available', 'ringing', 'talking', 'hold', 'acw'])
      expect(onFloor(measureAlarms(floorSnapshot(3, 2, { agents: { talking: 0, paused: 4, [serving]: 1 } }), {}, T0))['no-agent']).toBe(0);
  });

  it('a queue whose id is "floor" is not measured on its own: one measurement per rule on the floor scope', () => {
    const snapshot = floorSnapshot(1, 2, { waiting: 4 });
    (snapshot.queues as unknown[]).push(queue('floor', 2));
    const held = { callId: 'h', agentId: 'a', heldSinceTs: T0 - 90 * SEC, lastCheckTs: T0 - 45 * SEC, nextCheckDueTs: T0 - 15 * SEC };
    (snapshot as { held: unknown[] }).held = [
      { ...held, queue: 'floor' },
      { ...held, callId: 'h2', queue: null, nextCheckDueTs: T0 - 5 * SEC },
    ];
    const ms = measureAlarms(snapshot, rules({ floor: { waiting: {}, 'longest-wait': {} } }), T0);
    const keys = ms.map((m) => `${m.rule}:${m.scope}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(onFloor(ms, [...FLOOR_TOTAL_RULES, 'hold-check-overdue'])).toMatchObject({ waiting: 4, 'hold-check-overdue': 15 });
  });

  it('raises a floor-total alarm after minMs, escalates it, and clears it with hysteresis, as any threshold rule', () => {
    const n = node();
    const config = rules({ floor: { waiting: { minMs: 10 * SEC } } });
    const at = (s: number, waiting: number) => n.tick(measureAlarms(floorSnapshot(1, 0, { waiting }), config, T0 + s * SEC), T0 + s * SEC);
    expect(at(0, 35)).toEqual([]);
    expect(at(9, 35)).toEqual([]);
    const [raised] = at(10, 36);
    expect(raised).toEqual({
      type: 'alarm.raised',
      ts: T0 + 10 * SEC,
      alarmId: `waiting:floor:${T0 + 10 * SEC}`,
      rule: 'waiting',
      scope: 'floor',
      severity: 'warning',
      value: 36,
      threshold: 30,
    });
    // Between the clear (20) and raise (30) levels it stays; the critical level must hold 10 s too.
    expect(at(20, 25)).toEqual([]);
    expect(at(30, 70)).toEqual([]);
    expect(at(40, 70)).toEqual([expect.objectContaining({ type: 'alarm.raised', alarmId: raised!.alarmId, severity: 'critical', threshold: 60 })]);
    expect(at(50, 21)).toEqual([]);
    expect(at(60, 20)).toEqual([]);
    expect(at(70, 19)).toEqual([{ type: 'alarm.cleared', ts: T0 + 70 * SEC, alarmId: raised!.alarmId, value: 19 }]);
  });

  it('the floor’s service level raises below 80 % and clears at 85 %; a too-small sample lets it clear', () => {
    const n = node();
    const at = (s: number, serviceLevel: number, offered = 40) =>
      n.tick(measureAlarms(floorSnapshot(1, 0, { offered, serviceLevel }), rules({ floor: { 'no-agent': false } }), T0 + s * SEC), T0 + s * SEC);
    expect(at(0, 0.55)).toEqual([]);
    const [raised] = at(60, 0.55);
    expect(raised).toMatchObject({ rule: 'service-level', scope: 'floor', severity: 'critical', value: 0.55, threshold: 0.6 });
    expect(at(70, 0.84)).toEqual([]);
    expect(at(200, 0.84)).toEqual([]);
    expect(at(210, 0.85)).toEqual([]);
    expect(at(270, 0.9, 5)).toEqual([{ type: 'alarm.cleared', ts: T0 + 270 * SEC, alarmId: raised!.alarmId }]);
  });

  it('an active floor alarm clears at once when its floor rule is turned off', () => {
    const n = node();
    const snapshot = floorSnapshot(1, 0, { waiting: 99 });
    n.tick(measureAlarms(snapshot, rules({ floor: { waiting: { minMs: 0 } } }), T0), T0);
    expect(n.replica.alarms).toHaveLength(1);
    expect(n.tick(measureAlarms(snapshot, rules({ floor: { waiting: false } }), T0 + SEC), T0 + SEC)).toEqual([expect.objectContaining({ type: 'alarm.cleared' })]);
  });

  it('a view narrowed to some queues still shows the floor’s alarms', () => {
    const s: AlarmsState = { alarms: [] };
    applyAlarmEvent(s, {
      v: '1',
      type: 'alarm.raised',
      ts: T0,
      alarmId: 'waiting:floor:1',
      rule: 'waiting',
      scope: 'floor',
      severity: 'warning',
      value: 40,
      threshold: 30,
    });
    applyAlarmEvent(s, { v: '1', type: 'alarm.raised', ts: T0, alarmId: 'waiting:q9:1', rule: 'waiting', scope: 'q9', severity: 'warning', value: 12, threshold: 10 });
    expect(alarmsPart(s, 0, new Set(['q1'])).active.map((a) => a.id)).toEqual(['waiting:floor:1']);
  });

  it('an alert names a floor-total alarm as the whole floor, in both languages, even beside a queue whose id is "floor"', () => {
    const raised = {
      v: '1',
      type: 'alarm.raised',
      ts: T0,
      alarmId: `waiting:floor:${T0}`,
      rule: 'waiting',
      scope: 'floor',
      severity: 'warning',
      value: 150,
      threshold: 30,
    } as const;
    const ctx = (lang: MessageContext['lang']): MessageContext => ({
      lang,
      boardName: 'B',
      timeZone: 'Asia/Shanghai',
      scopeName: (s) => (s === 'floor' ? 'A queue' : undefined),
    });
    expect(alertMessage(raised, factsOf(raised), ctx('zh-CN')).title).toBe('【警告】告警：排队人数 — 全场');
    expect(alertMessage(raised, factsOf(raised), ctx('en')).title).toBe('[Warning] Alarm: Callers waiting — whole floor');
  });

  it('the schema checks the floor’s rules as the others, naming where, and takes only the floor-total rules', () => {
    const r = alarmRulesSchema.safeParse({
      floor: { waiting: { warning: { raise: 30, clear: 40 } }, 'service-level': { warning: { raise: 0.8, clear: 0.85 }, critical: { raise: 0.9, clear: 0.95 } } },
    });
    expect(r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      'floor.waiting.warning: clear must be at or below raise (hysteresis)',
      'floor.service-level.critical.raise: critical must be further gone than warning',
    ]);
    expect(alarmRulesSchema.safeParse({ floor: { 'kpi-missed': false } }).success).toBe(false);
    expect(alarmRulesSchema.safeParse({ floor: { 'hold-check-overdue': {} } }).success).toBe(false);
    expect(alarmRulesSchema.safeParse({ floor: { waiting: { minMs: -1 } } }).success).toBe(false);
    expect(alarmRulesSchema.parse({ floor: { waiting: false, 'no-agent': { critical: null } } })).toEqual({ floor: { waiting: false, 'no-agent': { critical: null } } });
    // Every default has its levels the right way round, so switching one on cannot write a bad rule.
    for (const [rule, d] of Object.entries(DEFAULT_FLOOR_ALARM_RULES))
      expect(alarmRulesSchema.safeParse({ floor: { [rule]: { warning: d.warning, critical: d.critical, minMs: d.minMs } } }).success).toBe(true);
  });
});
