// The named scenarios `--scenario` accepts, in the order --help lists them.
import { holdHeavyConfig, morningSurgeConfig, trunkOutageConfig, vipSurgeConfig } from './incidents.js';
import { MESSY_DEFECTS } from './messy-feed.js';
import { normalDayConfig } from './normal-day.js';
import { erlangAConfig, mmnConfig } from './queueing-models.js';
import type { Scenario } from './scenario-types.js';

export const SCENARIO_NAMES = ['normal-day', 'morning-surge', 'trunk-outage', 'vip-surge', 'hold-heavy', 'messy-feed', 'mmn', 'erlang-a'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  'normal-day': {
    name: 'normal-day',
    summary: 'a hotline day: morning and afternoon peaks, 5 queues, VIP seats, holds, transfers, surveys, complaints',
    build: normalDayConfig,
    feed: null,
    formula: null,
  },
  'morning-surge': {
    name: 'morning-surge',
    summary: 'normal day, then calls ramp to 2.5x for about 40 minutes, starting a minute in',
    build: morningSurgeConfig,
    feed: null,
    formula: null,
  },
  'trunk-outage': {
    name: 'trunk-outage',
    summary: 'normal day, then 15 minutes with a quarter of the trunks and a faulty IVR (blocked calls)',
    build: trunkOutageConfig,
    feed: null,
    formula: null,
  },
  'vip-surge': {
    name: 'vip-surge',
    summary: 'normal day, then 30 minutes where half the callers are silver, gold or diamond',
    build: vipSurgeConfig,
    feed: null,
    formula: null,
  },
  'hold-heavy': {
    name: 'hold-heavy',
    summary: 'over half the calls go on hold, and many agents check back late or forget (hold-check board)',
    build: holdHeavyConfig,
    feed: null,
    formula: null,
  },
  'messy-feed': {
    name: 'messy-feed',
    summary: 'normal day through a messy feed: duplicates, out-of-order pairs, malformed entries, orphans, lost ends',
    build: normalDayConfig,
    feed: MESSY_DEFECTS,
    formula: null,
  },
  mmn: {
    name: 'mmn',
    summary: 'M/M/N: Poisson arrivals, exponential handle times, no abandonment, holds, ACW or pauses (Erlang C)',
    build: mmnConfig,
    feed: null,
    formula: 'erlang-c',
  },
  'erlang-a': {
    name: 'erlang-a',
    summary: 'M/M/N+M: as mmn, with exponential patience (Erlang A)',
    build: erlangAConfig,
    feed: null,
    formula: 'erlang-a',
  },
};

export function isScenarioName(name: string): name is ScenarioName {
  return (SCENARIO_NAMES as readonly string[]).includes(name);
}

/** The scenario of that name; the error lists the valid ones. */
export function getScenario(name: string): Scenario {
  if (!isScenarioName(name)) throw new RangeError(`unknown scenario "${name}"; choose one of: ${SCENARIO_NAMES.join(', ')}`);
  return SCENARIOS[name];
}
