// @vitest-environment happy-dom
// The tablet's and admin page's way out: signing out sends the CSRF token and goes to the login,
// also when the session had already ended.
import { afterEach, describe, expect, it } from 'vitest';
import { AccessApi } from '../../access/access-api.js';
import { createI18n } from '../../i18n/i18n.js';
import { mount, shadow, text } from '../../testing/dom.js';
import { scriptedFetch, until, type ScriptedAnswer } from '../../testing/scripted-fetch.js';
import './wb-account-links.js';

afterEach(() => document.body.replaceChildren());

const principal = { kind: 'user' as const, name: 'wang', role: 'lead' as const, teams: ['A'], mustChangePassword: false };

async function links(answer: ScriptedAnswer, page: 'lead' | 'admin' = 'lead') {
  const script = scriptedFetch((r) => (r.method === 'GET' ? { status: 200, body: { principal, csrfToken: 'c-1' } } : answer));
  const api = new AccessApi({ fetch: script.fetch });
  await api.session();
  const went: string[] = [];
  const el = await mount(
    Object.assign(document.createElement('wb-account-links'), {
      api,
      principal,
      page,
      i18n: createI18n('en'),
      navigator: { go: (p: string) => went.push(p), setSearch: () => undefined },
    }),
  );
  return { el, script, went };
}

describe('wb-account-links', () => {
  it('links the tablet to the admin page and signs out with the CSRF token', async () => {
    const { el, script, went } = await links({ status: 204 });
    expect(shadow(el).querySelector('[data-testid=account-admin]')!.getAttribute('href')).toBe('/admin?lang=en');
    expect(text(el, '[data-testid=account-name]')).toBe('wang');
    shadow(el).querySelector<HTMLButtonElement>('[data-testid=sign-out]')!.click();
    await until(() => went.length > 0);
    expect(script.changes()).toEqual([{ method: 'DELETE', path: '/api/v1/session', csrf: 'c-1', body: undefined }]);
    expect(went).toEqual(['/login']);
  });

  it('goes to the login when already signed out, and says so when the server is gone', async () => {
    const gone = await links({ status: 401, body: { error: 'unauthorized' } }, 'admin');
    expect(shadow(gone.el).querySelector('[data-testid=account-lead]')!.getAttribute('href')).toBe('/lead?lang=en');
    shadow(gone.el).querySelector<HTMLButtonElement>('[data-testid=sign-out]')!.click();
    await until(() => gone.went.length > 0);
    expect(gone.went).toEqual(['/login']);

    const down = await links({ status: 503, body: { error: 'down' } });
    shadow(down.el).querySelector<HTMLButtonElement>('[data-testid=sign-out]')!.click();
    await until(() => text(down.el, '[role=alert]') !== null);
    expect(text(down.el, '[role=alert]')).toBe('The server cannot be reached. Try again.');
    expect(down.went).toEqual([]);
  });
});
