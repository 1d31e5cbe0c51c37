// The rates of queue visits, from their counts: one statement of each formula for the core (the
// board's figures, the day history's rows) and the report page (its half-hours). Plain functions
// over the counts they read, so the browser can import them without the core's schemas.
import type { Rate } from './snapshot.js';

/** The counts of queue visits the rates read (server/core/counts.ts has them all). */
export interface VisitCounts {
  answered: number;
  /** Every abandon, short ones included. */
  abandoned: number;
  /** Abandons shorter than the short-abandon threshold: left out of the rates. */
  shortAbandoned: number;
  /** Callers who left the queue unanswered without hanging up: not connected. */
  exited: number;
  /** Answered within the service-level threshold. */
  withinSl: number;
}

export function ratio(numerator: number, denominator: number): Rate {
  return denominator > 0 ? numerator / denominator : null;
}

/** Answered, abandoned (short abandons left out) and exited: the denominator of the connect rates and the service level. */
export function handled(c: VisitCounts): number {
  return c.answered + c.abandoned - c.shortAbandoned + c.exited;
}

export const connectRate = (c: VisitCounts): Rate => ratio(c.answered, handled(c));
export const serviceLevel = (c: VisitCounts): Rate => ratio(c.withinSl, handled(c));
/** Abandons that count (short ones left out), of the visits handled. */
export const abandonRate = (c: VisitCounts): Rate => ratio(c.abandoned - c.shortAbandoned, handled(c));
