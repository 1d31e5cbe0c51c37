// The snapshot as served: the pure core's numbers plus whether the feed behind them is
// current, so a screen can say "data from HH:MM:SS" when the feed stops while the server runs.
import type { FeedStatus, Snapshot } from './contract/snapshot.js';
import type { View } from './contract/view.js';
import type { SnapshotSource } from './realtime/create-realtime.js';
import type { ConsumerStatus } from './redis/stream-consumer.js';

/**
 * How long past its due time a blocking read (or the Redis commands after it) may take before the
 * feed is called down: with BLOCK at 1 s, a Redis that stops answering shows within 1.5 to 2.5 s
 * (a read already waiting may still come back first), long before the read's watchdog drops the
 * connection. A stall of this process's own thread that long shows the same way.
 */
export const NOT_ANSWERING_AFTER_MS = 500;

/** The feed's state and, when down, why; `now` on the consumer's clock. */
export function feedOf(status: ConsumerStatus, now: number): Pick<FeedStatus, 'state' | 'reason'> {
  switch (status.role) {
    case 'recovering':
      return { state: 'catchingUp', reason: null };
    case 'stopped':
      return { state: 'down', reason: status.lastError };
    case 'starting':
    case 'standby':
      return { state: status.role, reason: null };
    // A follower serves the same numbers as the lease holder: as live as its own reads.
    case 'following':
    case 'active':
      if (status.lastError) return { state: 'down', reason: status.lastError };
      if (status.answerDueAt != null && now - status.answerDueAt > NOT_ANSWERING_AFTER_MS) {
        return { state: 'down', reason: 'Redis not answering: the stream read is overdue' };
      }
      return { state: status.caughtUp ? 'live' : 'catchingUp', reason: null };
    default:
      return assertNever(status.role);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled consumer role ${String(value)}`);
}

/** What the feed status needs of the source monitor: its judgement of each PBX adapter. */
export interface SourcesView {
  readonly version: number;
  sources(): FeedStatus['sources'];
}

/** Wraps a snapshot source with the feed status (since when, on `now`'s clock) and the PBX sources; its version moves when any changes. */
export function withFeedStatus(source: SnapshotSource, consumer: { status: ConsumerStatus }, now: () => number, sources?: SourcesView): SnapshotSource {
  let feed: FeedStatus = { ...feedOf(consumer.status, now()), sinceTs: now() };
  let sourcesVersion = -1;
  let changes = 0;
  const current = (): FeedStatus => {
    const { state, reason } = feedOf(consumer.status, now());
    if (state !== feed.state || reason !== feed.reason) {
      feed = { ...feed, state, sinceTs: state === feed.state ? feed.sinceTs : now(), reason };
      changes += 1;
    }
    if (sources && sources.version !== sourcesVersion) {
      sourcesVersion = sources.version;
      const list = sources.sources();
      feed = list ? { ...feed, sources: list } : { state: feed.state, sinceTs: feed.sinceTs, reason: feed.reason };
      changes += 1;
    }
    return feed;
  };
  return {
    get version() {
      current();
      return source.version + changes;
    },
    snapshot: (at: number, view: View): Snapshot => ({ ...source.snapshot(at, view), feed: current() }),
    frame: (at: number) => {
      const frame = source.frame(at);
      const feedNow = current();
      return { view: (view: View): Snapshot => ({ ...frame.view(view), feed: feedNow }) };
    },
  };
}
