// The REST side of access control: each request's principal is resolved once (access.ts), then
// routes ask for what they need. State-changing requests made with the session cookie carry the
// session's CSRF token (csrf-sync, the synchronizer-token pattern) and come from an allowed Origin;
// requests with a Bearer token carry no ambient credential and need neither.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { csrfSync } from 'csrf-sync';
import type { Access, Authentication } from '../auth/access.js';
import { can, type Action, type Principal } from '../auth/principal.js';
import type { RefusalKind } from '../auth/refusal-log.js';
import { bearerToken } from '../ingest/http-credentials.js';
import { originAllowed } from '../realtime/origin-check.js';

/** The principal resolve() found, or null. */
export function principalOf(res: Response): Principal | null {
  const auth = res.locals['auth'] as Authentication | undefined;
  return auth?.ok ? auth.principal : null;
}

/** The client's address as Express sees it (honouring `trust proxy`). */
export const addressOf = (req: Request): string => req.ip ?? req.socket.remoteAddress ?? 'unknown';

export function refuse(access: Access, req: Request, res: Response, status: number, kind: RefusalKind, reason: string, name: string | null = null): void {
  access.refuse(kind, { address: addressOf(req), path: req.path, reason, name });
  res.status(status).json({ error: reason });
}

/** Resolves the request's credential into res.locals.auth; refuses nothing by itself. */
export function resolvePrincipal(access: Access): RequestHandler {
  return (req, res, next) => {
    access.authenticate(req, bearerToken(req.headers.authorization)).then((auth) => {
      res.locals['auth'] = auth;
      next();
    }, next);
  };
}

const nameOf = (p: Principal) => (p.kind === 'user' ? p.name : p.kind === 'token' ? `token:${p.name}` : `display:${p.name}`);

/** 401 without a credential, 403 when the principal may not do `action`. */
export function requireAction(access: Access, action: Action): RequestHandler {
  return (req, res, next) => {
    const auth = res.locals['auth'] as Authentication | undefined;
    if (!auth?.ok) {
      refuse(access, req, res, 401, 'unauthorized', auth?.reason === 'invalid' ? 'invalid credential' : 'sign in first', null);
      return;
    }
    const { principal } = auth;
    if (principal.kind === 'user' && principal.mustChangePassword) {
      refuse(access, req, res, 403, 'forbidden', 'password change required', principal.name);
      return;
    }
    if (!can(principal, action)) {
      refuse(access, req, res, 403, 'forbidden', `not allowed: ${action}`, nameOf(principal));
      return;
    }
    next();
  };
}

export interface CsrfGuard {
  /** Checks the CSRF token and Origin of a cookie-authenticated state-changing request. */
  protect: RequestHandler;
  /** The session's token, made on first use. */
  token(req: Request): string;
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createCsrfGuard(access: Access, allowedOrigins: ReadonlySet<string>): CsrfGuard {
  const { csrfSynchronisedProtection, generateToken } = csrfSync({
    getTokenFromRequest: (req) => {
      const header = req.headers['x-csrf-token'];
      return typeof header === 'string' ? header : undefined;
    },
    skipCsrfProtection: (req) => bearerToken(req.headers.authorization) !== null,
  });
  return {
    token: (req) => generateToken(req),
    protect: (req: Request, res: Response, next: NextFunction) => {
      if (!STATE_CHANGING.has(req.method) || bearerToken(req.headers.authorization) !== null) {
        next();
        return;
      }
      if (!originAllowed(req.headers.origin, req.headers.host, allowedOrigins)) {
        refuse(access, req, res, 403, 'origin', `origin not allowed: ${req.headers.origin ?? ''}`);
        return;
      }
      csrfSynchronisedProtection(req, res, (error?: unknown) => {
        if (error) refuse(access, req, res, 403, 'csrf', 'missing or wrong x-csrf-token header');
        else next();
      });
    },
  };
}
