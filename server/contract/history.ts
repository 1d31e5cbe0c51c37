// The history API's JSON (docs/history.md), as types: the server builds it
// (server/history/history-response.ts) and the report page reads it, one statement for both. Every count is an integer sum of the parts the core
// keeps; every rate is recomputed from the summed parts of the row's period and queues. Also the
// report's KPIs and how a row's figure is judged, shared by the /report page and the morning webhook.
import { statusAgainst } from './kpi-status.js';
import type { Alarm, KpiId, KpiStatus, QueueDisplayName, Rate } from './snapshot.js';

/** The periods a history request may ask for. */
export const HISTORY_INTERVALS = ['day', 'hour', '15m'] as const;
export type HistoryInterval = (typeof HISTORY_INTERVALS)[number];

export interface HistoryRow {
  /** Local day of the period start (the summary: `from`). */
  date: string;
  startTs: number;
  endTs: number;
  /** Queue id, or null for the total of the queues in the request. */
  queue: string | null;
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  exited: number;
  expired: number;
  withinSl: number;
  waitSumMs: number;
  waitCount: number;
  standardAnswered: number;
  standardHandled: number;
  vipAnswered: number;
  vipHandled: number;
  // The floor's day counters: total rows only (null on queue rows).
  arrived: number | null;
  blocked: number | null;
  surveys: number | null;
  surveyScoreSum: number | null;
  resolved: number | null;
  endedWithResolution: number | null;
  holdChecksDue: number | null;
  holdChecksOnTime: number | null;
  warmTransfers: number | null;
  coldTransfers: number | null;
  otherTransfers: number | null;
  complaintsDue: number | null;
  complaintsRepliedOnTime: number | null;
  serviceLevel: Rate;
  agentConnectRate: Rate;
  vipConnectRate: Rate;
  asaMs: number | null;
  abandonRate: Rate;
  systemConnectRate: Rate;
  satisfaction: number | null;
  firstContactResolution: Rate;
  holdCheckOnTimeRate: Rate;
  complaintReplyRate: Rate;
}

export interface HistoryAgentRow {
  date: string;
  agentId: string;
  name?: string;
  team: string | null;
  handled: number;
  handleSumMs: number;
  meanHandleMs: number | null;
  holds: number;
  holdChecksMissed: number;
  coldTransfers: number;
  warmTransfers: number;
}

export interface HistoryDay {
  date: string;
  recorded: boolean;
  final: boolean;
  /** When the stored record was written (epoch ms); null without one. */
  recordedTs: number | null;
}

export interface HistoryComplaints {
  date: string;
  opened: number;
  replied: number;
  repliedOnTime: number;
  overdue: number;
}

export interface HistoryTarget {
  target: number;
  riskFloor: number | null;
}

export interface HistoryResponse {
  from: string;
  to: string;
  interval: HistoryInterval;
  timeZone: string;
  queues: string[];
  queueNames: Record<string, QueueDisplayName>;
  targets: Record<KpiId | 'serviceLevel', HistoryTarget>;
  days: HistoryDay[];
  rows: HistoryRow[];
  summary: HistoryRow[];
  agents: HistoryAgentRow[];
  alarms: (Alarm & { date: string })[];
  complaints: HistoryComplaints[];
}

/** The KPIs a report judges: the hotline's, and the service level. */
export type ReportKpiId = KpiId | 'serviceLevel';

type RateField =
  'systemConnectRate' | 'agentConnectRate' | 'vipConnectRate' | 'satisfaction' | 'complaintReplyRate' | 'firstContactResolution' | 'holdCheckOnTimeRate' | 'serviceLevel';

export interface ReportKpiDef {
  id: ReportKpiId;
  /** The row's field that holds it. */
  field: RateField;
  unit: 'fraction' | 'points';
}

/** The six hotline KPIs, the hold-check record and the service level, in the board's order. */
export const REPORT_KPIS: readonly ReportKpiDef[] = [
  { id: 'systemConnect', field: 'systemConnectRate', unit: 'fraction' },
  { id: 'agentConnect', field: 'agentConnectRate', unit: 'fraction' },
  { id: 'vipConnect', field: 'vipConnectRate', unit: 'fraction' },
  { id: 'satisfaction', field: 'satisfaction', unit: 'points' },
  { id: 'complaintReply', field: 'complaintReplyRate', unit: 'fraction' },
  { id: 'firstContactResolution', field: 'firstContactResolution', unit: 'fraction' },
  { id: 'holdCheckOnTime', field: 'holdCheckOnTimeRate', unit: 'fraction' },
  { id: 'serviceLevel', field: 'serviceLevel', unit: 'fraction' },
];

/** A KPI's value against its target; no value or no target, no judgement. A missing risk floor is the target itself. */
export function reportKpiStatus(value: number | null, target: HistoryTarget | null): KpiStatus {
  return target ? statusAgainst(value, target.target, target.riskFloor ?? target.target) : 'noData';
}
