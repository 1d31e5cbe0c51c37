// The streams client over ioredis: the one module that knows the shape of raw stream replies.
// Every cast of an ioredis reply is here, next to the Redis command it belongs to, and every
// reply leaves normalised (entries with their fields as a record, IDs, nulls for "none").
import type { RedisConnection } from './connection.js';
import type { RawEntry } from '../aggregator.js';
import { fieldsFromArray } from '../core/events.js';
import { PACKED_RANGE, PACKED_READ_GROUP, unpackGroupRead, unpackRange } from './packed-entries.js';
import type { BlockingStreamsClient, GroupBatch, StreamsClient } from './streams-client.js';

/** XREADGROUP's reply: null when BLOCK ran out; an entry deleted before it was read has null fields. */
type ReadGroupReply = [stream: string, entries: [id: string, fields: string[] | null][]][] | null;
/** XAUTOCLAIM … JUSTID's reply: the next start ("0-0" when done), the IDs, and (Redis 7) the IDs of deleted entries. */
type AutoClaimReply = [next: string, ids: string[], deleted?: string[]];

function isBusyGroup(error: unknown): boolean {
  return error instanceof Error && error.message.includes('BUSYGROUP');
}

function isNoSuchKey(error: unknown): boolean {
  return error instanceof Error && error.message.includes('no such key');
}

export function createIoredisStreamsClient(redis: RedisConnection): StreamsClient {
  return {
    async createGroup(stream, group) {
      try {
        await redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
        return true;
      } catch (error) {
        if (isBusyGroup(error)) return false;
        throw error;
      }
    },

    async lastDeliveredId(stream, group) {
      let groups: unknown[][];
      try {
        groups = (await redis.xinfo('GROUPS', stream)) as unknown[][];
      } catch (error) {
        if (isNoSuchKey(error)) return null;
        throw error;
      }
      for (const g of groups) {
        const info = fieldsFromArray(g.map(String));
        if (info['name'] === group) return info['last-delivered-id'] ?? '0-0';
      }
      return null;
    },

    async range(stream, after, until, count) {
      // Packed (packed-entries.ts): recovery replays by range, as many entries as a catch-up.
      return unpackRange(stream, (await redis.callBuffer('EVAL', PACKED_RANGE, 1, stream, after ? `(${after}` : '-', until, count)) as Buffer);
    },

    async firstEntryId(stream) {
      return (await redis.xrange(stream, '-', '+', 'COUNT', 1))[0]?.[0] ?? null;
    },

    async claimPending(stream, group, consumer, from, count) {
      const [next, ids] = (await redis.xautoclaim(stream, group, consumer, 0, from, 'COUNT', count, 'JUSTID')) as AutoClaimReply;
      return { ids, next: next === '0-0' ? null : next };
    },

    async ack(stream, group, ids) {
      if (ids.length > 0) await redis.xack(stream, group, ...ids);
    },

    async setGroupId(stream, group, id) {
      await redis.xgroup('SETID', stream, group, id);
    },

    trimMinId(stream, minId) {
      return redis.xtrim(stream, 'MINID', '~', minId);
    },
  };
}

export function createIoredisBlockingClient(redis: RedisConnection): BlockingStreamsClient {
  return {
    async read(streams, count, blockMs) {
      const reply = (await redis.xread(
        'COUNT',
        count,
        'BLOCK',
        blockMs,
        'STREAMS',
        ...streams.map((s) => s.stream),
        ...streams.map((s) => s.after ?? '0-0'),
      )) as ReadGroupReply;
      return (reply ?? []).map(([stream, delivered]) => ({
        stream,
        entries: delivered.flatMap(([id, fields]) => (fields ? [{ stream, id, fields: fieldsFromArray(fields) }] : [])),
      }));
    },
    async readGroup(group, consumer, streams, count, blockMs, noAck = false) {
      // Reads without acknowledgement come while behind: entries are there, no wait is needed, and packed they cost far less to take in.
      if (noAck) return unpackGroupRead((await redis.callBuffer('EVAL', PACKED_READ_GROUP, streams.length, ...streams, group, consumer, count)) as Buffer | null);
      const args = ['GROUP', group, consumer, 'COUNT', count, 'BLOCK', blockMs, 'STREAMS', ...streams, ...streams.map(() => '>')];
      const reply = (await redis.call('XREADGROUP', ...args)) as ReadGroupReply;
      const batches: GroupBatch[] = [];
      for (const [stream, delivered] of reply ?? []) {
        const entries: RawEntry[] = [];
        for (const [id, fields] of delivered) if (fields) entries.push({ stream, id, fields: fieldsFromArray(fields) });
        batches.push({ stream, entries, ids: delivered.map(([id]) => id) });
      }
      return batches;
    },
    disconnect: () => redis.disconnect(),
  };
}
