// The REST read API, health endpoints and the built wallboard, on one origin.
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseViewQuery, viewKey } from '../contract/view.js';
import type { Access, Authentication } from '../auth/access.js';
import { socketViewsOf } from '../contract/display-view.js';
import { projectForDisplay } from '../core/display-projection.js';
import { normaliseOrigin } from '../realtime/origin-check.js';
import { createCsrfGuard, principalOf, refuse, requireAction, resolvePrincipal } from './access-middleware.js';
import { createAdminRoutes, type AdminRoutesDeps } from './admin-routes.js';
import { createReportRoutes, REPORT_ACTION, type ReportRoutesDeps } from './report-routes.js';
import { can } from '../auth/principal.js';
import { createQueueSettingsRoutes, type QueueSettingsRoutesDeps } from './queue-settings-routes.js';
import { createLoginRoute, createSessionRoutes } from './session-routes.js';
import type { Metrics } from './metrics.js';
import type { SourceTracker } from '../source-monitor.js';
import type { ConsumerStatus } from '../redis/stream-consumer.js';
import type { SnapshotSource } from '../realtime/create-realtime.js';
import { withTimeout } from '../with-timeout.js';

export interface AppDeps {
  /** The snapshot /api/v1/snapshot serves. */
  source: SnapshotSource;
  /** Whose status /healthz and /readyz report. */
  consumer: { status: ConsumerStatus };
  /** The PBX adapters feeding the stream, with their counts. */
  sources: Pick<SourceTracker, 'details'>;
  /** Resolves when Redis answers a PING; rejects otherwise. */
  pingRedis: () => Promise<void>;
  /** Where the built wallboard is. */
  staticDir: string;
  /** When the server started, on `now`'s clock: /healthz reports the uptime. */
  startedAt: number;
  /** The server's clock: the snapshot's time and the uptime. */
  now: () => number;
  /** POST /api/v1/events, the HTTP ingest (ingest-route.ts); absent, the path is not served. */
  ingest?: Router;
  /** Who may do what (auth/access.ts). */
  access: Access;
  /** Browser origins allowed besides the server's own, for state-changing requests. */
  allowedOrigins: readonly string[];
  /** Express's `trust proxy`. @default false */
  trustProxy?: boolean | number | string;
  /** Whether the server speaks TLS itself: HSTS is sent. @default false */
  tls?: boolean;
  /** The connected screens, from the Socket.IO side. */
  screens: Omit<AdminRoutesDeps, 'access'>;
  /** GET /metrics (Prometheus); absent, not served. */
  metrics?: Metrics;
  /** GET/PUT /api/v1/queue-settings (queue-settings-routes.ts); absent, not served. */
  queueSettings?: Omit<QueueSettingsRoutesDeps, 'access'>;
  /** The alerts' admin routes (alert-routes.ts); absent, not served. */
  alerts?: Router;
  /** The alarms' routes (alarm-routes.ts); absent, not served. */
  alarms?: Router;
  /** GET /api/v1/report.pdf (report-routes.ts); absent, not served. */
  report?: Omit<ReportRoutesDeps, 'access' | 'tls'>;
  /** GET /api/v1/history and its CSV (history-routes.ts); absent, not served. */
  history?: Router;
}

type Page = 'tv' | 'lead' | 'admin' | 'report';

/** Where a page request goes: the page, or a redirect (to sign in, or a display to its own screen). */
function pageRoute(auth: Authentication | undefined, page: Page, originalUrl: string): { serve: true } | { redirect: string } {
  const toLogin = { redirect: `/login?next=${encodeURIComponent(originalUrl)}` };
  if (!auth?.ok) return toLogin;
  const { principal } = auth;
  switch (principal.kind) {
    case 'display':
      return page === 'tv' ? { serve: true } : { redirect: '/tv' };
    case 'user':
      return principal.mustChangePassword ? toLogin : { serve: true };
    case 'token':
      // A token is for scripts, not a browser page; but the PDF printer opens /report with its requester's token.
      return page === 'report' && can(principal, REPORT_ACTION) ? { serve: true } : toLogin;
    default: {
      const never: never = principal;
      return never;
    }
  }
}

export function createApp(deps: AppDeps): Express {
  const { access } = deps;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy ?? false);
  app.use(securityHeaders(deps.tls ?? false));

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', uptimeMs: deps.now() - deps.startedAt, role: deps.consumer.status.role });
  });

  app.get('/readyz', async (_req, res) => {
    const problems: string[] = [];
    try {
      await withTimeout(deps.pingRedis(), 1000);
    } catch (error) {
      problems.push(`redis unreachable: ${(error as Error).message}`);
    }
    const { role, caughtUp, lastError } = deps.consumer.status;
    // The lease holder and the processes following the streams serve the same live numbers.
    if (role !== 'active' && role !== 'following') problems.push(`consumer is ${role}`);
    else if (!caughtUp) problems.push('consumer is catching up on a backlog');
    if (lastError) problems.push(`last consumer error: ${lastError}`);
    res.status(problems.length === 0 ? 200 : 503).json({ ready: problems.length === 0, role, caughtUp, problems });
  });

  // The ingest authenticates each request by its Bearer token; it needs no session.
  if (deps.ingest) app.use('/api/v1/events', deps.ingest);

  const index = join(deps.staticDir, 'index.html');
  const sendIndex = (res: express.Response) => {
    if (existsSync(index)) res.sendFile(index, { maxAge: 0 });
    else res.status(503).type('text').send('The wallboard is not built yet: run "npm run build" (npm start does it for you).');
  };
  // The bundle is code, not data: served to anyone, before any session is looked up.
  app.use(express.static(deps.staticDir, { index: false, maxAge: '1h' }));

  app.use(access.session);
  app.use(resolvePrincipal(access));
  const allowedOrigins = new Set(deps.allowedOrigins.map((o) => normaliseOrigin(o)).filter((o): o is string => o !== null));
  const csrf = createCsrfGuard(access, allowedOrigins);
  const sessionDeps = { access, csrf, allowedOrigins, now: deps.now };
  app.use(createLoginRoute(sessionDeps));
  app.use(csrf.protect);
  app.use(createSessionRoutes(sessionDeps));
  app.use(createAdminRoutes({ access, ...deps.screens }));
  if (deps.queueSettings) app.use(createQueueSettingsRoutes({ access, ...deps.queueSettings }));
  if (deps.alerts) app.use(deps.alerts);
  if (deps.alarms) app.use(deps.alarms);
  if (deps.report) app.use(createReportRoutes({ access, tls: deps.tls ?? false, ...deps.report }));
  if (deps.history) app.use(deps.history);

  const readBoard = requireAction(access, 'read-board');
  // Displays are let through to the handler, which serves them their own view only.
  const readBoardOrDisplay: express.RequestHandler = (req, res, next) => (principalOf(res)?.kind === 'display' ? next() : readBoard(req, res, next));

  app.get('/api/v1/snapshot', readBoardOrDisplay, (req, res) => {
    const parsed = parseViewQuery(req.query);
    if (!parsed.ok) {
      res.status(400).json({ error: parsed.reason });
      return;
    }
    const principal = principalOf(res);
    if (principal?.kind !== 'display') {
      res.set('Cache-Control', 'no-store').json(deps.source.snapshot(deps.now(), parsed.view));
      return;
    }
    // A display reads its own view only (any page of its playlist): asking for another is refused, not silently narrowed.
    const allowed = socketViewsOf(principal.view);
    const own = Object.keys(req.query).length > 0 ? allowed.find((v) => viewKey(v) === viewKey(parsed.view)) : allowed[0];
    if (!own) {
      refuse(access, req, res, 403, 'forbidden', 'a display reads its own view only', `display:${principal.name}`);
      return;
    }
    res.set('Cache-Control', 'no-store').json(projectForDisplay(deps.source.snapshot(deps.now(), own), { agentNames: principal.view.agentNames ?? true }));
  });

  if (deps.metrics) {
    const { registry } = deps.metrics;
    const guard: express.RequestHandler = access.config.metricsOpen ? (_req, _res, next) => next() : readBoard;
    app.get('/metrics', guard, async (_req, res) => {
      res.type(registry.contentType).send(await registry.metrics());
    });
  }

  // Each PBX adapter's state and counts (lines skipped by reason), for the operator.
  app.get('/api/v1/sources', readBoard, (_req, res) => {
    res.json({ serverTs: deps.now(), sources: deps.sources.details() });
  });

  app.get('/login', (_req, res) => sendIndex(res));
  const page = (name: Page) => (req: express.Request, res: express.Response) => {
    const route = pageRoute(res.locals['auth'] as Authentication | undefined, name, req.originalUrl);
    if ('redirect' in route) res.redirect(302, route.redirect);
    else sendIndex(res);
  };
  app.get(['/', '/tv'], page('tv'));
  app.get('/lead', page('lead'));
  app.get('/admin', page('admin'));
  app.get('/report', page('report'));
  return app;
}

/**
 * Security headers on every response. Scripts only from this origin (the built bundle); styles
 * also inline, because the wallboard's Lit templates bind `style` attributes (colours, bar widths)
 * and index.html carries its theme in a <style> block: a style cannot run code. No framing (a TV
 * page is never embedded), no referrer. HSTS only when the server serves TLS itself (behind a TLS
 * proxy, the proxy sets it): over plain HTTP it would lock browsers out.
 */
function securityHeaders(tls: boolean) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        // 'self' covers the same host's ws:/wss: in CSP 3 browsers (Socket.IO's WebSocket).
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    strictTransportSecurity: tls ? { maxAge: 180 * 86_400, includeSubDomains: false } : false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
