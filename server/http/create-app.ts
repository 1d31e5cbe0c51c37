// The REST read API, health endpoints and the built wallboard, on one origin.
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseViewQuery } from '../contract/view.js';
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
}

export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(securityHeaders());

  app.get('/api/v1/snapshot', (req, res) => {
    const parsed = parseViewQuery(req.query);
    if (!parsed.ok) {
      res.status(400).json({ error: parsed.reason });
      return;
    }
    res.set('Cache-Control', 'no-store').json(deps.source.snapshot(deps.now(), parsed.view));
  });

  if (deps.ingest) app.use('/api/v1/events', deps.ingest);

  // Each PBX adapter's state and counts (lines skipped by reason), for the operator.
  app.get('/api/v1/sources', (_req, res) => {
    res.json({ serverTs: deps.now(), sources: deps.sources.details() });
  });

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
    if (role !== 'active') problems.push(`consumer is ${role}`);
    else if (!caughtUp) problems.push('consumer is catching up on a backlog');
    if (lastError) problems.push(`last consumer error: ${lastError}`);
    res.status(problems.length === 0 ? 200 : 503).json({ ready: problems.length === 0, role, caughtUp, problems });
  });

  const index = join(deps.staticDir, 'index.html');
  app.use(express.static(deps.staticDir, { index: false, maxAge: '1h' }));
  app.get(['/', '/tv', '/lead'], (_req, res) => {
    if (existsSync(index)) res.sendFile(index, { maxAge: 0 });
    else res.status(503).type('text').send('The wallboard is not built yet: run "npm run build" (npm start does it for you).');
  });
  return app;
}

/**
 * Security headers on every response. Scripts only from this origin (the built bundle); styles
 * also inline, because the wallboard's Lit templates bind `style` attributes (colours, bar widths)
 * and index.html carries its theme in a <style> block: a style cannot run code. No framing (a TV
 * page is never embedded), no referrer. HSTS is off: the server speaks plain HTTP; a TLS proxy in
 * front of it sets HSTS itself.
 */
function securityHeaders() {
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
    strictTransportSecurity: false,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
  });
}
