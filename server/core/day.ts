// Today's counters: which calendar day an event belongs to, opening the next day at local
// midnight, and the counters that are not about queue visits (arrivals, surveys, resolutions,
// hold checks, transfers), for the day and per 15-minute bucket.
import { z } from 'zod';
import type { CoreConfig } from './core-config.js';
import type { IngestCounters } from '../contract/snapshot.js';
import { forgetStaleComplaints, type ComplaintsState } from './complaints.js';
import { countsSchema, emptyCounts } from './counts.js';
import { getOrCreate } from './map-utils.js';
import { bucketIndex, dayWindow, type DayWindow } from './windows.js';

/** Day counters that are not about queue visits; kept for the day and per 15-minute bucket. */
export const dayCountersSchema = z.object({
  arrived: z.number(),
  blocked: z.number(),
  surveySum: z.number(),
  surveys: z.number(),
  resolved: z.number(),
  endedWithResolution: z.number(),
  holdChecksDue: z.number(),
  holdChecksOnTime: z.number(),
  warmTransfers: z.number(),
  coldTransfers: z.number(),
  otherTransfers: z.number(),
});
export type DayCounters = z.infer<typeof dayCountersSchema>;

export function emptyDayCounters(): DayCounters {
  return {
    arrived: 0,
    blocked: 0,
    surveySum: 0,
    surveys: 0,
    resolved: 0,
    endedWithResolution: 0,
    holdChecksDue: 0,
    holdChecksOnTime: 0,
    warmTransfers: 0,
    coldTransfers: 0,
    otherTransfers: 0,
  };
}

/** A queue's visit counts, by tier class. */
export const queueDayCountsSchema = z.object({ standard: countsSchema, vip: countsSchema });
export type QueueDayCounts = z.infer<typeof queueDayCountsSchema>;

export function emptyQueueDayCounts(): QueueDayCounts {
  return { standard: emptyCounts(), vip: emptyCounts() };
}

/** Counters of one calendar day; replaced at local midnight. */
export interface DayStats extends DayWindow {
  counters: DayCounters;
  /** bucket index → the counters of that 15 minutes. */
  counterBuckets: Map<number, DayCounters>;
  queues: Map<string, QueueDayCounts>;
  /** queue → bucket index → counts by tier class. */
  intraday: Map<string, Map<number, QueueDayCounts>>;
}

export function newDay(window: DayWindow): DayStats {
  return { ...window, counters: emptyDayCounters(), counterBuckets: new Map(), queues: new Map(), intraday: new Map() };
}

export interface DayState extends ComplaintsState {
  today: DayStats | null;
  ingest: IngestCounters;
}

export type DayPlace = 'today' | 'past';

/**
 * Where a business event of time `ts` belongs: today's counters, or a day already closed.
 * An event of a later day closes today (local midnight passed) and opens that day.
 */
export function placeInDay(state: DayState, ts: number, config: CoreConfig): DayPlace {
  const today = state.today;
  if (today && ts >= today.startTs && ts < today.endTs) return 'today';
  if (today && ts < today.startTs) {
    state.ingest.lateDropped += 1;
    return 'past';
  }
  state.today = newDay(dayWindow(ts, config.timeZone));
  forgetStaleComplaints(state, state.today.startTs);
  return 'today';
}

export function inToday(day: DayStats | null, ts: number): boolean {
  return day !== null && ts >= day.startTs && ts < day.endTs;
}

/**
 * Adds to today's counters and to those of the event's 15-minute bucket; an event of a closed
 * day counts nowhere. Returns whether it counted.
 */
export function countToday(state: DayState, ts: number, config: CoreConfig, add: Partial<DayCounters>): boolean {
  if (placeInDay(state, ts, config) !== 'today') return false;
  const day = state.today!;
  const bucket = getOrCreate(day.counterBuckets, bucketIndex(ts, day), emptyDayCounters);
  for (const [key, amount] of Object.entries(add) as [keyof DayCounters, number][]) {
    day.counters[key] += amount;
    bucket[key] += amount;
  }
  return true;
}

/** Today's counters as of `now`: empty when local midnight has passed with no event since. */
export function currentDay(today: DayStats | null, now: number, config: CoreConfig): DayStats {
  if (today && now < today.endTs) return today;
  return newDay(dayWindow(now, config.timeZone));
}
