// Access control for one server process: the stores, the session middleware (express-session with
// its maintained Redis store, so every process knows every session) and the one function that
// turns a request's credential into a Principal. REST (http/access-routes.ts) and the Socket.IO
// handshake (realtime/socket-access.ts) both go through `authenticate`.
import RedisStore from 'connect-redis';
import session from 'express-session';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';
import type { RedisConnection } from '../redis/connection.js';
import type { Logger } from '../log.js';
import { keys } from '../redis/keys.js';
import type { AccessConfig } from './access-config.js';
import { createDisplayStore, type DisplayStore } from './display-store.js';
import { createLoginThrottle, type LoginThrottle } from './login-throttle.js';
import type { Principal } from './principal.js';
import { RefusalLog, type RefusalKind } from './refusal-log.js';
import { newSecret } from './secrets.js';
import { createTokenStore, type TokenStore } from './token-store.js';
import { createUserStore, type UserStore } from './user-store.js';

/** Who a session belongs to; the rest (role, view) is read from the stores on each use. */
export type SessionOwner = { kind: 'user'; name: string } | { kind: 'display'; id: string };

declare module 'express-session' {
  interface SessionData {
    owner?: SessionOwner;
  }
}

/** What a credential resolved to: a principal, or why not (the handshake's error says which). */
export type Authentication =
  | { ok: true; principal: Principal }
  /** missing: no credential; invalid: a token or session we do not know; revoked: a display that no longer exists; signed-out: a user who no longer exists. */
  | { ok: false; reason: 'missing' | 'invalid' | 'revoked' | 'signed-out' };

/** The request after the session middleware ran. */
export type SessionRequest = IncomingMessage & { session?: session.Session & Partial<session.SessionData>; sessionID?: string };

export interface Access {
  users: UserStore;
  displays: DisplayStore;
  tokens: TokenStore;
  throttle: LoginThrottle;
  refusals: RefusalLog;
  sessionStore: RedisStore;
  /** express-session, for Express and Socket.IO's engine alike. */
  session: RequestHandler;
  config: AccessConfig;
  /** A Bearer secret first (a script says who it is explicitly), else the session's owner. */
  authenticate(req: SessionRequest, bearer: string | null): Promise<Authentication>;
  /** Whose a stored session is; null when it ended (logout, expiry). */
  sessionOwner(sessionId: string): Promise<SessionOwner | null>;
  /** Logs a refusal and keeps it for the admin page. */
  refuse(kind: RefusalKind, details: { address: string; path: string; reason: string; name?: string | null }): void;
}

/** The shared session secret: the configured one, else one made once and kept in Redis. */
async function sessionSecret(redis: RedisConnection, group: string, configured: string | null): Promise<string> {
  if (configured) return configured;
  const key = keys.auth(group, 'session-secret');
  await redis.set(key, newSecret(), 'NX');
  const secret = await redis.get(key);
  if (!secret) throw new Error('could not read the session secret from Redis');
  return secret;
}

export async function createAccess(redis: RedisConnection, group: string, config: AccessConfig, log: Logger, now: () => number): Promise<Access> {
  const users = createUserStore(redis, group, now);
  const displays = createDisplayStore(redis, group, now);
  const tokens = createTokenStore(redis, group, now, config.adminToken);
  const refusals = new RefusalLog();
  const sessionStore = new RedisStore({
    client: redis,
    prefix: keys.sessions(group),
    // Each session's TTL follows its cookie: a display's lasts far longer than a lead's.
    ttl: (s: session.SessionData) => Math.ceil((s.cookie.maxAge ?? config.sessionTtlMs) / 1000),
  });
  const middleware = session({
    name: 'wb.sid',
    store: sessionStore,
    secret: await sessionSecret(redis, group, config.sessionSecret),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    proxy: undefined, // follows Express's `trust proxy`
    cookie: { httpOnly: true, sameSite: 'lax', secure: config.secureCookies, maxAge: config.sessionTtlMs, path: '/' },
  });

  async function authenticate(req: SessionRequest, bearer: string | null): Promise<Authentication> {
    if (bearer !== null) {
      const token = await tokens.verify(bearer);
      return token ? { ok: true, principal: { kind: 'token', ...token } } : { ok: false, reason: 'invalid' };
    }
    const owner = req.session?.owner;
    if (!owner) return { ok: false, reason: 'missing' };
    switch (owner.kind) {
      case 'user': {
        const user = await users.get(owner.name);
        if (!user) return { ok: false, reason: 'signed-out' };
        return { ok: true, principal: { kind: 'user', name: user.name, role: user.role, teams: user.teams, mustChangePassword: user.mustChangePassword } };
      }
      case 'display': {
        const display = await displays.get(owner.id);
        if (!display) return { ok: false, reason: 'revoked' };
        return { ok: true, principal: { kind: 'display', id: display.id, name: display.name, view: display.view } };
      }
      default: {
        const never: never = owner;
        return never;
      }
    }
  }

  return {
    users,
    displays,
    tokens,
    throttle: createLoginThrottle(redis, group, config.loginThrottle),
    refusals,
    sessionStore,
    session: middleware,
    config,
    authenticate,
    sessionOwner: (sessionId) =>
      new Promise((resolve, reject) => {
        void sessionStore.get(sessionId, (error: unknown, stored?: session.SessionData | null) => {
          if (error) reject(error instanceof Error ? error : new Error('the session store failed'));
          else resolve(stored?.owner ?? null);
        });
      }),
    refuse: (kind, { address, path, reason, name = null }) => {
      refusals.add({ ts: now(), kind, address, path, reason, name });
      log.warn('refused', { kind, address, path, reason, name });
    },
  };
}
