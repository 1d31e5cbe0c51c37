// A batch is committed until it lands: while Redis is away the same commit is retried with
// back-off (the writer answers 'already' for one that had landed before its reply was lost), and
// only another adapter moving the position (PositionConflictError) ends the run.
import { PositionConflictError, type Commit, type PositionWriter } from '../position-writer.js';
import type { Logger } from '../../log.js';

const FIRST_DELAY_MS = 100;
const MAX_DELAY_MS = 5_000;

export interface RetryOptions {
  writer: PositionWriter;
  log: Logger;
  /** True once the adapter is asked to stop: a failing commit is then given up (the position did not move, so a restart reads the batch again). */
  stopping: () => boolean;
  sleep: (ms: number) => Promise<void>;
}

/** True when the batch is in Redis; false when it was given up because the adapter is stopping. */
export async function commitWithRetry(batch: Commit, options: RetryOptions): Promise<boolean> {
  const { writer, log } = options;
  let delay = FIRST_DELAY_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await writer.commit(batch);
      if (attempt > 1) log.info('appended after retrying', { attempts: attempt });
      return true;
    } catch (error) {
      if (error instanceof PositionConflictError) throw error;
      if (options.stopping()) return false;
      log.warn('could not append to Redis; retrying the same batch', { error: (error as Error).message, attempt, retryInMs: delay });
      await options.sleep(delay);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }
}
