// Callers who left a queue unanswered without hanging up (call.exited), to add to a floor
// scenario's events: in the half hour before `now`, in billing (standard callers) and vip (gold).
import type { EventInput } from '../../server/core/events.js';

const MIN = 60_000;

/** `count` exits per queue, each after a 90 s wait, the caller then ending in voicemail. */
export function exitEvents(now: number, count = 3): EventInput[] {
  const out: EventInput[] = [];
  for (const [queue, tier, reason] of [
    ['billing', 'standard', 'timeout'],
    ['vip', 'gold', 'key'],
  ] as const) {
    for (let i = 0; i < count; i++) {
      const callId = `x-${queue}-${i}`;
      const queued = now - 30 * MIN + i * 5 * MIN;
      out.push(
        { type: 'call.arrived', ts: queued - 5_000, callId, tier },
        { type: 'call.queued', ts: queued, callId, queue, tier },
        { type: 'call.exited', ts: queued + 90_000, callId, queue, reason },
        { type: 'call.ended', ts: queued + 150_000, callId },
      );
    }
  }
  return out.sort((a, b) => a.ts - b.ts);
}
