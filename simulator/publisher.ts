// Writes stream entries with pipelined XADD: one round trip per batch, so a backfill goes as
// fast as Redis takes it. Events go through the shared schema's encodeArgs(); only the
// messy feed's deliberately malformed entries are written field for field.
import type { Redis } from 'ioredis';
import { DEFAULT_STREAM_KEY } from '../server/contract/constants.js';
import { encodeArgs, type EventInput } from '../server/core/events.js';

/**
 * One entry as it goes onto the stream. `appendAt` (epoch ms) asks for an entry ID at that time
 * instead of Redis's clock: a backfill of earlier days written as if the board had been reading
 * the feed then (the server drops an event appended days after it happened, as a stale producer's).
 */
export type OutgoingEntry = ({ kind: 'event'; event: EventInput } | { kind: 'raw'; fields: Record<string, string> }) & { appendAt?: number };

/** Where entries go: a Redis stream, or (for --dry-run) standard output. */
export interface EntrySink {
  /** Appends the entries in order; resolves when all are stored. */
  write(entries: readonly OutgoingEntry[]): Promise<void>;
  /** A short description for log lines. */
  readonly target: string;
}

export interface PublisherOptions {
  /** @default "wallboard:events" */
  streamKey?: string;
  /** Trim the stream to about this many entries (XADD MAXLEN ~); unbounded when absent. */
  maxLen?: number;
}

export { DEFAULT_STREAM_KEY } from '../server/contract/constants.js';

/** The XADD field/value arguments of one entry. */
export function entryArgs(entry: OutgoingEntry): string[] {
  switch (entry.kind) {
    case 'event':
      return encodeArgs(entry.event);
    case 'raw':
      return Object.entries(entry.fields).flat();
    default: {
      const unknown: never = entry;
      throw new Error(`unknown entry ${JSON.stringify(unknown)}`);
    }
  }
}

export function createRedisPublisher(redis: Redis, options: PublisherOptions = {}): EntrySink {
  const streamKey = options.streamKey ?? DEFAULT_STREAM_KEY;
  // IDs asked for must grow: entries due in the same millisecond (or out of order) take the next sequence number.
  let last = { ms: -1, seq: 0 };
  const entryId = (appendAt: number | undefined): string => {
    if (appendAt === undefined) return '*';
    const ms = Math.max(Math.floor(appendAt), last.ms);
    last = { ms, seq: ms === last.ms ? last.seq + 1 : 0 };
    return `${ms}-${last.seq}`;
  };
  const trim = options.maxLen === undefined ? [] : ['MAXLEN', '~', String(options.maxLen)];
  return {
    target: streamKey,
    async write(entries) {
      if (entries.length === 0) return;
      const pipeline = redis.pipeline();
      for (const entry of entries) pipeline.xadd(streamKey, ...trim, entryId(entry.appendAt), ...entryArgs(entry));
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error)?.[0];
      if (failed) throw failed;
    },
  };
}

/** Writes each entry as one JSON line of its fields (for --dry-run). */
export function createLineSink(writeLine: (line: string) => void | Promise<void>): EntrySink {
  return {
    target: 'standard output',
    async write(entries) {
      for (const entry of entries) {
        const args = entryArgs(entry);
        const fields: Record<string, string> = {};
        for (let i = 0; i + 1 < args.length; i += 2) fields[args[i]!] = args[i + 1]!;
        await writeLine(JSON.stringify(fields));
      }
    },
  };
}
