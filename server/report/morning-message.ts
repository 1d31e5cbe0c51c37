// What the morning webhook says about yesterday: each hotline KPI against its target (met, at
// risk, missed), the calls offered and answered, and the report's link, in the hook's language.
// Pure: the history's answer for the day in, the message and the generic hook's document out.
import type { AlertMessage } from '../alerts/alert-message.js';
import type { HookLang } from '../alerts/alert-config.js';
import { statusAgainst } from '../contract/kpi-status.js';
import type { KpiId, KpiStatus } from '../contract/snapshot.js';
import type { HistoryResponse, HistoryRow } from '../contract/history.js';

type ReportKpi = KpiId | 'serviceLevel';

const KPIS: readonly { id: ReportKpi; field: keyof HistoryRow; points: boolean; en: string; zh: string }[] = [
  { id: 'systemConnect', field: 'systemConnectRate', points: false, en: 'System connect rate', zh: '系统接通率' },
  { id: 'agentConnect', field: 'agentConnectRate', points: false, en: 'Agent connect rate', zh: '普通人工接通率' },
  { id: 'vipConnect', field: 'vipConnectRate', points: false, en: 'VIP connect rate', zh: 'VIP座席接通率' },
  { id: 'satisfaction', field: 'satisfaction', points: true, en: 'Satisfaction', zh: '热线满意度' },
  { id: 'complaintReply', field: 'complaintReplyRate', points: false, en: 'Complaint replies', zh: '用户投诉答复率' },
  { id: 'firstContactResolution', field: 'firstContactResolution', points: false, en: 'First-call resolution', zh: '一次性问题解决率' },
  { id: 'holdCheckOnTime', field: 'holdCheckOnTimeRate', points: false, en: 'Hold checks on time', zh: '持机按时回应率' },
  { id: 'serviceLevel', field: 'serviceLevel', points: false, en: 'Service level', zh: '服务水平' },
];

const STATUS: Readonly<Record<KpiStatus, { en: string; zh: string; mark: string }>> = {
  met: { en: 'met', zh: '达标', mark: '✓' },
  atRisk: { en: 'at risk', zh: '预警', mark: '▲' },
  missed: { en: 'missed', zh: '未达标', mark: '✗' },
  noData: { en: 'no data', zh: '暂无数据', mark: '–' },
};

export interface MorningKpi {
  id: ReportKpi;
  value: number | null;
  target: number | null;
  status: KpiStatus;
}

export interface MorningFigures {
  date: string;
  /** Whether the board kept a record of the day at all. */
  recorded: boolean;
  offered: number;
  answered: number;
  kpis: MorningKpi[];
}

/** The day's figures from the history's answer for that day (interval day). */
export function morningFigures(answer: HistoryResponse, date: string): MorningFigures {
  const total = answer.rows.find((r) => r.queue === null && r.date === date) ?? null;
  const recorded = (answer.days.find((d) => d.date === date)?.recorded ?? false) && total !== null;
  const kpis = KPIS.map(({ id, field }) => {
    const value = recorded && total ? (total[field] as number | null) : null;
    const target = answer.targets[id] ?? null;
    return { id, value, target: target?.target ?? null, status: target ? statusAgainst(value, target.target, target.riskFloor ?? target.target) : 'noData' };
  });
  return { date, recorded, offered: total?.offered ?? 0, answered: total?.answered ?? 0, kpis };
}

function shown(value: number | null, points: boolean): string {
  if (value === null) return '—';
  return points ? value.toFixed(1) : `${(value * 100).toFixed(1)}%`;
}

/** The message the robots show (and the generic hook carries), in `lang`. */
export function morningMessage(figures: MorningFigures, context: { lang: HookLang; boardName: string; link: string }): AlertMessage {
  const en = context.lang === 'en';
  const title = en ? `${context.boardName}: morning report for ${figures.date}` : `${context.boardName}：${figures.date} 晨会报表`;
  if (!figures.recorded) return { title, lines: [en ? 'No data was recorded for this day.' : '这一天没有记录的数据。', context.link], tone: 'info' };
  const lines = KPIS.map(({ id, points, en: nameEn, zh }) => {
    const kpi = figures.kpis.find((k) => k.id === id)!;
    const status = STATUS[kpi.status];
    const target = kpi.target === null ? '' : en ? ` (target ${shown(kpi.target, points)})` : `（目标 ${shown(kpi.target, points)}）`;
    return `${status.mark} ${en ? nameEn : zh}${en ? ': ' : '：'}${shown(kpi.value, points)}${target} ${en ? status.en : status.zh}`;
  });
  const calls = en ? `Calls offered ${figures.offered}, answered ${figures.answered}` : `呼入 ${figures.offered}，接听 ${figures.answered}`;
  const missed = figures.kpis.some((k) => k.status === 'missed');
  const atRisk = figures.kpis.some((k) => k.status === 'atRisk');
  return { title, lines: [calls, ...lines, `${en ? 'Report' : '报表'}${en ? ': ' : '：'}${context.link}`], tone: missed ? 'critical' : atRisk ? 'warning' : 'ok' };
}
