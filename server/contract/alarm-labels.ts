// The alarm rules' names in both languages: one table that the wallboard's catalogue
// (messages.ts) and the server's alert messages both read, so a chat group and the screens name
// an alarm alike. Plain data, importable by both sides (no zod, no DOM).
import type { AlarmRule } from './vocabulary.js';

export const ALARM_RULE_LABELS = {
  'longest-wait': { en: 'Longest wait', zh: '最长等待' },
  waiting: { en: 'Callers waiting', zh: '排队人数' },
  'service-level': { en: 'Service level (15 min)', zh: '服务水平（15分钟）' },
  // Logged in and not paused: what the staffing hint calls on the queue (all of them busy is the longest wait's business).
  'no-agent': { en: 'Callers waiting, no agent on duty', zh: '有人排队但无座席在岗' },
  'hold-check-overdue': { en: 'Hold check overdue', zh: '持机回应超时' },
  'kpi-missed': { en: 'KPI missed', zh: '指标未达标' },
  'source-quiet': { en: 'PBX feed quiet', zh: '交换机数据中断' },
} as const satisfies Record<AlarmRule, { en: string; zh: string }>;
