// The HTTP ingest as a producer, apart from HTTP: who may post (credentials), how much (rate
// limits), the idempotent append of a validated batch, and the source record that shows it on the
// board beside the PBX adapters (adapter "http"), written after each append and on a heartbeat.
import type { RedisConnection } from '../redis/connection.js';
import type { QueueEvent } from '../core/events.js';
import type { Logger } from '../log.js';
import { keys } from '../redis/keys.js';
import { createHttpAppender } from './http-append.js';
import { fillReply, replyTemplate, type BatchReply, type EventVerdict } from './http-batch.js';
import type { IngestAuthenticator } from './http-credentials.js';
import type { HttpIngestConfig } from './http-ingest-config.js';
import { createIngestRateLimiter, type IngestRateLimiter } from './http-rate-limit.js';
import { SourceReporter } from './source-status.js';

export interface HttpIngestDeps {
  /** The server's command connection. */
  redis: RedisConnection;
  /** The stream the events go to: the server's first configured stream. */
  stream: string;
  config: HttpIngestConfig;
  log: Logger;
  /** The server's clock (ms). */
  now: () => number;
  /** Host name and process id, shown to the operator in the source record. */
  host: string;
  pid: number;
  /** How often the source record is rewritten while no request comes. @default 5000 */
  heartbeatMs?: number;
  /** Who may post: API tokens with the ingest role, and the shared secret if one is set (auth/ingest-authenticator.ts). */
  authenticator: IngestAuthenticator;
}

export interface AcceptRequest {
  /** The credential the request came with (scopes its Idempotency-Key). */
  principal: string;
  verdicts: readonly EventVerdict[];
  /** The Idempotency-Key header and a digest of the raw body, or null without the header. */
  idempotency: { key: string; bodyHash: string } | null;
}

export type AcceptOutcome = { kind: 'reply'; reply: BatchReply; replayed: boolean } | { kind: 'conflict' };

export interface HttpIngest {
  readonly config: HttpIngestConfig;
  readonly authenticator: IngestAuthenticator;
  readonly rateLimiter: IngestRateLimiter;
  readonly reporter: SourceReporter;
  /** Appends a validated batch (at most once per Idempotency-Key) and counts it. */
  accept(request: AcceptRequest): Promise<AcceptOutcome>;
  /** Counts a request refused as a whole ("401 unauthorized"); shown on the board with the next record. */
  refused(category: string): void;
  /** Stops the heartbeat and marks the source down. */
  stop(): Promise<void>;
}

export function createHttpIngest(deps: HttpIngestDeps): HttpIngest {
  const { redis, stream, config, log, now } = deps;
  const reporter = new SourceReporter({ source: config.source, adapter: 'http', now, host: deps.host, pid: deps.pid });
  const appender = createHttpAppender({ redis, stream, idempotencyTtlMs: config.idempotencyTtlMs });
  const sourcesKey = keys.ingestSources(stream);
  reporter.link('up');

  // Not awaited by the request: commands on one connection run in order, so the latest record lands last.
  const publish = (): Promise<void> =>
    redis.hset(sourcesKey, reporter.field, JSON.stringify(reporter.current)).then(
      () => undefined,
      (error: unknown) => log.warn('could not write the http source record', { stream, error }),
    );
  void publish();
  const heartbeat = setInterval(() => void publish(), deps.heartbeatMs ?? 5000);
  heartbeat.unref();

  const counted = (verdicts: readonly EventVerdict[], events: readonly QueueEvent[]) => {
    reporter.appended(events);
    for (const v of verdicts) if (!v.ok) reporter.skip(v.category);
    void publish();
  };

  return {
    config,
    authenticator: deps.authenticator,
    rateLimiter: createIngestRateLimiter({ redis, stream, rate: config.rate }),
    reporter,
    accept: async ({ principal, verdicts, idempotency }) => {
      const events = verdicts.flatMap((v) => (v.ok ? [v.event] : []));
      const template = replyTemplate(verdicts);
      if (events.length === 0 && idempotency === null) {
        counted(verdicts, events);
        return { kind: 'reply', reply: fillReply(template, []), replayed: false };
      }
      const outcome = await appender.append({ events, template, idempotency: idempotency && { principal, ...idempotency } });
      switch (outcome.kind) {
        case 'conflict':
          return { kind: 'conflict' };
        case 'replayed':
          return { kind: 'reply', reply: fillReply(outcome.template, outcome.ids), replayed: true };
        case 'appended':
          counted(verdicts, events);
          return { kind: 'reply', reply: fillReply(template, outcome.ids), replayed: false };
        default: {
          const never: never = outcome;
          throw new Error(`unexpected append outcome ${JSON.stringify(never)}`);
        }
      }
    },
    refused: (category) => reporter.skip(`request refused: ${category}`),
    stop: async () => {
      clearInterval(heartbeat);
      reporter.link('down', 'stopped');
      await publish();
    },
  };
}
