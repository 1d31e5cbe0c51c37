// Events for the load test: the normal-day mix (calls, agents, holds, surveys…) with every
// agent on duty and a flat rate that keeps the floor busy but stable, handed out by count
// rather than by model time. Each event is stamped with the wall clock as it is written, so
// the server's ingest.lastEventTs measures the time from XADD to a client's screen.
import type { Redis } from 'ioredis';
import { createEntrySource, type EntrySource } from '../entry-source.js';
import { mean } from '../model/distributions.js';
import { retimeEvent } from '../pacing.js';
import { entryArgs, type OutgoingEntry } from '../publisher.js';
import { normalDayConfig } from '../scenarios/normal-day.js';
import type { Scenario } from '../scenarios/scenario-types.js';

export interface LoadGenerator {
  /** Writes the next `count` events, stamped now; resolves with their entry IDs when Redis has them. */
  write(count: number): Promise<string[]>;
}

/** The normal day, everyone on duty, at 85 % occupancy for `agents` agents. */
export const BENCH_SCENARIO: Scenario = {
  name: 'bench',
  summary: 'normal-day mix, all agents on duty, flat rate at 85 % occupancy',
  build: (overrides) => {
    const base = normalDayConfig(overrides);
    const handleMs = mean(base.ringMs) + mean(base.talkMs) + base.holds.share * mean(base.holds.durationMs) + mean(base.acwMs);
    const ratePerSec = (0.85 * base.roster.count) / (handleMs / 1000) / (1 - base.ivr.selfServiceShare);
    return {
      ...base,
      arrivals: { peakRatePerSec: ratePerSec, profile: 'flat', surges: [] },
      roster: { ...base.roster, shifts: 'always' },
      pauses: { ...base.pauses, share: 0 },
    };
  },
  feed: null,
  formula: null,
};

export function createLoadGenerator(redis: Redis, streamKey: string, agents: number, seed: number, clock: () => number = Date.now): LoadGenerator {
  const start = clock();
  const source: EntrySource = createEntrySource({ scenario: BENCH_SCENARIO, overrides: { agents }, seed, startTs: start });
  return {
    async write(count) {
      const now = clock();
      const outgoing: OutgoingEntry[] = source.take(Number.POSITIVE_INFINITY, count).map((entry) => {
        if (entry.kind !== 'event') return { kind: 'raw', fields: entry.fields };
        // Shift rather than overwrite, so a complaint keeps its deadline relative to its opening.
        const shift = now - entry.event.ts;
        return { kind: 'event', event: retimeEvent(entry.event, (ts) => ts + shift) };
      });
      // One pipelined XADD per entry, as the publisher does, keeping the IDs: they are the append times.
      const pipeline = redis.pipeline();
      for (const entry of outgoing) pipeline.xadd(streamKey, '*', ...entryArgs(entry));
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error)?.[0];
      if (failed) throw failed;
      return results.map(([, id]) => String(id));
    },
  };
}
