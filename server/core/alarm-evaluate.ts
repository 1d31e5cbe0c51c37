// Which alarm transitions to write now: a pure function of the measurements, the active alarms of
// the replica, the server's clock and this node's memory (since when each condition has held, and
// the transitions it wrote that the replica has not shown yet). Every node evaluates, so a new
// lease holder's memory is warm; only the lease holder writes what this returns, and applies it
// when it reads it back, as every node does. An alarm active in the replica is never raised again,
// so a lease holder after a failover does not raise it twice.
import { alarmIdOf } from './alarm-id.js';
import type { Measurement } from './alarm-measure.js';
import type { AlarmLevel } from './alarm-rules.js';
import type { EventInput } from './events.js';
import type { Alarm } from '../contract/snapshot.js';
import type { AlarmSeverity } from '../contract/vocabulary.js';

export type AlarmTransition = Extract<EventInput, { type: 'alarm.raised' | 'alarm.acknowledged' | 'alarm.cleared' }>;

/** A transition this node wrote, until the replica shows it (or `PENDING_TTL_MS` passes: the write was lost). */
interface Pending {
  type: 'raised' | 'escalated' | 'cleared';
  alarmId: string;
  at: number;
}

/** This node's memory between evaluations; not shared, not stored: after a restart conditions are timed afresh. */
export interface AlarmMemory {
  /** rule, scope and severity → since when its raise condition has held. */
  raiseSince: Map<string, number>;
  /** Alarm id → since when its clear condition has held. */
  clearSince: Map<string, number>;
  /** rule and scope → the transition written and not yet read back. */
  pending: Map<string, Pending>;
}

/** After this long unseen, a written transition is taken as lost and the condition decides again. */
export const PENDING_TTL_MS = 10_000;

export function createAlarmMemory(): AlarmMemory {
  return { raiseSince: new Map(), clearSince: new Map(), pending: new Map() };
}

const keyOf = (rule: string, scope: string) => `${rule}\n${scope}`;

const reaches = (value: number, level: AlarmLevel, direction: Measurement['direction']) => (direction === 'above' ? value >= level.raise : value < level.raise);
const backPast = (value: number, level: AlarmLevel, direction: Measurement['direction']) => (direction === 'above' ? value <= level.clear : value >= level.clear);

/**
 * The transitions due now. Updates `memory` (the condition clocks; pending transitions the
 * replica now shows are forgotten). Call notePending() for those actually written.
 */
export function evaluateAlarms(measurements: readonly Measurement[], active: readonly Alarm[], memory: AlarmMemory, now: number): AlarmTransition[] {
  const activeByKey = new Map(active.map((a) => [keyOf(a.rule, a.scope), a]));
  forgetSeenPending(memory, activeByKey, now);
  const out: AlarmTransition[] = [];
  const touched = new Set<string>();
  const measured = new Set<string>();
  for (const m of measurements) {
    const key = keyOf(m.rule, m.scope);
    measured.add(key);
    const held = (severity: AlarmSeverity): AlarmLevel | null => {
      const level = m[severity];
      const clockKey = `${key}\n${severity}`;
      if (level === null || m.value === null || !reaches(m.value, level, m.direction)) return null;
      touched.add(clockKey);
      const since = memory.raiseSince.get(clockKey) ?? now;
      memory.raiseSince.set(clockKey, since);
      return now - since >= m.minMs ? level : null;
    };
    const critical = held('critical');
    const warning = held('warning');
    if (memory.pending.has(key)) continue;
    const alarm = activeByKey.get(key);
    if (!alarm) {
      const severity: AlarmSeverity | null = critical ? 'critical' : warning ? 'warning' : null;
      if (severity === null || m.value === null) continue;
      const alarmId = alarmIdOf(m.rule, m.scope, now);
      out.push({ type: 'alarm.raised', ts: now, alarmId, rule: m.rule, scope: m.scope, severity, value: m.value, threshold: (critical ?? warning)!.raise });
      continue;
    }
    if (alarm.severity === 'warning' && critical && m.value !== null) {
      out.push({ type: 'alarm.raised', ts: now, alarmId: alarm.id, rule: m.rule, scope: m.scope, severity: 'critical', value: m.value, threshold: critical.raise });
      continue;
    }
    // It clears once the value is back past the warning's clear level (the critical's, for a rule with no warning).
    const clearLevel = m.warning ?? m.critical;
    const clearing = m.value === null || clearLevel === null || backPast(m.value, clearLevel, m.direction);
    const transition = clearing ? clearAfter(alarm, m.minMs, m.value, memory, now) : null;
    if (!clearing) memory.clearSince.delete(alarm.id);
    if (transition) out.push(transition);
  }
  // An active alarm nothing measures any more (its rule turned off, its queue or source gone) clears now.
  for (const [key, alarm] of activeByKey) {
    if (measured.has(key) || memory.pending.has(key)) continue;
    const transition = clearAfter(alarm, 0, null, memory, now);
    if (transition) out.push(transition);
  }
  for (const clockKey of memory.raiseSince.keys()) if (!touched.has(clockKey)) memory.raiseSince.delete(clockKey);
  const activeIds = new Set(active.map((a) => a.id));
  for (const id of memory.clearSince.keys()) if (!activeIds.has(id)) memory.clearSince.delete(id);
  return out;
}

function clearAfter(alarm: Alarm, minMs: number, value: number | null, memory: AlarmMemory, now: number): AlarmTransition | null {
  const since = memory.clearSince.get(alarm.id) ?? now;
  memory.clearSince.set(alarm.id, since);
  if (now - since < minMs) return null;
  return value === null ? { type: 'alarm.cleared', ts: now, alarmId: alarm.id } : { type: 'alarm.cleared', ts: now, alarmId: alarm.id, value };
}

/** Remembers transitions this node wrote, so it does not write them again before it reads them back. */
export function notePending(memory: AlarmMemory, written: readonly AlarmTransition[], active: readonly Alarm[], now: number): void {
  for (const t of written) {
    if (t.type === 'alarm.raised') {
      const escalates = active.some((a) => a.id === t.alarmId);
      memory.pending.set(keyOf(t.rule, t.scope), { type: escalates ? 'escalated' : 'raised', alarmId: t.alarmId, at: now });
    } else if (t.type === 'alarm.cleared') {
      const alarm = active.find((a) => a.id === t.alarmId);
      if (alarm) memory.pending.set(keyOf(alarm.rule, alarm.scope), { type: 'cleared', alarmId: t.alarmId, at: now });
    }
  }
}

function forgetSeenPending(memory: AlarmMemory, activeByKey: ReadonlyMap<string, Alarm>, now: number): void {
  for (const [key, p] of memory.pending) {
    const alarm = activeByKey.get(key);
    const seen = p.type === 'raised' ? alarm !== undefined : p.type === 'escalated' ? alarm?.severity === 'critical' || alarm?.id !== p.alarmId : alarm?.id !== p.alarmId;
    if (seen || now - p.at > PENDING_TTL_MS) memory.pending.delete(key);
  }
}
