// Reads the event streams into the aggregator through a consumer group.
//
// Exactly-once effect comes from the checkpoint, not from acknowledgements: the checkpoint
// holds the state together with the last entry ID it covers. After a crash we load it and
// re-read (XRANGE) what the group had already delivered beyond that ID, acknowledged or not;
// everything after is read through the group as usual. Entries at or below the cursor are
// duplicates to the core. XACK follows each applied batch, and the group's pending entries,
// including those of a consumer that died, are claimed (XAUTOCLAIM) and acknowledged once the
// state covers them.
import type { Redis } from 'ioredis';
import type { Aggregator, RawEntry } from '../aggregator.js';
import { compareEntryIds, entryIdMs } from '../core/entry-id.js';
import { fieldsFromArray } from '../core/events.js';
import type { Logger } from '../log.js';
import type { CheckpointStore } from './checkpoint-store.js';
import type { DeadLetterSink } from './dead-letters.js';
import type { Lease } from './lease.js';
import { withTimeout } from '../with-timeout.js';

export interface StreamConsumerOptions {
  streams: string[];
  group: string;
  /** This process's consumer name in the group. */
  consumer: string;
  batchSize: number;
  blockMs: number;
  checkpointIntervalMs: number;
  leaseMs: number;
  retentionMs: number;
  trimIntervalMs: number;
}

export interface StreamConsumerDeps {
  /** Connection for ordinary commands. */
  redis: Redis;
  /** Makes the dedicated connection for blocking reads (a new one after a watchdog reset). */
  createBlockingConnection: () => Redis;
  aggregator: Aggregator;
  checkpoints: CheckpointStore;
  deadLetters: DeadLetterSink;
  lease: Lease;
  log: Logger;
  /** Called after every batch that changed the state. */
  onApplied?: () => void;
  now?: () => number;
}

export type ConsumerRole = 'starting' | 'standby' | 'recovering' | 'active' | 'stopped';

export interface ConsumerStatus {
  role: ConsumerRole;
  /** The last read returned less than a full batch: no backlog. */
  caughtUp: boolean;
  lastReadAt: number | null;
  lastError: string | null;
}

type StreamReply = [stream: string, entries: [id: string, fields: string[] | null][]][] | null;

export class StreamConsumer {
  readonly status: ConsumerStatus = { role: 'starting', caughtUp: false, lastReadAt: null, lastError: null };
  private readonly abort = new AbortController();
  private blocking: Redis | null = null;
  private loop: Promise<void> | null = null;
  private lastCheckpointAt = 0;
  private checkpointCostMs = 0;
  private checkpointedVersion = -1;
  /** Per stream, the last entry the stored checkpoint covers: trimming never goes past it. */
  private readonly checkpointedCursors = new Map<string, string | null>();
  private lastTrimAt = 0;
  private leaseRenewedAt = 0;
  private readonly now: () => number;

  constructor(private readonly options: StreamConsumerOptions, private readonly deps: StreamConsumerDeps) {
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    this.loop ??= this.run();
  }

  /** Stops reading, writes a last checkpoint and hands the lease back. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.blocking?.disconnect();
    await this.loop;
    if (this.status.role === 'active') {
      await this.checkpoint().catch((error) => this.deps.log.warn('final checkpoint failed', { error }));
      await this.deps.lease.release().catch(() => {});
    }
    this.status.role = 'stopped';
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    let backoff = 100;
    while (!this.stopped) {
      try {
        await this.waitForLease();
        if (this.stopped) break;
        this.status.role = 'recovering';
        await this.recover();
        this.status.role = 'active';
        backoff = 100;
        await this.consume();
      } catch (error) {
        if (this.stopped) break;
        this.status.lastError = (error as Error).message;
        this.status.caughtUp = false;
        this.deps.log.error('stream consumer error, retrying', { error, retryInMs: backoff, role: this.status.role });
        await sleep(backoff, this.abort.signal);
        backoff = Math.min(backoff * 2, 5000);
      }
    }
  }

  private async waitForLease(): Promise<void> {
    let announced = false;
    while (!this.stopped) {
      if (await this.deps.lease.tryAcquire()) {
        this.leaseRenewedAt = this.now();
        this.deps.log.info('holding the aggregation lease', { group: this.options.group, consumer: this.options.consumer });
        return;
      }
      if (!announced) {
        this.status.role = 'standby';
        this.deps.log.info('standing by: another process holds the aggregation lease', { holder: await this.deps.lease.holder() });
        announced = true;
      }
      await sleep(Math.max(200, this.options.leaseMs / 3), this.abort.signal);
    }
  }

  /** Loads the checkpoint, re-reads what came after it, and takes over every pending entry. */
  private async recover(): Promise<void> {
    const { redis, aggregator, log } = this.deps;
    const source = aggregator.adopt(await this.deps.checkpoints.load());
    const restored = Object.fromEntries(this.options.streams.map((s) => [s, aggregator.cursor(s)]));
    log.info(source === 'stored' ? 'recovering from checkpoint' : 'recovering from the state in memory (at least as recent as the stored checkpoint)', { cursors: restored });
    for (const stream of this.options.streams) {
      await redis.xgroup('CREATE', stream, this.options.group, '0', 'MKSTREAM').catch((error: Error) => {
        if (!error.message.includes('BUSYGROUP')) throw error;
      });
      await this.warnIfTrimmed(stream, restored[stream] ?? null);
      let delivered = await this.lastDelivered(stream);
      let replayed = await this.catchUp(stream, delivered);
      const claimed = await this.claimPending(stream);
      // A consumer that had not yet noticed it lost the lease may have been handed more.
      const deliveredNow = await this.lastDelivered(stream);
      if (deliveredNow !== delivered) {
        delivered = deliveredNow;
        replayed += await this.catchUp(stream, delivered);
        claimed.push(...(await this.claimPending(stream)));
      }
      const cursor = aggregator.cursor(stream);
      if (cursor) {
        // The group was recreated behind the checkpoint (Redis lost it): skip what we hold.
        if (compareEntryIds(cursor, delivered) > 0) await redis.xgroup('SETID', stream, this.options.group, cursor);
        const covered = claimed.filter((id) => compareEntryIds(id, cursor) <= 0);
        if (covered.length > 0) await redis.xack(stream, this.options.group, ...covered);
      }
      log.info('stream recovered', { stream, replayed, claimedPending: claimed.length, cursor, lastDelivered: delivered });
    }
    await this.checkpoint();
  }

  /** The ID of the last entry the group handed to any consumer ("0-0" for a new group). */
  private async lastDelivered(stream: string): Promise<string> {
    const groups = (await this.deps.redis.xinfo('GROUPS', stream)) as unknown[][];
    for (const g of groups) {
      const info = fieldsFromArray(g.map(String));
      if (info['name'] === this.options.group) return info['last-delivered-id'] ?? '0-0';
    }
    throw new Error(`consumer group ${this.options.group} vanished from ${stream}`);
  }

  private async warnIfTrimmed(stream: string, cursor: string | null): Promise<void> {
    if (!cursor) return;
    const first = (await this.deps.redis.xrange(stream, '-', '+', 'COUNT', 1))[0];
    if (first && compareEntryIds(first[0], cursor) > 0 && entryIdMs(first[0]) > entryIdMs(cursor) + 1) {
      this.deps.log.warn('entries after the checkpoint were trimmed before they were applied; counts may be short', {
        stream,
        checkpointCursor: cursor,
        oldestEntry: first[0],
      });
    }
  }

  /** Applies every entry after the stream's cursor up to `until`, in order, by plain range reads. */
  private async catchUp(stream: string, until: string): Promise<number> {
    let total = 0;
    for (;;) {
      const cursor = this.deps.aggregator.cursor(stream);
      if (until === '0-0' || (cursor && compareEntryIds(cursor, until) >= 0)) return total;
      await this.keepLease(); // a long replay must not outlive the lease
      const entries = await this.deps.redis.xrange(stream, cursor ? `(${cursor}` : '-', until, 'COUNT', this.options.batchSize);
      if (entries.length === 0) return total;
      await this.applyEntries(entries.map(([id, fields]) => ({ stream, id, fields: fieldsFromArray(fields) })));
      total += entries.length;
      if (entries.length < this.options.batchSize) return total;
      if (this.stopped) return total;
    }
  }

  /** Moves every pending entry of the group (any consumer's) to us; returns their IDs. */
  private async claimPending(stream: string): Promise<string[]> {
    const ids: string[] = [];
    let start = '0-0';
    do {
      const reply = (await this.deps.redis.xautoclaim(stream, this.options.group, this.options.consumer, 0, start, 'COUNT', this.options.batchSize, 'JUSTID')) as [string, string[], string[]?];
      ids.push(...reply[1]);
      start = reply[0];
    } while (start !== '0-0' && !this.stopped);
    return ids;
  }

  private async consume(): Promise<void> {
    const streams = this.options.streams;
    while (!this.stopped) {
      await this.keepLease();
      const reply = await this.readWithWatchdog(streams);
      this.status.lastReadAt = this.now();
      let count = 0;
      for (const [stream, entries] of reply ?? []) {
        const raw: RawEntry[] = [];
        for (const [id, fields] of entries) if (fields) raw.push({ stream, id, fields: fieldsFromArray(fields) });
        count += entries.length;
        await this.applyEntries(raw);
        if (entries.length > 0) await this.deps.redis.xack(stream, this.options.group, ...entries.map(([id]) => id));
      }
      this.status.caughtUp = count < this.options.batchSize;
      this.status.lastError = null;
      const due = this.now() - this.lastCheckpointAt >= Math.max(this.options.checkpointIntervalMs, 100 * this.checkpointCostMs);
      if (due && this.deps.aggregator.version !== this.checkpointedVersion) await this.checkpoint();
      if (this.now() - this.lastTrimAt >= this.options.trimIntervalMs) await this.trim();
    }
  }

  private async keepLease(): Promise<void> {
    if (this.now() - this.leaseRenewedAt < this.options.leaseMs / 3) return;
    if (!(await this.deps.lease.renew())) {
      this.status.role = 'standby';
      throw new Error('lost the aggregation lease to another process');
    }
    this.leaseRenewedAt = this.now();
  }

  // A blocking read can hang for good after a reconnect; past its BLOCK time plus a margin we
  // drop the connection and make a new one.
  private async readWithWatchdog(streams: string[]): Promise<StreamReply> {
    this.blocking ??= this.deps.createBlockingConnection();
    const connection = this.blocking;
    const read = connection.xreadgroup(
      'GROUP', this.options.group, this.options.consumer,
      'COUNT', this.options.batchSize,
      'BLOCK', this.options.blockMs,
      'STREAMS', ...streams, ...streams.map(() => '>'),
    ) as Promise<StreamReply>;
    try {
      return await withTimeout(read, this.options.blockMs + 5000, 'blocking read did not return');
    } catch (error) {
      read.catch(() => {});
      connection.disconnect();
      if (this.blocking === connection) this.blocking = null;
      throw error;
    }
  }

  private async applyEntries(entries: RawEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const rejected = this.deps.aggregator.applyBatch(entries);
    if (rejected.length > 0) {
      await this.deps.deadLetters.write(rejected);
      for (const r of rejected) this.deps.log.warn('invalid entry dead-lettered', { stream: r.stream, entryId: r.id, reason: r.reason });
    }
    this.deps.onApplied?.();
  }

  private async checkpoint(): Promise<void> {
    const started = performance.now();
    const version = this.deps.aggregator.version;
    const covered = this.options.streams.map((s) => [s, this.deps.aggregator.cursor(s)] as const);
    const parts = this.deps.aggregator.checkpointParts();
    this.checkpointCostMs = performance.now() - started;
    try {
      await this.deps.checkpoints.save(parts);
    } catch (error) {
      this.deps.aggregator.checkpointFailed();
      throw error;
    }
    this.checkpointedVersion = version;
    for (const [stream, cursor] of covered) this.checkpointedCursors.set(stream, cursor);
    this.lastCheckpointAt = this.now();
  }

  /** Trims by age, but never past what the stored checkpoint covers (a crash replays from there). */
  private async trim(): Promise<void> {
    this.lastTrimAt = this.now();
    for (const stream of this.options.streams) {
      const cursor = this.checkpointedCursors.get(stream);
      if (!cursor) continue;
      const minMs = Math.min(this.now() - this.options.retentionMs, entryIdMs(cursor));
      const removed = await this.deps.redis.xtrim(stream, 'MINID', '~', `${minMs}-0`);
      if (removed > 0) this.deps.log.info('trimmed stream', { stream, removed, olderThan: new Date(minMs).toISOString() });
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
