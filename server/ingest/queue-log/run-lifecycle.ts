// What the live and the replay runs share around their loop: a sleep that stop() cuts short, and
// the end of a run (the status says why the link is down, the connection is let go).
import type { RedisConnection } from '../../redis/connection.js';
import { keys } from '../../redis/keys.js';
import { PositionConflictError, type PositionWriter } from '../position-writer.js';
import type { SourceReporter } from '../source-status.js';

export interface Sleeper {
  sleep: (ms: number) => Promise<void>;
  /** Ends the sleep in progress at once. */
  wake: () => void;
}

export function createSleeper(): Sleeper {
  let wake: (() => void) | null = null;
  return {
    sleep: (ms) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          wake = null;
          resolve();
        }
        wake = done;
      }),
    wake: () => wake?.(),
  };
}

export interface RunEnd {
  reporter: SourceReporter;
  writer: PositionWriter;
  redis: RedisConnection;
  stream: string;
  /** The link's reason once the run ended by itself or was stopped ("stopped"). */
  reason: () => string;
  /**
   * Remove the status record at the end instead of leaving it down: a replay that finished is
   * not a source the board lost (a record left down, then gone, would show the board stale for a day).
   */
  forget?: boolean;
}

/**
 * Settles when the run does: the status record is written a last time with the link down and
 * why, or removed for a replay (not after a PositionConflictError: the record is then the other
 * adapter's), and the adapter's connection is closed. Rejects with the run's error.
 */
export function endOfRun(run: Promise<void>, end: RunEnd): Promise<void> {
  const last = async (reason: string) => {
    end.reporter.link('down', reason);
    if (end.forget) await end.redis.hdel(keys.ingestSources(end.stream), end.reporter.field).catch(() => undefined);
    else await end.writer.publishStatus().catch(() => undefined);
  };
  const done = run.then(
    async () => {
      await last(end.reason());
      end.redis.disconnect();
    },
    async (error: unknown) => {
      if (!(error instanceof PositionConflictError)) await last((error as Error).message);
      end.redis.disconnect();
      throw error;
    },
  );
  // The CLI and the server await it; this keeps an early failure from being reported unhandled first.
  done.catch(() => undefined);
  return done;
}
