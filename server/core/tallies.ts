// Booking of queue visits into today's counters, the intraday buckets and the rolling window.
// Every change to a visit goes through rebookVisit(), which takes back the visit's previous
// contribution and adds the new one, so out-of-order events converge on the same counts.
import type { CoreConfig } from './core-config.js';
import { addCounts, emptyCounts, type Counts } from './counts.js';
import { isVipTier, type Tier } from '../contract/vocabulary.js';
import {
  emptyDayCounters,
  emptyQueueDayCounts,
  getOrCreate,
  newDay,
  type Contribution,
  type DayCounters,
  type DayStats,
  type State,
  type Visit,
} from './state.js';
import { WINDOW_MINUTES } from '../contract/constants.js';
import { bucketIndex, dayWindow, minuteIndex } from './windows.js';

export type DayPlace = 'today' | 'past';

/**
 * Where a business event of time `ts` belongs: today's counters, or a day already closed.
 * An event of a later day closes today (local midnight passed) and opens that day.
 */
export function placeInDay(state: State, ts: number, config: CoreConfig): DayPlace {
  const today = state.today;
  if (today && ts >= today.startTs && ts < today.endTs) return 'today';
  if (today && ts < today.startTs) {
    state.ingest.lateDropped += 1;
    return 'past';
  }
  rollOver(state, ts, config);
  return 'today';
}

/** Replied complaints are remembered this long, so a repeated complaint.opened cannot reopen one. */
const REPLIED_COMPLAINTS_KEPT_MS = 8 * 24 * 3600_000;
/** A complaint still open this long past its deadline was most likely closed without a reply event. */
const OPEN_COMPLAINTS_KEPT_PAST_DUE_MS = 30 * 24 * 3600_000;

function rollOver(state: State, ts: number, config: CoreConfig): void {
  state.today = newDay(dayWindow(ts, config.timeZone));
  const start = state.today.startTs;
  for (const [id, c] of state.complaints) {
    const stale =
      c.repliedTs !== null
        ? c.repliedTs < start - REPLIED_COMPLAINTS_KEPT_MS
        : c.dueTs !== null && c.dueTs < start - OPEN_COMPLAINTS_KEPT_PAST_DUE_MS;
    if (stale) state.complaints.delete(id);
  }
}

/** The counter fields of one visit that are anchored at the offer, and those at the outcome. */
function splitContribution(c: Contribution): { offer: Counts; outcome: Counts | null } {
  const offer = emptyCounts();
  offer.offered = 1;
  if (c.outcome === null) return { offer, outcome: null };
  const outcome = emptyCounts();
  if (c.outcome === 'answered') {
    outcome.answered = 1;
    if (c.withinSl) outcome.withinSl = 1;
    if (c.waitMs !== null) {
      outcome.waitSumMs = c.waitMs;
      outcome.waitCount = 1;
    }
  } else if (c.outcome === 'abandoned') {
    outcome.abandoned = 1;
    if (c.short) outcome.shortAbandoned = 1;
  } else {
    outcome.expired = 1;
  }
  return { offer, outcome };
}

function contributionOf(visit: Visit, tier: Tier, config: CoreConfig): Contribution {
  const anchor = visit.queuedTs ?? visit.outcomeTs ?? 0;
  const outcomeTs = visit.outcomeTs ?? anchor;
  // Producers' clocks disagree; a negative wait is skew, not a real wait.
  const waitMs = visit.queuedTs !== null && visit.outcomeTs !== null ? Math.max(0, visit.outcomeTs - visit.queuedTs) : null;
  return {
    queue: visit.queue,
    vip: isVipTier(tier),
    offerTs: anchor,
    outcome: visit.outcome,
    outcomeTs,
    waitMs,
    withinSl: visit.outcome === 'answered' && waitMs !== null && waitMs <= config.serviceLevelMs,
    short: visit.outcome === 'abandoned' && waitMs !== null && waitMs < config.shortAbandonMs,
  };
}

/** Recomputes a visit's contribution after it changed and books the difference. */
export function rebookVisit(state: State, visit: Visit, tier: Tier, config: CoreConfig): void {
  const next = contributionOf(visit, tier, config);
  if (visit.contribution) book(state, visit.contribution, -1, config);
  book(state, next, 1, config);
  visit.contribution = next;
}

function book(state: State, c: Contribution, sign: 1 | -1, config: CoreConfig): void {
  const parts = splitContribution(c);
  bookAt(state, c, parts.offer, c.offerTs, sign, config);
  if (parts.outcome) bookAt(state, c, parts.outcome, c.outcomeTs, sign, config);
}

function bookAt(state: State, c: Contribution, counts: Counts, ts: number, sign: 1 | -1, config: CoreConfig): void {
  // Taking back never opens a new day: a contribution to a closed day went with that day.
  const place = sign === 1 ? placeInDay(state, ts, config) : inToday(state.today, ts) ? 'today' : 'past';
  if (place === 'today') {
    const day = state.today!;
    const q = getOrCreate(day.queues, c.queue, emptyQueueDayCounts);
    addCounts(c.vip ? q.vip : q.standard, counts, sign);
    const buckets = getOrCreate(day.intraday, c.queue, () => new Map<number, typeof q>());
    const b = getOrCreate(buckets, bucketIndex(ts, day), emptyQueueDayCounts);
    addCounts(c.vip ? b.vip : b.standard, counts, sign);
  }
  const minute = minuteIndex(ts);
  if (minute > rollingHorizon(state)) {
    const minutes = getOrCreate(state.rolling, c.queue, () => new Map<number, Counts>());
    addCounts(getOrCreate(minutes, minute, emptyCounts), counts, sign);
  }
}

/**
 * Adds to today's counters and to those of the event's 15-minute bucket; an event of a closed
 * day counts nowhere. Returns whether it counted.
 */
export function countToday(state: State, ts: number, config: CoreConfig, add: Partial<DayCounters>): boolean {
  if (placeInDay(state, ts, config) !== 'today') return false;
  const day = state.today!;
  const bucket = getOrCreate(day.counterBuckets, bucketIndex(ts, day), emptyDayCounters);
  for (const [key, amount] of Object.entries(add) as [keyof DayCounters, number][]) {
    day.counters[key] += amount;
    bucket[key] += amount;
  }
  return true;
}

function inToday(day: DayStats | null, ts: number): boolean {
  return day !== null && ts >= day.startTs && ts < day.endTs;
}

/** Minutes at or below this index are outside any window we will report again. */
function rollingHorizon(state: State): number {
  return minuteIndex(state.eventWatermark) - WINDOW_MINUTES - 1;
}

/** Drops rolling buckets that fell out of the window; called when the event watermark moves. */
export function pruneRolling(state: State): void {
  const horizon = rollingHorizon(state);
  for (const [queue, minutes] of state.rolling) {
    for (const minute of minutes.keys()) if (minute <= horizon) minutes.delete(minute);
    if (minutes.size === 0) state.rolling.delete(queue);
  }
}
