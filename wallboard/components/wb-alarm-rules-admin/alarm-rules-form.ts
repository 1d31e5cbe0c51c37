// The alarm rules as a form: each rule's switch, levels and minimum time in the rule's own unit
// (seconds, a count, a percent), per-queue overrides, the whole floor's totals, and the checks the server's schema makes
// (server/core/alarm-rules.ts stays the authority; its tests hold this module to it). A form
// shows each rule as it is in force (the defaults filled in) and writes back only what differs
// from what it inherits, so a save restates nothing the server would decide anyway.

import {
  FLOOR_TOTAL_RULES,
  floorTotalRule,
  mergeThresholdRule,
  QUEUE_ALARM_RULES,
  type AlarmLevel,
  type FloorTotalDefault,
  type FloorTotalRule,
  type QueueAlarmRule,
  type ResolvedThresholdRule,
  type ThresholdSetting,
} from '../../../server/contract/alarm-rule-levels.js';
import { ALARM_SEVERITIES, type AlarmRule, type AlarmSeverity } from '../../../server/contract/vocabulary.js';

/** The rules with levels, in the form's order (kpi-missed has its own block). */
export const FLOOR_RULES = ['longest-wait', 'waiting', 'service-level', 'no-agent', 'hold-check-overdue', 'source-quiet'] as const satisfies readonly AlarmRule[];
export type ThresholdRuleName = (typeof FLOOR_RULES)[number];
/** The rules a queue may override. */
export const QUEUE_RULES = QUEUE_ALARM_RULES;
export type QueueRuleName = QueueAlarmRule;
/** The rules on the whole floor's totals (the rules' `floor`). */
export const FLOOR_TOTALS = FLOOR_TOTAL_RULES;
export type FloorTotalName = FloorTotalRule;
export const SEVERITIES = ALARM_SEVERITIES;
export type Severity = AlarmSeverity;

export type RuleUnit = 'seconds' | 'count' | 'percent';
/** What the admin types: the schema keeps a service level as a fraction, which the form shows in percent. */
export const RULE_UNIT: Readonly<Record<ThresholdRuleName, RuleUnit>> = {
  'longest-wait': 'seconds',
  waiting: 'count',
  'service-level': 'percent',
  'no-agent': 'count',
  'hold-check-overdue': 'seconds',
  'source-quiet': 'seconds',
};

/** The longest minimum time the schema takes, in seconds (24 h). */
export const MAX_MIN_SECONDS = 24 * 3600;
export const MAX_QUEUE_ID = 128;

// The wire shapes of GET/PUT /api/v1/alarm-rules (the schema lives in server/core, out of the browser's reach).
export type { AlarmLevel, FloorTotalDefault, ResolvedThresholdRule, ThresholdSetting };
export interface KpiSetting {
  severity?: Severity;
  minMs?: number;
  minSample?: number;
}
export interface AlarmRulesDoc {
  enabled?: boolean;
  rules?: Partial<Record<ThresholdRuleName, ThresholdSetting | false>> & { 'kpi-missed'?: KpiSetting | false };
  queues?: Record<string, Partial<Record<QueueRuleName, ThresholdSetting | false>>>;
  floor?: Partial<Record<FloorTotalName, ThresholdSetting | false>>;
}
/** The server's defaults, which the GET answer carries. */
export interface RuleDefaults {
  rules: Record<ThresholdRuleName, ResolvedThresholdRule>;
  kpi: Required<KpiSetting>;
  /** The floor's totals: their figures and whether each is on when not named. */
  floor: Record<FloorTotalName, FloorTotalDefault>;
}

// The form's values are strings, as the inputs hold them.
export interface LevelFields {
  raise: string;
  clear: string;
}
export interface ThresholdFields {
  warning: LevelFields;
  critical: LevelFields;
  /** Seconds. */
  minTime: string;
  minSample: string;
}
export interface FloorRuleFields extends ThresholdFields {
  on: boolean;
}
/** A queue's rule: as the floor's, off, or its own values. */
export type QueueRuleMode = 'inherit' | 'off' | 'own';
export interface QueueRuleFields extends ThresholdFields {
  mode: QueueRuleMode;
}
export interface QueueFields {
  queue: string;
  rules: Record<QueueRuleName, QueueRuleFields>;
}
export interface KpiFields {
  on: boolean;
  severity: Severity;
  minTime: string;
  minSample: string;
}
export interface RulesForm {
  enabled: boolean;
  rules: Record<ThresholdRuleName, FloorRuleFields>;
  kpi: KpiFields;
  queues: QueueFields[];
  floor: Record<FloorTotalName, FloorRuleFields>;
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;
/** A schema value as the form shows it. */
export function shown(value: number, unit: RuleUnit): string {
  return String(unit === 'percent' ? round(value * 100, 2) : value);
}
const secondsOf = (ms: number) => String(ms / 1000);

function fieldsOf(rule: ResolvedThresholdRule, unit: RuleUnit): ThresholdFields {
  const level = (l: AlarmLevel | null): LevelFields => (l ? { raise: shown(l.raise, unit), clear: shown(l.clear, unit) } : { raise: '', clear: '' });
  return { warning: level(rule.warning), critical: level(rule.critical), minTime: secondsOf(rule.minMs), minSample: String(rule.minSample) };
}

/** The rule in force on the floor, from the saved rules and the defaults. */
function floorResolved(doc: AlarmRulesDoc, defaults: RuleDefaults, rule: ThresholdRuleName): ResolvedThresholdRule {
  const own = doc.rules?.[rule];
  return mergeThresholdRule(defaults.rules[rule], own === false ? undefined : own);
}

/** The saved rules as the form shows them. */
export function toForm(doc: AlarmRulesDoc, defaults: RuleDefaults): RulesForm {
  const rules = {} as RulesForm['rules'];
  for (const rule of FLOOR_RULES) rules[rule] = { on: doc.rules?.[rule] !== false, ...fieldsOf(floorResolved(doc, defaults, rule), RULE_UNIT[rule]) };
  const kpiSetting = doc.rules?.['kpi-missed'];
  const kpi = { ...defaults.kpi, ...(kpiSetting || {}) };
  const queues = Object.entries(doc.queues ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([queue, own]): QueueFields => {
      const fields = {} as QueueFields['rules'];
      for (const rule of QUEUE_RULES) {
        const setting = own[rule];
        const mode: QueueRuleMode = setting === undefined ? 'inherit' : setting === false ? 'off' : 'own';
        fields[rule] = { mode, ...fieldsOf(mergeThresholdRule(floorResolved(doc, defaults, rule), setting || undefined), RULE_UNIT[rule]) };
      }
      return { queue, rules: fields };
    });
  const floor = {} as RulesForm['floor'];
  for (const rule of FLOOR_TOTALS) {
    const setting = doc.floor?.[rule];
    const base = defaults.floor[rule];
    // Off, it still shows the figures it would have (the default's under any saved), ready to switch on.
    const figures = mergeThresholdRule(base, setting || undefined);
    floor[rule] = { on: floorTotalRule(base, setting) !== null, ...fieldsOf(figures, RULE_UNIT[rule]) };
  }
  return {
    enabled: doc.enabled !== false,
    rules,
    kpi: { on: kpiSetting !== false, severity: kpi.severity, minTime: secondsOf(kpi.minMs), minSample: String(kpi.minSample) },
    queues,
    floor,
  };
}

/** A new queue override: every rule as the floor's, its values the floor's as the form has them now. */
export function newQueue(form: RulesForm, queue: string): QueueFields {
  const rules = {} as QueueFields['rules'];
  for (const rule of QUEUE_RULES) rules[rule] = { ...copyFields(form.rules[rule]), mode: 'inherit' };
  return { queue, rules };
}

/** A queue rule switched to another mode: "own" starts from the floor's values as they stand. */
export function withMode(form: RulesForm, index: number, rule: QueueRuleName, mode: QueueRuleMode): RulesForm {
  const queues = form.queues.map((q, i) => {
    if (i !== index) return q;
    const from = mode === 'own' && q.rules[rule].mode !== 'own' ? copyFields(form.rules[rule]) : q.rules[rule];
    return { ...q, rules: { ...q.rules, [rule]: { ...copyFields(from), mode } } };
  });
  return { ...form, queues };
}

function copyFields(f: ThresholdFields): ThresholdFields {
  return { warning: { ...f.warning }, critical: { ...f.critical }, minTime: f.minTime, minSample: f.minSample };
}
