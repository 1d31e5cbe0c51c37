// Counts of queue visits and the rates derived from them. A queue visit contributes to today's
// counters, the intraday bucket and the rolling window; when a late or out-of-order event
// changes what we know of a visit, its old contribution is taken back and the new one added.
import { z } from 'zod';
import type { WindowStats } from '../contract/snapshot.js';
import { connectRate, serviceLevel } from '../contract/visit-rates.js';

export const countsSchema = z.object({
  /** Visits that entered the queue (anchored at queue time). */
  offered: z.number(),
  answered: z.number(),
  /** Every abandon, short ones included. */
  abandoned: z.number(),
  /** Abandons shorter than the short-abandon threshold: left out of the rates. */
  shortAbandoned: z.number(),
  /** Visits given up on because their call never ended. */
  expired: z.number(),
  /** Callers who left the queue unanswered without hanging up (call.exited): not connected. */
  exited: z.number(),
  /** Answered within the service-level threshold. */
  withinSl: z.number(),
  /** Sum and count of the waits of answered visits whose queue time is known. */
  waitSumMs: z.number(),
  waitCount: z.number(),
});
export type Counts = z.infer<typeof countsSchema>;

export function emptyCounts(): Counts {
  return { offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, expired: 0, exited: 0, withinSl: 0, waitSumMs: 0, waitCount: 0 };
}

export function addCounts(into: Counts, from: Counts, sign = 1): void {
  into.offered += sign * from.offered;
  into.answered += sign * from.answered;
  into.abandoned += sign * from.abandoned;
  into.shortAbandoned += sign * from.shortAbandoned;
  into.expired += sign * from.expired;
  into.exited += sign * from.exited;
  into.withinSl += sign * from.withinSl;
  into.waitSumMs += sign * from.waitSumMs;
  into.waitCount += sign * from.waitCount;
}

export function sumCounts(list: Iterable<Counts>): Counts {
  const total = emptyCounts();
  for (const c of list) addCounts(total, c);
  return total;
}

// The rates are stated once, in the contract, for the report page too.
export { abandonRate, connectRate, handled, ratio, serviceLevel } from '../contract/visit-rates.js';
export const asaMs = (c: Counts): number | null => (c.waitCount > 0 ? c.waitSumMs / c.waitCount : null);

export function windowStats(c: Counts): WindowStats {
  return {
    offered: c.offered,
    answered: c.answered,
    abandoned: c.abandoned,
    exited: c.exited,
    serviceLevel: serviceLevel(c),
    asaMs: asaMs(c),
    agentConnectRate: connectRate(c),
  };
}
