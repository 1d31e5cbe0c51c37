// Appends an HTTP batch in one round trip, and with an Idempotency-Key at most once: one script
// that, in a single step, either finds the key and returns the reply stored with it, or appends
// the events, stores the reply (without ids) and the ids under the key with a TTL, and returns
// the ids. Two identical requests racing are serialised by Redis: the second one sees the first's
// key. The key lives in the stream's hash slot (keys.ts), so the script is Cluster-safe.
import { createHash, randomUUID } from 'node:crypto';
import type { RedisConnection } from '../redis/connection.js';
import { z } from 'zod';
import { packedEventArgs, type QueueEvent } from '../core/events.js';
import { keys } from '../redis/keys.js';
import type { ReplyTemplate } from './http-batch.js';

// KEYS[1] the stream, KEYS[2] the idempotency key (the client's, or the server's own for a minute).
// ARGV: ttl ms, body hash, status, results template, event count, then per event its argument count and XADD's field/value list.
const APPEND = `
local stored = redis.call('HMGET', KEYS[2], 'hash', 'status', 'results', 'ids')
if stored[1] then
  if stored[1] ~= ARGV[2] then return {'conflict'} end
  return {'replay', stored[2], stored[3], stored[4]}
end
local out = {'new'}
local i = 6
for n = 1, tonumber(ARGV[5]) do
  local count = tonumber(ARGV[i])
  out[n + 1] = redis.call('XADD', KEYS[1], '*', unpack(ARGV, i + 1, i + count))
  i = i + count + 1
end
redis.call('HSET', KEYS[2], 'v', '1', 'hash', ARGV[2], 'status', ARGV[3], 'results', ARGV[4], 'ids', table.concat(out, ',', 2))
redis.call('PEXPIRE', KEYS[2], ARGV[1])
return out
`;

const COMMAND = 'wallboardHttpIngestAppend';
type WithAppend = RedisConnection & Record<typeof COMMAND, (numKeys: number, ...args: (string | number)[]) => Promise<unknown>>;

export type AppendOutcome =
  /** Appended now: the stream ids, in the events' order. */
  | { kind: 'appended'; ids: string[] }
  /** The key had been used with this body: the reply stored then, and its ids. */
  | { kind: 'replayed'; template: ReplyTemplate; ids: string[] }
  /** The key had been used with another body: nothing appended. */
  | { kind: 'conflict' };

export interface AppendRequest {
  events: readonly QueueEvent[];
  /** The reply to store with the key (the ids are filled in when it is read back). */
  template: ReplyTemplate;
  /** The client's Idempotency-Key, the credential it is scoped to, and a digest of the body; null without a key. */
  idempotency: { principal: string; key: string; bodyHash: string } | null;
}

export interface HttpAppender {
  append(request: AppendRequest): Promise<AppendOutcome>;
}

export interface HttpAppenderOptions {
  redis: RedisConnection;
  /** The stream the events go to. */
  stream: string;
  /** How long a key and its reply are kept (ms). */
  idempotencyTtlMs: number;
}

/** A SHA-256 hex digest, for request bodies and keys. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The Redis key of a client's Idempotency-Key: a digest of the credential and the key, so one
 * client cannot replay another's reply, and no client-chosen text (a call id, a phone number) sits
 * in a key name.
 */
export function idempotencyKeyName(stream: string, principal: string, key: string): string {
  return keys.ingestIdempotency(stream, sha256(`${principal}\n${key}`));
}

const replySchema = z.union([
  z.tuple([z.literal('conflict')]),
  z.tuple([z.literal('replay'), z.enum(['200', '422']), z.string(), z.string()]),
  z.tuple([z.literal('new')]).rest(z.string()),
]);

export function createHttpAppender(options: HttpAppenderOptions): HttpAppender {
  const { stream, idempotencyTtlMs } = options;
  const redis = options.redis as WithAppend;
  // ioredis sends EVALSHA and falls back to EVAL once after a NOSCRIPT (a Redis restart or failover).
  if (typeof redis[COMMAND] !== 'function') redis.defineCommand(COMMAND, { lua: APPEND });

  return {
    append: async ({ events, template, idempotency }) => {
      // A request without a key gets one of the server's own for a minute: ioredis sends a command
      // whose reply was lost once more after it reconnects, and the script must not append twice.
      const own = idempotency === null;
      const scoped = idempotency ?? { principal: 'server', key: randomUUID(), bodyHash: '' };
      const head = [own ? Math.min(60_000, idempotencyTtlMs) : idempotencyTtlMs, scoped.bodyHash, template.status, template.results, events.length];
      const key = idempotencyKeyName(stream, scoped.principal, scoped.key);
      const reply = replySchema.parse(await redis[COMMAND](2, stream, key, ...head, ...packedEventArgs(events)));
      switch (reply[0]) {
        case 'conflict':
          return { kind: 'conflict' };
        case 'replay':
          // Our own key found: the first sending landed and this is ioredis's resend of it.
          if (own) return { kind: 'appended', ids: reply[3] === '' ? [] : reply[3].split(',') };
          return {
            kind: 'replayed',
            template: { status: reply[1] === '200' ? 200 : 422, results: reply[2] },
            ids: reply[3] === '' ? [] : reply[3].split(','),
          };
        case 'new':
          return { kind: 'appended', ids: reply.slice(1) };
        default: {
          const never: never = reply[0];
          throw new Error(`unexpected script reply ${String(never)}`);
        }
      }
    },
  };
}
