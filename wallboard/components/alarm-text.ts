// How an alarm reads on a screen: what it is about, in the floor's words, and its value against
// its level in the rule's unit (a wait as m:ss, callers as a count, a rate as a percentage).
import type { Alarm } from '../../server/contract/snapshot.js';
import type { AlarmRule } from '../../server/contract/vocabulary.js';
import type { I18n, MessageKey } from '../i18n/i18n.js';

const QUEUE_RULES: ReadonlySet<AlarmRule> = new Set(['longest-wait', 'waiting', 'service-level', 'no-agent', 'hold-check-overdue']);

/** The value in the rule's unit, formatted. */
export function alarmValue(rule: AlarmRule, value: number, i18n: I18n, scope = ''): string {
  switch (rule) {
    case 'longest-wait':
    case 'hold-check-overdue':
    case 'source-quiet':
      return i18n.duration(value * 1000);
    case 'waiting':
    case 'no-agent':
      return i18n.number(value);
    case 'service-level':
      return i18n.percent(value, 0);
    case 'kpi-missed':
      return scope === 'satisfaction' ? i18n.points(value) : i18n.percent(value, 1);
    default: {
      const never: never = rule;
      return never;
    }
  }
}

/** What the alarm is about: a queue's display name, the floor, a KPI or a PBX source. */
export function alarmScope(alarm: Alarm, i18n: I18n, names: Readonly<Record<string, string>>): string {
  if (alarm.scope === 'floor') return i18n.t('alarm.floor');
  if (QUEUE_RULES.has(alarm.rule)) return names[alarm.scope] ?? alarm.scope;
  if (alarm.rule === 'kpi-missed') return i18n.t(`kpi.${alarm.scope}` as MessageKey);
  return alarm.scope;
}

/** "Callers waiting 12 · limit 10". */
export function alarmLine(alarm: Alarm, i18n: I18n): string {
  const value = alarmValue(alarm.rule, alarm.value, i18n, alarm.scope);
  const threshold = alarmValue(alarm.rule, alarm.threshold, i18n, alarm.scope);
  return `${i18n.t(`alarm.rule.${alarm.rule}`)} ${value} · ${i18n.t('alarm.limit', { threshold })}`;
}

/** The worst severity of the active alarms about each queue. */
export function alarmsByQueue(active: readonly Alarm[]): ReadonlyMap<string, Alarm['severity']> {
  const out = new Map<string, Alarm['severity']>();
  for (const a of active) if (QUEUE_RULES.has(a.rule) && a.scope !== 'floor' && out.get(a.scope) !== 'critical') out.set(a.scope, a.severity);
  return out;
}
