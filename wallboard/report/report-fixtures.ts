// Answers of the history API built in tests (the report's unit and component tests), to the
// contract in docs/history.md: a row's rates follow from its counts as the server computes them.
import type { HistoryResponse, HistoryRow } from '../../server/contract/history.js';

const ZERO_COUNTS = {
  offered: 0,
  answered: 0,
  abandoned: 0,
  shortAbandoned: 0,
  exited: 0,
  expired: 0,
  withinSl: 0,
  waitSumMs: 0,
  waitCount: 0,
  standardAnswered: 0,
  standardHandled: 0,
  vipAnswered: 0,
  vipHandled: 0,
};

type Counts = Partial<Omit<HistoryRow, 'date' | 'startTs' | 'endTs' | 'queue'>>;

/** A row whose visit rates are recomputed from its counts; floor rates only on a total row, as given. */
export function historyRow(date: string, startTs: number, endTs: number, queue: string | null, counts: Counts = {}): HistoryRow {
  const c = { ...ZERO_COUNTS, ...counts };
  const handled = c.answered + c.abandoned - c.shortAbandoned + c.exited;
  const rate = (n: number, d: number) => (d > 0 ? n / d : null);
  const floor = queue === null;
  return {
    arrived: floor ? 0 : null,
    blocked: floor ? 0 : null,
    surveys: floor ? 0 : null,
    surveyScoreSum: floor ? 0 : null,
    resolved: floor ? 0 : null,
    endedWithResolution: floor ? 0 : null,
    holdChecksDue: floor ? 0 : null,
    holdChecksOnTime: floor ? 0 : null,
    warmTransfers: floor ? 0 : null,
    coldTransfers: floor ? 0 : null,
    otherTransfers: floor ? 0 : null,
    complaintsDue: floor ? 0 : null,
    complaintsRepliedOnTime: floor ? 0 : null,
    systemConnectRate: null,
    satisfaction: null,
    firstContactResolution: null,
    holdCheckOnTimeRate: null,
    complaintReplyRate: null,
    ...c,
    date,
    startTs,
    endTs,
    queue,
    serviceLevel: rate(c.withinSl, handled),
    agentConnectRate: rate(c.answered, handled),
    vipConnectRate: rate(c.vipAnswered, c.vipHandled),
    asaMs: c.waitCount > 0 ? c.waitSumMs / c.waitCount : null,
    abandonRate: rate(c.abandoned - c.shortAbandoned, handled),
  };
}

/** An empty answer for the days from..to (none recorded), with the board's default targets. */
export function emptyAnswer(from: string, to: string, dates: readonly string[]): HistoryResponse {
  return {
    from,
    to,
    interval: 'day',
    timeZone: 'Asia/Shanghai',
    queues: [],
    queueNames: {},
    targets: {
      systemConnect: { target: 0.99, riskFloor: 0.98 },
      agentConnect: { target: 0.9, riskFloor: 0.88 },
      vipConnect: { target: 0.95, riskFloor: 0.93 },
      satisfaction: { target: 85, riskFloor: 83 },
      complaintReply: { target: 1, riskFloor: 0.98 },
      firstContactResolution: { target: 0.8, riskFloor: 0.78 },
      holdCheckOnTime: { target: 1, riskFloor: 0.98 },
      serviceLevel: { target: 0.8, riskFloor: null },
    },
    days: dates.map((date) => ({ date, recorded: false, final: true, recordedTs: null })),
    rows: [],
    summary: [],
    agents: [],
    alarms: [],
    complaints: [],
  };
}
