// Calendar days of a time zone, 15-minute intraday buckets and 1-minute rolling buckets.
// Pure: Intl does the time-zone arithmetic, no clock is read here.

import { BUCKET_MS, MINUTE_MS, WINDOW_MINUTES } from '../contract/constants.js';

export interface DayWindow {
  /** YYYY-MM-DD in the time zone. */
  day: string;
  /** Epoch ms of local midnight starting the day (inclusive). */
  startTs: number;
  /** Epoch ms of the next local midnight (exclusive). */
  endTs: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError for a time zone Intl does not know; config validation relies on it. */
export function assertTimeZone(timeZone: string): void {
  formatterFor(timeZone);
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(ts: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(ts)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts['year']!,
    month: parts['month']!,
    day: parts['day']!,
    hour: parts['hour']!,
    minute: parts['minute']!,
    second: parts['second']!,
  };
}

/** Offset of the zone from UTC at `ts`, in ms (Asia/Shanghai: +8 h). */
export function zoneOffset(ts: number, timeZone: string): number {
  const p = localParts(ts, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ts / 1000) * 1000;
}

/** Epoch ms of local midnight of the given local calendar date. */
function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day);
  // Two passes settle the offset on days where it changes (DST).
  let ts = guess - zoneOffset(guess, timeZone);
  ts = guess - zoneOffset(ts, timeZone);
  return ts;
}

export function dayWindow(ts: number, timeZone: string): DayWindow {
  const p = localParts(ts, timeZone);
  const startTs = localMidnight(p.year, p.month, p.day, timeZone);
  const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
  const endTs = localMidnight(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), timeZone);
  const day = `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
  return { day, startTs, endTs };
}

/** Index of the 15-minute bucket of `ts` within its day. */
export function bucketIndex(ts: number, window: DayWindow): number {
  return Math.floor((ts - window.startTs) / BUCKET_MS);
}

export function minuteIndex(ts: number): number {
  return Math.floor(ts / MINUTE_MS);
}

/** Minutes at or below this index are outside any rolling window reported again, with the event watermark at `eventWatermark`. */
export function rollingHorizon(eventWatermark: number): number {
  return minuteIndex(eventWatermark) - WINDOW_MINUTES - 1;
}

/** Drops the minutes at or below `horizon` from per-key minute maps, and the keys left with none. */
export function pruneMinutes(byKey: Map<string, Map<number, unknown>>, horizon: number): void {
  for (const [key, minutes] of byKey) {
    for (const minute of minutes.keys()) if (minute <= horizon) minutes.delete(minute);
    if (minutes.size === 0) byKey.delete(key);
  }
}
