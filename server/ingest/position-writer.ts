// Appends an adapter's events and moves its read position in one atomic step: a Lua script
// checks the position is where this adapter left it, then XADDs the batch, sets the new position
// and writes the source's status record. A kill -9 at any instant leaves either all of a batch or
// none of it, so a restart from the stored position appends every event exactly once.
//
// A script rather than WATCH + MULTI/EXEC: ioredis sends a command whose reply was lost once
// more after it reconnects, and a resent MULTI/EXEC goes out without its WATCH (a second append);
// the script checks the position each time it runs, so running it twice appends once.
import type { RedisConnection } from '../redis/connection.js';
import { decode, encode, packedEventArgs, type EventInput, type QueueEvent } from '../core/events.js';
import { keys } from '../redis/keys.js';
import type { SourceReporter } from './source-status.js';

export class PositionConflictError extends Error {
  override name = 'PositionConflictError';
}

export interface PositionWriterOptions {
  /** The Redis connection to write on (the adapter's own: it disconnects it when it stops). */
  redis: RedisConnection;
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
   * Appends the events and moves the position from `from` to `to`, atomically. "already" when the position is
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

/** KEYS: stream, position, sources hash. ARGV: has-from flag, from, to, status field, status JSON, event count, then per event its field count and fields. */
const COMMIT_SCRIPT = `
local stored = redis.call('GET', KEYS[2])
local expected = false
if ARGV[1] == '1' then expected = ARGV[2] end
if stored ~= expected then
  if stored == ARGV[3] then return 'already' end
  return 'moved:' .. (stored or '')
end
local at = 7
for _ = 1, tonumber(ARGV[6]) do
  local n = tonumber(ARGV[at])
  redis.call('XADD', KEYS[1], '*', unpack(ARGV, at + 1, at + n))
  at = at + n + 1
end
redis.call('SET', KEYS[2], ARGV[3])
redis.call('HSET', KEYS[3], ARGV[4], ARGV[5])
return 'written'
`;

export function createPositionWriter(options: PositionWriterOptions): PositionWriter {
  const { redis, stream, reporter } = options;
  const positionKey = keys.ingestPosition(stream, reporter.source, reporter.adapter);
  const sourcesKey = keys.ingestSources(stream);
  // One operation at a time, in order: a heartbeat never overtakes the batch before it.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(op: () => Promise<T>): Promise<T> => {
    const run = queue.then(op, op);
    queue = run.catch(() => undefined);
    return run;
  };

  const commit = async ({ events, from, to }: Commit): Promise<'written' | 'already'> => {
    const { valid, invalid } = checked(events);
    const head = [from === null ? '0' : '1', from ?? '', to, reporter.field, JSON.stringify(reporter.preview(valid)), String(valid.length)];
    const outcome = String(await redis.eval(COMMIT_SCRIPT, 3, stream, positionKey, sourcesKey, ...head, ...packedEventArgs(valid)));
    if (outcome.startsWith('moved:')) {
      const stored = outcome.slice('moved:'.length);
      throw new PositionConflictError(
        `the stored position of ${reporter.field} moved (expected ${from ?? 'none'}, found ${stored || 'none'}): is another adapter running for this source?`,
      );
    }
    // 'already': an earlier attempt of this commit landed and its reply was lost, so it was never counted.
    reporter.appended(valid);
    for (const reason of invalid) reporter.skip(reason);
    return outcome === 'already' ? 'already' : 'written';
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
