// A kpi-missed alarm's scope is a KPI id (agentConnect): every hook format says the KPI's name in
// the hook's language, the one the board shows (wallboard/i18n's catalogue reads the same table),
// and the generic JSON keeps the id as a field beside the label.
import { describe, expect, it } from 'vitest';
import { alertsConfig } from '../../server/alerts/alert-config.js';
import { buildRequest } from '../../server/alerts/alert-formats.js';
import { alertPayload, type MessageContext } from '../../server/alerts/alert-message.js';
import { factsOf, type AlarmRaised, type AlarmTransition } from '../../server/alerts/alarm-transition.js';
import { HOOK_KINDS, HOOK_LANGS, type HookKind, type HookLang } from '../../server/alerts/alert-config.js';
import { createI18n } from '../../wallboard/i18n/i18n.js';

const NOW = Date.UTC(2026, 11, 1, 2, 30, 5);
const raised: AlarmRaised = {
  v: '1',
  type: 'alarm.raised',
  alarmId: 'k1',
  rule: 'kpi-missed',
  scope: 'agentConnect',
  severity: 'warning',
  value: 0.71,
  threshold: 0.78,
  ts: NOW,
};
const cleared: AlarmTransition = { v: '1', type: 'alarm.cleared', alarmId: 'k1', value: 0.8, ts: NOW + 60_000 };
const facts = factsOf(raised);

const ctx = (lang: HookLang): MessageContext => ({ lang, boardName: 'Floor 1', timeZone: 'Asia/Shanghai', scopeName: () => undefined });
const hookOf = (kind: HookKind, lang: HookLang) =>
  alertsConfig({ hooks: [{ id: 'h', kind, url: 'https://hooks.example/x', lang, ...(kind === 'generic' ? { secret: 'generic-secret-0123456789' } : {}) }] }).hooks[0]!;

/** The parts of the four bodies these tests read. */
interface Body {
  message: { title: string; lines: string[] };
  markdown: { title: string; content: string; text: string };
  card: { header: { title: { content: string } }; elements: { text: { content: string } }[] };
  transition: unknown;
  alarm: unknown;
  labels: unknown;
}

/** The text a person reads in the request's body (the generic one: its message). */
function readable(kind: HookKind, body: string): string {
  const json = JSON.parse(body) as Body;
  switch (kind) {
    case 'generic':
      return [json.message.title, ...json.message.lines].join('\n');
    case 'wecom':
      return json.markdown.content;
    case 'dingtalk':
      return `${json.markdown.title}\n${json.markdown.text}`;
    case 'feishu':
      return `${json.card.header.title.content}\n${json.card.elements[0]!.text.content}`;
    default: {
      const never: never = kind;
      return never;
    }
  }
}

const LABEL = { en: 'Agent connect rate', 'zh-CN': '普通人工接通率' } as const;

describe('a KPI named in words in every alert format', () => {
  it('is the name the board shows for that KPI', () => {
    expect(createI18n('en').t('kpi.agentConnect')).toBe(LABEL.en);
    expect(createI18n('zh-CN').t('kpi.agentConnect')).toBe(LABEL['zh-CN']);
  });

  for (const kind of HOOK_KINDS)
    for (const lang of HOOK_LANGS)
      it(`${kind}, ${lang}: raise and clear name the KPI, never its id`, () => {
        for (const transition of [raised, cleared]) {
          const payload = alertPayload('1-0', 'h', transition, facts, ctx(lang));
          const text = readable(kind, buildRequest(hookOf(kind, lang), payload, NOW).body);
          expect(payload.message.title).toContain(LABEL[lang]);
          expect(text).toContain(LABEL[lang]);
          expect(text).not.toContain('agentConnect');
        }
      });

  it('the generic JSON keeps the KPI id and adds its label in the hook’s language', () => {
    for (const lang of HOOK_LANGS) {
      const doc = JSON.parse(buildRequest(hookOf('generic', lang), alertPayload('1-0', 'h', raised, facts, ctx(lang)), NOW).body) as Body;
      expect(doc.transition).toMatchObject({ rule: 'kpi-missed', scope: 'agentConnect' });
      expect(doc.alarm).toMatchObject({ rule: 'kpi-missed', scope: 'agentConnect' });
      expect(doc.labels).toEqual({ rule: lang === 'en' ? 'KPI missed' : '指标未达标', scope: LABEL[lang] });
    }
  });

  it('a KPI id this build does not know is said as it is; a queue is still named by the board’s name', () => {
    const unknown = { ...facts, scope: 'newKpi' };
    expect(alertPayload('1-0', 'h', { ...raised, scope: 'newKpi' }, unknown, ctx('en')).message.title).toContain('newKpi');
    const queue = { ...ctx('zh-CN'), scopeName: (s: string) => (s === 'billing' ? '账务查询' : undefined) };
    const wait = factsOf({ ...raised, rule: 'longest-wait', scope: 'billing', value: 130, threshold: 120 });
    expect(alertPayload('1-0', 'h', { ...raised, rule: 'longest-wait', scope: 'billing' }, wait, queue).message.title).toContain('账务查询');
  });
});
