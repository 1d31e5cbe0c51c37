// Delivery: what happens to a stream entry before and after its event is applied. An entry
// at or below its stream's cursor is a duplicate (delivery is at least once); an event time
// ahead of the Redis append time is clamped to it, one older than the call expiry is dropped;
// the watermarks move; and once a minute of Redis time the calls are swept for expiry.
import type { CoreConfig } from './core-config.js';
import { compareEntryIds } from './entry-id.js';
import { dayWindow } from './windows.js';
import type { QueueEvent } from './events.js';
import { MINUTE_MS } from '../contract/constants.js';
import type { IngestCounters } from '../contract/snapshot.js';

export interface DeliveryState {
  /** Last applied entry ID per stream key: anything at or below it is a duplicate. */
  cursors: Map<string, string>;
  /** Highest Redis append time seen (ms part of entry IDs): the expiry clock. */
  arrivalWatermark: number;
  /** Highest (clamped) event time seen: drives the rolling window's horizon. */
  eventWatermark: number;
  /** Redis time of the last sweep of calls for expiry. */
  lastGcAt: number;
  ingest: IngestCounters;
}

/** An entry refused because it would add an id past a cardinality limit (see limits.ts): the edge dead-letters it. */
export interface Refused {
  refused: string;
}

export type ApplyResult = 'applied' | 'duplicate' | Refused;

/** How often (in Redis time) calls are swept for expiry. */
const GC_EVERY_MS = MINUTE_MS;

/** Moves the stream's cursor to `id`; false (and counted) for a duplicate, at or below the cursor. */
export function acceptEntry(state: DeliveryState, stream: string, id: string): boolean {
  const cursor = state.cursors.get(stream);
  if (cursor !== undefined && compareEntryIds(id, cursor) <= 0) {
    state.ingest.duplicates += 1;
    return false;
  }
  state.cursors.set(stream, id);
  return true;
}

/** Records an entry that failed validation: it moves the cursor like any other entry. */
export function skipInvalid(state: DeliveryState, stream: string, id: string): ApplyResult {
  if (!acceptEntry(state, stream, id)) return 'duplicate';
  state.ingest.deadLettered += 1;
  return 'applied';
}

// A producer whose clock runs ahead would open tomorrow early or expire calls; Redis's append
// time is one clock for all producers, so an event may not claim to be later than that.
export function clampClock(state: DeliveryState, event: QueueEvent, appendedAt: number, config: CoreConfig): QueueEvent {
  if (event.ts <= appendedAt + config.maxClockAheadMs) return event;
  state.ingest.clockSkewed += 1;
  return { ...event, ts: appendedAt };
}

// An event older than the call expiry by its Redis append time would put a call waiting, an
// agent's state or a hold into the live state that the expiry sweep already counts as gone (a
// producer's epoch 0 showed a 56-year longest wait): it is counted as late and applied to nothing.
// Append time, not the server's clock, so that a replay of the stream drops the same entries.
// Today's events are kept however old (see below): the expiry sweep keeps them out of "waiting".
// Complaints live for days (a reply may be filed late) and are left to the day's own rules.
export function tooOld(state: DeliveryState, event: QueueEvent, appendedAt: number, config: CoreConfig): boolean {
  if (event.type === 'complaint.opened' || event.type === 'complaint.replied') return false;
  if (event.ts >= appendedAt - config.callExpiryMs) return false;
  // A producer catching up on today (a queue_log adapter's first start reads from midnight) is
  // not late: the day's counts need those events. Only what is older and from an earlier day goes.
  if (event.ts >= dayWindow(appendedAt, config.timeZone).startTs) return false;
  state.ingest.lateDropped += 1;
  return true;
}

/** Records an entry whose event was refused by a limit: it moves the cursor and counts as dead-lettered. */
export function refuse(state: DeliveryState, reason: string): Refused {
  state.ingest.deadLettered += 1;
  return { refused: reason };
}

/** Moves the arrival watermark (Redis time) to `appendedAt` if it is later. */
export function advanceArrival(state: DeliveryState, appendedAt: number): void {
  if (appendedAt > state.arrivalWatermark) state.arrivalWatermark = appendedAt;
}

/** Moves both watermarks; returns whether the event watermark entered a new minute. */
export function advanceWatermarks(state: DeliveryState, eventTs: number, appendedAt: number): boolean {
  advanceArrival(state, appendedAt);
  if (eventTs <= state.eventWatermark) return false;
  const movedMinute = Math.floor(eventTs / MINUTE_MS) !== Math.floor(state.eventWatermark / MINUTE_MS);
  state.eventWatermark = eventTs;
  return movedMinute;
}

/** Whether a sweep of calls is due (once a minute of Redis time); marks it as done. */
export function sweepDue(state: DeliveryState): boolean {
  if (state.arrivalWatermark - state.lastGcAt < GC_EVERY_MS) return false;
  state.lastGcAt = state.arrivalWatermark;
  return true;
}
