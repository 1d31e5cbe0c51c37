// The KPIs' names in both languages: one table that the wallboard's catalogue (messages.ts) and
// the server's alert messages both read. Plain data, importable by both sides (no zod, no DOM).
import type { KpiId } from './snapshot.js';

export interface KpiLabel {
  en: string;
  zh: string;
}

export const KPI_LABELS = {
  systemConnect: { en: 'System connect rate', zh: '系统接通率' },
  agentConnect: { en: 'Agent connect rate', zh: '普通人工接通率' },
  vipConnect: { en: 'VIP connect rate', zh: 'VIP座席接通率' },
  satisfaction: { en: 'Satisfaction', zh: '热线满意度' },
  complaintReply: { en: 'Complaint replies', zh: '用户投诉答复率' },
  firstContactResolution: { en: 'First-call resolution', zh: '一次性问题解决率' },
  holdCheckOnTime: { en: 'Hold checks on time', zh: '持机按时回应率' },
} as const satisfies Record<KpiId, KpiLabel>;

/** The label of a KPI id, or undefined for an id this build does not know. */
export function kpiLabel(id: string, lang: 'en' | 'zh-CN'): string | undefined {
  if (!Object.hasOwn(KPI_LABELS, id)) return undefined;
  const label = KPI_LABELS[id as KpiId];
  return lang === 'en' ? label.en : label.zh;
}
