// The HTTP ingest's budgets: requests and events a second, each per credential and per client
// address, counted in Redis (rate-limiter-flexible's RateLimiterRedis on the server's connection)
// so every server process behind a load balancer draws on the same budget.
import type { RedisConnection } from '../redis/connection.js';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { hashTagOf } from '../redis/keys.js';
import type { HttpIngestRateConfig } from './http-ingest-config.js';

export type RateKind = 'requests' | 'events';

/** What consuming from a budget found: within it, or over it (retry after the window ends). */
export type RateVerdict = { ok: true } | { ok: false; kind: RateKind; retryAfterMs: number };

/** Whose budget a request draws on: the client's address, and its credential once known. */
export type RateSubject = { address: string } | { principal: string };

export interface IngestRateLimiter {
  /** Takes `points` from the budget of `kind` of every subject; over any of them, the verdict says when to retry. */
  consume(kind: RateKind, subjects: readonly RateSubject[], points: number): Promise<RateVerdict>;
}

export interface IngestRateLimiterOptions {
  /** The connection the counters are kept on. */
  redis: RedisConnection;
  /** The stream the ingest writes to: its budgets are its own, beside its other ingest keys. */
  stream: string;
  rate: HttpIngestRateConfig;
}

const subjectKey = (s: RateSubject) => ('address' in s ? `address:${s.address}` : `credential:${s.principal}`);

export function createIngestRateLimiter(options: IngestRateLimiterOptions): IngestRateLimiter {
  const { redis, stream, rate } = options;
  const limiter = (kind: RateKind, points: number) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `wallboard:ingest:{${hashTagOf(stream)}}:rate:${kind}`,
      points,
      duration: 1,
    });
  const limiters: Record<RateKind, RateLimiterRedis> = {
    requests: limiter('requests', rate.requestsPerSecond),
    events: limiter('events', rate.eventsPerSecond),
  };

  return {
    consume: async (kind, subjects, points) => {
      // The library rejects with a RateLimiterRes when over budget and with an Error when Redis fails (rethrown).
      const outcomes = await Promise.all(
        subjects.map((s) =>
          limiters[kind].consume(subjectKey(s), points).then(
            () => null,
            (error: unknown) => {
              if (error instanceof RateLimiterRes) return error.msBeforeNext;
              throw error;
            },
          ),
        ),
      );
      const waits = outcomes.filter((ms): ms is number => ms !== null);
      return waits.length === 0 ? { ok: true } : { ok: false, kind, retryAfterMs: Math.max(...waits) };
    },
  };
}
