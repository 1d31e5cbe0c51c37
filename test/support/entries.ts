// Builds stream entries for core tests: events through the real schema (encode → decode), with
// entry IDs whose ms part is the event time unless told otherwise.
import { decode, encode, type EventInput, type QueueEvent } from '../../server/core/events.js';
import type { Entry } from '../../server/core/apply.js';

/** 2026-11-23 09:00:00 in Asia/Shanghai. */
export const T0 = Date.UTC(2026, 10, 23, 1, 0, 0);
export const SEC = 1000;
export const MIN = 60_000;

export function event(input: EventInput): QueueEvent {
  const result = decode(encode(input));
  if (!result.ok) throw new Error(`test event does not validate: ${result.reason}`);
  return result.event;
}

/** Numbers entries in order: ID "ms-seq" with ms = appendedAt ?? the event time. */
export function entries(inputs: Array<EventInput & { appendedAt?: number }>, stream = 'wallboard:events'): Entry[] {
  let lastMs = 0;
  let seq = 0;
  return inputs.map(({ appendedAt, ...input }) => {
    const ms = Math.max(appendedAt ?? input.ts, lastMs);
    seq = ms === lastMs ? seq + 1 : 0;
    lastMs = ms;
    return { stream, id: `${ms}-${seq}`, event: event(input) };
  });
}
