// Reading the alarm rules form back into the rules the server takes: each figure from the rule's
// unit into the schema's, the same checks the server's schema makes (on the rule as it will be in
// force, defaults and the floor's values included), and only what differs from what a rule
// inherits written down (and, for a floor total off by default, that it is on).
import { badDirection } from '../../../server/contract/alarm-rule-levels.js';
import {
  FLOOR_RULES,
  FLOOR_TOTALS,
  MAX_MIN_SECONDS,
  MAX_QUEUE_ID,
  QUEUE_RULES,
  RULE_UNIT,
  SEVERITIES,
  type AlarmRulesDoc,
  type KpiSetting,
  type AlarmLevel,
  type LevelFields,
  type QueueRuleName,
  type ResolvedThresholdRule,
  type RuleDefaults,
  type RuleUnit,
  type RulesForm,
  type ThresholdFields,
  type ThresholdRuleName,
  type ThresholdSetting,
} from './alarm-rules-form.js';

export type ErrorCode =
  'number' | 'bothOrNeither' | 'clearAbove' | 'clearBelow' | 'criticalAbove' | 'criticalBelow' | 'minTime' | 'minSample' | 'queueEmpty' | 'queueDuplicate' | 'queueLong';

/** A problem with one input, named by its field path (`rules.waiting.warning.raise`, `queues.0.queue`). */
export interface FieldError {
  field: string;
  code: ErrorCode;
}

export type ReadResult = { ok: true; doc: AlarmRulesDoc } | { ok: false; errors: FieldError[] };

/** A figure as typed: blank, or a finite number. */
function numberOf(raw: string): number | null | 'bad' {
  const text = raw.trim();
  if (text === '') return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : 'bad';
}

const toSchema = (value: number, unit: RuleUnit) => (unit === 'percent' ? Math.round(value * 10_000) / 1_000_000 : value);

/** One rule's fields read and checked; null when a field is wrong (the errors say which). */
function readRule(path: string, rule: ThresholdRuleName, f: ThresholdFields, errors: FieldError[]): ResolvedThresholdRule | null {
  const before = errors.length;
  const unit = RULE_UNIT[rule];
  const dir = badDirection(rule);
  const level = (sev: 'warning' | 'critical', l: LevelFields): AlarmLevel | null => {
    const raise = numberOf(l.raise);
    const clear = numberOf(l.clear);
    if (raise === 'bad') errors.push({ field: `${path}.${sev}.raise`, code: 'number' });
    if (clear === 'bad') errors.push({ field: `${path}.${sev}.clear`, code: 'number' });
    if (raise === 'bad' || clear === 'bad') return null;
    if (raise === null && clear === null) return null;
    if (raise === null || clear === null) {
      errors.push({ field: `${path}.${sev}.${raise === null ? 'raise' : 'clear'}`, code: 'bothOrNeither' });
      return null;
    }
    if (dir === 'above' ? clear > raise : clear < raise) errors.push({ field: `${path}.${sev}.clear`, code: dir === 'above' ? 'clearAbove' : 'clearBelow' });
    return { raise: toSchema(raise, unit), clear: toSchema(clear, unit) };
  };
  const warning = level('warning', f.warning);
  const critical = level('critical', f.critical);
  if (warning && critical && (dir === 'above' ? critical.raise < warning.raise : critical.raise > warning.raise))
    errors.push({ field: `${path}.critical.raise`, code: dir === 'above' ? 'criticalAbove' : 'criticalBelow' });
  const minMs = readMinMs(`${path}.minTime`, f.minTime, errors);
  const minSample = readMinSample(`${path}.minSample`, f.minSample, errors);
  if (errors.length > before || minMs === null || minSample === null) return null;
  return { warning, critical, minMs, minSample };
}

function readMinMs(field: string, raw: string, errors: FieldError[]): number | null {
  const s = numberOf(raw);
  if (s === null || s === 'bad' || s < 0 || s > MAX_MIN_SECONDS) {
    errors.push({ field, code: 'minTime' });
    return null;
  }
  return Math.round(s * 1000);
}

function readMinSample(field: string, raw: string, errors: FieldError[]): number | null {
  const n = numberOf(raw);
  if (n === null || n === 'bad' || n < 0 || !Number.isInteger(n)) {
    errors.push({ field, code: 'minSample' });
    return null;
  }
  return n;
}

const sameLevel = (a: AlarmLevel | null, b: AlarmLevel | null) => (a === null || b === null ? a === b : a.raise === b.raise && a.clear === b.clear);

/** The fields of `rule` that differ from `base`: what the saved rules must say. */
function difference(rule: ResolvedThresholdRule, base: ResolvedThresholdRule): ThresholdSetting {
  const out: ThresholdSetting = {};
  for (const sev of SEVERITIES) if (!sameLevel(rule[sev], base[sev])) out[sev] = rule[sev];
  if (rule.minMs !== base.minMs) out.minMs = rule.minMs;
  if (rule.minSample !== base.minSample) out.minSample = rule.minSample;
  return out;
}

/** Every problem in the form, for the inline messages. */
export function problemsOf(form: RulesForm, defaults: RuleDefaults): FieldError[] {
  const read = fromForm(form, defaults);
  return read.ok ? [] : read.errors;
}

/** The form as the rules to PUT, or every problem in it. */
export function fromForm(form: RulesForm, defaults: RuleDefaults): ReadResult {
  const errors: FieldError[] = [];
  const doc: AlarmRulesDoc = {};
  if (!form.enabled) doc.enabled = false;
  const rules: NonNullable<AlarmRulesDoc['rules']> = {};
  // The floor's rules in force, which a queue's "as the floor" and own values start from.
  const floor = {} as Record<ThresholdRuleName, ResolvedThresholdRule>;
  for (const rule of FLOOR_RULES) {
    const f = form.rules[rule];
    // A rule switched off is not checked: its figures are not saved.
    const read = readRule(`rules.${rule}`, rule, f, f.on ? errors : []);
    floor[rule] = read ?? defaults.rules[rule];
    if (!f.on) rules[rule] = false;
    else if (read) {
      const diff = difference(read, defaults.rules[rule]);
      if (Object.keys(diff).length > 0) rules[rule] = diff;
    }
  }
  const kpi = readKpi(form, defaults, errors);
  if (kpi !== undefined) rules['kpi-missed'] = kpi;
  if (Object.keys(rules).length > 0) doc.rules = rules;

  const queues: NonNullable<AlarmRulesDoc['queues']> = {};
  const seen = new Set<string>();
  form.queues.forEach((q, i) => {
    const id = q.queue.trim();
    const field = `queues.${i}.queue`;
    if (id === '') errors.push({ field, code: 'queueEmpty' });
    else if (id.length > MAX_QUEUE_ID) errors.push({ field, code: 'queueLong' });
    else if (seen.has(id)) errors.push({ field, code: 'queueDuplicate' });
    seen.add(id);
    const own: Partial<Record<QueueRuleName, ThresholdSetting | false>> = {};
    for (const rule of QUEUE_RULES) {
      const f = q.rules[rule];
      if (f.mode === 'off') own[rule] = false;
      if (f.mode !== 'own') continue;
      const read = readRule(`queues.${i}.${rule}`, rule, f, errors);
      const diff = read ? difference(read, floor[rule]) : {};
      if (Object.keys(diff).length > 0) own[rule] = diff;
    }
    queues[id] = own;
  });
  if (form.queues.length > 0) doc.queues = queues;

  const floorTotals: NonNullable<AlarmRulesDoc['floor']> = {};
  for (const rule of FLOOR_TOTALS) {
    const f = form.floor[rule];
    const base = defaults.floor[rule];
    const read = readRule(`floor.${rule}`, rule, f, f.on ? errors : []);
    if (!f.on) {
      if (base.on) floorTotals[rule] = false;
    } else if (read) {
      const diff = difference(read, base);
      // A rule off by default is turned on by naming it, even with the default's figures.
      if (!base.on || Object.keys(diff).length > 0) floorTotals[rule] = diff;
    }
  }
  if (Object.keys(floorTotals).length > 0) doc.floor = floorTotals;
  return errors.length > 0 ? { ok: false, errors } : { ok: true, doc };
}

function readKpi(form: RulesForm, defaults: RuleDefaults, errors: FieldError[]): KpiSetting | false | undefined {
  const f = form.kpi;
  if (!f.on) return false;
  const minMs = readMinMs('kpi.minTime', f.minTime, errors);
  const minSample = readMinSample('kpi.minSample', f.minSample, errors);
  const out: KpiSetting = {};
  if (f.severity !== defaults.kpi.severity) out.severity = f.severity;
  if (minMs !== null && minMs !== defaults.kpi.minMs) out.minMs = minMs;
  if (minSample !== null && minSample !== defaults.kpi.minSample) out.minSample = minSample;
  return Object.keys(out).length > 0 ? out : undefined;
}
