// Durations the model draws (handle times, patience, holds, pauses): a small closed set of
// distributions, described as data so a scenario can be printed, compared and overridden.
import { assertNever } from './assert-never.js';
import type { Random } from './random.js';

export type Distribution =
  | { kind: 'fixed'; ms: number }
  | { kind: 'uniform'; minMs: number; maxMs: number }
  | { kind: 'exponential'; meanMs: number }
  /** Lognormal given by its mean and coefficient of variation (sd / mean), the figures a WFM report shows. */
  | { kind: 'lognormal'; meanMs: number; cv: number }
  /** Never happens: infinite patience. */
  | { kind: 'never' };

export const HANDLE_DISTRIBUTIONS = ['exponential', 'lognormal'] as const;
export type HandleDistributionKind = (typeof HANDLE_DISTRIBUTIONS)[number];

export const fixed = (ms: number): Distribution => ({ kind: 'fixed', ms });
export const uniform = (minMs: number, maxMs: number): Distribution => ({ kind: 'uniform', minMs, maxMs });
export const exponential = (meanMs: number): Distribution => ({ kind: 'exponential', meanMs });
export const lognormal = (meanMs: number, cv: number): Distribution => ({ kind: 'lognormal', meanMs, cv });
export const never: Distribution = { kind: 'never' };

/** A draw in milliseconds; Infinity for `never`. */
export function sample(distribution: Distribution, random: Random): number {
  switch (distribution.kind) {
    case 'fixed':
      return distribution.ms;
    case 'uniform':
      return random.between(distribution.minMs, distribution.maxMs);
    case 'exponential':
      return random.exponential(distribution.meanMs);
    case 'lognormal': {
      const { mu, sigma } = lognormalParameters(distribution.meanMs, distribution.cv);
      return Math.exp(mu + sigma * random.normal());
    }
    case 'never':
      return Number.POSITIVE_INFINITY;
    default:
      return assertNever(distribution);
  }
}

/** The mean in milliseconds; Infinity for `never`. */
export function mean(distribution: Distribution): number {
  switch (distribution.kind) {
    case 'fixed':
      return distribution.ms;
    case 'uniform':
      return (distribution.minMs + distribution.maxMs) / 2;
    case 'exponential':
    case 'lognormal':
      return distribution.meanMs;
    case 'never':
      return Number.POSITIVE_INFINITY;
    default:
      return assertNever(distribution);
  }
}

/** True when every draw is zero, so the model can skip the state altogether (no ACW, no ringing). */
export function isAlwaysZero(distribution: Distribution): boolean {
  return distribution.kind === 'fixed' && distribution.ms <= 0;
}

/** μ and σ of the underlying normal for a lognormal with this mean and coefficient of variation. */
export function lognormalParameters(meanMs: number, cv: number): { mu: number; sigma: number } {
  const sigma2 = Math.log(1 + cv * cv);
  return { mu: Math.log(meanMs) - sigma2 / 2, sigma: Math.sqrt(sigma2) };
}

/** A handle-time distribution of the given family and mean (lognormal with the cv call centres typically see). */
export function handleTime(kind: HandleDistributionKind, meanMs: number, cv = 0.8): Distribution {
  switch (kind) {
    case 'exponential':
      return exponential(meanMs);
    case 'lognormal':
      return lognormal(meanMs, cv);
    default:
      return assertNever(kind);
  }
}

/** Checks a distribution's figures, naming the field and value that are wrong. */
export function validateDistribution(field: string, distribution: Distribution): void {
  const fail = (why: string) => {
    throw new RangeError(`${field}: ${why} (got ${JSON.stringify(distribution)})`);
  };
  switch (distribution.kind) {
    case 'fixed':
      if (!(distribution.ms >= 0) || !Number.isFinite(distribution.ms)) fail('ms must be a finite number ≥ 0');
      return;
    case 'uniform':
      if (!(distribution.minMs >= 0 && distribution.maxMs >= distribution.minMs)) fail('needs 0 ≤ minMs ≤ maxMs');
      return;
    case 'exponential':
      if (!(distribution.meanMs > 0) || !Number.isFinite(distribution.meanMs)) fail('meanMs must be a finite number > 0');
      return;
    case 'lognormal':
      if (!(distribution.meanMs > 0) || !Number.isFinite(distribution.meanMs)) fail('meanMs must be a finite number > 0');
      if (!(distribution.cv > 0) || !Number.isFinite(distribution.cv)) fail('cv must be a finite number > 0');
      return;
    case 'never':
      return;
    default:
      assertNever(distribution);
  }
}
