// Decides when to checkpoint and writes it. The interval stretches to 100 times what taking a
// checkpoint costs, so a large state spends at most ~1 % of the loop on it, and to
// CATCH_UP_CHECKPOINT_MS while the consumer is behind; a write that failed makes the next one
// full. It remembers what the stored checkpoint covers, for trimming. The closed days' history is
// written before each checkpoint, never after (history-writer.ts).
import type { Aggregator } from '../aggregator.js';
import type { CheckpointStore } from './checkpoint-store.js';
import type { StreamConsumerOptions } from './consumer-options.js';

export interface CheckpointerDeps {
  aggregator: Pick<Aggregator, 'version' | 'cursor' | 'checkpointParts' | 'checkpointFailed'>;
  store: Pick<CheckpointStore, 'save'>;
  now: () => number;
  /** Writes the closed days' history first (and today's when due), so that no checkpoint is ahead of a closed day. */
  history?: { writeIfDue(): Promise<void> };
}

/**
 * The least time between checkpoints while the consumer is behind (its reads come back full). A
 * catch-up changes thousands of calls a second, and each checkpoint writes them all and holds the
 * loop and Redis while it does; spacing them lets a call that changed many times be written once,
 * and one forgotten in between not at all. A crash then re-reads at most this much more.
 */
export const CATCH_UP_CHECKPOINT_MS = 10_000;

export class Checkpointer {
  private lastSavedAt = 0;
  private costMs = 0;
  private savedVersion = -1;
  private readonly covered = new Map<string, string | null>();

  constructor(
    private readonly options: Pick<StreamConsumerOptions, 'streams' | 'checkpointIntervalMs'>,
    private readonly deps: CheckpointerDeps,
  ) {}

  /** Writes a checkpoint now; throws when it was not stored (the next one is then full). */
  async save(): Promise<void> {
    const { aggregator } = this.deps;
    // A restart replays from the checkpoint: the history must hold every day the state closed by then.
    await this.deps.history?.writeIfDue();
    const started = performance.now();
    const version = aggregator.version;
    const covered = this.options.streams.map((s) => [s, aggregator.cursor(s)] as const);
    const parts = aggregator.checkpointParts();
    this.costMs = performance.now() - started;
    try {
      await this.deps.store.save(parts);
    } catch (error) {
      aggregator.checkpointFailed();
      throw error;
    }
    this.savedVersion = version;
    for (const [stream, cursor] of covered) this.covered.set(stream, cursor);
    this.lastSavedAt = this.deps.now();
  }

  /** Writes a checkpoint when the interval has passed (a longer one while `catchingUp`) and the state changed since the last. */
  async saveIfDue(catchingUp = false): Promise<void> {
    const interval = Math.max(this.options.checkpointIntervalMs, 100 * this.costMs, catchingUp ? CATCH_UP_CHECKPOINT_MS : 0);
    const due = this.deps.now() - this.lastSavedAt >= interval;
    if (due && this.deps.aggregator.version !== this.savedVersion) await this.save();
  }

  /** The last entry of `stream` the stored checkpoint covers; null or undefined before it covers any. */
  coveredCursor(stream: string): string | null | undefined {
    return this.covered.get(stream);
  }
}
