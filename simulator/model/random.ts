// Seeded randomness for the model. pure-rand's xoroshiro128+ supplies the bits; this module
// only shapes them into the draws a queueing model needs. Every consumer gets its own
// sub-stream (a jump of 2^64 steps), so adding a draw in one part of the model (say, the
// messy-feed defects) does not shift the numbers every other part sees for the same seed.
import { xoroshiro128plus, type RandomGenerator } from 'pure-rand';

export interface Random {
  /** Uniform in [0, 1), 53 bits. */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Uniform integer in [min, max], both ends included. */
  int(min: number, max: number): number;
  /** True with probability p. */
  chance(p: number): boolean;
  /** Exponential with the given mean. */
  exponential(mean: number): number;
  /** Standard normal (Box–Muller; the spare value is kept for the next call). */
  normal(): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A key of `weights`, drawn in proportion to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
}

/** Streams of one seed, each independent of the others. */
export const RANDOM_STREAMS = ['arrivals', 'callers', 'agents', 'roster', 'feed', 'ids'] as const;
export type RandomStream = (typeof RANDOM_STREAMS)[number];

/** Independent generators for each named stream of one seed. */
export function createRandomStreams(seed: number): Record<RandomStream, Random> {
  let generator = xoroshiro128plus(seed | 0);
  const streams = {} as Record<RandomStream, Random>;
  for (const name of RANDOM_STREAMS) {
    generator = generator.jump!();
    streams[name] = createRandom(generator.clone());
  }
  return streams;
}

/** A Random over one pure-rand generator; the generator is advanced in place. */
export function createRandom(generator: RandomGenerator): Random {
  let spare: number | null = null;
  const next = (): number => {
    // 27 + 26 bits from two 32-bit draws make a double with full 53-bit resolution.
    const high = generator.unsafeNext() >>> 5;
    const low = generator.unsafeNext() >>> 6;
    return (high * 67108864 + low) / 9007199254740992;
  };
  const random: Random = {
    next,
    between: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => p > 0 && next() < p,
    exponential: (mean) => -mean * Math.log(1 - next()),
    normal: () => {
      if (spare !== null) {
        const value = spare;
        spare = null;
        return value;
      }
      const u = 1 - next();
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spare = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick() needs a non-empty list');
      return items[Math.floor(next() * items.length)]!;
    },
    weighted: (weights) => {
      const entries = Object.entries(weights) as [keyof typeof weights, number][];
      const total = entries.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
      if (!(total > 0)) throw new RangeError('weighted() needs at least one positive weight');
      let target = next() * total;
      for (const [key, weight] of entries) {
        target -= Math.max(0, weight);
        if (target < 0) return key;
      }
      // Rounding can leave a sliver past the last positive weight.
      return entries.filter(([, w]) => w > 0).at(-1)![0];
    },
  };
  return random;
}
