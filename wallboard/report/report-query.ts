// The report's address: /report?date=YYYY-MM-DD (a day) or /report?week=YYYY-MM-DD (the week of
// that day, from its Monday), with &lang=. The PDF endpoint takes the same parameters, so the
// printer loads exactly the page a reader sees.
import type { Lang } from '../i18n/messages.js';
import { isIsoDay, mondayOf } from './report-dates.js';

export type ReportPick =
  /** A day; null: yesterday in the board's zone. */
  | { view: 'day'; date: string | null }
  /** A week by its Monday; null: last week. */
  | { view: 'week'; monday: string | null };

export function parseReportQuery(search: string): ReportPick {
  const params = new URLSearchParams(search);
  const week = params.get('week');
  if (week !== null) return { view: 'week', monday: isIsoDay(week) ? mondayOf(week) : null };
  const date = params.get('date');
  return { view: 'day', date: date !== null && isIsoDay(date) ? date : null };
}

/** The query string (with its `?`) of a picked day or week in `lang`. */
export function reportSearch(pick: { view: 'day'; date: string } | { view: 'week'; monday: string }, lang: Lang): string {
  const params = new URLSearchParams(pick.view === 'day' ? { date: pick.date } : { week: pick.monday });
  params.set('lang', lang === 'en' ? 'en' : 'zh');
  return `?${params.toString()}`;
}
