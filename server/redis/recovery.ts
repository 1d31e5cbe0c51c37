// Brings the aggregate up to what the group has delivered, after a start, a crash or a lost
// lease. Exactly-once effect comes from the checkpoint, not from acknowledgements: it holds the
// state with the last entry ID it covers, so we adopt it and re-read (XRANGE) everything the
// group had already delivered beyond that ID, acknowledged or not. The group's pending entries,
// a dead consumer's included, are claimed and acknowledged once the state covers them; what
// comes after is read through the group as usual.
import type { Aggregator } from '../aggregator.js';
import { compareEntryIds, entryIdMs } from '../core/entry-id.js';
import type { Logger } from '../log.js';
import type { CheckpointStore } from './checkpoint-store.js';
import type { StreamConsumerOptions } from './consumer-options.js';
import type { ApplyEntries } from './entry-applier.js';
import type { StreamsClient } from './streams-client.js';

export interface RecoveryDeps {
  streams: StreamsClient;
  aggregator: Pick<Aggregator, 'adopt' | 'cursor' | 'discardedCheckpoint'>;
  checkpoints: Pick<CheckpointStore, 'load'>;
  applyEntries: ApplyEntries;
  /** Renews the lease when due, and throws when it is lost: a long replay must not outlive it. */
  keepLease: () => Promise<void>;
  log: Logger;
  /** Aborted when the consumer stops: a replay ends at its next batch. */
  signal: AbortSignal;
}

type RecoveryOptions = Pick<StreamConsumerOptions, 'streams' | 'group' | 'consumer' | 'batchSize'>;

/** Loads the checkpoint, re-reads what came after it, and takes over every pending entry. */
export async function recover(options: RecoveryOptions, deps: RecoveryDeps): Promise<void> {
  const { aggregator, log } = deps;
  const source = aggregator.adopt(await deps.checkpoints.load());
  const restored = Object.fromEntries(options.streams.map((s) => [s, aggregator.cursor(s)]));
  switch (source) {
    case 'stored':
      log.info('recovering from checkpoint', { cursors: restored });
      break;
    case 'memory':
      log.info('recovering from the state in memory (at least as recent as the stored checkpoint)', { cursors: restored });
      break;
    case 'discarded':
      // Loud: the board restarts from the state in memory, or rebuilds from the stream's 48 h.
      log.error('stored checkpoint unreadable: discarded; the next checkpoint replaces it', {
        reason: aggregator.discardedCheckpoint?.message ?? null,
        from: Object.values(restored).some((c) => c !== null) ? 'the state in memory' : 'the stream (rebuilding)',
        cursors: restored,
      });
      break;
  }
  for (const stream of options.streams) await recoverStream(stream, restored[stream] ?? null, options, deps);
}

async function recoverStream(stream: string, restored: string | null, options: RecoveryOptions, deps: RecoveryDeps): Promise<void> {
  const { streams, aggregator } = deps;
  await streams.createGroup(stream, options.group);
  await warnIfTrimmed(stream, restored, deps);
  let delivered = await lastDelivered(stream, options, deps);
  let replayed = await catchUp(stream, delivered, options, deps);
  const claimed = await claimAllPending(stream, options, deps);
  // A consumer that had not yet noticed it lost the lease may have been handed more.
  const deliveredNow = await lastDelivered(stream, options, deps);
  if (deliveredNow !== delivered) {
    delivered = deliveredNow;
    replayed += await catchUp(stream, delivered, options, deps);
    claimed.push(...(await claimAllPending(stream, options, deps)));
  }
  const cursor = aggregator.cursor(stream);
  if (cursor) {
    // The group was recreated behind the checkpoint (Redis lost it): skip what we hold.
    if (compareEntryIds(cursor, delivered) > 0) await streams.setGroupId(stream, options.group, cursor);
    await streams.ack(
      stream,
      options.group,
      claimed.filter((id) => compareEntryIds(id, cursor) <= 0),
    );
  }
  deps.log.info('stream recovered', { stream, replayed, claimedPending: claimed.length, cursor, lastDelivered: delivered });
}

async function lastDelivered(stream: string, options: RecoveryOptions, deps: RecoveryDeps): Promise<string> {
  const id = await deps.streams.lastDeliveredId(stream, options.group);
  if (id === null) throw new Error(`consumer group ${options.group} vanished from ${stream}`);
  return id;
}

async function warnIfTrimmed(stream: string, cursor: string | null, deps: RecoveryDeps): Promise<void> {
  if (!cursor) return;
  const first = await deps.streams.firstEntryId(stream);
  if (first && compareEntryIds(first, cursor) > 0 && entryIdMs(first) > entryIdMs(cursor) + 1) {
    deps.log.warn('entries after the checkpoint were trimmed before they were applied; counts may be short', {
      stream,
      checkpointCursor: cursor,
      oldestEntry: first,
    });
  }
}

/** Applies every entry after the stream's cursor up to `until`, in order, by plain range reads. */
async function catchUp(stream: string, until: string, options: RecoveryOptions, deps: RecoveryDeps): Promise<number> {
  let total = 0;
  for (;;) {
    const cursor = deps.aggregator.cursor(stream);
    if (until === '0-0' || (cursor && compareEntryIds(cursor, until) >= 0)) return total;
    await deps.keepLease();
    const entries = await deps.streams.range(stream, cursor, until, options.batchSize);
    if (entries.length === 0) return total;
    await deps.applyEntries(entries);
    total += entries.length;
    if (entries.length < options.batchSize) return total;
    if (deps.signal.aborted) return total;
  }
}

/** Moves every pending entry of the group (any consumer's) to us; returns their IDs. */
async function claimAllPending(stream: string, options: RecoveryOptions, deps: RecoveryDeps): Promise<string[]> {
  const ids: string[] = [];
  let from: string | null = '0-0';
  do {
    const page = await deps.streams.claimPending(stream, options.group, options.consumer, from, options.batchSize);
    ids.push(...page.ids);
    from = page.next;
  } while (from !== null && !deps.signal.aborted);
  return ids;
}
