// Reads the event streams into the aggregator through a consumer group: hold the lease, recover,
// then read, apply, acknowledge, checkpoint and trim until stopped. Each duty is a module of its
// own (lease-keeper, recovery, group-reader, checkpointer, stream-trimmer); this is the loop
// that runs them, and the status the health endpoints and the feed state read. An error is
// logged and the loop starts over, lease first, after a growing pause.
import type { Aggregator } from '../aggregator.js';
import type { Logger } from '../log.js';
import type { CheckpointStore } from './checkpoint-store.js';
import { Checkpointer } from './checkpointer.js';
import type { StreamConsumerOptions } from './consumer-options.js';
import type { DeadLetterSink } from './dead-letters.js';
import { createEntryApplier, type ApplyEntries } from './entry-applier.js';
import { follow } from './follower.js';
import { GroupReader } from './group-reader.js';
import type { HistoryWriter } from '../history/history-writer.js';
import type { Lease } from './lease.js';
import { LeaseKeeper } from './lease-keeper.js';
import { recover } from './recovery.js';
import { sleep } from './sleep.js';
import { StreamTrimmer } from './stream-trimmer.js';
import type { BlockingStreamsClient, GroupBatch, StreamsClient } from './streams-client.js';

export type { StreamConsumerOptions } from './consumer-options.js';

export interface StreamConsumerDeps {
  /** Stream commands on the shared connection. */
  streams: StreamsClient;
  /** Makes the dedicated connection for blocking reads (a new one after a watchdog reset). */
  createBlockingClient: () => BlockingStreamsClient;
  aggregator: Aggregator;
  checkpoints: CheckpointStore;
  deadLetters: DeadLetterSink;
  lease: Lease;
  log: Logger;
  now: () => number;
  /** Called after every batch that changed the state. */
  onApplied?: () => void;
  /** Writes the day history while this process holds the lease: after each batch, before each checkpoint, and at a clean stop. */
  history?: HistoryWriter;
}

/** standby: another process holds the lease; following: and this one follows the streams itself, serving the same numbers. */
export type ConsumerRole = 'starting' | 'standby' | 'following' | 'recovering' | 'active' | 'stopped';

export interface ConsumerStatus {
  role: ConsumerRole;
  /** The last read returned less than a full batch: no backlog. */
  caughtUp: boolean;
  lastReadAt: number | null;
  lastError: string | null;
  /**
   * While active or following, when Redis is due to have answered at the latest: a blocking read's start plus
   * BLOCK, and after it returns, the same allowance for the acks, checkpoint and trim that follow.
   * Past it, Redis is not answering (the feed status).
   */
  answerDueAt?: number | null;
}

/** The promise itself, marked as handled: it is awaited later, and failing before then must not count as an unhandled rejection. */
function settled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => {});
  return promise;
}

const FIRST_RETRY_MS = 100;
const MAX_RETRY_MS = 5000;

export class StreamConsumer {
  readonly status: ConsumerStatus = { role: 'starting', caughtUp: false, lastReadAt: null, lastError: null };
  private readonly abort = new AbortController();
  private readonly lease: LeaseKeeper;
  private readonly reader: GroupReader;
  private readonly checkpointer: Checkpointer;
  private readonly trimmer: StreamTrimmer;
  private readonly applyEntries: ApplyEntries;
  private loop: Promise<void> | null = null;
  private following: { abort: AbortController; done: Promise<void> } | null = null;

  constructor(
    private readonly options: StreamConsumerOptions,
    private readonly deps: StreamConsumerDeps,
  ) {
    const { log, now } = deps;
    this.lease = new LeaseKeeper(options, { lease: deps.lease, log, now, onStandby: () => this.standBy() });
    this.reader = new GroupReader(options, deps.createBlockingClient);
    this.checkpointer = new Checkpointer(options, { aggregator: deps.aggregator, store: deps.checkpoints, now, history: deps.history });
    this.trimmer = new StreamTrimmer(options, { streams: deps.streams, checkpointed: (s) => this.checkpointer.coveredCursor(s), log, now });
    this.applyEntries = createEntryApplier(deps);
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops reading, writes a last checkpoint and hands the lease back. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.reader.close();
    await this.loop;
    await this.stopFollowing();
    if (this.status.role === 'active') {
      // Today's record as the state has it, not as it was at the last interval: /report reads it.
      await this.deps.history?.writeAll().catch((error) => this.deps.log.warn('final history write failed', { error }));
      await this.checkpointer.save().catch((error) => this.deps.log.warn('final checkpoint failed', { error }));
      await this.lease.release().catch(() => {});
    }
    this.status.role = 'stopped';
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    let backoff = FIRST_RETRY_MS;
    while (!this.stopped) {
      try {
        await this.lease.acquire(this.abort.signal);
        if (this.stopped) break;
        // What another holder stored meanwhile is unknown: the store's version check decides.
        this.deps.history?.forget();
        // Following ends before recovery: one writer of the state at a time.
        await this.stopFollowing();
        this.status.role = 'recovering';
        this.status.answerDueAt = null;
        await recover(this.options, {
          ...this.deps,
          applyEntries: this.applyEntries,
          keepLease: () => this.lease.keep(),
          signal: this.abort.signal,
        });
        await this.checkpointer.save();
        this.status.role = 'active';
        backoff = FIRST_RETRY_MS;
        await this.consume();
      } catch (error) {
        if (this.stopped) break;
        this.status.lastError = (error as Error).message;
        this.status.caughtUp = false;
        this.deps.log.error('stream consumer error, retrying', { error, retryInMs: backoff, role: this.status.role });
        await sleep(backoff, this.abort.signal);
        backoff = Math.min(backoff * 2, MAX_RETRY_MS);
      }
    }
  }

  /** Another process holds the lease: follow the streams, so this process's screens stay live. */
  private standBy(): void {
    if (this.status.role !== 'following') this.status.role = 'standby';
    if (this.following || this.stopped) return;
    const { now } = this.deps;
    const abort = new AbortController();
    const done = follow(
      this.options,
      this.deps,
      {
        started: () => {
          this.status.role = 'following';
          this.status.caughtUp = false;
          this.status.lastError = null;
        },
        reading: (dueAt) => (this.status.answerDueAt = dueAt),
        read: (count) => {
          this.status.lastReadAt = now();
          this.status.answerDueAt = null;
          this.status.caughtUp = count < this.options.batchSize;
          this.status.lastError = null;
        },
        failed: (error) => {
          this.status.lastError = error.message;
          this.status.answerDueAt = null;
          this.status.caughtUp = false;
        },
      },
      abort.signal,
    );
    this.following = { abort, done };
  }

  private async stopFollowing(): Promise<void> {
    const following = this.following;
    if (!following) return;
    this.following = null;
    following.abort.abort();
    await following.done;
  }

  private async consume(): Promise<void> {
    const { streams, now } = this.deps;
    // While behind, the next read and the last batch's acks are in flight while a batch is
    // applied: Redis works on its core while this one applies, instead of each waiting in turn.
    let next: Promise<GroupBatch[]> | null = null;
    let acks: Promise<unknown> = Promise.resolve();
    try {
      while (!this.stopped) {
        // Set before the lease renewal too: acks, checkpoints and renewals are Redis commands that a pause holds as well.
        this.status.answerDueAt = now() + this.options.blockMs;
        await this.lease.keep();
        // Entries read while behind came without acknowledgement (see GroupReader.read).
        const unacknowledged = next !== null;
        const batches = await (next ?? this.reader.read());
        next = null;
        this.status.lastReadAt = now();
        this.status.answerDueAt = this.status.lastReadAt + this.options.blockMs;
        const delivered = batches.reduce((n, b) => n + b.ids.length, 0);
        this.status.caughtUp = delivered < this.options.batchSize;
        if (!this.status.caughtUp && !this.stopped) next = settled(this.reader.read(true));
        for (const batch of batches) await this.applyEntries(batch.entries);
        // A failed ack surfaces here, one batch late; the entries stay pending and recovery acknowledges them.
        await acks;
        if (!unacknowledged) acks = settled(Promise.all(batches.map((batch) => streams.ack(batch.stream, this.options.group, batch.ids))));
        this.status.lastError = null;
        await this.deps.history?.writeIfDue();
        await this.checkpointer.saveIfDue(!this.status.caughtUp);
        await this.trimmer.trimIfDue();
      }
      await acks;
    } finally {
      // A read still in flight settles before recovery asks what the group delivered, so nothing it hands over is skipped.
      await next?.catch(() => {});
      await acks.catch(() => {});
    }
  }
}
