// Time-of-day helpers for charts over 15-minute buckets, in the call centre's time zone (not
// the browser's: a kiosk's clock setting must not move the floor's day).
import { BUCKET_MS } from '../../server/contract/constants.js';
import type { IntradayBucket } from '../../server/contract/snapshot.js';

const DAY_MS = 24 * 3600_000;
const partFormats = new Map<string, Intl.DateTimeFormat>();
// Charts ask for the same bucket starts on every update (a day's axis is ~96 of them), and each
// answer costs an Intl formatToParts: remembered per zone, forgotten wholesale when it grows.
const minutesMemo = new Map<string, Map<number, number>>();
const MEMO_LIMIT = 4096;

/** Minutes since local midnight of `ts` in `timeZone`. */
export function localMinutes(ts: number, timeZone: string): number {
  let memo = minutesMemo.get(timeZone);
  if (!memo) minutesMemo.set(timeZone, (memo = new Map<number, number>()));
  const known = memo.get(ts);
  if (known !== undefined) return known;
  let format = partFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone });
    partFormats.set(timeZone, format);
  }
  let hour = 0;
  let minute = 0;
  for (const part of format.formatToParts(ts)) {
    if (part.type === 'hour') hour = Number(part.value);
    else if (part.type === 'minute') minute = Number(part.value);
  }
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(ts, hour * 60 + minute);
  return hour * 60 + minute;
}

/** Local midnight before `ts` (for 15-minute-aligned zones without a DST jump that day). */
export function dayStartOf(ts: number, timeZone: string): number {
  const floored = Math.floor(ts / 60_000) * 60_000;
  return floored - localMinutes(floored, timeZone) * 60_000;
}

export interface TimeTick {
  ts: number;
  /** Local hour of the tick. */
  hour: number;
}

/** Whole local hours in [start, end], every `stepHours`-th one. */
export function hourTicks(start: number, end: number, timeZone: string, stepHours: number): TimeTick[] {
  const ticks: TimeTick[] = [];
  for (let ts = Math.ceil(start / BUCKET_MS) * BUCKET_MS; ts <= end; ts += BUCKET_MS) {
    const minutes = localMinutes(ts, timeZone);
    if (minutes % 60 !== 0) continue;
    const hour = minutes / 60;
    if (hour % stepHours === 0) ticks.push({ ts, hour });
  }
  return ticks;
}

/** The time a chart of today's intervals covers, epoch ms. */
export interface ChartSpan {
  start: number;
  end: number;
}

const hasTraffic = (b: IntradayBucket) => b.offered > 0 || b.answered > 0 || b.abandoned > 0 || b.exited > 0 || b.arrived > 0;

/**
 * From the first interval with calls to the end of the interval holding `nowTs`, and at least
 * `minSpanMs` long: the extra time goes ahead (the hours to come), never before the first call,
 * unless ahead would pass the day's end. An interval with no calls, such as a complaint carried
 * over from yesterday booked at 00:00 or a hold check, does not stretch the chart back. With no
 * calls yet, the last `minSpanMs` (never before local midnight).
 */
export function chartSpan(buckets: readonly IntradayBucket[], nowTs: number, timeZone: string, minSpanMs = 6 * 3600_000): ChartSpan {
  const end = Math.floor(nowTs / BUCKET_MS) * BUCKET_MS + BUCKET_MS;
  const dayStart = dayStartOf(nowTs, timeZone);
  const busy = buckets.filter(hasTraffic);
  const from = busy.length > 0 ? busy : buckets;
  const firstData = from.length > 0 ? Math.min(...from.map((b) => b.startTs)) : end;
  // Padding the span back before the first call made the axis start hours before the data.
  const latestStart = busy.length > 0 ? dayStart + DAY_MS - minSpanMs : end - minSpanMs;
  const start = Math.max(dayStart, Math.min(firstData, latestStart));
  return { start, end: Math.max(end, start + minSpanMs) };
}

/** Hours between labelled ticks, so that at most `maxTicks` fit the span. */
export function hourStep(span: ChartSpan, maxTicks = 8): number {
  const hours = (span.end - span.start) / 3600_000;
  return [1, 2, 3, 4, 6, 12].find((s) => hours / s <= maxTicks) ?? 12;
}
