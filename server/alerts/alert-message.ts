// What an alert says, in the hook's language: the rule, where (the queue's display name where the
// board knows one), the value against its threshold, the severity, and who acknowledged. Alarms
// are about queues, KPIs and feeds, never about a caller: no number or name can get in here.
import type { AlarmTransition, AlarmFacts } from './alarm-transition.js';
import type { HookLang } from './alert-config.js';
import type { AlarmRule } from '../contract/vocabulary.js';
import { ALARM_RULE_LABELS } from '../contract/alarm-labels.js';
import { kpiLabel } from '../contract/kpi-labels.js';
import type { AlertPayload } from './alert-formats.js';

/** A message before it is shaped for one kind of hook. */
export interface AlertMessage {
  /** One line: severity, what happened, the rule and where. */
  title: string;
  /** The details, one per line. */
  lines: string[];
  /** How loud: the robots' formats colour by it. */
  tone: 'critical' | 'warning' | 'ok' | 'info';
}

export interface MessageContext {
  lang: HookLang;
  boardName: string;
  /** The IANA time zone times are told in. */
  timeZone: string;
  /** A queue's display name in the hook's language, where the board has one. */
  scopeName: (scope: string, lang: HookLang) => string | undefined;
}

type Unit = 'seconds' | 'count' | 'percent' | 'points' | 'plain';
// The names are the screens' (server/contract/alarm-labels.ts); the unit is how a hook writes the value.
const UNITS: Record<AlarmRule, Unit> = {
  'longest-wait': 'seconds',
  waiting: 'count',
  'service-level': 'percent',
  'no-agent': 'count',
  'hold-check-overdue': 'seconds',
  'kpi-missed': 'percent',
  'source-quiet': 'seconds',
};

const WORDS = {
  en: {
    critical: 'CRITICAL',
    warning: 'Warning',
    raised: 'Alarm',
    escalated: 'Escalated',
    acknowledged: 'Acknowledged',
    cleared: 'Cleared',
    floor: 'whole floor',
    now: 'Now',
    threshold: 'threshold',
    by: 'Acknowledged by',
    raisedAt: 'Raised at',
    at: 'At',
    board: 'Board',
    test: 'Test message: this hook is set up.',
    seconds: (n: number) => `${n} s`,
    points: (n: number) => `${n} points`,
    tag: (s: string) => `[${s}] `,
    aside: (s: string) => ` (${s})`,
    sep: ': ',
  },
  'zh-CN': {
    critical: '严重',
    warning: '警告',
    raised: '告警',
    escalated: '告警升级',
    acknowledged: '已确认',
    cleared: '已恢复',
    floor: '全场',
    now: '当前',
    threshold: '阈值',
    by: '确认人',
    raisedAt: '触发时间',
    at: '时间',
    board: '大屏',
    test: '测试消息：此告警通道已配置成功。',
    seconds: (n: number) => `${n} 秒`,
    points: (n: number) => `${n} 分`,
    tag: (s: string) => `【${s}】`,
    aside: (s: string) => `（${s}）`,
    sep: '：',
  },
} as const;

function amount(value: number, unit: Unit, lang: HookLang): string {
  switch (unit) {
    case 'seconds':
      return WORDS[lang].seconds(Math.round(value));
    case 'percent':
      // Rates are fractions 0..1 on the wire, as in the snapshot.
      return `${(value * 100).toFixed(1)}%`;
    case 'count':
      return String(Math.round(value));
    case 'points':
      return WORDS[lang].points(value);
    case 'plain':
      return String(value);
    default: {
      const never: never = unit;
      return never;
    }
  }
}

function clock(ts: number, ctx: MessageContext): string {
  return new Intl.DateTimeFormat(ctx.lang === 'en' ? 'en-GB' : 'zh-CN', {
    timeZone: ctx.timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  }).format(ts);
}

/** The rule's and the scope's names in the hook's language. */
export function describeAlarm(facts: Pick<AlarmFacts, 'rule' | 'scope'>, ctx: MessageContext): { rule: string; scope: string; unit: Unit } {
  const rule = ALARM_RULE_LABELS[facts.rule];
  // A KPI alarm's scope is the KPI's id: named as the board names it (one table, server/contract/kpi-labels.ts).
  const scope =
    facts.scope === 'floor'
      ? WORDS[ctx.lang].floor
      : ((facts.rule === 'kpi-missed' ? kpiLabel(facts.scope, ctx.lang) : ctx.scopeName(facts.scope, ctx.lang)) ?? facts.scope);
  // A KPI is in its own unit: satisfaction in points 0..100, the others fractions.
  const unit = facts.rule === 'kpi-missed' && facts.scope === 'satisfaction' ? 'points' : UNITS[facts.rule];
  return { rule: ctx.lang === 'en' ? rule.en : rule.zh, scope, unit };
}

/** The message for one transition; `facts` is the alarm it belongs to (null when it could not be found); `escalated` for a raise of an active warning to critical. */
export function alertMessage(transition: AlarmTransition, facts: AlarmFacts | null, ctx: MessageContext, escalated = false): AlertMessage {
  const w = WORDS[ctx.lang];
  const sep = w.sep;
  const named = facts ? describeAlarm(facts, ctx) : { rule: transition.alarmId, scope: '', unit: 'plain' as Unit };
  const where = named.scope ? ` — ${named.scope}` : '';
  const severity = facts ? (facts.severity === 'critical' ? w.critical : w.warning) : '';
  const lines: string[] = [];
  const versus = (value: number) =>
    `${w.now}${sep}${amount(value, named.unit, ctx.lang)}${facts ? w.aside(`${w.threshold} ${amount(facts.threshold, named.unit, ctx.lang)}`) : ''}`;
  let title: string;
  let tone: AlertMessage['tone'];
  switch (transition.type) {
    case 'alarm.raised':
      title = `${w.tag(severity)}${escalated ? w.escalated : w.raised}${sep}${named.rule}${where}`;
      tone = transition.severity === 'critical' ? 'critical' : 'warning';
      lines.push(versus(transition.value), `${w.raisedAt}${sep}${clock(transition.ts, ctx)}`);
      break;
    case 'alarm.acknowledged':
      title = `${severity ? w.tag(severity) : ''}${w.acknowledged}${sep}${named.rule}${where}`;
      tone = 'info';
      lines.push(`${w.by}${sep}${transition.by}`, `${w.at}${sep}${clock(transition.ts, ctx)}`);
      if (facts) lines.push(`${w.raisedAt}${sep}${clock(facts.raisedTs, ctx)}`);
      break;
    case 'alarm.cleared':
      title = `${w.cleared}${sep}${named.rule}${where}`;
      tone = 'ok';
      if (transition.value !== undefined) lines.push(versus(transition.value));
      lines.push(`${w.at}${sep}${clock(transition.ts, ctx)}`);
      break;
    default: {
      const never: never = transition;
      return never;
    }
  }
  lines.push(`${w.board}${sep}${ctx.boardName}`);
  return { title, lines, tone };
}

/**
 * What one hook is sent for one transition: the message, and the generic hook's JSON, which keeps
 * the ids (`transition`, `alarm`) and adds their names in the hook's language (`labels`).
 */
export function alertPayload(
  entryId: string,
  hookId: string,
  transition: AlarmTransition,
  facts: AlarmFacts | null,
  ctx: MessageContext,
  escalated = false,
): AlertPayload {
  const message = alertMessage(transition, facts, ctx, escalated);
  const { v: _v, ...fields } = transition;
  const labels = facts ? describeAlarm(facts, ctx) : null;
  return {
    idempotencyKey: `${entryId}:${hookId}`,
    message,
    document: {
      version: 1,
      board: ctx.boardName,
      hook: hookId,
      entryId,
      transition: fields,
      alarm: facts,
      labels: labels && { rule: labels.rule, scope: labels.scope },
      message,
    },
  };
}

/** The message POST /api/v1/alerts/test/:hookId sends. */
export function testMessage(ctx: MessageContext, now: number): AlertMessage {
  const w = WORDS[ctx.lang];
  const sep = w.sep;
  return { title: w.test, lines: [`${w.board}${sep}${ctx.boardName}`, `${w.at}${sep}${clock(now, ctx)}`], tone: 'info' };
}
