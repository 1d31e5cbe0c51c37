// The textbook models, for checking the simulator against formulas: M/M/N (Erlang C) and
// M/M/N+M (Erlang A). Poisson arrivals at a flat rate, exponential service, every agent on duty
// with every skill (one pooled FIFO line however many queues), and none of the real-life
// extras: no IVR, ringing, holds, transfers, after-call work, pauses, surveys or VIP priority.
import { exponential, fixed, handleTime, never } from '../model/distributions.js';
import type { ModelConfig } from '../model/model-config.js';
import { arrivalPlan, resolveQueues } from './normal-day.js';
import type { ScenarioOverrides } from './scenario-types.js';

export const QUEUEING_DEFAULTS = {
  agents: 20,
  /** 18 Erlangs on 20 agents: busy enough that callers wait, short of overload. */
  ratePerSec: 0.1,
  ahtMs: 180_000,
  /** Erlang A: mean patience. */
  patienceMs: 120_000,
  queues: ['billing'],
} as const;

export function mmnConfig(overrides: ScenarioOverrides): ModelConfig {
  return queueingConfig(overrides, never);
}

export function erlangAConfig(overrides: ScenarioOverrides): ModelConfig {
  const patience = overrides.patienceMs ?? QUEUEING_DEFAULTS.patienceMs;
  return queueingConfig(overrides, patience === 'inf' ? never : exponential(patience));
}

function queueingConfig(overrides: ScenarioOverrides, patienceMs: ModelConfig['patienceMs']): ModelConfig {
  // A VIP queue would bring priorities the formulas do not model: it becomes one more queue.
  const ids: readonly string[] = overrides.queues ?? QUEUEING_DEFAULTS.queues;
  const { queues } = resolveQueues(ids.filter((q) => q !== 'vip'));
  if (ids.includes('vip')) queues.push({ id: 'vip', share: 1 / ids.length });
  const off = fixed(0);
  return {
    timeZone: overrides.timeZone ?? 'Asia/Shanghai',
    queues,
    vipQueue: null,
    arrivals: arrivalPlan(overrides.arrivalRate, 'flat', QUEUEING_DEFAULTS.ratePerSec),
    tiers: { shares: { standard: 1, silver: 0, gold: 0, diamond: 0 }, windows: [] },
    trunks: { limit: Number.POSITIVE_INFINITY, windows: [] },
    ivr: { timeMs: off, selfServiceShare: 0, faultShare: 0, faultWindows: [] },
    roster: {
      count: overrides.agents ?? QUEUEING_DEFAULTS.agents,
      vipSeats: 0,
      teamSize: 10,
      skills: 'all',
      secondSkillShare: 0,
      shifts: 'always',
      holdHabits: { punctual: 1, late: 0, forgetful: 0 },
    },
    ringMs: off,
    talkMs: handleTime(overrides.handleDistribution ?? 'exponential', overrides.ahtMs ?? QUEUEING_DEFAULTS.ahtMs),
    acwMs: off,
    patienceMs,
    holds: { share: 0, durationMs: off, callerPatienceMs: never },
    transfers: { share: 0, warmShare: 0 },
    resolution: { firstContact: 1, afterTransfer: 1 },
    surveys: { share: 0, delayMs: off, meanResolved: 100, meanUnresolved: 100, sd: 0 },
    complaints: {
      shareUnresolved: 0,
      shareResolved: 0,
      shareAbandoned: 0,
      delayMs: off,
      grades: [{ grade: 'standard', replyWithinMs: 0, weight: 1 }],
      lateShare: 0,
    },
    pauses: { share: 0, durationMs: off, reasons: [] },
  };
}
