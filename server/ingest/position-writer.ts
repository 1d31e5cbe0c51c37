// Appends an adapter's events and moves its read position in one transaction: WATCH the
// position, check it is where this adapter left it, then MULTI … EXEC the XADDs, the new
// position and the source's status record. A kill -9 at any instant leaves either all of a
// batch or none of it, so a restart from the stored position appends every event exactly once.
import type { Redis } from 'ioredis';
import { decode, encode, encodeArgs, type EventInput, type QueueEvent } from '../core/events.js';
import { keys } from '../redis/keys.js';
import type { SourceReporter } from './source-status.js';

export class PositionConflictError extends Error {
  override name = 'PositionConflictError';
}

export interface PositionWriterOptions {
  /** A connection of the writer's own: WATCH belongs to a connection, and nothing else may run a transaction on it. */
  redis: Redis;
  /** The stream the events go to. @default "wallboard:events" */
  stream: string;
  /** The adapter's counts and link state, written with every commit and heartbeat. */
  reporter: SourceReporter;
}

export interface Commit {
  events: readonly EventInput[];
  /** The position the batch starts at: what readPosition() returned, or the previous commit's `to`. */
  from: string | null;
  /** The position after the batch. Positions must never repeat (carry a generation that grows on rotation or truncation), or a retried commit cannot tell it had landed. */
  to: string;
}

export interface PositionWriter {
  /** The stored position, or null before the first commit. */
  readPosition(): Promise<string | null>;
  /**
   * Appends the events and moves the position from `from` to `to`. "already" when the position is
   * already `to` (the commit landed but its reply was lost: retrying is safe). Throws
   * PositionConflictError when the position is neither: another adapter is writing for this source.
   */
  commit(batch: Commit): Promise<'written' | 'already'>;
  /** Writes the status record alone (the heartbeat, a link change). */
  publishStatus(): Promise<void>;
}

/**
 * Runs each event through the contract's schema before it is appended, as the server will read
 * it: the caller's number comes out masked, and an event the server would dead-letter is
 * skipped here with its reason instead (an adapter bug, counted on the board, not a silent loss).
 */
export function checked(events: readonly EventInput[]): { valid: QueueEvent[]; invalid: string[] } {
  const valid: QueueEvent[] = [];
  const invalid: string[] = [];
  for (const event of events) {
    const result = decode(encode(event));
    if (result.ok) valid.push(result.event);
    else invalid.push(`invalid ${event.type}: ${result.reason}`);
  }
  return { valid, invalid };
}

export function createPositionWriter(options: PositionWriterOptions): PositionWriter {
  const { redis, stream, reporter } = options;
  const positionKey = keys.ingestPosition(stream, reporter.source, reporter.adapter);
  const sourcesKey = keys.ingestSources(stream);
  // One operation at a time on the connection, so a heartbeat never lands inside a WATCH.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(op: () => Promise<T>): Promise<T> => {
    const run = queue.then(op, op);
    queue = run.catch(() => undefined);
    return run;
  };

  const commit = async ({ events, from, to }: Commit): Promise<'written' | 'already'> => {
    await redis.watch(positionKey);
    let stored: string | null;
    try {
      stored = await redis.get(positionKey);
    } catch (error) {
      await redis.unwatch().catch(() => undefined);
      throw error;
    }
    if (stored !== from) {
      await redis.unwatch();
      if (stored === to) return 'already';
      throw new PositionConflictError(
        `the stored position of ${reporter.field} moved (expected ${from ?? 'none'}, found ${stored ?? 'none'}): is another adapter running for this source?`,
      );
    }
    const { valid, invalid } = checked(events);
    const multi = redis.multi();
    for (const event of valid) multi.xadd(stream, '*', ...encodeArgs(event));
    multi.set(positionKey, to);
    multi.hset(sourcesKey, reporter.field, JSON.stringify(reporter.preview(valid)));
    const results = await multi.exec();
    if (results === null)
      throw new PositionConflictError(`the stored position of ${reporter.field} changed during the commit: is another adapter running for this source?`);
    const failed = results.find(([error]) => error)?.[0];
    if (failed) throw failed;
    reporter.appended(valid);
    for (const reason of invalid) reporter.skip(reason);
    return 'written';
  };

  return {
    readPosition: () => serial(() => redis.get(positionKey)),
    commit: (batch) => serial(() => commit(batch)),
    publishStatus: () =>
      serial(async () => {
        await redis.hset(sourcesKey, reporter.field, JSON.stringify(reporter.current));
      }),
  };
}
