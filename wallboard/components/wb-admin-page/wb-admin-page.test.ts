// @vitest-environment happy-dom
// The admin page: what a lead and an admin each see, displays with their QR code, age and
// count, created and revoked with the CSRF token, secrets shown once, the refusals table, and a
// session that ended sends the reader to the login.
import { afterEach, describe, expect, it } from 'vitest';
import { AccessApi } from '../../access/access-api.js';
import type { Display, UserPrincipal, UserRecord } from '../../access/access-types.js';
import type { PageNavigator } from '../../access/navigator.js';
import { shadow, text } from '../../testing/dom.js';
import { scriptedFetch, until, type ScriptHandler } from '../../testing/scripted-fetch.js';
import type { WbAdminPage } from './wb-admin-page.component.js';
import './wb-admin-page.js';

afterEach(() => document.body.replaceChildren());

const NOW = Date.UTC(2026, 10, 30, 8, 0, 0);
const ADMIN: UserPrincipal = { kind: 'user', name: 'root', role: 'admin', teams: [], mustChangePassword: false };
const LEAD: UserPrincipal = { kind: 'user', name: 'wang', role: 'lead', teams: ['A组', 'B组'], mustChangePassword: false };
const HOSTILE = '<script>alert(1)</script>\u202Eevil 📺';

const display = (over: Partial<Display>): Display => ({
  id: 'd1',
  name: 'Floor 1',
  view: { team: 'A组' },
  link: 'https://wb.example/pair/abc',
  createdBy: 'root',
  createdTs: NOW - 86_400_000,
  lastSeenTs: NOW - 5 * 60_000,
  lastAddress: '10.0.3.21',
  connected: 2,
  ...over,
});

async function mountPage(principal: UserPrincipal, handler: ScriptHandler, language: 'en' | 'zh-CN' = 'en') {
  const script = scriptedFetch(handler);
  const api = new AccessApi({ fetch: script.fetch });
  // The page gets an API that has read the session, as main.ts hands it over.
  await api.session().catch(() => undefined);
  const went: string[] = [];
  const navigator: PageNavigator = { go: (path) => went.push(path), setSearch: () => undefined };
  const page = Object.assign(document.createElement('wb-admin-page'), { api, principal, language, navigator, now: () => NOW, pollMs: 0 });
  document.body.append(page);
  await page.updateComplete;
  return { page, script, went };
}

const sessionAnswer = (principal: UserPrincipal) => ({ status: 200, body: { principal, csrfToken: 'csrf-9' } });
const tabs = (page: WbAdminPage) => [...shadow(page).querySelectorAll('[role=tab]')].map((t) => t.getAttribute('data-testid'));
const section = <K extends keyof HTMLElementTagNameMap>(page: WbAdminPage, tag: K) => shadow(page).querySelector(tag)!;

describe('wb-admin-page', () => {
  it("shows a lead their displays only, with a QR code, the age in the page's language, and names kept as text", async () => {
    const { page } = await mountPage(
      LEAD,
      (r) => {
        if (r.path === '/api/v1/session') return sessionAnswer(LEAD);
        if (r.path === '/api/v1/displays')
          return { status: 200, body: { displays: [display({}), display({ id: 'd2', name: HOSTILE, lastSeenTs: null, connected: 0, view: { agentNames: false } })] } };
        return undefined;
      },
      'zh-CN',
    );
    expect(tabs(page)).toEqual(['tab-displays']);
    const admin = section(page, 'wb-display-admin');
    await until(() => shadow(admin).querySelectorAll('[data-testid=display]').length === 2);
    const [first, second] = [...shadow(admin).querySelectorAll<HTMLElement>('[data-testid=display]')];
    const field = (card: HTMLElement, id: string) => card.querySelector(`[data-testid=${id}]`)!.textContent.replace(/\s+/g, ' ').trim();
    expect(field(first!, 'display-last-seen')).toBe('5分钟前');
    expect(field(first!, 'display-connected')).toBe('2');
    expect(field(first!, 'display-address')).toBe('10.0.3.21');
    expect(field(first!, 'display-view')).toBe('全部队列 · 班组：\u2068A组\u2069 · 标准 · 中文');
    expect(field(second!, 'display-last-seen')).toBe('从未');
    expect(field(second!, 'display-view')).toContain('仅显示座席工号');
    // The hostile name is text, isolated from what surrounds it, and no element of its own.
    const name = second!.querySelector('[data-testid=display-name]')!;
    expect(name.tagName).toBe('BDI');
    expect(name.textContent).toBe(HOSTILE);
    expect(shadow(admin).querySelector('script')).toBeNull();
    // The QR code of each link is drawn.
    const qr = first!.querySelector('wb-qr-code')!;
    await qr.updateComplete;
    expect(qr.text).toBe('https://wb.example/pair/abc');
    expect(shadow(qr).querySelector('path')!.getAttribute('d')).toMatch(/^M0 0h7v1h-7z/);
    // A lead picks one of their own teams, nothing else.
    const teams = [...shadow(admin).querySelectorAll<HTMLOptionElement>('#display-team option')].map((o) => o.value);
    expect(teams).toEqual(['A组', 'B组']);
  });

  it('creates a display with the CSRF token, then revokes it after a confirmation', async () => {
    let displays: Display[] = [];
    const { page, script } = await mountPage(ADMIN, (r) => {
      if (r.path === '/api/v1/session') return sessionAnswer(ADMIN);
      if (r.method === 'GET' && r.path === '/api/v1/displays') return { status: 200, body: { displays } };
      if (r.method === 'POST' && r.path === '/api/v1/displays') {
        const body = r.body as { name: string; view: Display['view'] };
        displays = [display({ id: 'new', name: body.name, view: body.view, lastSeenTs: null, connected: 0 })];
        return { status: 201, body: displays[0] };
      }
      if (r.method === 'DELETE' && r.path === '/api/v1/displays/new') return { status: 204 };
      return undefined;
    });
    const admin = section(page, 'wb-display-admin');
    await until(() => shadow(admin).querySelector('[data-testid=displays-empty]') !== null);
    const root = shadow(admin);
    const set = (id: string, value: string) => (root.querySelector<HTMLInputElement | HTMLSelectElement>(`#${id}`)!.value = value);
    set('display-name', ' Lobby ');
    set('display-team', 'B组');
    set('display-queues', 'billing， vip,billing');
    set('display-layout', 'queues');
    set('display-lang', 'en');
    root.querySelector<HTMLInputElement>('#display-agent-names')!.checked = false;
    root.querySelector<HTMLFormElement>('#display-create')!.requestSubmit();
    await until(() => root.querySelector('[data-testid=display]') !== null);
    expect(script.changes()[0]).toEqual({
      method: 'POST',
      path: '/api/v1/displays',
      csrf: 'csrf-9',
      body: { name: 'Lobby', view: { layout: 'queues', lang: 'en', agentNames: false, queues: ['billing', 'vip'], team: 'B组' } },
    });

    root.querySelector<HTMLButtonElement>('[data-testid=display-revoke]')!.click();
    await admin.updateComplete;
    // Nothing happens before the confirmation, and Cancel takes it back.
    expect(script.changes()).toHaveLength(1);
    expect(root.querySelector('[role=alertdialog]')!.textContent).toContain('Revoke \u2068Lobby\u2069?');
    root.querySelector<HTMLButtonElement>('[data-testid=display-cancel]')!.click();
    await admin.updateComplete;
    expect(root.querySelector('[data-testid=display-confirm]')).toBeNull();
    root.querySelector<HTMLButtonElement>('[data-testid=display-revoke]')!.click();
    await admin.updateComplete;
    displays = [];
    root.querySelector<HTMLButtonElement>('[data-testid=display-confirm]')!.click();
    await until(() => root.querySelector('[data-testid=display]') === null);
    expect(script.changes()[1]).toEqual({ method: 'DELETE', path: '/api/v1/displays/new', csrf: 'csrf-9', body: undefined });
  });

  it('says when a server did not answer, so counts and refusals may be missing some', async () => {
    const { page } = await mountPage(ADMIN, (r) => {
      if (r.path === '/api/v1/session') return sessionAnswer(ADMIN);
      if (r.path === '/api/v1/displays') return { status: 200, body: { displays: [display({ id: 'd1', name: 'Hall', connected: 2 })], partial: true } };
      if (r.path === '/api/v1/refusals') return { status: 200, body: { refusals: [], partial: true } };
      return undefined;
    });
    const admin = section(page, 'wb-display-admin');
    await until(() => shadow(admin).querySelector('[data-testid=display]') !== null);
    expect(text(admin, '[data-testid=displays-partial]')).toContain('did not answer in time');
    shadow(page).querySelector<HTMLButtonElement>('[data-testid=tab-refusals]')!.click();
    await page.updateComplete;
    const refusals = section(page, 'wb-refusal-table');
    await until(() => shadow(refusals).querySelector('[data-testid=refusals-partial]') !== null);
    expect(text(refusals, '[data-testid=refusals-partial]')).toContain('refusals are missing');
  });

  it("gives an admin the users, tokens and refusals, and shows a new user's password once", async () => {
    const users: UserRecord[] = [{ name: 'root', role: 'admin', teams: [], createdTs: NOW, lastLoginTs: NOW - 3 * 3_600_000, mustChangePassword: false }];
    const { page, script } = await mountPage(ADMIN, (r) => {
      if (r.path === '/api/v1/session') return sessionAnswer(ADMIN);
      if (r.path === '/api/v1/displays') return { status: 200, body: { displays: [], partial: false } };
      if (r.method === 'GET' && r.path === '/api/v1/users') return { status: 200, body: { users } };
      if (r.method === 'POST' && r.path === '/api/v1/users') {
        const body = r.body as { name: string; role: 'lead'; teams: string[] };
        const user = { ...body, createdTs: NOW, lastLoginTs: null, mustChangePassword: true };
        users.push(user);
        return { status: 201, body: { user, password: 'Xk3-pQ9z-7mWv' } };
      }
      if (r.path === '/api/v1/tokens' && r.method === 'POST') return { status: 201, body: { id: 't9', name: 'pbx', role: 'ingest', token: 'wbt_secret' } };
      if (r.path === '/api/v1/tokens') return { status: 200, body: { tokens: [] } };
      if (r.path === '/api/v1/refusals')
        return {
          status: 200,
          body: {
            refusals: [{ ts: NOW - 1000, kind: 'csrf', address: '10.0.0.9', path: '/api/v1/displays', reason: 'missing csrf token', name: HOSTILE }],
            partial: false,
          },
        };
      return undefined;
    });
    expect(tabs(page)).toEqual(['tab-displays', 'tab-users', 'tab-tokens', 'tab-refusals', 'tab-queues', 'tab-alerts', 'tab-alarms']);

    shadow(page).querySelector<HTMLButtonElement>('[data-testid=tab-users]')!.click();
    await page.updateComplete;
    const userAdmin = section(page, 'wb-user-admin');
    await until(() => shadow(userAdmin).querySelector('[data-testid=user]') !== null);
    const root = shadow(userAdmin);
    // No delete on one's own row.
    expect(root.querySelector('[data-user=root] [data-testid=user-delete]')).toBeNull();
    expect(root.querySelector('[data-user=root]')!.textContent).toContain('3 hours ago');
    root.querySelector<HTMLInputElement>('#user-name')!.value = 'li';
    root.querySelector<HTMLInputElement>('#user-teams')!.value = 'A组，B组';
    root.querySelector<HTMLFormElement>('#user-create')!.requestSubmit();
    await until(() => root.querySelector('[data-testid=user-password]') !== null);
    expect(text(userAdmin, '[data-testid=user-password-value]')).toBe('Xk3-pQ9z-7mWv');
    expect(script.changes()[0]).toMatchObject({ csrf: 'csrf-9', body: { name: 'li', role: 'lead', teams: ['A组', 'B组'] } });
    await until(() => root.querySelector('[data-user=li] [data-testid=user-must-change]') !== null);
    root.querySelector<HTMLButtonElement>('[data-testid=user-password-done]')!.click();
    await userAdmin.updateComplete;
    expect(root.querySelector('[data-testid=user-password]')).toBeNull();

    shadow(page).querySelector<HTMLButtonElement>('[data-testid=tab-tokens]')!.click();
    await page.updateComplete;
    const tokenAdmin = section(page, 'wb-token-admin');
    await until(() => shadow(tokenAdmin).querySelector('#token-create') !== null);
    shadow(tokenAdmin).querySelector<HTMLInputElement>('#token-name')!.value = 'pbx';
    shadow(tokenAdmin).querySelector<HTMLFormElement>('#token-create')!.requestSubmit();
    await until(() => shadow(tokenAdmin).querySelector('[data-testid=token-secret]') !== null);
    expect(text(tokenAdmin, '[data-testid=token-secret-value]')).toBe('wbt_secret');
    expect(script.changes()[1]).toMatchObject({ path: '/api/v1/tokens', csrf: 'csrf-9', body: { name: 'pbx', role: 'ingest' } });

    shadow(page).querySelector<HTMLButtonElement>('[data-testid=tab-refusals]')!.click();
    await page.updateComplete;
    const refusals = section(page, 'wb-refusal-table');
    await until(() => shadow(refusals).querySelector('[data-testid=refusal]') !== null);
    const cells = [...shadow(refusals).querySelectorAll('[data-testid=refusal] td')].map((td) => td.textContent.trim());
    expect(cells.slice(1)).toEqual(['CSRF token', HOSTILE, '10.0.0.9', '/api/v1/displays', 'missing csrf token']);
    expect(shadow(refusals).querySelector('script')).toBeNull();
    expect(shadow(refusals).querySelector('[data-testid=refusals-partial]')).toBeNull();
  });

  it('goes to the login when the session has ended', async () => {
    const { went } = await mountPage(ADMIN, (r) => (r.path === '/api/v1/displays' ? { status: 401, body: { error: 'unauthorized' } } : undefined));
    await until(() => went.length > 0);
    expect(went).toEqual(['/login?next=%2Fadmin%3Flang%3Den']);
  });
});
