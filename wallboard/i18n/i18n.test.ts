// Translations and the locale's number and time formats.
import { describe, expect, it } from 'vitest';
import { TEN_AM, TZ } from '../testing/centre-time.js';
import { createI18n } from './i18n.js';
import { CATALOGUES } from './messages.js';

describe('translations', () => {
  it('has every key in both languages, with the same placeholders, and nothing left empty', () => {
    const en = CATALOGUES.en;
    const zh = CATALOGUES['zh-CN'];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zh[key].trim(), key).not.toBe('');
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(holes(zh[key]), key).toEqual(holes(en[key]));
    }
  });

  it('uses the floor terms for the hotline KPIs', () => {
    const zh = createI18n('zh-CN');
    expect(zh.t('kpi.systemConnect')).toBe('系统接通率');
    expect(zh.t('kpi.agentConnect')).toBe('普通人工接通率');
    expect(zh.t('kpi.vipConnect')).toBe('VIP座席接通率');
    expect(zh.t('kpi.satisfaction')).toBe('热线满意度');
    expect(zh.t('kpi.complaintReply')).toBe('用户投诉答复率');
    expect(zh.t('kpi.firstContactResolution')).toBe('一次性问题解决率');
    expect(zh.t('hold.title')).toBe('持机回应');
  });

  it('formats numbers, rates, durations and times for the locale and the centre time zone', () => {
    const en = createI18n('en');
    const zh = createI18n('zh-CN');
    expect(en.number(12345)).toBe('12,345');
    expect(zh.percent(0.9876)).toBe('98.8%');
    expect(en.percent(null)).toBe('—');
    expect(en.points(85.25)).toBe('85.3');
    expect(en.duration(65_400)).toBe('1:05');
    expect(en.duration(3_725_000)).toBe('1:02:05');
    expect(en.duration(-5)).toBe('0:00');
    expect(zh.time(TEN_AM + 3_723_000, TZ)).toBe('11:02:03');
    expect(en.time(TEN_AM + 3_723_000, TZ)).toBe('11:02:03');
    expect(en.hourMinute(TEN_AM, 'UTC')).toBe('02:00');
    expect(en.t('hold.late', { time: '0:07' })).toBe('Late 0:07');
  });

  it('tells ages and log times in the language', () => {
    const en = createI18n('en');
    const zh = createI18n('zh-CN');
    const now = TEN_AM;
    expect(en.ago(now - 20_000, now)).toBe('just now');
    expect(zh.ago(now - 20_000, now)).toBe('刚刚');
    expect(en.ago(now - 5 * 60_000, now)).toBe('5 minutes ago');
    expect(zh.ago(now - 5 * 60_000, now)).toBe('5分钟前');
    expect(en.ago(now - 3 * 3_600_000 - 59_000, now)).toBe('3 hours ago');
    expect(en.ago(now - 2 * 86_400_000, now)).toBe('2 days ago');
    // A clock a little ahead of the browser's is "just now", not "in 3 seconds".
    expect(en.ago(now + 3000, now)).toBe('just now');
    expect(en.dateTime(TEN_AM + 3_723_000, TZ)).toBe('11-23 11:02:03');
    expect(zh.dateTime(TEN_AM + 3_723_000, TZ)).toBe('11-23 11:02:03');
  });
});
