// What the pure core needs to know about a deployment. Defaults are the handbook figures
// (docs/service-standards.md) and the contract's defaults.
import { DEFAULT_TIME_ZONE } from '../contract/constants.js';
import type { QueueSettings } from './queue-settings-schema.js';
import type { KpiId } from '../contract/snapshot.js';
import { DEFAULT_TIME_IN_STATE, type TimeInStateThresholds } from '../contract/time-in-state.js';

export interface KpiTarget {
  /** The target: a fraction 0..1 for rates, points 0..100 for satisfaction. */
  target: number;
  /** How far below target still counts as "at risk" rather than "missed" (same unit). */
  riskMargin: number;
}

export interface CoreConfig {
  /** IANA time zone whose calendar day is "today". @default "Asia/Shanghai" */
  timeZone: string;
  /** A call answered within this wait counts toward the service level. @default 20000 */
  serviceLevelMs: number;
  /** The service level aimed at (the 80/20 rule), for charts. @default 0.8 */
  serviceLevelTarget: number;
  /** Abandons shorter than this are left out of the rates. @default 0 */
  shortAbandonMs: number;
  /** An agent must come back to a held caller this often. @default 30000 */
  holdCheckIntervalMs: number;
  /** A call with no event for this long (Redis time) stops counting as waiting or held. @default 4 h */
  callExpiryMs: number;
  /** How long an ended call is remembered, so a late survey or duplicate still matches it. @default 30 min */
  endedRetentionMs: number;
  /** Reply deadline of a complaint opened without dueTs (first-contact responsibility). @default 7 days */
  complaintReplyMs: number;
  /** Event times ahead of the Redis append time by more than this are clamped to it. @default 5000 */
  maxClockAheadMs: number;
  /** How many recent abandons the snapshot lists. @default 50 */
  recentAbandonsKept: number;
  /** The most ids of each kind the state holds; an event that would add one more is dead-lettered. */
  limits: CardinalityLimits;
  /** An agent offline (logged off) and not heard of for this long (event time) is forgotten. @default 12 h */
  offlineAgentForgetMs: number;
  /** An agent in any other state and not heard of for this long is forgotten: its shift ended without a log-off. @default 24 h */
  silentAgentForgetMs: number;
  targets: Record<KpiId, KpiTarget>;
  /** Per agent state, the times in state past which the tablet marks an agent "long" and "very long" (served in the snapshot). @default DEFAULT_TIME_IN_STATE (time-in-state.ts: 1 and 5 min; ringing 15 and 30 s; hold 30 s and 2 min) */
  timeInState: TimeInStateThresholds;
  /**
   * Per-queue display names and thresholds (queue-settings.ts); a figure a queue does not set
   * falls back to the floor-wide one above. An admin's saved settings replace these. @default {}
   */
  queues: QueueSettings;
}

/**
 * Ceilings on what a PBX bug or a hostile producer can make the state hold. The defaults are far
 * above a 5,000-agent centre, so only a runaway feed reaches them.
 */
export interface CardinalityLimits {
  /** Queues known (named by an event within a day, or served by a remembered agent); a large centre runs a few hundred. @default 2000 */
  queues: number;
  /** Agents remembered; four times a 5,000-agent centre, so shifts that overlap before the idle ones are forgotten fit. @default 20000 */
  agents: number;
  /** Distinct teams among the agents; a 5,000-agent centre has a few hundred at 10–20 agents a team. @default 1000 */
  teams: number;
  /** Complaints remembered, open or replied within 8 days; a centre files hundreds a day, so 50,000 is weeks of them all left open. @default 50000 */
  complaints: number;
}

export const DEFAULT_LIMITS: CardinalityLimits = { queues: 2_000, agents: 20_000, teams: 1_000, complaints: 50_000 };

export const DEFAULT_TARGETS: Record<KpiId, KpiTarget> = {
  systemConnect: { target: 0.99, riskMargin: 0.005 },
  agentConnect: { target: 0.85, riskMargin: 0.03 },
  vipConnect: { target: 0.9, riskMargin: 0.03 },
  satisfaction: { target: 85, riskMargin: 3 },
  complaintReply: { target: 1, riskMargin: 0.05 },
  firstContactResolution: { target: 0.9, riskMargin: 0.03 },
  holdCheckOnTime: { target: 0.95, riskMargin: 0.05 },
};

export const DEFAULT_CORE_CONFIG: CoreConfig = {
  timeZone: DEFAULT_TIME_ZONE,
  serviceLevelMs: 20_000,
  serviceLevelTarget: 0.8,
  shortAbandonMs: 0,
  holdCheckIntervalMs: 30_000,
  callExpiryMs: 4 * 3600_000,
  endedRetentionMs: 30 * 60_000,
  complaintReplyMs: 7 * 24 * 3600_000,
  maxClockAheadMs: 5_000,
  recentAbandonsKept: 50,
  limits: DEFAULT_LIMITS,
  offlineAgentForgetMs: 12 * 3600_000,
  silentAgentForgetMs: 24 * 3600_000,
  targets: DEFAULT_TARGETS,
  timeInState: DEFAULT_TIME_IN_STATE,
  queues: {},
};
