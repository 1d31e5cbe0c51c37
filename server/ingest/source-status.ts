// What each adapter says about itself, so the server can show which source is feeding the board
// and which went quiet: one JSON record per source and adapter in a Redis hash beside the stream,
// written with every batch of events (in the same MULTI) and on a heartbeat while idle.
import { z } from 'zod';
import type { EventInput } from '../core/events.js';

/** Skip categories kept per record; further ones are counted under "other" so the record stays small. */
const MAX_SKIP_CATEGORIES = 50;

export const sourceStatusSchema = z.object({
  /** The source's name (see source-name.ts). */
  source: z.string().min(1).max(32),
  /** The adapter kind: "queue-log", "ami", "http", or a third-party producer's own. */
  adapter: z.string().min(1).max(32),
  /** Whether the adapter is connected to its PBX (AMI socket logged in, log file open). */
  link: z.enum(['up', 'down']),
  /** Why the link is down ("ECONNREFUSED", "file missing", "stopped"); null when up. */
  linkReason: z.string().max(256).nullable(),
  /** Since when the link has been what it is (adapter's clock). */
  linkSinceTs: z.number(),
  /** When the adapter process started (adapter's clock). */
  startedTs: z.number(),
  /** When this record was written (adapter's clock); the server judges liveness by the record changing, not by this clock. */
  heartbeatTs: z.number(),
  /** Event time of the latest event appended, or null before the first. */
  lastEventTs: z.number().nullable(),
  /** Events appended since the adapter started. */
  events: z.number().int().min(0),
  /** Lines or messages skipped since the adapter started, by reason ("unknown event PENALTY", "unparsable line"). */
  skipped: z.record(z.string(), z.number().int().min(0)),
  /** Where the adapter runs (host name and process id), for the operator. */
  host: z.string().max(256),
  pid: z.number().int(),
});
export type SourceStatus = z.output<typeof sourceStatusSchema>;

/** The hash field of a record: "pbx1/queue-log". */
export function sourceField(source: string, adapter: string): string {
  return `${source}/${adapter}`;
}

/** Parses a record read back from Redis; null (not a throw) for one that does not fit, so one bad writer cannot hide the others. */
export function parseSourceStatus(json: string): SourceStatus | null {
  try {
    const parsed = sourceStatusSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface SourceReporterOptions {
  source: string;
  adapter: string;
  /** The adapter's clock (ms). */
  now: () => number;
  /** Host name and process id shown to the operator. */
  host: string;
  pid: number;
}

/** Keeps one adapter's counts and link state and renders its record. */
export class SourceReporter {
  readonly source: string;
  readonly adapter: string;
  private readonly now: () => number;
  private status: SourceStatus;

  constructor(options: SourceReporterOptions) {
    this.source = options.source;
    this.adapter = options.adapter;
    this.now = options.now;
    const t = options.now();
    this.status = {
      source: options.source,
      adapter: options.adapter,
      link: 'down',
      linkReason: 'starting',
      linkSinceTs: t,
      startedTs: t,
      heartbeatTs: t,
      lastEventTs: null,
      events: 0,
      skipped: {},
      host: options.host,
      pid: options.pid,
    };
  }

  get field(): string {
    return sourceField(this.source, this.adapter);
  }

  /** Counts one skipped line or message under `reason` (keep reasons few: "unknown event X", not the line). */
  skip(reason: string, count = 1): void {
    const skipped = this.status.skipped;
    const key = reason in skipped || Object.keys(skipped).length < MAX_SKIP_CATEGORIES ? reason.slice(0, 128) : 'other';
    skipped[key] = (skipped[key] ?? 0) + count;
  }

  /** Total skipped, for summary lines. */
  get skippedTotal(): number {
    return Object.values(this.status.skipped).reduce((a, b) => a + b, 0);
  }

  /** Records whether the adapter reaches its PBX; the time moves only when the state or reason changes. */
  link(state: 'up' | 'down', reason: string | null = null): void {
    const linkReason = state === 'up' ? null : (reason ?? 'unknown').slice(0, 256);
    if (state === this.status.link && linkReason === this.status.linkReason) return;
    this.status = { ...this.status, link: state, linkReason, linkSinceTs: this.now() };
  }

  /** The record as it will be once `events` are appended (written in the same MULTI as they are). */
  preview(events: readonly EventInput[] = []): SourceStatus {
    let lastEventTs = this.status.lastEventTs;
    for (const e of events) if (lastEventTs === null || e.ts > lastEventTs) lastEventTs = e.ts;
    return { ...this.status, skipped: { ...this.status.skipped }, heartbeatTs: this.now(), lastEventTs, events: this.status.events + events.length };
  }

  /** Takes a successful append into the counts. */
  appended(events: readonly EventInput[]): void {
    const next = this.preview(events);
    this.status = { ...next, skipped: this.status.skipped };
  }

  /** The current record. */
  get current(): SourceStatus {
    return this.preview();
  }
}
