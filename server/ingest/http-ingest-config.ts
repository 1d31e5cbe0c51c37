// The settings of the HTTP ingest API (POST /api/v1/events): the config file's `ingest.http`
// section, its defaults, and the shared secret that turns it on. config.ts reads them; the
// token is never echoed in an error or a log line.
import { z } from 'zod';
import { parseSourceName } from './source-name.js';

export interface HttpIngestRateConfig {
  /** Requests a second, per credential and per client address (refused requests count too). @default 100 */
  requestsPerSecond: number;
  /** Events a second, per credential and per client address; at least maxEvents, or a full batch could never pass. @default 5000 */
  eventsPerSecond: number;
}

export interface HttpIngestConfig {
  /** Whether POST /api/v1/events is served; callers send an API token with the ingest role, or the shared secret. @default false, true when a shared secret is set */
  enabled: boolean;
  /** A shared secret callers may send as `Authorization: Bearer <token>` besides API tokens. @default null (env WALLBOARD_INGEST_TOKEN, else the file's ingest.http.token) */
  token: string | null;
  /** The source name the HTTP ingest reports its counts under on the board. @default "http" */
  source: string;
  /** Events one request may carry; more is refused with 413. @default 1000 */
  maxEvents: number;
  /** Bytes one request body may have; more is refused with 413. @default 1048576 (1 MB) */
  maxBytes: number;
  /** How long a request's Idempotency-Key and its reply are kept; a retry within it gets the same reply and appends nothing. @default 86400000 (24 h) */
  idempotencyTtlMs: number;
  rate: HttpIngestRateConfig;
}

export const HTTP_INGEST_DEFAULTS: Omit<HttpIngestConfig, 'token' | 'enabled'> = {
  source: 'http',
  maxEvents: 1000,
  maxBytes: 1024 * 1024,
  idempotencyTtlMs: 24 * 3600_000,
  rate: { requestsPerSecond: 100, eventsPerSecond: 5000 },
};

/** The shortest token taken: a guessable secret would open the stream to anyone on the network. */
export const MIN_TOKEN_LENGTH = 16;
const TOKEN = /^[\x21-\x7e]+$/;

/** Why a token is not taken, or null when it is; the reason never contains the token. */
export function ingestTokenProblem(token: string): string | null {
  if (token.length < MIN_TOKEN_LENGTH) return `at least ${MIN_TOKEN_LENGTH} characters (make one with: openssl rand -hex 32)`;
  if (token.length > 256) return 'at most 256 characters';
  if (!TOKEN.test(token)) return 'printable ASCII without spaces (it travels in an HTTP header)';
  return null;
}

const sourceName = z.string().refine((s) => {
  try {
    parseSourceName(s);
    return true;
  } catch {
    return false;
  }
}, 'use 1–32 letters, digits, ".", "_" or "-", starting with a letter or digit');

/** What a config file may set under `ingest.http`; every field optional, unknown fields rejected. */
export const httpIngestFileSchema = z
  .strictObject({
    enabled: z.boolean().optional(),
    token: z
      .string()
      .refine((t) => ingestTokenProblem(t) === null, { error: (issue) => ingestTokenProblem(String(issue.input)) ?? 'invalid token' })
      .optional(),
    source: sourceName.optional(),
    maxEvents: z.number().int().min(1).max(100_000).optional(),
    maxBytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .optional(),
    idempotencyTtlMs: z.number().int().min(60_000, 'at least a minute, or a client retrying after a timeout appends twice').optional(),
    rate: z
      .strictObject({
        requestsPerSecond: z.number().int().min(1).optional(),
        eventsPerSecond: z.number().int().min(1).optional(),
      })
      .optional(),
  })
  .superRefine((http, ctx) => {
    const maxEvents = http.maxEvents ?? HTTP_INGEST_DEFAULTS.maxEvents;
    const eventsPerSecond = http.rate?.eventsPerSecond ?? HTTP_INGEST_DEFAULTS.rate.eventsPerSecond;
    if (eventsPerSecond < maxEvents)
      ctx.addIssue({
        code: 'custom',
        path: http.rate?.eventsPerSecond === undefined ? ['maxEvents'] : ['rate', 'eventsPerSecond'],
        message: `rate.eventsPerSecond (${eventsPerSecond}) must be at least maxEvents (${maxEvents}), or a full batch could never pass`,
      });
  });
export type HttpIngestFile = z.output<typeof httpIngestFileSchema>;

/** The settings from the file's section (already validated) and the environment's token, which wins over the file's. */
export function httpIngestConfig(file: HttpIngestFile | undefined, envToken: string | undefined): HttpIngestConfig {
  const d = HTTP_INGEST_DEFAULTS;
  const token = envToken ?? file?.token ?? null;
  return {
    enabled: file?.enabled ?? token !== null,
    token,
    source: file?.source ?? d.source,
    maxEvents: file?.maxEvents ?? d.maxEvents,
    maxBytes: file?.maxBytes ?? d.maxBytes,
    idempotencyTtlMs: file?.idempotencyTtlMs ?? d.idempotencyTtlMs,
    rate: {
      requestsPerSecond: file?.rate?.requestsPerSecond ?? d.rate.requestsPerSecond,
      eventsPerSecond: file?.rate?.eventsPerSecond ?? d.rate.eventsPerSecond,
    },
  };
}
