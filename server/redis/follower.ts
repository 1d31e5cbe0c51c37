// What a process does while another holds the aggregation lease: it follows the streams itself.
// The aggregate is a pure function of the streams, so a process that adopts the stored checkpoint
// and applies every entry after it, in order, holds the same state as the lease holder, and serves
// its screens the same live numbers. It writes nothing: the holder alone acknowledges, dead-letters,
// checkpoints and trims. When this process takes the lease, recovery keeps the followed state (it
// is at least as far along as the checkpoint) and only settles the group's bookkeeping.
import type { Aggregator } from '../aggregator.js';
import type { Logger } from '../log.js';
import type { CheckpointStore } from './checkpoint-store.js';
import type { StreamConsumerOptions } from './consumer-options.js';
import { sleep } from './sleep.js';
import type { BlockingStreamsClient, StreamBatch } from './streams-client.js';

export interface FollowerDeps {
  aggregator: Pick<Aggregator, 'adopt' | 'cursor' | 'applyBatch'>;
  checkpoints: Pick<CheckpointStore, 'load'>;
  createBlockingClient: () => BlockingStreamsClient;
  log: Logger;
  now: () => number;
  /** Called after every batch that changed the state. */
  onApplied?: () => void;
}

/** What following tells the consumer's status, which the feed state and /readyz read. */
export interface FollowProgress {
  /** Called once the stored checkpoint is adopted and reading begins. */
  started(): void;
  /** A read is about to wait up to BLOCK: Redis is due to answer by `dueAt`. */
  reading(dueAt: number): void;
  /** A read returned `count` entries (fewer than a batch: caught up). */
  read(count: number): void;
  failed(error: Error): void;
}

const RETRY_MS = 1000;

/** Follows until `signal` aborts; errors are logged and the read is tried again. */
export async function follow(
  options: Pick<StreamConsumerOptions, 'streams' | 'batchSize' | 'blockMs'>,
  deps: FollowerDeps,
  progress: FollowProgress,
  signal: AbortSignal,
): Promise<void> {
  const { aggregator, log, now } = deps;
  while (!signal.aborted) {
    let client: BlockingStreamsClient | null = null;
    const disconnect = () => client?.disconnect();
    signal.addEventListener('abort', disconnect);
    try {
      const adopted = aggregator.adopt(await deps.checkpoints.load());
      log.info('following the streams while another process holds the lease', {
        from: adopted,
        cursors: Object.fromEntries(options.streams.map((s) => [s, aggregator.cursor(s)])),
      });
      client = deps.createBlockingClient();
      progress.started();
      const reader = client;
      const readAfter = (after: (stream: string) => string | null) =>
        reader.read(
          options.streams.map((stream) => ({ stream, after: after(stream) })),
          options.batchSize,
          options.blockMs,
        );
      // While behind, the next read is in flight while a batch is applied (from where that batch ends).
      let next: Promise<StreamBatch[]> | null = null;
      try {
        while (!signal.aborted) {
          progress.reading(now() + options.blockMs);
          const batches = await (next ?? readAfter((stream) => aggregator.cursor(stream)));
          next = null;
          const count = batches.reduce((n, b) => Math.max(n, b.entries.length), 0);
          if (count >= options.batchSize && !signal.aborted) {
            next = readAfter((stream) => batches.find((b) => b.stream === stream)?.entries.at(-1)?.id ?? aggregator.cursor(stream));
            next.catch(() => {});
          }
          for (const batch of batches) {
            // Invalid entries are counted by the core like the holder counts them; the holder writes the dead letters.
            if (batch.entries.length > 0) aggregator.applyBatch(batch.entries);
          }
          if (count > 0) deps.onApplied?.();
          progress.read(count);
        }
      } finally {
        await next?.catch(() => {});
      }
    } catch (error) {
      if (signal.aborted) break;
      progress.failed(error as Error);
      log.warn('following the streams failed, trying again', { error, retryInMs: RETRY_MS });
      await sleep(RETRY_MS, signal);
    } finally {
      signal.removeEventListener('abort', disconnect);
      disconnect();
    }
  }
}
