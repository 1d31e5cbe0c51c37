// The morning report's figures, from the history API's answer: pure functions the components and
// the tests call with data. Rates are taken from the API (recomputed there from summed parts);
// only the report's own merges (15-minute rows into half-hours and hours) recompute theirs.
import type { KpiStatus } from '../../server/contract/snapshot.js';
import { abandonRate, handled, serviceLevel } from '../../server/contract/visit-rates.js';
import type { Lang } from '../i18n/messages.js';
import {
  REPORT_KPIS,
  reportKpiStatus,
  type HistoryAgentRow,
  type HistoryComplaints,
  type HistoryResponse,
  type HistoryRow,
  type HistoryTarget,
  type ReportKpiDef,
} from '../../server/contract/history.js';
import { addDays } from './report-dates.js';

export interface KpiCell {
  value: number | null;
  status: KpiStatus;
}

export interface KpiLine {
  def: ReportKpiDef;
  target: HistoryTarget | null;
  cells: KpiCell[];
}

/** The floor's total row of `date` (interval day), or null for a day without a record. */
export function totalOf(rows: readonly HistoryRow[], date: string): HistoryRow | null {
  return rows.find((r) => r.queue === null && r.date === date) ?? null;
}

export function isRecorded(answer: HistoryResponse, date: string): boolean {
  return answer.days.find((d) => d.date === date)?.recorded ?? false;
}

/** Whether the day's record is final (its day has closed); today's is not: its figures are so far. */
export function isFinal(answer: HistoryResponse, date: string): boolean {
  return answer.days.find((d) => d.date === date)?.final ?? false;
}

/** A KPI's value in `row` judged against its target; no target, no judgement. */
export function kpiCell(def: ReportKpiDef, target: HistoryTarget | null, row: HistoryRow | null): KpiCell {
  const value = row ? row[def.field] : null;
  return { value, status: reportKpiStatus(value, target) };
}

/** The columns of the day view's KPI table: the day, the day before and the same weekday a week earlier. */
export function comparisonDays(date: string): string[] {
  return [date, addDays(date, -1), addDays(date, -7)];
}

/** Each KPI on each of `dates`, from a day-interval answer covering them. */
export function kpiLines(answer: HistoryResponse, dates: readonly string[]): KpiLine[] {
  const rows = dates.map((d) => totalOf(answer.rows, d));
  return REPORT_KPIS.map((def) => {
    const target = answer.targets[def.id] ?? null;
    return { def, target, cells: rows.map((row) => kpiCell(def, target, row)) };
  });
}

/** The week against the week before: each KPI from the two answers' summary totals (never an average of the days). */
export function weekAgainstWeek(week: HistoryResponse, before: HistoryResponse): KpiLine[] {
  const rows = [week, before].map((a) => a.summary.find((r) => r.queue === null) ?? null);
  const recorded = [week, before].map((a) => a.days.some((d) => d.recorded));
  return REPORT_KPIS.map((def) => {
    const target = week.targets[def.id] ?? null;
    return { def, target, cells: rows.map((row, i) => kpiCell(def, target, recorded[i] ? row : null)) };
  });
}

/** Counts of a period the report merges (hours, half-hours), with its rates recomputed from them. */
export interface MergedPeriod {
  startTs: number;
  endTs: number;
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  exited: number;
  withinSl: number;
  /** Answered + abandoned − short abandons + exited: the service level's denominator. */
  handled: number;
  serviceLevel: number | null;
  /** (abandoned − short) / handled, as the API's abandonRate. */
  abandonRate: number | null;
}

/**
 * Sums one series of 15-minute rows into periods of `periodMs` counted from `dayStartTs` (local
 * midnight), every period of the day present (zeros where nothing was recorded).
 */
export function mergePeriods(rows: readonly HistoryRow[], dayStartTs: number, dayEndTs: number, periodMs: number): MergedPeriod[] {
  const count = Math.max(1, Math.round((dayEndTs - dayStartTs) / periodMs));
  const periods: MergedPeriod[] = Array.from({ length: count }, (_, i) => ({
    startTs: dayStartTs + i * periodMs,
    endTs: Math.min(dayEndTs, dayStartTs + (i + 1) * periodMs),
    offered: 0,
    answered: 0,
    abandoned: 0,
    shortAbandoned: 0,
    exited: 0,
    withinSl: 0,
    handled: 0,
    serviceLevel: null,
    abandonRate: null,
  }));
  for (const row of rows) {
    const p = periods[Math.floor((row.startTs - dayStartTs) / periodMs)];
    if (!p) continue;
    p.offered += row.offered;
    p.answered += row.answered;
    p.abandoned += row.abandoned;
    p.shortAbandoned += row.shortAbandoned;
    p.exited += row.exited;
    p.withinSl += row.withinSl;
  }
  for (const p of periods) {
    p.handled = handled(p);
    p.serviceLevel = serviceLevel(p);
    p.abandonRate = abandonRate(p);
  }
  return periods;
}

/** One queue's rows (null: the total), in time order. */
export function seriesOf(rows: readonly HistoryRow[], queue: string | null): HistoryRow[] {
  return rows.filter((r) => r.queue === queue).sort((a, b) => a.startTs - b.startTs);
}

export const HALF_HOUR_MS = 30 * 60_000;
export const HOUR_MS = 60 * 60_000;

export interface WorstOptions {
  /** Half-hours with fewer calls handled are not ranked (a single lost call is not a bad half-hour). @default 10 */
  minHandled?: number;
  /** How many to show. @default 5 */
  count?: number;
}

/** The worst half-hours of the floor: lowest service level first, then the higher abandon rate, then the busier. */
export function worstHalfHours(total15m: readonly HistoryRow[], dayStartTs: number, dayEndTs: number, options: WorstOptions = {}): MergedPeriod[] {
  const minHandled = options.minHandled ?? 10;
  return mergePeriods(total15m, dayStartTs, dayEndTs, HALF_HOUR_MS)
    .filter((p) => p.handled >= minHandled && p.serviceLevel !== null)
    .sort((a, b) => a.serviceLevel! - b.serviceLevel! || (b.abandonRate ?? 0) - (a.abandonRate ?? 0) || b.handled - a.handled || a.startTs - b.startTs)
    .slice(0, options.count ?? 5);
}

/** A queue's name in the page's language, else its id. */
export function queueLabel(answer: Pick<HistoryResponse, 'queueNames'>, queue: string, lang: Lang): string {
  const names = answer.queueNames[queue];
  return (lang === 'en' ? names?.en : names?.zh) || queue;
}

export interface DayRecord {
  holdChecksDue: number;
  holdChecksOnTime: number;
  holdCheckOnTimeRate: number | null;
  complaints: HistoryComplaints;
  complaintsDue: number;
  complaintsRepliedOnTime: number;
  coldTransfers: number;
  warmTransfers: number;
  otherTransfers: number;
}

/** The day's hold checks, complaints and transfers from its total row. */
export function dayRecord(answer: HistoryResponse, total: HistoryRow, date: string): DayRecord {
  return {
    holdChecksDue: total.holdChecksDue ?? 0,
    holdChecksOnTime: total.holdChecksOnTime ?? 0,
    holdCheckOnTimeRate: total.holdCheckOnTimeRate,
    complaints: answer.complaints.find((c) => c.date === date) ?? { date, opened: 0, replied: 0, repliedOnTime: 0, overdue: 0 },
    complaintsDue: total.complaintsDue ?? 0,
    complaintsRepliedOnTime: total.complaintsRepliedOnTime ?? 0,
    coldTransfers: total.coldTransfers ?? 0,
    warmTransfers: total.warmTransfers ?? 0,
    otherTransfers: total.otherTransfers ?? 0,
  };
}

/** The agents of `date`, the busiest first. */
export function agentsOf(agents: readonly HistoryAgentRow[], date: string): HistoryAgentRow[] {
  return agents.filter((a) => a.date === date).sort((a, b) => b.handled - a.handled || a.agentId.localeCompare(b.agentId));
}

/** The alarms raised on `date`, in the order they were raised. */
export function alarmsOf(answer: HistoryResponse, date: string): HistoryResponse['alarms'] {
  return answer.alarms.filter((a) => a.date === date).sort((a, b) => a.raisedTs - b.raisedTs);
}
