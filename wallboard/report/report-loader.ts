// What the report page asks the history API for: a day view is two requests (the day with the
// day before and the same weekday a week earlier, per day; and the day per 15 minutes), a week
// view two (the week and the week before, each with its own summary).
import { AccessError, failureOf } from '../access/access-error.js';
import type { HistoryResponse, HistoryInterval } from '../../server/contract/history.js';
import { addDays } from './report-dates.js';

/** GET /api/v1/history with these parameters. */
export type HistoryGet = (from: string, to: string, interval: HistoryInterval) => Promise<HistoryResponse>;

export interface DayReport {
  kind: 'day';
  date: string;
  /** D−7 … D per day: the KPIs, agents, alarms and complaints. */
  days: HistoryResponse;
  /** D per 15 minutes: traffic, service level, worst half-hours. */
  intraday: HistoryResponse;
}

export interface WeekReport {
  kind: 'week';
  monday: string;
  week: HistoryResponse;
  before: HistoryResponse;
}

export type Report = DayReport | WeekReport;

export async function loadDay(get: HistoryGet, date: string): Promise<DayReport> {
  const [days, intraday] = await Promise.all([get(addDays(date, -7), date, 'day'), get(date, date, '15m')]);
  return { kind: 'day', date, days, intraday };
}

export async function loadWeek(get: HistoryGet, monday: string): Promise<WeekReport> {
  const [week, before] = await Promise.all([get(monday, addDays(monday, 6), 'day'), get(addDays(monday, -7), addDays(monday, -1), 'day')]);
  return { kind: 'week', monday, week, before };
}

/** The history API over the page's own origin and session; a failure is an AccessError the page can explain. */
export function historyGetOf(fetchFn: typeof fetch): HistoryGet {
  return async (from, to, interval) => {
    const path = `/api/v1/history?${new URLSearchParams({ from, to, interval }).toString()}`;
    let res: Response;
    try {
      res = await fetchFn(path, { credentials: 'same-origin', headers: { accept: 'application/json' } });
    } catch (error) {
      throw new AccessError('unreachable', 0, error instanceof Error ? error.message : String(error));
    }
    const body: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const said = (body as { error?: unknown } | null)?.error;
      const detail = typeof said === 'string' ? said : res.statusText;
      throw new AccessError(res.status >= 502 && res.status <= 504 ? 'unreachable' : failureOf(res.status, detail), res.status, detail);
    }
    return body as HistoryResponse;
  };
}
