import { describe, expect, it } from 'vitest';
import { parseReportQuery, reportSearch } from './report-query.js';

describe('the report address', () => {
  it('reads a day, a week (snapped to its Monday) or nothing', () => {
    expect(parseReportQuery('?date=2026-11-30&lang=en')).toEqual({ view: 'day', date: '2026-11-30' });
    expect(parseReportQuery('?week=2026-12-03')).toEqual({ view: 'week', monday: '2026-11-30' });
    expect(parseReportQuery('')).toEqual({ view: 'day', date: null });
    expect(parseReportQuery('?date=2026-02-30')).toEqual({ view: 'day', date: null });
    expect(parseReportQuery('?week=nope')).toEqual({ view: 'week', monday: null });
  });

  it('writes one back with the language', () => {
    expect(reportSearch({ view: 'day', date: '2026-11-30' }, 'en')).toBe('?date=2026-11-30&lang=en');
    expect(reportSearch({ view: 'week', monday: '2026-11-30' }, 'zh-CN')).toBe('?week=2026-11-30&lang=zh');
  });
});
