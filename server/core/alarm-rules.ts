// The alarm rules: one zod schema for the config file's `alarms` section and the admin's
// PUT /api/v1/alarm-rules, with the defaults drawn from docs/service-standards.md. A rule has a
// warning level, a critical level (the same condition, further gone) or both; each level is a
// raise level and a clear level apart, and the condition must hold `minMs` before the alarm is
// raised, and its opposite `minMs` before it clears, so an alarm does not flap.
import { z } from 'zod';
import type { AlarmRule, AlarmSeverity } from '../contract/vocabulary.js';
import {
  badDirection,
  floorTotalRule,
  mergeThresholdRule,
  type AlarmLevel,
  type FloorTotalDefault,
  type FloorTotalRule,
  type ResolvedThresholdRule,
} from '../contract/alarm-rule-levels.js';

// The levels' shape and the fallback to what a rule inherits are the contract's, shared with the admin's form.
export {
  badDirection,
  FLOOR_TOTAL_RULES,
  QUEUE_ALARM_RULES,
  type AlarmLevel,
  type FloorTotalRule,
  type QueueAlarmRule,
  type ResolvedThresholdRule,
} from '../contract/alarm-rule-levels.js';

const level = z.strictObject({ raise: z.number().finite(), clear: z.number().finite() }) satisfies z.ZodType<AlarmLevel>;

const thresholdRule = z.strictObject({
  warning: level.nullable().optional(),
  critical: level.nullable().optional(),
  /** How long the condition (and, to clear, its opposite) must hold. */
  minMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600_000)
    .optional(),
  /** service-level only: the fewest calls in the rolling window for the rate to count. */
  minSample: z.number().int().min(0).optional(),
});
export type ThresholdRule = z.infer<typeof thresholdRule>;

const kpiRule = z.strictObject({
  /** The severity of a KPI turned "missed" (below its target less the risk margin). */
  severity: z.enum(['warning', 'critical']).optional(),
  minMs: z
    .number()
    .int()
    .min(0)
    .max(24 * 3600_000)
    .optional(),
  /** The fewest observations the KPI must rest on. */
  minSample: z.number().int().min(0).optional(),
});
export type KpiRule = z.infer<typeof kpiRule>;

/** A rule's setting, or false to turn it off. */
const off = z.literal(false);
const floorRules = z.strictObject({
  'longest-wait': z.union([thresholdRule, off]).optional(),
  waiting: z.union([thresholdRule, off]).optional(),
  'service-level': z.union([thresholdRule, off]).optional(),
  'no-agent': z.union([thresholdRule, off]).optional(),
  'hold-check-overdue': z.union([thresholdRule, off]).optional(),
  'kpi-missed': z.union([kpiRule, off]).optional(),
  'source-quiet': z.union([thresholdRule, off]).optional(),
});
const queueRules = floorRules.omit({ 'kpi-missed': true, 'source-quiet': true });
/** The rules on the whole floor's totals: each measured once, on the floor, apart from the queues' rules. */
const floorTotalRules = floorRules.pick({ 'longest-wait': true, waiting: true, 'service-level': true, 'no-agent': true });

/** The `alarms` section as written: every field optional, merged over the defaults. */
export const alarmRulesSchema = z
  .strictObject({
    /** Whether the server raises alarms at all. */
    enabled: z.boolean().optional(),
    /** The rules each queue has unless it overrides them (and the hold checks of no queue, the KPIs, the sources); not the floor's totals, which are `floor`. */
    rules: floorRules.optional(),
    /** Per queue id: a rule's fields replace the floor's, false turns it off for that queue. */
    queues: z.record(z.string().min(1).max(128), queueRules).optional(),
    /** The whole floor's totals: fields replace DEFAULT_FLOOR_ALARM_RULES', false turns a rule off, an object turns it on. */
    floor: floorTotalRules.optional(),
  })
  .superRefine((value, ctx) => {
    const check = (path: (string | number)[], rule: AlarmRule, setting: unknown) => {
      if (!setting || typeof setting !== 'object' || !('warning' in setting || 'critical' in setting)) return;
      const s = setting as ThresholdRule;
      const dir = badDirection(rule);
      for (const sev of ['warning', 'critical'] as const) {
        const l = s[sev];
        if (l && (dir === 'above' ? l.clear > l.raise : l.clear < l.raise))
          ctx.addIssue({ code: 'custom', path: [...path, sev], message: `clear must be ${dir === 'above' ? 'at or below' : 'at or above'} raise (hysteresis)` });
      }
      if (s.warning && s.critical && (dir === 'above' ? s.critical.raise < s.warning.raise : s.critical.raise > s.warning.raise))
        ctx.addIssue({ code: 'custom', path: [...path, 'critical', 'raise'], message: 'critical must be further gone than warning' });
    };
    for (const [rule, setting] of Object.entries(value.rules ?? {})) check(['rules', rule], rule as AlarmRule, setting);
    for (const [q, rules] of Object.entries(value.queues ?? {}))
      for (const [rule, setting] of Object.entries(rules)) check(['queues', q, rule], rule as AlarmRule, setting);
    for (const [rule, setting] of Object.entries(value.floor ?? {})) check(['floor', rule], rule as AlarmRule, setting);
  });
export type AlarmRulesInput = z.input<typeof alarmRulesSchema>;
export type AlarmRulesConfig = z.output<typeof alarmRulesSchema>;

/**
 * The defaults. Waits in seconds, counts in callers, the service level as a fraction (the 80/20
 * rule's 0.8), a hold check late in seconds past its 30-second due time, a source's seconds without
 * a new event (2 minutes without a single event is already odd for a staffed hotline's PBX; a
 * quieter floor raises its levels or turns the rule off).
 */
export const DEFAULT_ALARM_RULES = {
  'longest-wait': { warning: { raise: 60, clear: 45 }, critical: { raise: 120, clear: 90 }, minMs: 5_000, minSample: 0 },
  waiting: { warning: { raise: 10, clear: 7 }, critical: { raise: 20, clear: 15 }, minMs: 15_000, minSample: 0 },
  'service-level': { warning: { raise: 0.8, clear: 0.85 }, critical: { raise: 0.6, clear: 0.7 }, minMs: 60_000, minSample: 10 },
  'no-agent': { warning: { raise: 1, clear: 0 }, critical: { raise: 5, clear: 2 }, minMs: 10_000, minSample: 0 },
  'hold-check-overdue': { warning: { raise: 1, clear: 0 }, critical: { raise: 30, clear: 0 }, minMs: 0, minSample: 0 },
  'source-quiet': { warning: { raise: 120, clear: 0 }, critical: { raise: 600, clear: 0 }, minMs: 0, minSample: 0 },
} satisfies Record<Exclude<AlarmRule, 'kpi-missed'>, ResolvedThresholdRule>;

/**
 * The whole floor's totals. The service level is on at the queues' 80/20 standard (the floor's
 * target is the same 80 %), and no-agent is on at the queues' levels: neither depends on the
 * floor's size. Callers waiting does (10 is calm for 200 agents, dire for 5), so it is off until
 * the floor sets its own; the longest wait is off because the floor's is the longest of its
 * queues', which each queue's own rule already watches at these levels.
 */
export const DEFAULT_FLOOR_ALARM_RULES = {
  'longest-wait': { on: false, ...DEFAULT_ALARM_RULES['longest-wait'] },
  waiting: { on: false, warning: { raise: 30, clear: 20 }, critical: { raise: 60, clear: 45 }, minMs: 30_000, minSample: 0 },
  'service-level': { on: true, ...DEFAULT_ALARM_RULES['service-level'] },
  'no-agent': { on: true, ...DEFAULT_ALARM_RULES['no-agent'] },
} satisfies Record<FloorTotalRule, FloorTotalDefault>;

export const DEFAULT_KPI_RULE: Required<KpiRule> = { severity: 'warning', minMs: 5 * 60_000, minSample: 20 };

/** The rule in force for a scope (a queue id, or null for the floor-wide setting); null when it is off. */
export function thresholdRuleFor(config: AlarmRulesConfig, rule: Exclude<AlarmRule, 'kpi-missed'>, queue: string | null): ResolvedThresholdRule | null {
  const floor = config.rules?.[rule];
  if (floor === false) return null;
  const floorRule = mergeThresholdRule(DEFAULT_ALARM_RULES[rule], floor);
  if (queue === null || rule === 'source-quiet') return floorRule;
  const own = config.queues?.[queue]?.[rule];
  if (own === false) return null;
  return mergeThresholdRule(floorRule, own);
}

/** The floor-total rule in force; null when it is off. */
export function floorRuleFor(config: AlarmRulesConfig, rule: FloorTotalRule): ResolvedThresholdRule | null {
  return floorTotalRule(DEFAULT_FLOOR_ALARM_RULES[rule], config.floor?.[rule]);
}

export function kpiRuleOf(config: AlarmRulesConfig): Required<KpiRule> | null {
  const rule = config.rules?.['kpi-missed'];
  if (rule === false) return null;
  return { ...DEFAULT_KPI_RULE, ...rule };
}

export const SEVERITY_RANK: Record<AlarmSeverity, number> = { warning: 1, critical: 2 };
