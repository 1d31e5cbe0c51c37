// What the morning webhook says about yesterday: each hotline KPI against its target (met, at
// risk, missed), the calls offered and answered, and the report's link, in the hook's language.
// Pure: the history's answer for the day in, the message and the generic hook's document out.
import type { AlertMessage } from '../alerts/alert-message.js';
import type { HookLang } from '../alerts/alert-config.js';
import { KPI_LABELS, type KpiLabel } from '../contract/kpi-labels.js';
import type { KpiStatus } from '../contract/snapshot.js';
import { REPORT_KPIS, reportKpiStatus, type HistoryResponse, type ReportKpiId } from '../contract/history.js';

/** A report KPI's name: the board's KPI labels, and the service level's. */
const labelOf = (id: ReportKpiId): KpiLabel => (id === 'serviceLevel' ? { en: 'Service level', zh: '服务水平' } : KPI_LABELS[id]);

const STATUS: Readonly<Record<KpiStatus, { en: string; zh: string; mark: string }>> = {
  met: { en: 'met', zh: '达标', mark: '✓' },
  atRisk: { en: 'at risk', zh: '预警', mark: '▲' },
  missed: { en: 'missed', zh: '未达标', mark: '✗' },
  noData: { en: 'no data', zh: '暂无数据', mark: '–' },
};

export interface MorningKpi {
  id: ReportKpiId;
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
  const kpis = REPORT_KPIS.map(({ id, field }) => {
    const value = recorded && total ? total[field] : null;
    const target = answer.targets[id] ?? null;
    return { id, value, target: target?.target ?? null, status: reportKpiStatus(value, target) };
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
  const lines = REPORT_KPIS.map(({ id, unit }) => {
    const kpi = figures.kpis.find((k) => k.id === id)!;
    const points = unit === 'points';
    const { en: nameEn, zh } = labelOf(id);
    const status = STATUS[kpi.status];
    const target = kpi.target === null ? '' : en ? ` (target ${shown(kpi.target, points)})` : `（目标 ${shown(kpi.target, points)}）`;
    return `${status.mark} ${en ? nameEn : zh}${en ? ': ' : '：'}${shown(kpi.value, points)}${target} ${en ? status.en : status.zh}`;
  });
  const calls = en ? `Calls offered ${figures.offered}, answered ${figures.answered}` : `呼入 ${figures.offered}，接听 ${figures.answered}`;
  const missed = figures.kpis.some((k) => k.status === 'missed');
  const atRisk = figures.kpis.some((k) => k.status === 'atRisk');
  return { title, lines: [calls, ...lines, `${en ? 'Report' : '报表'}${en ? ': ' : '：'}${context.link}`], tone: missed ? 'critical' : atRisk ? 'warning' : 'ok' };
}
