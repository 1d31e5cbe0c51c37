// The history as CSV for a spreadsheet: one line per row of `rows` (not the summary), UTF-8 with a
// BOM so Excel reads the Chinese names, CRLF line ends and RFC 4180 quoting (csv-stringify). The
// header is in the request's language; rates are decimals with up to 6 places, empty for none.
import { stringify } from 'csv-stringify/sync';
import type { HistoryResponse, HistoryRow } from '../contract/history.js';
import type { HistoryLang } from './history-request.js';

/** The Row fields after the period and the queue, in the order of docs/history.md. */
export const CSV_FIELDS = [
  'offered',
  'answered',
  'abandoned',
  'shortAbandoned',
  'exited',
  'expired',
  'withinSl',
  'waitSumMs',
  'waitCount',
  'standardAnswered',
  'standardHandled',
  'vipAnswered',
  'vipHandled',
  'arrived',
  'blocked',
  'surveys',
  'surveyScoreSum',
  'resolved',
  'endedWithResolution',
  'holdChecksDue',
  'holdChecksOnTime',
  'warmTransfers',
  'coldTransfers',
  'otherTransfers',
  'complaintsDue',
  'complaintsRepliedOnTime',
  'serviceLevel',
  'agentConnectRate',
  'vipConnectRate',
  'asaMs',
  'abandonRate',
  'systemConnectRate',
  'satisfaction',
  'firstContactResolution',
  'holdCheckOnTimeRate',
  'complaintReplyRate',
] as const satisfies readonly (keyof HistoryRow)[];

type CsvField = (typeof CSV_FIELDS)[number];

const LEAD = { date: ['日期', 'Date'], start: ['开始', 'Start'], queue: ['队列', 'Queue'], queueName: ['队列名称', 'Queue name'] } as const;

const HEADERS: Record<CsvField, readonly [string, string]> = {
  offered: ['进线', 'Offered'],
  answered: ['接通', 'Answered'],
  abandoned: ['放弃', 'Abandoned'],
  shortAbandoned: ['短时放弃', 'Short abandons'],
  exited: ['离队', 'Exited'],
  expired: ['超时失效', 'Expired'],
  withinSl: ['服务水平内接通', 'Answered within SL'],
  waitSumMs: ['等待总时长(毫秒)', 'Wait sum (ms)'],
  waitCount: ['等待计数', 'Wait count'],
  standardAnswered: ['普通接通', 'Standard answered'],
  standardHandled: ['普通处理', 'Standard handled'],
  vipAnswered: ['VIP接通', 'VIP answered'],
  vipHandled: ['VIP处理', 'VIP handled'],
  arrived: ['呼入', 'Arrived'],
  blocked: ['系统拒接', 'Blocked'],
  surveys: ['评价数', 'Surveys'],
  surveyScoreSum: ['评价总分', 'Survey score sum'],
  resolved: ['一次解决', 'Resolved'],
  endedWithResolution: ['有解决标记的结束', 'Ended with resolution'],
  holdChecksDue: ['应回应(持机)', 'Hold checks due'],
  holdChecksOnTime: ['按时回应(持机)', 'Hold checks on time'],
  warmTransfers: ['咨询转接', 'Warm transfers'],
  coldTransfers: ['盲转', 'Cold transfers'],
  otherTransfers: ['其他转接', 'Other transfers'],
  complaintsDue: ['到期投诉', 'Complaints due'],
  complaintsRepliedOnTime: ['按时回复投诉', 'Complaints replied on time'],
  serviceLevel: ['服务水平', 'Service level'],
  agentConnectRate: ['人工接通率', 'Agent connect rate'],
  vipConnectRate: ['VIP接通率', 'VIP connect rate'],
  asaMs: ['平均应答时间(毫秒)', 'ASA (ms)'],
  abandonRate: ['放弃率', 'Abandon rate'],
  systemConnectRate: ['系统接通率', 'System connect rate'],
  satisfaction: ['满意度', 'Satisfaction'],
  firstContactResolution: ['一次解决率', 'First contact resolution'],
  holdCheckOnTimeRate: ['持机按时回应率', 'Hold check on-time rate'],
  complaintReplyRate: ['投诉回复及时率', 'Complaint reply rate'],
};

const TOTAL = ['合计', 'total'] as const;

/** A decimal with up to 6 places and no exponent; integers as they are; empty for null. */
export function csvNumber(value: number | null): string {
  if (value === null) return '';
  if (Number.isInteger(value)) return String(value);
  const fixed = value.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
}

/** A text cell a spreadsheet would read as a formula (=, +, -, @) is prefixed with an apostrophe. */
function plainText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function localTime(timeZone: string): (ts: number) => string {
  const f = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: '2-digit', minute: '2-digit' });
  return (ts) => f.format(ts);
}

export function historyCsv(response: HistoryResponse, lang: HistoryLang): string {
  const l = lang === 'en' ? 1 : 0;
  const time = localTime(response.timeZone);
  const header = [LEAD.date[l], LEAD.start[l], LEAD.queue[l], LEAD.queueName[l], ...CSV_FIELDS.map((f) => HEADERS[f][l])];
  const lines = response.rows.map((row) => {
    const name = row.queue === null ? undefined : response.queueNames[row.queue];
    return [
      row.date,
      time(row.startTs),
      row.queue === null ? TOTAL[l] : plainText(row.queue),
      name ? plainText(l === 1 ? name.en : name.zh) : '',
      ...CSV_FIELDS.map((f) => csvNumber(row[f])),
    ];
  });
  // quoted_match: a line break of either kind inside a field is quoted, whatever the line end.
  return stringify([header, ...lines], { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

/** The attachment's file name. */
export function historyCsvFileName(from: string, to: string): string {
  return `wallboard-history-${from}-${to}.csv`;
}
