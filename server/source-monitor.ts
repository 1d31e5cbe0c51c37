// Which PBX adapters feed the board, and whether each still does: reads the status records the
// adapters publish beside the stream (server/ingest/source-status.ts) every couple of seconds and
// judges each on the server's own clock, so an adapter whose clock disagrees is judged fairly.
import type { RedisConnection } from './redis/connection.js';
import type { SourceFeed } from './contract/snapshot.js';
import { parseSourceStatus, type SourceStatus } from './ingest/source-status.js';
import type { Logger } from './log.js';
import { keys } from './redis/keys.js';

export interface SourceJudgement {
  /** A record not rewritten for this long means its adapter stopped (adapters rewrite it every 5 s). @default 20000 */
  goneAfterMs: number;
  /** A reporting source with no new event for this long is shown as quiet; 0 never. @default 600000 (10 min) */
  quietAfterMs: number;
  /** A source gone for this long is no longer listed (a PBX taken out of service). @default 86400000 (24 h) */
  forgetAfterMs: number;
  /** How often the records are read. @default 2000 */
  pollMs: number;
}

export const DEFAULT_SOURCE_JUDGEMENT: SourceJudgement = { goneAfterMs: 20_000, quietAfterMs: 600_000, forgetAfterMs: 86_400_000, pollMs: 2000 };

interface Track {
  json: string;
  record: SourceStatus;
  /** Server time the record last changed. */
  changedTs: number;
  /** Server time its event count last moved. */
  eventsTs: number;
  feed: SourceFeed | null;
}

/** The pure part: records in, each source's state out, with since-times on the server's clock. */
export class SourceTracker {
  private readonly tracks = new Map<string, Track>();
  /** Moves whenever what sources() returns changes. */
  version = 0;

  constructor(private readonly judgement: SourceJudgement = DEFAULT_SOURCE_JUDGEMENT) {}

  /** Takes the records as read (hash field → JSON) at server time `now`. */
  observe(raw: Readonly<Record<string, string>>, now: number): void {
    for (const [field, json] of Object.entries(raw)) {
      const known = this.tracks.get(field);
      if (known?.json === json) continue;
      const record = parseSourceStatus(json);
      if (!record) continue;
      if (!known) {
        // First sight (a server start): the age of the last event by the adapter's own clock.
        const age = record.lastEventTs === null ? 0 : Math.max(0, record.heartbeatTs - record.lastEventTs);
        this.tracks.set(field, { json, record, changedTs: now, eventsTs: now - age, feed: null });
      } else {
        const moved = record.events !== known.record.events || record.startedTs !== known.record.startedTs;
        this.tracks.set(field, { json, record, changedTs: now, eventsTs: moved ? now : known.eventsTs, feed: known.feed });
      }
    }
    for (const field of this.tracks.keys()) if (!(field in raw)) this.tracks.delete(field);
    this.judge(now);
  }

  private judge(now: number): void {
    const { goneAfterMs, quietAfterMs, forgetAfterMs } = this.judgement;
    let changed = false;
    for (const track of this.tracks.values()) {
      const { record } = track;
      let state: SourceFeed['state'];
      let since: number;
      let reason: string | null = null;
      if (now - track.changedTs > goneAfterMs) {
        state = 'gone';
        since = track.changedTs;
        reason = record.link === 'down' ? record.linkReason : 'no report from the adapter';
        if (now - track.changedTs > forgetAfterMs) {
          // Kept (so the same stale record is not taken for a new one) but no longer shown.
          if (track.feed) changed = true;
          track.feed = null;
          continue;
        }
      } else if (record.link === 'down') {
        state = 'down';
        // Since when by the adapter's own account, carried over to the server's clock.
        since = track.feed?.state === 'down' ? track.feed.sinceTs : Math.min(now, track.changedTs - Math.max(0, record.heartbeatTs - record.linkSinceTs));
        reason = record.linkReason;
      } else if (quietAfterMs > 0 && now - track.eventsTs > quietAfterMs) {
        state = 'quiet';
        since = track.eventsTs;
      } else {
        state = 'live';
        since = track.feed?.state === 'live' ? track.feed.sinceTs : now;
      }
      const prev = track.feed;
      if (
        prev &&
        prev.state === state &&
        prev.sinceTs === since &&
        prev.reason === reason &&
        prev.lastEventTs === record.lastEventTs &&
        prev.lastSeenTs === track.eventsTs
      )
        continue;
      track.feed = { source: record.source, adapter: record.adapter, state, sinceTs: since, lastEventTs: record.lastEventTs, lastSeenTs: track.eventsTs, reason };
      changed = true;
    }
    if (changed) this.version += 1;
  }

  /** Re-judges at `now` without a new read (a source goes quiet or gone by time alone). */
  tick(now: number): void {
    this.judge(now);
  }

  /** The sources for the snapshot, by name; undefined when none has ever reported. */
  sources(): SourceFeed[] | undefined {
    if (this.tracks.size === 0) return undefined;
    return [...this.tracks.values()].flatMap((t) => (t.feed ? [t.feed] : [])).sort((a, b) => a.source.localeCompare(b.source) || a.adapter.localeCompare(b.adapter));
  }

  /** Everything known of each source, counts included, for REST. */
  details(): (SourceStatus & { state: SourceFeed['state']; sinceTs: number })[] {
    return [...this.tracks.values()]
      .filter((t) => t.feed)
      .map((t) => ({ ...t.record, state: t.feed!.state, sinceTs: t.feed!.sinceTs }))
      .sort((a, b) => a.source.localeCompare(b.source) || a.adapter.localeCompare(b.adapter));
  }
}

export interface SourceMonitor {
  readonly tracker: SourceTracker;
  stop(): void;
}

/** Polls the sources hash of every stream into the tracker; a failed read is logged and retried, the last judgement stands. */
export function startSourceMonitor(
  redis: RedisConnection,
  streams: readonly string[],
  tracker: SourceTracker,
  now: () => number,
  log: Logger,
  pollMs: number,
): SourceMonitor {
  let stopped = false;
  let failing = false;
  const poll = async () => {
    try {
      const all: Record<string, string> = {};
      for (const stream of streams) {
        const records = await redis.hgetall(keys.ingestSources(stream));
        for (const [field, json] of Object.entries(records)) all[streams.length > 1 ? `${stream} ${field}` : field] = json;
      }
      tracker.observe(all, now());
      if (failing) log.info('source status readable again');
      failing = false;
    } catch (error) {
      if (!failing) log.warn('cannot read the source status', { error: error as Error });
      failing = true;
      tracker.tick(now());
    }
  };
  void poll();
  const timer = setInterval(() => {
    if (!stopped) void poll();
  }, pollMs);
  timer.unref();
  return {
    tracker,
    stop: () => {
      stopped = true;
      clearInterval(timer);
    },
  };
}
