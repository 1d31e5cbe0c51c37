// Signing in as a person would, for tests: an admin (the test admin token) creates the user, who
// logs in with the one-time password and sets their own, as at /login. The session cookie can
// then go to a Socket.IO client or a browser context.
import { randomBytes } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
import { ADMIN_AUTH } from './server.js';

export interface TestSession {
  name: string;
  password: string;
  /** The `Cookie` header value: `wb.sid=…`. */
  cookie: string;
  csrfToken: string;
}

/** The session cookie a response set, as a Cookie header value. */
export function sessionCookie(res: Response): string {
  const set = res.headers.getSetCookie().find((c) => c.startsWith('wb.sid='));
  if (!set) throw new Error(`no session cookie in the answer (${res.status})`);
  return set.split(';')[0]!;
}

export async function login(baseUrl: string, name: string, password: string): Promise<{ res: Response; cookie: string | null; csrfToken: string | null }> {
  const res = await fetch(`${baseUrl}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
  if (res.status !== 200) return { res, cookie: null, csrfToken: null };
  const body = (await res.json()) as { csrfToken: string };
  return { res, cookie: sessionCookie(res), csrfToken: body.csrfToken };
}

/** Creates a user (lead by default) and signs them in, their one-time password already changed. */
export async function signIn(baseUrl: string, options: { role?: 'lead' | 'admin'; teams?: string[]; name?: string } = {}): Promise<TestSession> {
  const name = options.name ?? `user-${randomBytes(4).toString('hex')}`;
  const created = await fetch(`${baseUrl}/api/v1/users`, {
    method: 'POST',
    headers: { ...ADMIN_AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ name, role: options.role ?? 'lead', teams: options.teams ?? [] }),
  });
  if (created.status !== 201) throw new Error(`creating ${name} answered ${created.status}: ${await created.text()}`);
  const { password: oneTime } = (await created.json()) as { password: string };
  const first = await login(baseUrl, name, oneTime);
  if (!first.cookie || !first.csrfToken) throw new Error(`login answered ${first.res.status}`);
  const password = `pw-${randomBytes(8).toString('hex')}`;
  const changed = await fetch(`${baseUrl}/api/v1/session/password`, {
    method: 'POST',
    headers: { cookie: first.cookie, 'x-csrf-token': first.csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({ current: oneTime, next: password }),
  });
  if (changed.status !== 204) throw new Error(`password change answered ${changed.status}: ${await changed.text()}`);
  return { name, password, cookie: first.cookie, csrfToken: first.csrfToken };
}

/** Gives a browser context the session, as if its user had logged in there. */
export async function addSessionCookie(context: BrowserContext, baseUrl: string, session: Pick<TestSession, 'cookie'>): Promise<void> {
  const [name, value] = session.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Lax' }]);
}
