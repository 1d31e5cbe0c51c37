// How model time maps to the times written on the stream. A backfill writes model time as
// is (the past). Live mode starts at `liveStartTs`, where model time and wall time agree, and
// from there model time runs `speed` times faster than the wall clock; event times are the
// wall-clock moments the events fall due, so a 5-minute call lasts 5/speed minutes on the board.
import type { EventInput } from '../server/core/events.js';
import type { OutgoingEntry } from './publisher.js';
import type { FeedEntry } from './scenarios/messy-feed.js';

export interface Pacing {
  /** Wall-clock time at which a model time falls due (and the time written for it). */
  toWall(modelTs: number): number;
  /** Model time reached at a wall-clock time. */
  toModel(wallTs: number): number;
}

/** Identity: backfill entries carry their model times. */
export const BACKFILL_PACING: Pacing = { toWall: (ts) => ts, toModel: (ts) => ts };

export function livePacing(liveStartTs: number, speed: number): Pacing {
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be a finite number > 0 (got ${speed})`);
  return {
    toWall: (ts) => Math.floor(liveStartTs + (ts - liveStartTs) / speed),
    toModel: (wallTs) => liveStartTs + (wallTs - liveStartTs) * speed,
  };
}

/** The entry as written: its times (ts, and a complaint's dueTs) mapped to the wall clock. */
export function retime(entry: FeedEntry, pacing: Pacing): OutgoingEntry {
  switch (entry.kind) {
    case 'event':
      return { kind: 'event', event: retimeEvent(entry.event, (ts) => pacing.toWall(ts)) };
    case 'raw': {
      const ts = entry.fields['ts'];
      // Malformed entries keep their malformation: only a well-formed time is re-timed.
      if (ts === undefined || !/^\d+$/.test(ts)) return { kind: 'raw', fields: entry.fields };
      return { kind: 'raw', fields: { ...entry.fields, ts: String(pacing.toWall(Number(ts))) } };
    }
    default: {
      const unknown: never = entry;
      throw new Error(`unknown entry ${JSON.stringify(unknown)}`);
    }
  }
}

/** An event with its times moved by `map` (ts, and dueTs of a complaint). */
export function retimeEvent(event: EventInput, map: (ts: number) => number): EventInput {
  if (event.type === 'complaint.opened' && event.dueTs !== undefined) return { ...event, ts: map(event.ts), dueTs: map(event.dueTs) };
  return { ...event, ts: map(event.ts) };
}
