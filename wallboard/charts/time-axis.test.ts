// Time in the centre's zone: local minutes, the day's start, hour ticks, the span a chart covers.
import { describe, expect, it } from 'vitest';
import { BUCKET_MS } from '../../server/contract/constants.js';
import { bucket, parts } from '../testing/buckets.js';
import { TEN_AM, TZ } from '../testing/centre-time.js';
import { chartSpan, dayStartOf, hourTicks, localMinutes } from './time-axis.js';

describe('time axis', () => {
  it('works in the centre time zone', () => {
    expect(localMinutes(TEN_AM, TZ)).toBe(600);
    expect(dayStartOf(TEN_AM + 1234, TZ)).toBe(TEN_AM - 10 * 3600_000);
    expect(hourTicks(TEN_AM - 3 * 3600_000, TEN_AM, TZ, 2).map((t) => t.hour)).toEqual([8, 10]);
  });

  it('spans from the first interval with calls, not from a complaint carried over to 00:00', () => {
    const midnight = dayStartOf(TEN_AM, TZ);
    const buckets = [parts(midnight, { complaintsDue: 1 }), bucket(TEN_AM - 2 * 3600_000, 3, 3, 0, 1)];
    expect(chartSpan(buckets, TEN_AM + 60_000, TZ, 3600_000)).toEqual({ start: TEN_AM - 2 * 3600_000, end: TEN_AM + BUCKET_MS });
    expect(chartSpan([], TEN_AM, TZ)).toEqual({ start: TEN_AM + BUCKET_MS - 6 * 3600_000, end: TEN_AM + BUCKET_MS });
    // An interval whose only traffic is callers who left the queue (queued the interval before) still counts.
    expect(chartSpan([parts(TEN_AM - 3 * 3600_000, { exited: 1 }), ...buckets], TEN_AM + 60_000, TZ, 3600_000).start).toBe(TEN_AM - 3 * 3600_000);
  });

  it("spans the minimum ahead just after midnight, so the day's first interval is one bar among hours, not the whole chart", () => {
    const midnight = dayStartOf(TEN_AM, TZ);
    const tenPast = midnight + 10 * 60_000;
    expect(chartSpan([bucket(midnight, 5, 5, 0, 1)], tenPast, TZ)).toEqual({ start: midnight, end: midnight + 6 * 3600_000 });
    expect(chartSpan([bucket(midnight, 5, 5, 0, 1)], tenPast, TZ, 3600_000)).toEqual({ start: midnight, end: midnight + 3600_000 });
  });

  it('starts at the first call and spans the minimum ahead, not hours back before it; near midnight it spans back instead', () => {
    const midnight = dayStartOf(TEN_AM, TZ);
    const eleven = TEN_AM + 3600_000;
    // The demo's floor: calls from 11:00, a hold check due at 08:00, seen at 14:05.
    const day = [parts(TEN_AM - 2 * 3600_000, { holdChecksDue: 1 }), bucket(eleven, 4, 4, 0, 1), bucket(eleven + 3 * 3600_000, 4, 4, 0, 1)];
    expect(chartSpan(day, eleven + 3 * 3600_000 + 5 * 60_000, TZ)).toEqual({ start: eleven, end: eleven + 6 * 3600_000 });
    // Past 18:00 the six hours ahead would cross midnight: the span ends there and reaches back.
    const ninePm = midnight + 21 * 3600_000;
    expect(chartSpan([bucket(ninePm, 4, 4, 0, 1)], ninePm + 2 * 3600_000, TZ)).toEqual({ start: midnight + 18 * 3600_000, end: midnight + 24 * 3600_000 });
  });
});
