// Calendar days as the report picks them: "YYYY-MM-DD" strings in the board's time zone. Day
// arithmetic is done on the calendar (UTC noon of the date), so a DST change never skips a day.
import { DAY_MS } from '../../server/contract/constants.js';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `value` is a real calendar day written YYYY-MM-DD. */
export function isIsoDay(value: string): boolean {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

function noonOf(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d, 12);
}

/** The day `n` days after `day` (before it for a negative n). */
export function addDays(day: string, n: number): string {
  return new Date(noonOf(day) + n * DAY_MS).toISOString().slice(0, 10);
}

/** 1 for Monday … 7 for Sunday (ISO). */
export function isoWeekday(day: string): number {
  return ((new Date(noonOf(day)).getUTCDay() + 6) % 7) + 1;
}

/** The Monday of `day`'s week (weeks run Monday to Sunday, as the Monday review reads them). */
export function mondayOf(day: string): string {
  return addDays(day, 1 - isoWeekday(day));
}

/** The seven days of the week starting on `monday`. */
export function weekDays(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The calendar day `ts` falls on in `timeZone`. */
export function dayIn(ts: number, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(ts);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Yesterday in `timeZone` at `now`: the morning report's default day. */
export function yesterdayIn(now: number, timeZone: string): string {
  return addDays(dayIn(now, timeZone), -1);
}
