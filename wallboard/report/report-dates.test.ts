import { describe, expect, it } from 'vitest';
import { addDays, dayIn, isIsoDay, isoWeekday, mondayOf, weekDays, yesterdayIn } from './report-dates.js';

describe('report dates', () => {
  it('steps over month, year and DST boundaries by calendar day', () => {
    expect(addDays('2026-11-30', 1)).toBe('2026-12-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addDays('2026-03-29', -7)).toBe('2026-03-22');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('finds the Monday of a week, Monday to Sunday', () => {
    expect(isoWeekday('2026-11-30')).toBe(1);
    expect(isoWeekday('2026-12-06')).toBe(7);
    expect(mondayOf('2026-12-06')).toBe('2026-11-30');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2026-12-01')).toBe('2026-11-30');
    expect(weekDays('2026-11-30')).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
  });

  it("takes yesterday in the board's zone, not the browser's", () => {
    // 2026-12-01 17:30 UTC is already 12-02 01:30 in Shanghai.
    const ts = Date.UTC(2026, 11, 1, 17, 30);
    expect(dayIn(ts, 'Asia/Shanghai')).toBe('2026-12-02');
    expect(yesterdayIn(ts, 'Asia/Shanghai')).toBe('2026-12-01');
    expect(yesterdayIn(ts, 'America/New_York')).toBe('2026-11-30');
  });

  it('accepts real days only', () => {
    expect(isIsoDay('2026-11-30')).toBe(true);
    expect(isIsoDay('2026-11-31')).toBe(false);
    expect(isIsoDay('2026-1-3')).toBe(false);
    expect(isIsoDay('')).toBe(false);
  });
});
