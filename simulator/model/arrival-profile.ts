// When callers ring: a non-homogeneous Poisson process whose rate follows a time-of-day profile
// (a carrier hotline's morning and afternoon peaks) times any incident window of the scenario
// (a surge). Sampled by thinning (Lewis & Shedler): candidates at the peak rate, each kept with
// probability rate(t) / peak, which is exact for any bounded rate function.
import type { LocalClock } from './local-clock.js';
import type { Random } from './random.js';

/** Relative call volume per local hour 0–23, peak 1. A 7×24 hotline never drops to zero at night. */
const HOTLINE_PROFILE = [0.3, 0.25, 0.22, 0.2, 0.2, 0.22, 0.3, 0.45, 0.7, 0.95, 1.0, 0.92, 0.72, 0.76, 0.9, 0.97, 0.88, 0.72, 0.62, 0.6, 0.56, 0.5, 0.42, 0.35] as const;

export const PROFILES = ['hotline', 'flat'] as const;
export type ProfileName = (typeof PROFILES)[number];

/** A period relative to the scenario's anchor (the start of live mode, or of the run). */
export interface TimeWindow<T> {
  /** Start, in ms after the anchor. */
  fromMs: number;
  /** End (exclusive), in ms after the anchor. */
  toMs: number;
  value: T;
}

export interface ArrivalPlan {
  /** Calls per second over all queues at the profile's peak (or always, when flat). */
  peakRatePerSec: number;
  profile: ProfileName;
  /** Multipliers on the rate during incident windows (a surge is 2–3). */
  surges: TimeWindow<number>[];
}

/** The value of the window covering `ts`, if any (the first one listed wins). */
export function windowValue<T>(windows: readonly TimeWindow<T>[], ts: number, anchorTs: number): T | undefined {
  const offset = ts - anchorTs;
  for (const window of windows) if (offset >= window.fromMs && offset < window.toMs) return window.value;
  return undefined;
}

/** The profile's weight (0..1) at a local minute of the day, linear between hour midpoints. */
export function profileWeight(profile: ProfileName, minuteOfDay: number): number {
  switch (profile) {
    case 'flat':
      return 1;
    case 'hotline': {
      const hours = minuteOfDay / 60 - 0.5;
      const lower = Math.floor(hours);
      const fraction = hours - lower;
      const at = (h: number) => HOTLINE_PROFILE[((h % 24) + 24) % 24]!;
      return at(lower) * (1 - fraction) + at(lower + 1) * fraction;
    }
    default: {
      const unknown: never = profile;
      throw new Error(`unknown profile ${String(unknown)}`);
    }
  }
}

/** Calls per second at `ts`. */
export function rateAt(plan: ArrivalPlan, clock: LocalClock, ts: number, anchorTs: number): number {
  const surge = windowValue(plan.surges, ts, anchorTs) ?? 1;
  return plan.peakRatePerSec * profileWeight(plan.profile, clock.minuteOfDay(ts)) * surge;
}

/** An upper bound of rateAt over all time, the thinning envelope. */
export function maxRate(plan: ArrivalPlan): number {
  const surge = Math.max(1, ...plan.surges.map((w) => w.value));
  return plan.peakRatePerSec * surge;
}

/** The next arrival after `fromTs` (ms), or Infinity when the rate is zero. */
export function nextArrival(plan: ArrivalPlan, clock: LocalClock, random: Random, fromTs: number, anchorTs: number): number {
  const envelope = maxRate(plan);
  if (!(envelope > 0)) return Number.POSITIVE_INFINITY;
  const meanGapMs = 1000 / envelope;
  let ts = fromTs;
  // A flat plan without surges accepts every candidate: skip the extra draw, so M/M/N stays cheap.
  const everyCandidate = plan.profile === 'flat' && plan.surges.length === 0;
  for (;;) {
    ts += random.exponential(meanGapMs);
    if (everyCandidate || random.next() * envelope < rateAt(plan, clock, ts, anchorTs)) return ts;
  }
}

/** Calls per second at the middle of each local hour 0–23 (without surges), for sizing the roster. */
export function hourlyRates(plan: ArrivalPlan): number[] {
  return Array.from({ length: 24 }, (_, hour) => plan.peakRatePerSec * profileWeight(plan.profile, hour * 60 + 30));
}
