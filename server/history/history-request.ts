// The history API's query string, checked: every bad parameter is refused with the reason, before
// any Redis read. Dates are local calendar days of the board's time zone, inclusive.
import { z } from 'zod';
import { HISTORY_INTERVALS, type HistoryInterval } from '../contract/history.js';
import { DAY_MS } from '../contract/constants.js';

/** Days one request may span. */
export const MAX_HISTORY_DAYS = 400;

/** Days one request may span at each interval: a year of 15-minute rows would be a response of hundreds of megabytes. */
export const MAX_DAYS_BY_INTERVAL: Record<HistoryInterval, number> = { day: MAX_HISTORY_DAYS, hour: 93, '15m': 31 };

export const HISTORY_LANGS = ['zh-CN', 'en'] as const;
export type HistoryLang = (typeof HISTORY_LANGS)[number];

export interface HistoryRequest {
  from: string;
  to: string;
  /** Every date from `from` to `to`. */
  dates: string[];
  /** The queues asked for, sorted; null for every queue with a record. */
  queues: string[] | null;
  interval: HistoryInterval;
  lang: HistoryLang;
}

export type ParsedRequest = { ok: true; request: HistoryRequest } | { ok: false; reason: string };

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch ms of UTC midnight of a real calendar date, else null. */
function calendarDay(text: string): number | null {
  const m = DATE.exec(text);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(ms).toISOString().slice(0, 10) === text ? ms : null;
}

const single = z.string({ error: 'given more than once' }).optional();
const querySchema = z.object({ from: single, to: single, queues: single, interval: single, lang: single }).loose();

export function parseHistoryRequest(query: unknown): ParsedRequest {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) return { ok: false, reason: `${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}` };
  const q = parsed.data;
  if (q.from === undefined || q.from === '') return { ok: false, reason: 'from: required, a date YYYY-MM-DD' };
  const from = calendarDay(q.from);
  if (from === null) return { ok: false, reason: `from: "${q.from}" is not a date YYYY-MM-DD` };
  const toText = q.to === undefined || q.to === '' ? q.from : q.to;
  const to = calendarDay(toText);
  if (to === null) return { ok: false, reason: `to: "${toText}" is not a date YYYY-MM-DD` };
  if (to < from) return { ok: false, reason: `to: ${toText} is before from (${q.from})` };
  const days = Math.round((to - from) / DAY_MS) + 1;
  if (days > MAX_HISTORY_DAYS) return { ok: false, reason: `from ${q.from} to ${toText} is ${days} days: at most ${MAX_HISTORY_DAYS} per request` };
  const interval = q.interval === undefined || q.interval === '' ? 'day' : q.interval;
  if (!isOneOf(HISTORY_INTERVALS, interval)) return { ok: false, reason: `interval: "${interval}" is not one of ${HISTORY_INTERVALS.join(', ')}` };
  if (days > MAX_DAYS_BY_INTERVAL[interval])
    return { ok: false, reason: `interval: ${interval} rows for ${days} days: at most ${MAX_DAYS_BY_INTERVAL[interval]} days at this interval` };
  const lang = q.lang === undefined || q.lang === '' ? 'zh-CN' : q.lang;
  if (!isOneOf(HISTORY_LANGS, lang)) return { ok: false, reason: `lang: "${lang}" is not one of ${HISTORY_LANGS.join(', ')}` };
  const queues = q.queues === undefined || q.queues === '' ? null : [...new Set(q.queues.split(',').map((s) => s.trim()))].filter(Boolean).sort();
  const dates = Array.from({ length: days }, (_, i) => new Date(from + i * DAY_MS).toISOString().slice(0, 10));
  return { ok: true, request: { from: q.from, to: toText, dates, queues: queues && queues.length > 0 ? queues : null, interval, lang } };
}

function isOneOf<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}
