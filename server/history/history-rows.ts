// The history's rows: a day's record cut into periods (the day, its hours or its 15-minute
// buckets), each period's parts summed over the queues of the request, and the rates recomputed
// from those sums with the core's own formulas (counts.ts, calls.ts, holds.ts, complaints.ts):
// never an average of rates. Pure.
import { callTotals } from '../core/calls.js';
import { complaintReplyRate } from '../core/complaints.js';
import type { CoreConfig } from '../core/core-config.js';
import { abandonRate, asaMs, connectRate, handled, serviceLevel, sumCounts } from '../core/counts.js';
import { addQueueDayCounts, emptyDayCounters, emptyQueueDayCounts, type DayCounters, type QueueDayCounts } from '../core/day.js';
import type { ComplaintDay, DayRecord } from '../core/day-record-schema.js';
import { holdTotals } from '../core/holds.js';
import { getOrCreate } from '../core/map-utils.js';
import { BUCKET_MS } from '../contract/constants.js';
import type { HistoryInterval } from '../contract/history.js';
import type { HistoryRow } from '../contract/history.js';

/** What one period adds up to, before the rates. */
export interface PeriodParts {
  date: string;
  startTs: number;
  endTs: number;
  queues: Map<string, QueueDayCounts>;
  floor: DayCounters;
  complaintsDue: number;
  complaintsOnTime: number;
  /** The day's complaint figures (day rows and the summary); null for a part of a day, whose rate is of the complaints due in it. */
  complaintDays: ComplaintDay | null;
}

const BUCKETS_PER: Record<HistoryInterval, number> = { day: 0, hour: 4, '15m': 1 };

function addDayCounters(into: DayCounters, from: DayCounters): void {
  for (const key of Object.keys(into) as (keyof DayCounters)[]) into[key] += from[key];
}

function emptyParts(date: string, startTs: number, endTs: number, complaintDays: ComplaintDay | null): PeriodParts {
  return { date, startTs, endTs, queues: new Map(), floor: emptyDayCounters(), complaintsDue: 0, complaintsOnTime: 0, complaintDays };
}

const queueParts = (parts: PeriodParts, queue: string): QueueDayCounts => getOrCreate(parts.queues, queue, emptyQueueDayCounts);

/** A record's periods, in order: one for `day`, else every hour or 15 minutes of the day (23 or 25 hours on a DST day). */
export function periodsOf(record: DayRecord, interval: HistoryInterval): PeriodParts[] {
  if (interval === 'day') {
    const parts = emptyParts(record.date, record.startTs, record.endTs, { ...record.complaints });
    for (const q of record.queues) addQueueDayCounts(queueParts(parts, q.queue), q.day);
    addDayCounters(parts.floor, record.counters);
    for (const [, b] of record.complaintBuckets) {
      parts.complaintsDue += b.due;
      parts.complaintsOnTime += b.onTime;
    }
    return [parts];
  }
  const size = BUCKETS_PER[interval] * BUCKET_MS;
  const count = Math.ceil((record.endTs - record.startTs) / size);
  const periods = Array.from({ length: count }, (_, i) =>
    emptyParts(record.date, record.startTs + i * size, Math.min(record.endTs, record.startTs + (i + 1) * size), null),
  );
  const at = (bucket: number) => periods[Math.min(count - 1, Math.max(0, Math.floor((bucket * BUCKET_MS) / size)))]!;
  for (const q of record.queues) for (const [i, counts] of q.buckets) addQueueDayCounts(queueParts(at(i), q.queue), counts);
  for (const [i, counters] of record.counterBuckets) addDayCounters(at(i).floor, counters);
  for (const [i, b] of record.complaintBuckets) {
    at(i).complaintsDue += b.due;
    at(i).complaintsOnTime += b.onTime;
  }
  return periods;
}

/** The parts of many periods (the summary of a range): `date`, `startTs`, `endTs` as given. */
export function sumParts(list: readonly PeriodParts[], date: string, startTs: number, endTs: number): PeriodParts {
  const total = emptyParts(date, startTs, endTs, { opened: 0, replied: 0, repliedOnTime: 0, overdue: 0 });
  for (const p of list) {
    for (const [queue, counts] of p.queues) addQueueDayCounts(queueParts(total, queue), counts);
    addDayCounters(total.floor, p.floor);
    total.complaintsDue += p.complaintsDue;
    total.complaintsOnTime += p.complaintsOnTime;
    if (p.complaintDays) for (const key of Object.keys(p.complaintDays) as (keyof ComplaintDay)[]) total.complaintDays![key] += p.complaintDays[key];
  }
  return total;
}

/** The period's rows: the total of `queues` (queue null) first, then one per queue. */
export function rowsOf(parts: PeriodParts, queues: readonly string[], config: CoreConfig): HistoryRow[] {
  const total = emptyQueueDayCounts();
  for (const q of queues) {
    const counts = parts.queues.get(q);
    if (counts) addQueueDayCounts(total, counts);
  }
  return [totalRow(parts, total, config), ...queues.map((q) => queueRow(parts, q, parts.queues.get(q) ?? emptyQueueDayCounts()))];
}

function visitFields(parts: PeriodParts, queue: string | null, c: QueueDayCounts) {
  const all = sumCounts([c.standard, c.vip]);
  return {
    date: parts.date,
    startTs: parts.startTs,
    endTs: parts.endTs,
    queue,
    offered: all.offered,
    answered: all.answered,
    abandoned: all.abandoned,
    shortAbandoned: all.shortAbandoned,
    exited: all.exited,
    expired: all.expired,
    withinSl: all.withinSl,
    waitSumMs: all.waitSumMs,
    waitCount: all.waitCount,
    standardAnswered: c.standard.answered,
    standardHandled: handled(c.standard),
    vipAnswered: c.vip.answered,
    vipHandled: handled(c.vip),
  };
}

function visitRates(c: QueueDayCounts) {
  const all = sumCounts([c.standard, c.vip]);
  return {
    serviceLevel: serviceLevel(all),
    agentConnectRate: connectRate(c.standard),
    vipConnectRate: connectRate(c.vip),
    asaMs: asaMs(all),
    abandonRate: abandonRate(all),
  };
}

function queueRow(parts: PeriodParts, queue: string, c: QueueDayCounts): HistoryRow {
  return {
    ...visitFields(parts, queue, c),
    arrived: null,
    blocked: null,
    surveys: null,
    surveyScoreSum: null,
    resolved: null,
    endedWithResolution: null,
    holdChecksDue: null,
    holdChecksOnTime: null,
    warmTransfers: null,
    coldTransfers: null,
    otherTransfers: null,
    complaintsDue: null,
    complaintsRepliedOnTime: null,
    ...visitRates(c),
    systemConnectRate: null,
    satisfaction: null,
    firstContactResolution: null,
    holdCheckOnTimeRate: null,
    complaintReplyRate: null,
  };
}

function totalRow(parts: PeriodParts, c: QueueDayCounts, config: CoreConfig): HistoryRow {
  const f = parts.floor;
  const calls = callTotals(f);
  const complaints = parts.complaintDays;
  return {
    ...visitFields(parts, null, c),
    arrived: f.arrived,
    blocked: f.blocked,
    surveys: f.surveys,
    surveyScoreSum: f.surveySum,
    resolved: f.resolved,
    endedWithResolution: f.endedWithResolution,
    holdChecksDue: f.holdChecksDue,
    holdChecksOnTime: f.holdChecksOnTime,
    warmTransfers: f.warmTransfers,
    coldTransfers: f.coldTransfers,
    otherTransfers: f.otherTransfers,
    complaintsDue: parts.complaintsDue,
    complaintsRepliedOnTime: parts.complaintsOnTime,
    ...visitRates(c),
    systemConnectRate: calls.systemConnectRate,
    satisfaction: calls.satisfaction,
    firstContactResolution: calls.firstContactResolution,
    // The closed holds' checks: a hold still open at the record's time counts when it ends.
    holdCheckOnTimeRate: holdTotals(f, [], parts.endTs, config).holdCheckOnTimeRate,
    // A day's (or days') as the board's KPI has it; a part of a day's, of the complaints due in it.
    complaintReplyRate: complaints
      ? complaintReplyRate(complaints.repliedOnTime, complaints.replied, complaints.overdue)
      : complaintReplyRate(parts.complaintsOnTime, parts.complaintsDue, 0),
  };
}
