// What a scenario is: a named way to build the model's configuration from the user's flags,
// plus the feed defects it injects and the queueing formula it can be checked against.
import type { HandleDistributionKind } from '../model/distributions.js';
import type { ModelConfig } from '../model/model-config.js';
import type { FeedDefects } from './messy-feed.js';

/** `--arrival-rate`: a flat rate, or the time-of-day profile (optionally with its peak rate). */
export type ArrivalRateSpec = { kind: 'flat'; perSec: number } | { kind: 'profile'; peakPerSec?: number };

/** The flags a user may set on top of any scenario; absent means the scenario's default. */
export interface ScenarioOverrides {
  /** Agents on the roster. */
  agents?: number;
  arrivalRate?: ArrivalRateSpec;
  /** Mean talk time (the service time in mmn / erlang-a), ms. */
  ahtMs?: number;
  handleDistribution?: HandleDistributionKind;
  /** Mean caller patience in queue, ms, or 'inf' for callers who never hang up. */
  patienceMs?: number | 'inf';
  /** Queue ids; `vip` among them is the VIP queue served by VIP seats. */
  queues?: string[];
  /** Share of agents who forget callers on hold (0..1). */
  holdForgetShare?: number;
  /** Hotline time zone for the profile and shifts. @default "Asia/Shanghai" */
  timeZone?: string;
}

export type QueueingFormula = 'erlang-c' | 'erlang-a';

export interface Scenario {
  name: string;
  /** One line for --help. */
  summary: string;
  build(overrides: ScenarioOverrides): ModelConfig;
  /** Defects the feed injects between model and stream, or null for a clean feed. */
  feed: FeedDefects | null;
  /** The formula the run's figures can be checked against, or null. */
  formula: QueueingFormula | null;
}
