// Today's counters: which calendar day an event belongs to, opening the next day at local
// midnight, and the counters that are not about queue visits (arrivals, surveys, resolutions,
// hold checks, transfers), for the day and per 15-minute bucket.
import type { CoreConfig } from './core-config.js';
import type { IngestCounters } from '../contract/snapshot.js';
import { forgetStaleComplaints, type ComplaintsState } from './complaints.js';
import { emptyCounts, type Counts } from './counts.js';
import { getOrCreate } from './map-utils.js';
import { bucketIndex, dayWindow, type DayWindow } from './windows.js';

/** Day counters that are not about queue visits; kept for the day and per 15-minute bucket. */
export interface DayCounters {
  arrived: number;
  blocked: number;
  surveySum: number;
  surveys: number;
  resolved: number;
  endedWithResolution: number;
  holdChecksDue: number;
  holdChecksOnTime: number;
  warmTransfers: number;
  coldTransfers: number;
  otherTransfers: number;
}

export function emptyDayCounters(): DayCounters {
  return {
    arrived: 0, blocked: 0, surveySum: 0, surveys: 0, resolved: 0, endedWithResolution: 0,
    holdChecksDue: 0, holdChecksOnTime: 0, warmTransfers: 0, coldTransfers: 0, otherTransfers: 0,
  };
}

/** A queue's visit counts, by tier class. */
export interface QueueDayCounts {
  standard: Counts;
  vip: Counts;
}

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
