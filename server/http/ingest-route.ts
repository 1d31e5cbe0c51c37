// POST /api/v1/events: the HTTP ingest's HTTP side. In order, so that the cheap refusals come
// before the costly work: the address's request budget, the credential, the credential's request
// budget, the Idempotency-Key header, the body (size-capped JSON), the batch's shape, the event
// budgets, then the idempotent append and the per-event reply.
import type { IncomingMessage } from 'node:http';
import express, { type Request, type Response, type Router } from 'express';
import { sha256 } from '../ingest/http-append.js';
import { parseBatch } from '../ingest/http-batch.js';
import type { HttpIngest } from '../ingest/http-ingest.js';
import type { RateVerdict } from '../ingest/http-rate-limit.js';
import type { Logger } from '../log.js';

export interface IngestRouteDeps {
  /** The running HTTP ingest, or null when it is off: the endpoint then answers 404 saying how to turn it on. */
  ingest: HttpIngest | null;
  log: Logger;
}

/** Why 404 and not 503: the endpoint is off by configuration, not down for a while, and a client must not keep retrying. */
export const INGEST_OFF_MESSAGE =
  'the HTTP ingest is off: set ingest.http.enabled in the config file and create an API token with the ingest role at /admin, or set WALLBOARD_INGEST_TOKEN to a shared secret of at least 16 characters; then restart the server';

/** Printable ASCII, 1–128 characters (the IETF Idempotency-Key draft leaves the format to the server). */
const IDEMPOTENCY_KEY = /^[\x20-\x7e]{1,128}$/;

/** Thrown by a step that answers the request itself; the handler sends it and counts it. */
class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly category: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function overBudget(verdict: RateVerdict): void {
  if (verdict.ok) return;
  const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
  throw new Refusal(429, `too many ${verdict.kind} a second: retry after ${seconds} s`, `429 too many ${verdict.kind}`, { 'Retry-After': String(seconds) });
}

/** body-parser's errors carry a `type`; the ones a client caused become a clear 4xx. */
function bodyRefusal(error: unknown, maxBytes: number): Refusal | null {
  const type = typeof error === 'object' && error !== null && 'type' in error ? error.type : undefined;
  switch (type) {
    case 'entity.too.large':
      return new Refusal(413, `the body is larger than ${maxBytes} bytes: split the batch`, '413 body too large');
    case 'entity.parse.failed':
      return new Refusal(400, 'the body is not valid JSON (send a JSON array of events)', '400 not JSON');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new Refusal(415, 'send the body as UTF-8 JSON, without a content encoding', '415 encoding');
    case 'request.aborted':
    case 'request.size.invalid':
      return new Refusal(400, 'the body ended before its announced length', '400 body cut short');
    default:
      return null;
  }
}

export function createIngestRoute({ ingest, log }: IngestRouteDeps): Router {
  const router = express.Router();
  if (ingest === null) {
    router.all('/', (_req, res) => {
      res.status(404).json({ error: INGEST_OFF_MESSAGE });
    });
    return router;
  }
  const { config, authenticator, rateLimiter } = ingest;
  const bodyHashes = new WeakMap<IncomingMessage, string>();
  const parseJson = express.json({
    limit: config.maxBytes,
    type: 'application/json',
    // The raw bytes' digest tells a retry from a different request under the same Idempotency-Key.
    verify: (req, _res, buf) => {
      if (req.headers['idempotency-key'] !== undefined) bodyHashes.set(req, sha256(buf));
    },
  });
  const readBody = (req: Request, res: Response) =>
    new Promise<unknown>((resolve, reject) => {
      // body-parser hands its errors (http-errors, with a `type`) to next().
      void parseJson(req, res, (error?: Error) => (error === undefined ? resolve(req.body) : reject(error)));
    });

  const handle = async (req: Request, res: Response): Promise<void> => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    overBudget(await rateLimiter.consume('requests', [{ address }], 1));
    const credential = await authenticator.authenticate(req.get('authorization'));
    if (!credential.ok) {
      if (credential.reason === 'forbidden') throw new Refusal(403, 'this token may not post events (it lacks the ingest role)', '403 forbidden');
      const challenge = credential.reason === 'invalid' ? 'Bearer realm="wallboard", error="invalid_token"' : 'Bearer realm="wallboard"';
      throw new Refusal(401, 'send the ingest token as "Authorization: Bearer <token>"', `401 ${credential.reason} token`, { 'WWW-Authenticate': challenge });
    }
    const { principal } = credential;
    overBudget(await rateLimiter.consume('requests', [{ principal }], 1));
    const key = req.get('idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) throw new Refusal(400, 'Idempotency-Key: 1–128 printable ASCII characters', '400 bad Idempotency-Key');
    if (!req.is('application/json')) throw new Refusal(415, 'send the events with "Content-Type: application/json"', '415 not JSON');
    const body = await readBody(req, res);
    const batch = parseBatch(body, config.maxEvents);
    if (!batch.ok) throw new Refusal(batch.status, batch.error, `${batch.status} ${batch.category}`);
    overBudget(await rateLimiter.consume('events', [{ address }, { principal }], batch.verdicts.length));
    const bodyHash = bodyHashes.get(req);
    const outcome = await ingest.accept({
      principal,
      verdicts: batch.verdicts,
      idempotency: key === undefined || bodyHash === undefined ? null : { key, bodyHash },
    });
    if (outcome.kind === 'conflict') throw new Refusal(422, 'Idempotency-Key reused with a different body', '422 Idempotency-Key reused');
    if (outcome.replayed) res.set('Idempotent-Replayed', 'true');
    res.status(outcome.reply.status).json(outcome.reply.body);
  };

  router.post('/', async (req, res) => {
    res.set('Cache-Control', 'no-store');
    try {
      await handle(req, res);
    } catch (error) {
      const refusal = error instanceof Refusal ? error : bodyRefusal(error, config.maxBytes);
      if (refusal) {
        ingest.refused(refusal.category);
        res.status(refusal.status).set(refusal.headers).json({ error: refusal.message });
        return;
      }
      // Redis away or slow: nothing was appended, or all of it was (one script); a retry with the same Idempotency-Key is safe.
      log.warn('http ingest failed', { error, address: req.ip });
      res.status(503).set('Retry-After', '1').json({ error: 'could not append the events (the store is unavailable): retry with the same Idempotency-Key' });
    }
  });
  router.all('/', (_req, res) => {
    res.status(405).set('Allow', 'POST').json({ error: 'POST a JSON array of events' });
  });
  return router;
}
