// @vitest-environment happy-dom
// The admin's per-queue settings form: a form per queue in the page's language, figures shown in
// seconds and percent (blank: the floor-wide one), a save sends the whole record with that queue
// changed and the CSRF token, names in both languages or neither, and the server's refusal said.
import { afterEach, describe, expect, it } from 'vitest';
import { AccessApi } from '../../access/access-api.js';
import { createI18n } from '../../i18n/i18n.js';
import { shadow, text } from '../../testing/dom.js';
import { scriptedFetch, until, type RecordedRequest, type ScriptHandler } from '../../testing/scripted-fetch.js';
import type { QueueSettingsReply } from '../../../server/contract/queue-settings.js';
import type { WbQueueSettings } from './wb-queue-settings.component.js';
import './wb-queue-settings.js';

afterEach(() => document.body.replaceChildren());

const HOSTILE = '<img src=x onerror=alert(1)>';
const stored: QueueSettingsReply = {
  queues: {
    tech: { name: { zh: '技术支持', en: HOSTILE } },
    billing: { name: { zh: '账务查询', en: 'Billing enquiries' }, serviceLevelMs: 15_000, serviceLevelTarget: 0.9 },
  },
  version: 3,
  source: 'admin',
  appliedVersion: 3,
  defaults: { serviceLevelMs: 20_000, serviceLevelTarget: 0.8, shortAbandonMs: 0 },
};

async function mountSettings(handler: ScriptHandler, lang: 'en' | 'zh-CN' = 'en') {
  const script = scriptedFetch((r) => (r.path === '/api/v1/session' ? { status: 200, body: { principal: {}, csrfToken: 'csrf-7' } } : handler(r)));
  const api = new AccessApi({ fetch: script.fetch });
  await api.session().catch(() => undefined);
  const el = Object.assign(document.createElement('wb-queue-settings'), { api, i18n: createI18n(lang) });
  document.body.append(el);
  await until(() => shadow(el).querySelectorAll('[data-testid=queue-setting]').length === 2);
  return { el, script };
}

const answering =
  (puts: RecordedRequest[] = []): ScriptHandler =>
  (r) => {
    if (r.method === 'GET') return { status: 200, body: stored };
    puts.push(r);
    return { status: 200, body: { ...stored, ...(r.body as object), version: 4 } };
  };
const formOf = (el: WbQueueSettings, queue: string) => shadow(el).querySelector<HTMLFormElement>(`[data-testid=queue-setting][data-queue="${queue}"]`)!;
const input = (form: HTMLFormElement, name: string) => form.querySelector<HTMLInputElement>(`input[name=${name}]`)!;
const submit = (form: HTMLFormElement) => form.dispatchEvent(new Event('submit', { cancelable: true }));

describe('wb-queue-settings', () => {
  it("shows a form per queue in order, figures in seconds and percent, the floor-wide ones in the page's language, names as text", async () => {
    const { el } = await mountSettings(answering(), 'zh-CN');
    const queues = [...shadow(el).querySelectorAll<HTMLFormElement>('[data-testid=queue-setting]')].map((f) => f.dataset['queue']);
    expect(queues).toEqual(['billing', 'tech']);
    const billing = formOf(el, 'billing');
    expect(['zh', 'en', 'slSeconds', 'targetPercent', 'shortSeconds'].map((n) => input(billing, n).value)).toEqual(['账务查询', 'Billing enquiries', '15', '90', '']);
    expect(text(el, '.hint')).toContain('全场的值（20 秒、80%、0 秒）');
    expect(billing.textContent).toContain('服务水平阈值（秒）');
    // A hostile name is an input's value, never markup.
    expect(input(formOf(el, 'tech'), 'en').value).toBe(HOSTILE);
    expect(shadow(el).querySelector('img')).toBeNull();
  });

  it('saves the whole record with one queue changed, with the CSRF token', async () => {
    const puts: RecordedRequest[] = [];
    const { el } = await mountSettings(answering(puts));
    const billing = formOf(el, 'billing');
    input(billing, 'slSeconds').value = '30';
    input(billing, 'targetPercent').value = '85';
    input(billing, 'shortSeconds').value = '5';
    submit(billing);
    await until(() => text(el, '[data-testid=queue-settings-saved]') !== null);
    expect(puts).toHaveLength(1);
    expect(puts[0]).toMatchObject({ method: 'PUT', path: '/api/v1/queue-settings', csrf: 'csrf-7' });
    expect(puts[0]!.body).toEqual({
      queues: {
        billing: { name: { zh: '账务查询', en: 'Billing enquiries' }, serviceLevelMs: 30_000, serviceLevelTarget: 0.85, shortAbandonMs: 5_000 },
        tech: stored.queues['tech'],
      },
    });
    expect(text(el, '[data-testid=queue-settings-saved]')).toBe('Saved (version 4).');
  });

  it('adds a queue, and removes one', async () => {
    const puts: RecordedRequest[] = [];
    const { el } = await mountSettings(answering(puts));
    const add = shadow(el).querySelector<HTMLFormElement>('[data-testid=queue-add]')!;
    input(add, 'queue').value = 'roaming';
    input(add, 'zh').value = '国际漫游';
    input(add, 'en').value = 'Roaming';
    input(add, 'slSeconds').value = '15';
    submit(add);
    await until(() => puts.length === 1);
    expect((puts[0]!.body as { queues: Record<string, unknown> }).queues['roaming']).toEqual({ name: { zh: '国际漫游', en: 'Roaming' }, serviceLevelMs: 15_000 });
    await until(() => !formOf(el, 'tech').querySelector<HTMLButtonElement>('[data-testid=queue-remove]')!.disabled);
    formOf(el, 'tech').querySelector<HTMLButtonElement>('[data-testid=queue-remove]')!.click();
    await until(() => puts.length === 2);
    expect(Object.keys((puts[1]!.body as { queues: object }).queues)).toEqual(['billing']);
  });

  it('asks for the name in both languages or neither, and sends nothing until then', async () => {
    const puts: RecordedRequest[] = [];
    const { el } = await mountSettings(answering(puts));
    const billing = formOf(el, 'billing');
    input(billing, 'en').value = '';
    submit(billing);
    await el.updateComplete;
    expect(text(el, '[data-testid=queue-settings-form-error]')).toBe('Give the name in both languages, or neither.');
    expect(puts).toHaveLength(0);
  });

  it("says the server's refusal, naming the field", async () => {
    const { el } = await mountSettings((r) =>
      r.method === 'GET' ? { status: 200, body: stored } : { status: 400, body: { error: 'queues.billing.serviceLevelTarget: a fraction 0..1' } },
    );
    const billing = formOf(el, 'billing');
    input(billing, 'targetPercent').value = '8000';
    submit(billing);
    await until(() => text(el, '[data-testid=queue-settings-error]') !== null);
    expect(text(el, '[data-testid=queue-settings-error]')).toBe('The server refused this input: queues.billing.serviceLevelTarget: a fraction 0..1');
  });
});
