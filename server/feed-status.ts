// The snapshot as served: the pure core's numbers plus whether the feed behind them is
// current, so a screen can say "data from HH:MM:SS" when the feed stops while the server runs.
import type { FeedStatus, Snapshot } from './contract/snapshot.js';
import type { View } from './contract/view.js';
import type { SnapshotSource } from './realtime/create-realtime.js';
import type { ConsumerStatus } from './redis/stream-consumer.js';

export function feedState(status: ConsumerStatus): FeedStatus['state'] {
  if (status.role === 'recovering') return 'catchingUp';
  if (status.role === 'stopped') return 'down';
  if (status.role !== 'active') return status.role;
  if (status.lastError) return 'down';
  return status.caughtUp ? 'live' : 'catchingUp';
}

/** What the feed status needs of the source monitor: its judgement of each PBX adapter. */
export interface SourcesView {
  readonly version: number;
  sources(): FeedStatus['sources'];
}

/** Wraps a snapshot source with the feed status (since when, on `now`'s clock) and the PBX sources; its version moves when any changes. */
export function withFeedStatus(source: SnapshotSource, consumer: { status: ConsumerStatus }, now: () => number, sources?: SourcesView): SnapshotSource {
  let feed: FeedStatus = { state: feedState(consumer.status), sinceTs: now(), reason: null };
  let sourcesVersion = -1;
  let changes = 0;
  const current = (): FeedStatus => {
    const state = feedState(consumer.status);
    const reason = state === 'down' ? consumer.status.lastError : null;
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
