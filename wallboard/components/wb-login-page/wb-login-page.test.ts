// @vitest-environment happy-dom
// The login page: readable failures in the page's language (wrong name or password, throttled
// with the seconds to wait, server unreachable), the one-time password's change step, and going
// on to `next` only once signed in for good.
import { afterEach, describe, expect, it } from 'vitest';
import { AccessApi } from '../../access/access-api.js';
import type { PageNavigator } from '../../access/navigator.js';
import { shadow, text } from '../../testing/dom.js';
import { scriptedFetch, until, type ScriptHandler } from '../../testing/scripted-fetch.js';
import type { WbLoginPage } from './wb-login-page.component.js';
import './wb-login-page.js';

afterEach(() => document.body.replaceChildren());

const LEAD = { kind: 'user', name: 'wang', role: 'lead', teams: ['A'], mustChangePassword: false };

function mountPage(handler: ScriptHandler, options: { language?: 'en' | 'zh-CN'; next?: string; now?: () => number } = {}) {
  const script = scriptedFetch(handler);
  const went: string[] = [];
  const searches: string[] = [];
  const navigator: PageNavigator = { go: (path) => went.push(path), setSearch: (search) => searches.push(search) };
  const page = Object.assign(document.createElement('wb-login-page'), {
    api: new AccessApi({ fetch: script.fetch }),
    navigator,
    language: options.language ?? 'en',
    ...(options.next ? { next: options.next } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  document.body.append(page);
  return { page, script, went, searches };
}

const root = (page: WbLoginPage) => shadow(page);
const input = (page: WbLoginPage, id: string) => root(page).querySelector<HTMLInputElement>(`#${id}`)!;

async function submit(page: WbLoginPage, form: string, values: Record<string, string>) {
  await until(() => root(page).querySelector(`#${form}`) !== null);
  for (const [id, value] of Object.entries(values)) input(page, id).value = value;
  root(page).querySelector<HTMLFormElement>(`#${form}`)!.requestSubmit();
}

const error = (page: WbLoginPage) => text(page, '[data-testid=login-error]');

describe('wb-login-page', () => {
  it('says a wrong name or password plainly, and signs in to next', async () => {
    let attempts = 0;
    const { page, script, went } = mountPage(
      (r) => {
        if (r.method === 'GET') return { status: 401, body: { error: 'unauthorized' } };
        attempts++;
        return attempts === 1 ? { status: 401, body: { error: 'wrong name or password' } } : { status: 200, body: { principal: LEAD, csrfToken: 'c' } };
      },
      { next: '/admin' },
    );
    await submit(page, 'login-form', { 'login-name': ' wang ', 'login-password': 'nope' });
    await until(() => error(page) !== null);
    expect(error(page)).toBe('Wrong name or password.');
    expect(went).toEqual([]);
    await submit(page, 'login-form', { 'login-name': 'wang', 'login-password': 'right-one' });
    await until(() => went.length > 0);
    expect(went).toEqual(['/admin']);
    expect(script.changes().map((r) => r.body)).toEqual([
      { name: 'wang', password: 'nope' },
      { name: 'wang', password: 'right-one' },
    ]);
  });

  it('counts down a throttled sign-in, with the button off until it may try again', async () => {
    let now = 1_000_000;
    const { page } = mountPage(
      (r) => (r.method === 'GET' ? { status: 401 } : { status: 429, body: { error: 'throttled', retryAfterS: 42 }, headers: { 'retry-after': '42' } }),
      {
        language: 'zh-CN',
        now: () => now,
      },
    );
    await submit(page, 'login-form', { 'login-name': 'wang', 'login-password': 'x' });
    await until(() => error(page) !== null);
    expect(error(page)).toBe('尝试次数过多，请 42 秒后再试。');
    expect(root(page).querySelector<HTMLButtonElement>('#login-submit')!.disabled).toBe(true);
    now += 30_500;
    page.requestUpdate();
    await page.updateComplete;
    expect(error(page)).toBe('尝试次数过多，请 12 秒后再试。');
    now += 12_000;
    page.requestUpdate();
    await page.updateComplete;
    expect(error(page)).toBeNull();
    expect(root(page).querySelector<HTMLButtonElement>('#login-submit')!.disabled).toBe(false);
  });

  it('says so when the server cannot be reached', async () => {
    const page = Object.assign(document.createElement('wb-login-page'), {
      api: new AccessApi({ fetch: () => Promise.reject(new TypeError('Failed to fetch')) }),
      navigator: { go: () => undefined, setSearch: () => undefined },
      language: 'en' as const,
    });
    document.body.append(page);
    await submit(page, 'login-form', { 'login-name': 'wang', 'login-password': 'x' });
    await until(() => error(page) !== null);
    expect(error(page)).toBe('The server cannot be reached. Check the network and try again.');
  });

  it('has a one-time password changed, checked here first, before going on', async () => {
    const { page, script, went } = mountPage(
      (r) => {
        if (r.method === 'GET') return { status: 401 };
        if (r.path === '/api/v1/session') return { status: 200, body: { principal: { ...LEAD, mustChangePassword: true }, csrfToken: 'csrf-1' } };
        if (r.path === '/api/v1/session/password') return { status: 204 };
        return undefined;
      },
      { next: '/lead?team=A' },
    );
    await submit(page, 'login-form', { 'login-name': 'wang', 'login-password': 'Xk3-pQ9z' });
    await until(() => root(page).querySelector('#change-form') !== null);
    // It knows the one-time password just typed: no field asks for it again.
    expect(root(page).querySelector('#change-current')).toBeNull();
    expect(text(page, '[data-testid=signed-in-as]')).toBe('Signed in as \u2068wang\u2069');
    await submit(page, 'change-form', { 'change-new': 'short', 'change-repeat': 'short' });
    await until(() => error(page) !== null);
    expect(error(page)).toBe('The new password needs at least 10 characters.');
    await submit(page, 'change-form', { 'change-new': 'long-enough-1', 'change-repeat': 'long-enough-2' });
    await until(() => error(page) === 'The two new passwords differ.');
    expect(script.changes()).toHaveLength(1);
    await submit(page, 'change-form', { 'change-new': 'long-enough-1', 'change-repeat': 'long-enough-1' });
    await until(() => went.length > 0);
    expect(went).toEqual(['/lead?team=A']);
    expect(script.changes().at(-1)).toEqual({ method: 'POST', path: '/api/v1/session/password', csrf: 'csrf-1', body: { current: 'Xk3-pQ9z', next: 'long-enough-1' } });
  });

  it('goes straight on when already signed in, and asks for the one-time password after a reload', async () => {
    const signedIn = mountPage(() => ({ status: 200, body: { principal: LEAD, csrfToken: 'c' } }), { next: '/admin' });
    await until(() => signedIn.went.length > 0);
    expect(signedIn.went).toEqual(['/admin']);
    document.body.replaceChildren();
    // The default tablet opens in the language the reader chose here.
    const english = mountPage(() => ({ status: 200, body: { principal: LEAD, csrfToken: 'c' } }), { language: 'en' });
    await until(() => english.went.length > 0);
    expect(english.went).toEqual(['/lead?lang=en']);
    document.body.replaceChildren();

    const { page, script } = mountPage((r) =>
      r.method === 'GET'
        ? { status: 200, body: { principal: { ...LEAD, mustChangePassword: true }, csrfToken: 'c2' } }
        : { status: 401, body: { error: 'current wrong' } },
    );
    await until(() => root(page).querySelector('#change-current') !== null);
    await submit(page, 'change-form', { 'change-current': 'guess', 'change-new': 'long-enough-1', 'change-repeat': 'long-enough-1' });
    await until(() => root(page).querySelector('#login-form') !== null);
    expect(error(page)).toBe('The one-time password is wrong. Sign in again.');
    expect(script.changes()[0]).toMatchObject({ csrf: 'c2', body: { current: 'guess', next: 'long-enough-1' } });
  });

  it('switches language in place and keeps it in the address', async () => {
    const { page, searches } = mountPage(() => ({ status: 401 }), { language: 'zh-CN', next: '/admin' });
    await until(() => root(page).querySelector('#login-form') !== null);
    expect(text(page, 'h1')).toBe('登录');
    const toggle = root(page).querySelector('wb-lang-toggle')!;
    await toggle.updateComplete;
    shadow(toggle).querySelector<HTMLButtonElement>('[data-testid=lang-en]')!.click();
    await page.updateComplete;
    expect(text(page, 'h1')).toBe('Sign in');
    expect(searches).toEqual(['?lang=en&next=%2Fadmin']);
  });
});
