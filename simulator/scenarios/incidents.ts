// Rehearsal scenarios: a normal day with one thing going wrong. Incident windows are measured
// from the anchor (the moment live mode starts, or the start of a backfill-only run), so a
// team lead who starts one sees it unfold within a minute or two.
import type { ModelConfig } from '../model/model-config.js';
import { lognormal } from '../model/distributions.js';
import { holdHabits, normalDayConfig } from './normal-day.js';
import type { ScenarioOverrides } from './scenario-types.js';

const MINUTE = 60_000;

/** Calls ramp to 2.5× within five minutes, stay there half an hour, then ease off. */
export function morningSurgeConfig(overrides: ScenarioOverrides): ModelConfig {
  const config = normalDayConfig(overrides);
  config.arrivals.surges = [
    { fromMs: 1 * MINUTE, toMs: 3 * MINUTE, value: 1.5 },
    { fromMs: 3 * MINUTE, toMs: 6 * MINUTE, value: 2 },
    { fromMs: 6 * MINUTE, toMs: 36 * MINUTE, value: 2.5 },
    { fromMs: 36 * MINUTE, toMs: 46 * MINUTE, value: 1.6 },
  ];
  return config;
}

/**
 * A trunk group fails for 15 minutes: the centre carries a quarter of its usual concurrent
 * calls and the IVR drops one call in six. The system connect rate collapses while agents,
 * oddly, look quiet: the point of showing both on one board.
 */
export function trunkOutageConfig(overrides: ScenarioOverrides): ModelConfig {
  const config = normalDayConfig(overrides);
  const outage = { fromMs: 2 * MINUTE, toMs: 17 * MINUTE };
  config.trunks.windows = [{ ...outage, value: Math.max(2, Math.round(config.roster.count * 0.25)) }];
  config.ivr.faultWindows = [{ ...outage, value: 0.17 }];
  return config;
}

/** A campaign to premium customers: for 30 minutes half the callers are silver, gold or diamond. */
export function vipSurgeConfig(overrides: ScenarioOverrides): ModelConfig {
  const config = normalDayConfig(overrides);
  const window = { fromMs: 1 * MINUTE, toMs: 31 * MINUTE };
  config.tiers.windows = [{ ...window, value: { standard: 0.5, silver: 0.28, gold: 0.16, diamond: 0.06 } }];
  config.arrivals.surges = [{ ...window, value: 1.3 }];
  return config;
}

/**
 * A floor that leans on hold: over half the calls are put on hold, for longer, and many agents
 * come back late or not at all, which is what the hold-check board exists to catch.
 */
export function holdHeavyConfig(overrides: ScenarioOverrides): ModelConfig {
  const config = normalDayConfig(overrides);
  config.holds = { share: 0.55, durationMs: lognormal(80_000, 0.7), callerPatienceMs: lognormal(180_000, 0.6) };
  config.roster.holdHabits = holdHabits(overrides.holdForgetShare ?? 0.3, { punctual: 0.5, late: 0.5, forgetful: 0 });
  return config;
}
