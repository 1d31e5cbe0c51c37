// The alarms the replica knows: applied from the server's own alarm stream (keys.alarms), so every
// node, the checkpoint and a restart agree on them. Applying is deterministic and idempotent in the
// ways a failover needs: a raise for an alarm (or a rule and scope) already active counts once,
// unless it escalates a warning to critical; an acknowledgement or a clear that finds nothing to
// change changes nothing. The log keeps every active alarm and the last cleared ones.
import { z } from 'zod';
import type { AlarmEvent, EventOf } from './events.js';
import type { Alarm, AlarmsPart } from '../contract/snapshot.js';
import { ALARM_RULES, ALARM_SEVERITIES, type AlarmSeverity } from '../contract/vocabulary.js';

/** Every key of the server's alarm stream starts so (keys.alarms); a producer's stream never does. */
export const ALARM_STREAM_PREFIX = 'wallboard:alarms:';

/** Cleared alarms kept, newest cleared last; the active ones are kept whatever their number. */
export const CLEARED_ALARMS_KEPT = 200;
/** Cleared alarms older than this (by the latest alarm event's time) are dropped. */
const CLEARED_KEPT_MS = 24 * 3600_000;

/** An alarm as the checkpoint stores it. */
export const alarmRecordSchema = z.object({
  id: z.string(),
  rule: z.enum(ALARM_RULES),
  scope: z.string(),
  severity: z.enum(ALARM_SEVERITIES),
  value: z.number(),
  threshold: z.number(),
  raisedTs: z.number(),
  acknowledgedBy: z.string().nullable(),
  acknowledgedTs: z.number().nullable(),
  clearedTs: z.number().nullable(),
}) satisfies z.ZodType<Alarm>;

export interface AlarmsState {
  /** Active and recently cleared alarms, in the order they were raised. */
  alarms: Alarm[];
}

export function isAlarmStream(stream: string): boolean {
  return stream.startsWith(ALARM_STREAM_PREFIX);
}

const RANK: Record<AlarmSeverity, number> = { warning: 1, critical: 2 };

/** The active alarm of a rule and scope, if any. */
export function activeAlarmOf(state: AlarmsState, rule: Alarm['rule'], scope: string): Alarm | undefined {
  return state.alarms.find((a) => a.clearedTs === null && a.rule === rule && a.scope === scope);
}

export function applyAlarmEvent(state: AlarmsState, event: AlarmEvent): void {
  switch (event.type) {
    case 'alarm.raised':
      onRaised(state, event);
      break;
    case 'alarm.acknowledged': {
      const alarm = state.alarms.find((a) => a.id === event.alarmId && a.clearedTs === null);
      if (alarm && alarm.acknowledgedBy === null) {
        alarm.acknowledgedBy = event.by;
        alarm.acknowledgedTs = event.ts;
      }
      break;
    }
    case 'alarm.cleared': {
      const alarm = state.alarms.find((a) => a.id === event.alarmId && a.clearedTs === null);
      if (alarm) alarm.clearedTs = Math.max(event.ts, alarm.raisedTs);
      break;
    }
    default:
      assertNever(event);
  }
  prune(state, event.ts);
}

function onRaised(state: AlarmsState, event: EventOf<'alarm.raised'>): void {
  const same = state.alarms.find((a) => a.id === event.alarmId);
  if (same) {
    // An escalation of the active alarm; a raise repeated (or a lower one) changes nothing.
    if (same.clearedTs === null && RANK[event.severity] > RANK[same.severity]) {
      Object.assign(same, { severity: event.severity, value: event.value, threshold: event.threshold, acknowledgedBy: null, acknowledgedTs: null });
    }
    return;
  }
  // Two lease holders in a failover's overlap may each raise the same condition under another id.
  if (activeAlarmOf(state, event.rule, event.scope)) return;
  state.alarms.push({
    id: event.alarmId,
    rule: event.rule,
    scope: event.scope,
    severity: event.severity,
    value: event.value,
    threshold: event.threshold,
    raisedTs: event.ts,
    acknowledgedBy: null,
    acknowledgedTs: null,
    clearedTs: null,
  });
}

function prune(state: AlarmsState, now: number): void {
  const cleared = state.alarms.filter((a) => a.clearedTs !== null).sort((a, b) => a.clearedTs! - b.clearedTs!);
  const drop = new Set(cleared.slice(0, Math.max(0, cleared.length - CLEARED_ALARMS_KEPT)));
  for (const a of cleared) if (a.clearedTs! < now - CLEARED_KEPT_MS) drop.add(a);
  if (drop.size > 0) state.alarms = state.alarms.filter((a) => !drop.has(a));
}

/** The rules whose scope is a queue (or "floor"); the others are about a KPI or a source. */
const QUEUE_RULES: ReadonlySet<Alarm['rule']> = new Set(['longest-wait', 'waiting', 'service-level', 'no-agent', 'hold-check-overdue']);

/**
 * The snapshot's alarms: every active one, and the log of today (raised or cleared since
 * `dayStartTs`, or active). With `queues`, alarms about other queues are left out; those about
 * the floor, a KPI or a source are always in.
 */
export function alarmsPart(state: AlarmsState, dayStartTs: number, queues: ReadonlySet<string> | null): AlarmsPart {
  const shown = (a: Alarm) => queues === null || !QUEUE_RULES.has(a.rule) || a.scope === 'floor' || queues.has(a.scope);
  const newestFirst = (a: Alarm, b: Alarm) => b.raisedTs - a.raisedTs || (a.id < b.id ? -1 : 1);
  const today = state.alarms.filter((a) => shown(a) && (a.clearedTs === null || a.raisedTs >= dayStartTs || a.clearedTs >= dayStartTs)).map((a) => ({ ...a }));
  const log = today.sort(newestFirst).slice(0, CLEARED_ALARMS_KEPT);
  const active = today.filter((a) => a.clearedTs === null).sort((a, b) => RANK[b.severity] - RANK[a.severity] || newestFirst(a, b));
  return { active, log };
}

function assertNever(value: never): never {
  throw new Error(`unhandled alarm event ${JSON.stringify(value)}`);
}
