// @vitest-environment happy-dom
// The admin's alerts tab: the hooks (never a URL or a secret: the server sends none), every
// delivery attempt with its outcome in the page's language, and a test message sent with the
// session's CSRF token whose outcome is said.
import { afterEach, describe, expect, it } from 'vitest';
import { AccessApi } from '../../access/access-api.js';
import { createI18n } from '../../i18n/i18n.js';
import { shadow, text } from '../../testing/dom.js';
import { scriptedFetch, until, type ScriptHandler } from '../../testing/scripted-fetch.js';
import type { AlertLog } from './alert-log-api.js';
import './wb-alert-log.js';

afterEach(() => document.body.replaceChildren());

const TS = Date.UTC(2026, 11, 1, 2, 30, 0);
const LOG: AlertLog = {
  hooks: [
    { id: 'floor-wx', kind: 'wecom', lang: 'zh-CN', transitions: ['alarm.raised'], severities: ['critical'], signed: false, host: 'qyapi.weixin.qq.com' },
    { id: 'ops', kind: 'generic', lang: 'en', transitions: ['alarm.raised', 'alarm.cleared'], severities: ['warning', 'critical'], signed: true, host: 'ops.example' },
  ],
  deliveries: [
    {
      id: '3-0',
      ts: TS,
      hook: 'ops',
      node: 'n1',
      entry: '1-0',
      transition: 'alarm.raised',
      alarmId: 'a1',
      attempt: 2,
      outcome: 'delivered',
      status: 200,
      error: null,
      ms: 42,
    },
    {
      id: '2-0',
      ts: TS - 1000,
      hook: 'ops',
      node: 'n1',
      entry: '1-0',
      transition: 'alarm.raised',
      alarmId: 'a1',
      attempt: 1,
      outcome: 'failed',
      status: null,
      error: 'timed out after 10000 ms',
      ms: 10_000,
    },
    {
      id: '1-0',
      ts: TS - 2000,
      hook: 'floor-wx',
      node: 'n2',
      entry: '0-1',
      transition: 'alarm.cleared',
      alarmId: 'a0',
      attempt: 12,
      outcome: 'gave-up',
      status: 500,
      error: 'HTTP 500',
      ms: 8,
    },
  ],
};

async function mount(handler: ScriptHandler, lang: 'en' | 'zh-CN') {
  const script = scriptedFetch((r) =>
    r.path === '/api/v1/session'
      ? { status: 200, body: { principal: { kind: 'user', name: 'root', role: 'admin', teams: [], mustChangePassword: false }, csrfToken: 'csrf-7' } }
      : handler(r),
  );
  const api = new AccessApi({ fetch: script.fetch });
  const el = Object.assign(document.createElement('wb-alert-log'), { api, fetch: script.fetch, i18n: createI18n(lang) });
  document.body.append(el);
  await el.updateComplete;
  await until(() => shadow(el).querySelector('[data-testid=alert-hooks], [data-testid=alerts-no-hooks], [data-testid=alerts-error]') !== null);
  return { el, script };
}

const rows = (el: Element) =>
  [...shadow(el).querySelectorAll('[data-testid=alert-delivery]')].map((r) => [r.getAttribute('data-outcome'), r.textContent.replace(/\s+/g, ' ').trim()]);

describe('wb-alert-log', () => {
  it('lists the hooks and the attempts, newest first, in Chinese', async () => {
    const { el } = await mount((r) => (r.path === '/api/v1/alerts/deliveries' ? { status: 200, body: LOG } : undefined), 'zh-CN');
    expect(text(el, 'h2')).toBe('告警推送');
    expect(text(el, '[data-hook=floor-wx]')).toContain('企业微信群机器人');
    expect(text(el, '[data-hook=ops]')).toContain('已签名');
    const shown = rows(el);
    expect(shown.map(([o]) => o)).toEqual(['delivered', 'failed', 'gave-up']);
    expect(shown[0]![1]).toContain('触发');
    expect(shown[0]![1]).toContain('已送达');
    expect(shown[1]![1]).toContain('失败，将重试');
    expect(shown[1]![1]).toContain('timed out after 10000 ms');
    expect(shown[2]![1]).toContain('恢复');
    expect(shown[2]![1]).toContain('已放弃');
  });

  it('sends a test with the CSRF token and says how it went, in English', async () => {
    let tests = 0;
    const { el, script } = await mount((r) => {
      if (r.path === '/api/v1/alerts/deliveries') return { status: 200, body: LOG };
      if (r.path === '/api/v1/alerts/test/ops')
        return { status: 200, body: (tests += 1) === 1 ? { ok: true, status: 200, error: null } : { ok: false, status: 200, error: 'code 310000: sign not match' } };
      return undefined;
    }, 'en');
    expect(text(el, '[data-hook=ops]')).toContain('Generic JSON (signed)');
    shadow(el).querySelector<HTMLButtonElement>('[data-hook=ops] [data-testid=alert-test]')!.click();
    await until(() => text(el, '[data-testid=alerts-tested]') !== null);
    expect(text(el, '[data-testid=alerts-tested]')).toBe('Test message sent to ops.');
    expect(script.changes()).toEqual([{ method: 'POST', path: '/api/v1/alerts/test/ops', csrf: 'csrf-7', body: undefined }]);
    shadow(el).querySelector<HTMLButtonElement>('[data-hook=ops] [data-testid=alert-test]')!.click();
    await until(() => text(el, '[data-testid=alerts-tested]')?.includes('failed') ?? false);
    expect(text(el, '[data-testid=alerts-tested]')).toBe('The test to ops failed: code 310000: sign not match');
  });

  it('says when nothing is configured, and explains a refusal', async () => {
    const { el } = await mount((r) => (r.path === '/api/v1/alerts/deliveries' ? { status: 200, body: { hooks: [], deliveries: [] } } : undefined), 'en');
    expect(text(el, '[data-testid=alerts-no-hooks]')).toContain('alerts.hooks');
    document.body.replaceChildren();
    const { el: refused } = await mount(() => ({ status: 403, body: { error: 'forbidden' } }), 'en');
    expect(text(refused, '[data-testid=alerts-error]')).toBe('You are not allowed to do this.');
  });
});
