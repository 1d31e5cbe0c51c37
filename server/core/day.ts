// Today's counters: which calendar day an event belongs to, opening the next day at local
// midnight, and the counters that are not about queue visits (arrivals, surveys, resolutions,
// hold checks, transfers), for the day and per 15-minute bucket. A day that closes is kept as its
// final record (closedDays), so nothing counted is lost at midnight before the history stores it.
import type { CoreConfig } from './core-config.js';
import type { IngestCounters } from '../contract/snapshot.js';
import { forgetStaleComplaints } from './complaints.js';
import { addCounts, emptyCounts } from './counts.js';
import type { AgentDays, DayCounters, DayStats, QueueDayCounts } from './day-counters.js';
import { dayRecord, type DayRecordSource } from './day-record.js';
import type { DayRecord } from './day-record-schema.js';
import { getOrCreate } from './map-utils.js';
import { bucketIndex, dayWindow, type DayWindow } from './windows.js';

export type { DayCounters, DayStats, QueueDayCounts } from './day-counters.js';

/** Closed days kept in the state (and its checkpoint) until the history has them: a week. */
export const CLOSED_DAYS_KEPT = 7;

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

export function emptyQueueDayCounts(): QueueDayCounts {
  return { standard: emptyCounts(), vip: emptyCounts() };
}

/** Adds a queue's counts, tier by tier: several buckets or queues together. */
export function addQueueDayCounts(into: QueueDayCounts, from: QueueDayCounts): void {
  addCounts(into.standard, from.standard);
  addCounts(into.vip, from.vip);
}

export function newDay(window: DayWindow): DayStats {
  return { ...window, counters: emptyDayCounters(), counterBuckets: new Map(), queues: new Map(), intraday: new Map() };
}

export interface DayState extends DayRecordSource {
  today: DayStats | null;
  /** Each agent's counters of today (agent-day.ts); closed with the day. */
  agentDays: AgentDays | null;
  /** The final records of the last days that closed, oldest first, at most CLOSED_DAYS_KEPT. */
  closedDays: DayRecord[];
  /** Closed days let go to keep CLOSED_DAYS_KEPT: the history writer warns when one went before it was stored. */
  closedDaysDropped: number;
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
  if (today) closeDay(state, today, config);
  state.today = newDay(dayWindow(ts, config.timeZone));
  forgetStaleComplaints(state, state.today.startTs);
  return 'today';
}

/** Keeps the day that closes as its final record, with its agents' day, before the next day replaces them. */
function closeDay(state: DayState, day: DayStats, config: CoreConfig): void {
  state.closedDays.push(dayRecord(state, config, day, state.agentDays, true));
  if (state.agentDays?.day === day.day) state.agentDays = null;
  while (state.closedDays.length > CLOSED_DAYS_KEPT) {
    state.closedDays.shift();
    state.closedDaysDropped += 1;
  }
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
  // for…in rather than Object.entries: no arrays per event (the literal `add` is all there is).
  for (const key in add) {
    const amount = add[key as keyof DayCounters]!;
    day.counters[key as keyof DayCounters] += amount;
    bucket[key as keyof DayCounters] += amount;
  }
  return true;
}

/** Today's counters as of `now`: empty when local midnight has passed with no event since. */
export function currentDay(today: DayStats | null, now: number, config: CoreConfig): DayStats {
  if (today && now < today.endTs) return today;
  return newDay(dayWindow(now, config.timeZone));
}
