// @vitest-environment happy-dom
// The admin's alarm rules form: each rule in its own unit in the page's language, an edit saved
// as the schema's units with the CSRF token, the server's checks made inline (and the save held
// back), per-queue overrides with the board's queues offered, Reset, and the JSON kept as the
// advanced editor whose refusal by the server is said in the server's words. The scripted server
// checks a PUT with the real schema (server/core/alarm-rules.ts).
import { afterEach, describe, expect, it } from 'vitest';
import { AccessApi } from '../../access/access-api.js';
import { createI18n } from '../../i18n/i18n.js';
import type { Lang } from '../../i18n/messages.js';
import { shadow, text } from '../../testing/dom.js';
import { scriptedFetch, until, type RecordedRequest } from '../../testing/scripted-fetch.js';
import { alarmRulesSchema, DEFAULT_ALARM_RULES, DEFAULT_FLOOR_ALARM_RULES, DEFAULT_KPI_RULE } from '../../../server/core/alarm-rules.js';
import type { WbAlarmRulesAdmin } from './wb-alarm-rules-admin.component.js';
import './wb-alarm-rules-admin.js';

afterEach(() => document.body.replaceChildren());

const defaults = { rules: DEFAULT_ALARM_RULES, kpi: DEFAULT_KPI_RULE, floor: DEFAULT_FLOOR_ALARM_RULES };
const stored = { rules: { waiting: { warning: { raise: 5, clear: 3 } } }, queues: { billing: { 'no-agent': false } } };

async function mountRules(lang: Lang = 'en') {
  const puts: RecordedRequest[] = [];
  let rules: unknown = stored;
  const script = scriptedFetch((r) => {
    if (r.path === '/api/v1/session') return { status: 200, body: { principal: {}, csrfToken: 'csrf-9' } };
    if (r.path !== '/api/v1/alarm-rules') return undefined;
    if (r.method === 'PUT') {
      puts.push(r);
      const parsed = alarmRulesSchema.safeParse(r.body);
      if (!parsed.success) return { status: 400, body: { error: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') } };
      rules = parsed.data;
    }
    return { status: 200, body: { rules, source: 'admin', updatedBy: 'ops', updatedTs: Date.UTC(2026, 11, 1, 2), defaults } };
  });
  const api = new AccessApi({ fetch: script.fetch });
  await api.session();
  const el = Object.assign(document.createElement('wb-alarm-rules-admin'), {
    api,
    i18n: createI18n(lang),
    queueChoices: () => Promise.resolve([{ id: 'vip', name: { zh: 'VIP 专线', en: 'VIP line' } }, { id: 'billing' }]),
  });
  document.body.append(el);
  await until(() => field(el, 'rules.waiting.warning.raise') !== null);
  return { el, puts };
}

const field = (el: WbAlarmRulesAdmin, name: string) => shadow(el).querySelector<HTMLInputElement>(`[data-field="${name}"]`);
async function type(el: WbAlarmRulesAdmin, name: string, value: string) {
  const input = field(el, name)!;
  input.value = value;
  input.dispatchEvent(new Event(input.tagName === 'SELECT' || input.type === 'checkbox' ? 'change' : 'input'));
  await el.updateComplete;
}
const click = async (el: WbAlarmRulesAdmin, testid: string) => {
  shadow(el).querySelector<HTMLButtonElement>(`[data-testid=${testid}]`)!.click();
  await el.updateComplete;
};
const saveButton = (el: WbAlarmRulesAdmin) => shadow(el).querySelector<HTMLButtonElement>('[data-testid=alarm-rules-save]')!;

describe('wb-alarm-rules-admin', () => {
  it('shows each rule in its own unit and the page’s language, the saved figures over the defaults', async () => {
    const { el } = await mountRules('zh-CN');
    const rows = [...shadow(el).querySelectorAll('[data-testid=floor-rules] tbody tr')].map((r) => r.querySelector('.name')!.textContent);
    expect(rows).toEqual(['最长等待（秒）', '排队人数（人）', '服务水平（15分钟）（%）', '有人排队但无座席在岗（人）', '持机回应超时（秒）', '交换机数据中断（秒）']);
    expect(['warning.raise', 'warning.clear', 'critical.raise', 'minTime'].map((f) => field(el, `rules.waiting.${f}`)!.value)).toEqual(['5', '3', '20', '15']);
    expect(['warning.raise', 'warning.clear', 'minSample'].map((f) => field(el, `rules.service-level.${f}`)!.value)).toEqual(['80', '85', '10']);
    expect(field(el, 'kpi.minTime')!.value).toBe('300');
    expect(field(el, 'queues.0.queue')!.value).toBe('billing');
    expect(field(el, 'queues.0.no-agent.mode')!.value).toBe('off');
    expect(text(el, '[data-testid=alarm-rules-advanced]')).toBe('高级：以 JSON 编辑');
  });

  it('saves an edit in the schema’s units, only what differs, with the CSRF token', async () => {
    const { el, puts } = await mountRules();
    await type(el, 'rules.service-level.warning.raise', '75');
    await type(el, 'rules.longest-wait.minTime', '90');
    field(el, 'rules.source-quiet.on')!.checked = false;
    field(el, 'rules.source-quiet.on')!.dispatchEvent(new Event('change'));
    await click(el, 'alarm-rules-save');
    await until(() => text(el, '[data-testid=alarm-rules-saved]') !== null);
    expect(puts).toHaveLength(1);
    expect(puts[0]!.csrf).toBe('csrf-9');
    expect(puts[0]!.body).toEqual({
      rules: {
        waiting: { warning: { raise: 5, clear: 3 } },
        'service-level': { warning: { raise: 0.75, clear: 0.85 } },
        'longest-wait': { minMs: 90_000 },
        'source-quiet': false,
      },
      queues: { billing: { 'no-agent': false } },
    });
    expect(text(el, '[data-testid=alarm-rules-saved]')).toBe('Saved.');
  });

  it('says what is wrong beside the field, as the server would, and holds the save back until it is fixed', async () => {
    const { el, puts } = await mountRules();
    await type(el, 'rules.waiting.warning.clear', '9');
    await type(el, 'rules.longest-wait.critical.raise', 'soon');
    expect(text(el, '[data-error="rules.waiting.warning.clear"]')).toBe('Clear at or below the raise level.');
    expect(text(el, '[data-error="rules.longest-wait.critical.raise"]')).toBe('Not a number.');
    expect(field(el, 'rules.waiting.warning.clear')!.getAttribute('aria-invalid')).toBe('true');
    expect(saveButton(el).disabled).toBe(true);
    expect(text(el, '[data-testid=alarm-rules-problems]')).toBe('Fix the 2 marked field(s) first.');
    await type(el, 'rules.waiting.warning.clear', '4');
    await type(el, 'rules.longest-wait.critical.raise', '120');
    expect(shadow(el).querySelector('.field-error')).toBeNull();
    expect(saveButton(el).disabled).toBe(false);
    expect(puts).toHaveLength(0);
  });

  it('adds a queue override from the board’s queues, with its own figures for a rule, and removes one', async () => {
    const { el, puts } = await mountRules();
    expect([...shadow(el).querySelectorAll('datalist option')].map((o) => `${o.getAttribute('value')}=${o.textContent}`)).toEqual(['vip=VIP line', 'billing=billing']);
    await click(el, 'alarm-queue-add');
    await type(el, 'queues.1.queue', 'billing');
    expect(text(el, '[data-error="queues.1.queue"]')).toBe('This queue already has an override.');
    await type(el, 'queues.1.queue', 'vip');
    expect(field(el, 'queues.1.waiting.warning.raise')!.disabled).toBe(true);
    await type(el, 'queues.1.waiting.mode', 'own');
    expect(field(el, 'queues.1.waiting.warning.raise')!.value).toBe('5');
    await type(el, 'queues.1.waiting.warning.raise', '2');
    await type(el, 'queues.1.waiting.warning.clear', '1');
    shadow(el).querySelector<HTMLButtonElement>('[data-testid=alarm-queue][data-index="0"] [data-testid=alarm-queue-remove]')!.click();
    await el.updateComplete;
    await click(el, 'alarm-rules-save');
    await until(() => puts.length === 1);
    expect(puts[0]!.body).toEqual({ rules: { waiting: { warning: { raise: 5, clear: 3 } } }, queues: { vip: { waiting: { warning: { raise: 2, clear: 1 } } } } });
  });

  it('edits the whole floor’s totals apart from the queues’ rules: a switch, the levels and the minimum time, saved under "floor"', async () => {
    const { el, puts } = await mountRules('zh-CN');
    const card = shadow(el).querySelector('[data-testid=floor-totals]')!;
    expect(card.closest('.card')!.querySelector('h3')!.textContent).toBe('全场合计');
    expect([...card.querySelectorAll('tbody tr')].map((r) => r.querySelector('.name')!.textContent)).toEqual([
      '最长等待（秒）',
      '排队人数（人）',
      '服务水平（15分钟）（%）',
      '有人排队但无座席在岗（人）',
    ]);
    // Callers waiting is off by default, its suggested figures shown and locked; the floor's service level on.
    expect(field(el, 'floor.waiting.on')!.checked).toBe(false);
    expect(field(el, 'floor.waiting.warning.raise')!).toMatchObject({ value: '30', disabled: true });
    expect(field(el, 'floor.service-level.on')!.checked).toBe(true);
    expect(field(el, 'floor.service-level.warning.raise')!.value).toBe('80');
    expect(field(el, 'floor.waiting.warning.raise')!.getAttribute('aria-label')).toBe('全场合计: 排队人数（人）: 警告 触发线');
    field(el, 'floor.waiting.on')!.checked = true;
    field(el, 'floor.waiting.on')!.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(field(el, 'floor.waiting.warning.raise')!.disabled).toBe(false);
    await type(el, 'floor.waiting.warning.raise', '150');
    await type(el, 'floor.waiting.warning.clear', '160');
    expect(text(el, '[data-error="floor.waiting.warning.clear"]')).toBe('解除线须不高于触发线。');
    expect(saveButton(el).disabled).toBe(true);
    await type(el, 'floor.waiting.warning.clear', '120');
    expect(text(el, '[data-error="floor.waiting.critical.raise"]')).toBe('严重级须不低于警告级。');
    await type(el, 'floor.waiting.critical.raise', '');
    await type(el, 'floor.waiting.critical.clear', '');
    await type(el, 'floor.service-level.minTime', '30');
    // The queues' service level is untouched by the floor's.
    expect(field(el, 'rules.service-level.minTime')!.value).toBe('60');
    await click(el, 'alarm-rules-save');
    await until(() => puts.length === 1);
    expect(puts[0]!.body).toEqual({
      rules: { waiting: { warning: { raise: 5, clear: 3 } } },
      queues: { billing: { 'no-agent': false } },
      floor: { waiting: { warning: { raise: 150, clear: 120 }, critical: null }, 'service-level': { minMs: 30_000 } },
    });
    await until(() => text(el, '[data-testid=alarm-rules-saved]') !== null);
    expect(field(el, 'floor.waiting.on')!.checked).toBe(true);
    expect(field(el, 'floor.waiting.warning.raise')!.value).toBe('150');
  });

  it('Reset puts back the saved rules', async () => {
    const { el } = await mountRules();
    await type(el, 'rules.waiting.warning.raise', '50');
    await click(el, 'alarm-queue-add');
    await click(el, 'alarm-rules-reset');
    expect(field(el, 'rules.waiting.warning.raise')!.value).toBe('5');
    expect(shadow(el).querySelectorAll('[data-testid=alarm-queue]')).toHaveLength(1);
  });

  it('advanced: the form as JSON, and a refusal in the server’s own words', async () => {
    const { el, puts } = await mountRules();
    await type(el, 'rules.waiting.minTime', '1');
    await click(el, 'alarm-rules-advanced');
    const area = shadow(el).querySelector<HTMLTextAreaElement>('[data-testid=alarm-rules]')!;
    expect(JSON.parse(area.value)).toEqual({ rules: { waiting: { warning: { raise: 5, clear: 3 }, minMs: 1000 } }, queues: { billing: { 'no-agent': false } } });
    area.value = JSON.stringify({ rules: { waitng: {} } });
    area.dispatchEvent(new Event('input'));
    await click(el, 'alarm-rules-save');
    await until(() => text(el, '[data-testid=alarm-rules-error]') !== null);
    expect(puts).toHaveLength(1);
    expect(text(el, '[data-testid=alarm-rules-error]')).toMatch(/^The server refused the rules: rules: Unrecognized key: "waitng"/);
    // Back to the form from good JSON: the form shows it.
    area.value = JSON.stringify({ rules: { waiting: false } });
    area.dispatchEvent(new Event('input'));
    await click(el, 'alarm-rules-advanced');
    expect(field(el, 'rules.waiting.on')!.checked).toBe(false);
  });
});
