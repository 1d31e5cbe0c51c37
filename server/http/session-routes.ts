// Signing in and out, changing one's password, and pairing a TV by its display link.
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type { Access, Authentication } from '../auth/access.js';
import type { SessionInfo } from '../contract/access.js';
import { passwordSchema } from '../auth/user-store.js';
import { originAllowed } from '../realtime/origin-check.js';
import { addressOf, refuse, type CsrfGuard } from './access-middleware.js';

const loginSchema = z.strictObject({ name: z.string().min(1).max(64), password: z.string().min(1).max(256) });
const passwordChangeSchema = z.strictObject({ current: z.string().min(1).max(256), next: passwordSchema });

/** Cut short so a body cannot make the server hash megabytes. */
const json = express.json({ limit: '4kb' });

const regenerate = (req: Request) => new Promise<void>((resolve, reject) => req.session.regenerate((error) => (error ? reject(error as Error) : resolve())));
const save = (req: Request) => new Promise<void>((resolve, reject) => req.session.save((error) => (error ? reject(error as Error) : resolve())));

const PAIR_FAILED_PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>链接无效 · Link not valid</title>
<body style="font:24px system-ui,sans-serif;background:#0b1118;color:#e8eef4;padding:8vh 8vw">
<h1>此屏幕链接无效或已被撤销</h1><p>请向值班组长索取新的链接。</p>
<h1 lang="en">This screen link is not valid or was revoked</h1><p lang="en">Ask a team lead for a new link.</p></body></html>`;

export interface SessionRoutesDeps {
  access: Access;
  csrf: CsrfGuard;
  allowedOrigins: ReadonlySet<string>;
  now: () => number;
}

/** POST /api/v1/session (login) needs no CSRF token (there is no session yet) but an allowed Origin. */
export function createLoginRoute({ access, csrf, allowedOrigins, now }: SessionRoutesDeps): Router {
  const router = express.Router();
  router.post('/api/v1/session', json, async (req: Request, res: Response) => {
    if (!originAllowed(req.headers.origin, req.headers.host, allowedOrigins)) {
      refuse(access, req, res, 403, 'origin', `origin not allowed: ${req.headers.origin ?? ''}`);
      return;
    }
    const parsed = loginSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: 'send {"name": …, "password": …}' });
      return;
    }
    const { name, password } = parsed.data;
    const address = addressOf(req);
    const verdict = await access.throttle.check(name, address);
    if (!verdict.ok) {
      const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
      access.refuse('throttled', { address, path: req.path, reason: `too many failed logins: retry after ${seconds} s`, name });
      res
        .set('Retry-After', String(seconds))
        .status(429)
        .json({ error: `too many failed logins: retry after ${seconds} s`, retryAfterS: seconds });
      return;
    }
    const user = await access.users.verify(name, password);
    if (!user) {
      await access.throttle.failed(name, address);
      refuse(access, req, res, 401, 'login', 'wrong name or password', name);
      return;
    }
    await access.throttle.succeeded(name);
    // A fresh session id at login, so an id planted before it (session fixation) is worthless.
    await regenerate(req);
    req.session.owner = { kind: 'user', name: user.name };
    req.session.cookie.maxAge = access.config.sessionTtlMs;
    const csrfToken = csrf.token(req);
    await save(req);
    await access.users.recordLogin(user.name, now());
    const answer: SessionInfo = {
      principal: { kind: 'user', name: user.name, role: user.role, teams: user.teams, mustChangePassword: user.mustChangePassword },
      csrfToken,
    };
    res.json(answer);
  });
  return router;
}

/** The rest of the session's routes; mounted after the CSRF guard. */
export function createSessionRoutes({ access, csrf, now }: SessionRoutesDeps): Router {
  const router = express.Router();

  router.get('/api/v1/session', (req, res) => {
    const auth = res.locals['auth'] as Authentication;
    if (!auth.ok) {
      res.status(401).json({ error: auth.reason === 'revoked' ? 'revoked' : 'sign in first' });
      return;
    }
    const answer: SessionInfo = { principal: auth.principal, csrfToken: auth.principal.kind === 'token' ? null : csrf.token(req) };
    res.set('Cache-Control', 'no-store').json(answer);
  });

  router.delete('/api/v1/session', (req, res, next) => {
    req.session.destroy((error) => {
      if (error) next(error);
      else res.clearCookie('wb.sid', { path: '/' }).status(204).end();
    });
  });

  router.post('/api/v1/session/password', json, async (req, res) => {
    const auth = res.locals['auth'] as Authentication;
    if (!auth.ok || auth.principal.kind !== 'user') {
      refuse(access, req, res, 401, 'unauthorized', 'sign in first');
      return;
    }
    const parsed = passwordChangeSchema.safeParse(req.body);
    if (!parsed.success) {
      res.status(400).json({ error: `new password: ${parsed.error.issues[0]?.message ?? 'invalid'}` });
      return;
    }
    const { name } = auth.principal;
    const address = addressOf(req);
    const verdict = await access.throttle.check(name, address);
    if (!verdict.ok) {
      res
        .set('Retry-After', String(Math.ceil(verdict.retryAfterMs / 1000)))
        .status(429)
        .json({ error: 'too many failed attempts' });
      return;
    }
    if (!(await access.users.verify(name, parsed.data.current))) {
      await access.throttle.failed(name, address);
      refuse(access, req, res, 401, 'login', 'current password wrong', name);
      return;
    }
    if (parsed.data.next === parsed.data.current) {
      res.status(400).json({ error: 'new password: must differ from the current one' });
      return;
    }
    await access.users.setPassword(name, parsed.data.next);
    res.status(204).end();
  });

  // The display link: pairs this browser with the display, then moves on to /tv so the secret
  // leaves the address bar (and, with no-referrer, is never sent onwards).
  router.get('/pair/:secret', async (req, res) => {
    const secret = req.params['secret'] ?? '';
    const display = secret.length <= 128 ? await access.displays.byLinkSecret(secret) : null;
    if (!display) {
      access.refuse('unauthorized', { address: addressOf(req), path: '/pair/…', reason: 'unknown or replaced display link', name: null });
      res.status(404).type('html').send(PAIR_FAILED_PAGE);
      return;
    }
    await regenerate(req);
    req.session.owner = { kind: 'display', id: display.id };
    req.session.cookie.maxAge = access.config.displaySessionTtlMs;
    await save(req);
    await access.displays.touch(display.id, { ts: now(), address: addressOf(req) });
    res.redirect(302, '/tv');
  });

  return router;
}
