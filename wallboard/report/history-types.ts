// The answer of GET /api/v1/history as the report page reads it (docs/history.md). Types only:
// the wallboard bundle must not pull the server's zod schemas in (the CSP forbids eval).
import type { Alarm, KpiId } from '../../server/contract/snapshot.js';

/** A fraction 0..1 (satisfaction: points 0..100), or null where its denominator is 0. */
type Rate = number | null;

/** One period (day, hour or 15 minutes) of one queue, or of all the request's queues (queue null). */
export interface HistoryRow {
  date: string;
  startTs: number;
  endTs: number;
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
  satisfaction: Rate;
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
  recordedTs: number | null;
}

export interface HistoryTarget {
  target: number;
  riskFloor: number | null;
}

export interface HistoryComplaints {
  date: string;
  opened: number;
  replied: number;
  repliedOnTime: number;
  overdue: number;
}

export type HistoryInterval = 'day' | 'hour' | '15m';

export interface HistoryAnswer {
  from: string;
  to: string;
  interval: HistoryInterval;
  timeZone: string;
  queues: string[];
  queueNames: Record<string, { zh: string; en: string }>;
  targets: Partial<Record<KpiId | 'serviceLevel', HistoryTarget>>;
  days: HistoryDay[];
  rows: HistoryRow[];
  summary: HistoryRow[];
  agents: HistoryAgentRow[];
  alarms: (Alarm & { date: string })[];
  complaints: HistoryComplaints[];
}
