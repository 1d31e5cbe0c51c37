// A normal day on a carrier hotline: morning and afternoon peaks, five queues, VIP seats,
// IVR self-service, holds, transfers, surveys, complaints and breaks. Every other realistic
// scenario starts from this one and changes a few figures. At the default peak of 0.25 calls
// per second the feed runs at a few events per second, cheap enough for `npm start`.
import type { Tier } from '../../server/contract/vocabulary.js';
import { handleTime, lognormal, never, uniform } from '../model/distributions.js';
import type { HoldHabit, ModelConfig, QueueSpec } from '../model/model-config.js';
import type { ArrivalPlan } from '../model/arrival-profile.js';
import { assertNever } from '../model/assert-never.js';
import type { ArrivalRateSpec, ScenarioOverrides } from './scenario-types.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/** Standard-tier traffic by queue on the default floor. */
export const DEFAULT_QUEUE_SHARES: Readonly<Record<string, number>> = { billing: 0.3, tech: 0.25, mobile: 0.25, broadband: 0.2 };
export const VIP_QUEUE = 'vip';
export const DEFAULT_QUEUES = [...Object.keys(DEFAULT_QUEUE_SHARES), VIP_QUEUE];

export const NORMAL_DAY_DEFAULTS = {
  agents: 100,
  peakRatePerSec: 0.25,
  ahtMs: 180 * SECOND,
  patienceMs: 150 * SECOND,
  /** VIP seats as a share of the roster. */
  vipSeatShare: 0.15,
  tiers: { standard: 0.88, silver: 0.07, gold: 0.04, diamond: 0.01 } satisfies Record<Tier, number>,
  holdHabits: { punctual: 0.88, late: 0.09, forgetful: 0.03 } satisfies Record<HoldHabit, number>,
} as const;

export function normalDayConfig(overrides: ScenarioOverrides): ModelConfig {
  const { queues, vipQueue } = resolveQueues(overrides.queues ?? DEFAULT_QUEUES);
  const agents = overrides.agents ?? NORMAL_DAY_DEFAULTS.agents;
  // A VIP queue needs at least one VIP seat (which also serves a regular queue). Without one,
  // VIP seats still put VIP callers first in the regular queues, beside at least one regular seat.
  const wantedVipSeats = Math.round(agents * NORMAL_DAY_DEFAULTS.vipSeatShare);
  const vipSeats = vipQueue ? Math.min(agents, Math.max(1, wantedVipSeats)) : Math.min(agents - 1, wantedVipSeats);
  const patienceMean = overrides.patienceMs ?? NORMAL_DAY_DEFAULTS.patienceMs;
  return {
    timeZone: overrides.timeZone ?? 'Asia/Shanghai',
    queues,
    vipQueue,
    arrivals: arrivalPlan(overrides.arrivalRate, 'profile', NORMAL_DAY_DEFAULTS.peakRatePerSec),
    tiers: { shares: { ...NORMAL_DAY_DEFAULTS.tiers }, windows: [] },
    // Trunks rarely bind on a normal day: three per agent.
    trunks: { limit: Math.max(30, agents * 3), windows: [] },
    ivr: { timeMs: lognormal(25 * SECOND, 0.5), selfServiceShare: 0.15, faultShare: 0.002, faultWindows: [] },
    roster: {
      count: agents,
      vipSeats,
      teamSize: 10,
      skills: 'specialised',
      secondSkillShare: 0.3,
      shifts: 'profile',
      holdHabits: holdHabits(overrides.holdForgetShare, NORMAL_DAY_DEFAULTS.holdHabits),
    },
    ringMs: lognormal(4 * SECOND, 0.3),
    talkMs: handleTime(overrides.handleDistribution ?? 'lognormal', overrides.ahtMs ?? NORMAL_DAY_DEFAULTS.ahtMs),
    acwMs: lognormal(25 * SECOND, 0.6),
    patienceMs: patienceMean === 'inf' ? never : lognormal(patienceMean, 1),
    holds: { share: 0.18, durationMs: lognormal(50 * SECOND, 0.7), callerPatienceMs: lognormal(150 * SECOND, 0.6) },
    transfers: { share: queues.length > 1 ? 0.06 : 0, warmShare: 0.7 },
    resolution: { firstContact: 0.92, afterTransfer: 0.8 },
    surveys: { share: 0.35, delayMs: uniform(20 * SECOND, 3 * MINUTE), meanResolved: 91, meanUnresolved: 62, sd: 10 },
    complaints: {
      shareUnresolved: 0.05,
      shareResolved: 0.004,
      shareAbandoned: 0.01,
      delayMs: uniform(2 * MINUTE, 20 * MINUTE),
      // Short deadlines so that a demo's couple of hours shows complaints falling due.
      grades: [
        { grade: 'urgent', replyWithinMs: 1 * HOUR, weight: 0.25 },
        { grade: 'standard', replyWithinMs: 4 * HOUR, weight: 0.55 },
        { grade: 'minor', replyWithinMs: 24 * HOUR, weight: 0.2 },
      ],
      lateShare: 0.08,
    },
    pauses: { share: 0.06, durationMs: lognormal(6 * MINUTE, 0.6), reasons: ['break', 'coaching', 'meeting', 'system'] },
  };
}

/** Splits `vip` off as the VIP queue; known queues keep their traffic share, others get an even one. */
export function resolveQueues(ids: readonly string[]): { queues: QueueSpec[]; vipQueue: string | null } {
  const regular = ids.filter((id) => id !== VIP_QUEUE);
  const even = 1 / Math.max(1, regular.length);
  return {
    queues: regular.map((id) => ({ id, share: DEFAULT_QUEUE_SHARES[id] ?? even })),
    vipQueue: ids.includes(VIP_QUEUE) ? VIP_QUEUE : null,
  };
}

/** The arrival plan from --arrival-rate, or the scenario's default shape and rate. */
export function arrivalPlan(spec: ArrivalRateSpec | undefined, fallback: 'flat' | 'profile', defaultRate: number): ArrivalPlan {
  const chosen: ArrivalRateSpec = spec ?? (fallback === 'flat' ? { kind: 'flat', perSec: defaultRate } : { kind: 'profile' });
  switch (chosen.kind) {
    case 'flat':
      return { peakRatePerSec: chosen.perSec, profile: 'flat', surges: [] };
    case 'profile':
      return { peakRatePerSec: chosen.peakPerSec ?? defaultRate, profile: 'hotline', surges: [] };
    default:
      return assertNever(chosen);
  }
}

/** Hold habits with the forgetful share set and the rest split as in `base`. */
export function holdHabits(forgetful: number | undefined, base: Record<HoldHabit, number>): Record<HoldHabit, number> {
  if (forgetful === undefined) return { ...base };
  const rest = base.punctual + base.late;
  return { punctual: ((1 - forgetful) * base.punctual) / rest, late: ((1 - forgetful) * base.late) / rest, forgetful };
}
