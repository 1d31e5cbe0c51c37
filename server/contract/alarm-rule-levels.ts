// The shape of an alarm rule's levels and how a setting falls back to what it inherits: the core's
// schema (server/core/alarm-rules.ts) validates against it, and the admin's form (which cannot load
// the schema in the browser) fills itself in by the same rules.
import type { AlarmRule } from './vocabulary.js';

/** The rules measured per queue (their scope is a queue id, or "floor" for held calls of no queue). */
export const QUEUE_ALARM_RULES = ['longest-wait', 'waiting', 'service-level', 'no-agent', 'hold-check-overdue'] as const;
export type QueueAlarmRule = (typeof QUEUE_ALARM_RULES)[number];

/** The rules measured on the whole floor's totals (the config's `floor`; their scope is "floor"). */
export const FLOOR_TOTAL_RULES = ['longest-wait', 'waiting', 'service-level', 'no-agent'] as const;
export type FloorTotalRule = (typeof FLOOR_TOTAL_RULES)[number];

/** Which way a rule's value goes bad: up (a wait, a count) or down (a service level). */
export function badDirection(rule: AlarmRule): 'above' | 'below' {
  return rule === 'service-level' || rule === 'kpi-missed' ? 'below' : 'above';
}

export interface AlarmLevel {
  /** Raised when the value reaches this (at or above it; for a "below" rule, under it). */
  raise: number;
  /** Cleared when the value is back past this (at or below it; for a "below" rule, at or above it). */
  clear: number;
}

/** A threshold rule as written: each field absent means "as inherited", a null level turns that level off. */
export interface ThresholdSetting {
  warning?: AlarmLevel | null | undefined;
  critical?: AlarmLevel | null | undefined;
  minMs?: number | undefined;
  minSample?: number | undefined;
}

/** A threshold rule with every field decided. */
export interface ResolvedThresholdRule {
  warning: AlarmLevel | null;
  critical: AlarmLevel | null;
  minMs: number;
  minSample: number;
}

/** `over`'s fields where it sets them, else `base`'s. */
export function mergeThresholdRule(base: ResolvedThresholdRule, over: ThresholdSetting | undefined): ResolvedThresholdRule {
  if (!over) return base;
  return {
    warning: over.warning === undefined ? base.warning : over.warning,
    critical: over.critical === undefined ? base.critical : over.critical,
    minMs: over.minMs ?? base.minMs,
    minSample: over.minSample ?? base.minSample,
  };
}

/** A floor-total rule's default: its figures, and whether it is on when the config does not name it. */
export interface FloorTotalDefault extends ResolvedThresholdRule {
  on: boolean;
}

/**
 * A floor-total rule in force: off with `false`, the default (on or off) when not named, and on
 * with the default's figures under its own when named (so `{}` turns an off-by-default rule on).
 */
export function floorTotalRule(base: FloorTotalDefault, setting: ThresholdSetting | false | undefined): ResolvedThresholdRule | null {
  if (setting === false || (setting === undefined && !base.on)) return null;
  return mergeThresholdRule({ warning: base.warning, critical: base.critical, minMs: base.minMs, minSample: base.minSample }, setting);
}
