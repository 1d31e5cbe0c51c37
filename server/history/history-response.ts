// The history API's answer (docs/history.md) from the stored day records of the range: the
// period rows, the range's summary, the agents' days, the alarms and the complaints, with the
// targets and queue names in force now. Pure: the records and the settings are passed in.
import { agentToday } from '../core/agent-day.js';
import type { CoreConfig } from '../core/core-config.js';
import type { DayRecord } from '../core/day-record-schema.js';
import { riskFloorOf } from '../core/metrics.js';
import type { QueueName } from '../core/queue-settings-schema.js';
import { dayWindow, zoneOffset, type DayWindow } from '../core/windows.js';
import type { KpiId } from '../contract/snapshot.js';
import type { StoredDay } from '../redis/history-store.js';
import type { HistoryAgentRow, HistoryResponse, HistoryTarget } from '../contract/history.js';
import type { HistoryRequest } from './history-request.js';
import { periodsOf, rowsOf, sumParts } from './history-rows.js';

export interface HistoryContext {
  config: CoreConfig;
  /** The queue names in force now (queue-settings.ts queueNamesIn), every queue that has one. */
  queueNames: Record<string, QueueName>;
}

/** The local day `date` (YYYY-MM-DD) of the time zone: from its local midnight to the next. */
export function windowOfDate(date: string, timeZone: string): DayWindow {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const noonUtc = Date.UTC(y, m - 1, d, 12);
  return dayWindow(noonUtc - zoneOffset(noonUtc, timeZone), timeZone);
}

function targetsOf(config: CoreConfig): Record<KpiId | 'serviceLevel', HistoryTarget> {
  const kpis = Object.entries(config.targets).map(([id, t]) => [id, { target: t.target, riskFloor: riskFloorOf(t) }] as const);
  return { ...(Object.fromEntries(kpis) as Record<KpiId, HistoryTarget>), serviceLevel: { target: config.serviceLevelTarget, riskFloor: null } };
}

function agentRows(record: DayRecord): HistoryAgentRow[] {
  return record.agents.map((a) => ({
    date: record.date,
    agentId: a.agentId,
    ...(a.name === null ? {} : { name: a.name }),
    team: a.team,
    handled: a.handled,
    handleSumMs: a.handleSumMs,
    meanHandleMs: agentToday(a, 0, false).meanHandleMs,
    holds: a.holds,
    holdChecksMissed: a.holdChecksMissed,
    coldTransfers: a.coldTransfers,
    warmTransfers: a.warmTransfers,
  }));
}

export function historyResponse(request: HistoryRequest, stored: ReadonlyMap<string, StoredDay>, context: HistoryContext): HistoryResponse {
  const { config } = context;
  const records = request.dates.flatMap((date) => {
    const day = stored.get(date);
    return day ? [day.record] : [];
  });
  const queues = request.queues ?? [...new Set(records.flatMap((r) => r.queues.map((q) => q.queue)))].sort();
  const rows = records.flatMap((r) => periodsOf(r, request.interval).flatMap((parts) => rowsOf(parts, queues, config)));
  const range = { startTs: windowOfDate(request.from, config.timeZone).startTs, endTs: windowOfDate(request.to, config.timeZone).endTs };
  const summaryParts = sumParts(
    records.flatMap((r) => periodsOf(r, 'day')),
    request.from,
    range.startTs,
    range.endTs,
  );
  const names: Record<string, QueueName> = {};
  for (const q of queues) if (Object.hasOwn(context.queueNames, q)) names[q] = context.queueNames[q]!;
  return {
    from: request.from,
    to: request.to,
    interval: request.interval,
    timeZone: config.timeZone,
    queues,
    queueNames: names,
    targets: targetsOf(config),
    days: request.dates.map((date) => {
      const day = stored.get(date);
      return { date, recorded: day !== undefined, final: day?.record.final ?? false, recordedTs: day?.writtenTs ?? null };
    }),
    rows,
    summary: rowsOf(summaryParts, queues, config),
    agents: request.interval === 'day' ? records.flatMap(agentRows) : [],
    alarms: records.flatMap((r) => r.alarms.map((a) => ({ ...a, date: r.date }))),
    complaints: records.map((r) => ({ date: r.date, ...r.complaints })),
  };
}
