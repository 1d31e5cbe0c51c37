// Holds and hold checks: while a caller is on hold the agent must come back every
// holdCheckIntervalMs. Each check is due one interval after the previous one (or the hold's
// start); a check made within it is on time, and every due time that passed without one is a
// missed check. Misses are booked when the hold ends, and counted live for holds still open.
import { z } from 'zod';
import type { CoreConfig } from './core-config.js';
import { countAgentDay, type AgentDayState } from './agent-day.js';
import { countToday, type DayCounters } from './day.js';
import type { EventOf } from './events.js';
import type { HeldCall, Rate } from '../contract/snapshot.js';
import { LISTS } from '../contract/delta.js';
import type { View } from '../contract/view.js';
import type { Tier } from '../contract/vocabulary.js';
import { ratio } from './counts.js';

export const holdSchema = z.object({
  agentId: z.string(),
  sinceTs: z.number(),
  lastCheckTs: z.number(),
  /** Checks made late or not made during this hold. */
  missed: z.number(),
  /** Opened by a check whose call.held had not arrived (yet). */
  openedByCheck: z.boolean(),
});
export type Hold = z.infer<typeof holdSchema>;

export const endedHoldSchema = z.object({ sinceTs: z.number(), lastCheckTs: z.number(), endedTs: z.number() });
export type EndedHold = z.infer<typeof endedHoldSchema>;

/** The part of a call record that its holds read and write. */
export interface HoldingCall {
  id: string;
  hold: Hold | null;
  /** Latest event time that ended a hold (0: none); older hold events are stale. */
  holdEndedTs: number;
  /** The last hold that ended, so a check delivered after its end still counts. */
  lastHold: EndedHold | null;
}

export interface HoldsState extends AgentDayState {
  /** IDs of calls on hold now: the hold-check board without a scan of every call. */
  onHold: Map<string, true>;
}

export function onHeld(state: HoldsState, call: HoldingCall, event: EventOf<'call.held'>, config: CoreConfig): void {
  if (!call.hold) {
    if (event.ts > call.holdEndedTs) startHold(state, call, event.agentId, event.ts, false, config);
    return;
  }
  if (!call.hold.openedByCheck || event.ts >= call.hold.sinceTs) return;
  // The hold was opened by its first check, which came first: count that check now.
  const hold = call.hold;
  const firstCheckTs = hold.sinceTs;
  const { due, onTime } = checkCounts(firstCheckTs - event.ts, config.holdCheckIntervalMs);
  hold.sinceTs = event.ts;
  hold.openedByCheck = false;
  hold.missed += due - onTime;
  countChecks(state, hold.agentId, firstCheckTs, config, due, onTime);
}

export function onHoldCheck(state: HoldsState, call: HoldingCall, event: EventOf<'call.hold_check'>, config: CoreConfig): void {
  const last = call.lastHold;
  if (!call.hold && last && event.ts > last.lastCheckTs && event.ts < last.endedTs) {
    // A check made during a hold that has since ended, delivered late: it replaces part of the
    // misses booked when the hold ended.
    const { due, onTime } = checkCounts(event.ts - last.lastCheckTs, config.holdCheckIntervalMs);
    const missedBefore = missedChecks(last.lastCheckTs, last.endedTs, config.holdCheckIntervalMs);
    const missedAfter = missedChecks(event.ts, last.endedTs, config.holdCheckIntervalMs);
    last.lastCheckTs = event.ts;
    countChecks(state, event.agentId, event.ts, config, due, onTime);
    if (missedAfter !== missedBefore) countChecks(state, event.agentId, last.endedTs, config, missedAfter - missedBefore, 0);
    return;
  }
  if (event.ts <= call.holdEndedTs) return; // belongs to a hold that is already over
  if (!call.hold) {
    // The call.held was lost or is still on its way: the hold began no later than this check.
    startHold(state, call, event.agentId, event.ts, true, config);
    return;
  }
  const hold = call.hold;
  if (event.ts <= hold.lastCheckTs) return; // a repeat or an older check
  const { due, onTime } = checkCounts(event.ts - hold.lastCheckTs, config.holdCheckIntervalMs);
  hold.lastCheckTs = event.ts;
  hold.missed += due - onTime;
  countChecks(state, hold.agentId, event.ts, config, due, onTime);
}

/** Books checks that fell due to today's counters, and those missed to the agent's day. */
function countChecks(state: HoldsState, agentId: string, ts: number, config: CoreConfig, due: number, onTime: number): void {
  countToday(state, ts, config, { holdChecksDue: due, holdChecksOnTime: onTime });
  if (due !== onTime) countAgentDay(state, agentId, ts, config, { holdChecksMissed: due - onTime });
}

/** A check `elapsed` after the previous one: on time within the interval; past it, every due time it passed was missed. */
function checkCounts(elapsed: number, interval: number): { due: number; onTime: number } {
  return elapsed <= interval ? { due: 1, onTime: 1 } : { due: Math.ceil(elapsed / interval) - 1, onTime: 0 };
}

/** Checks that fell due and were not made between the last check and `ts`. */
export function missedChecks(lastCheckTs: number, ts: number, intervalMs: number): number {
  const elapsed = ts - lastCheckTs;
  return elapsed > intervalMs ? Math.ceil(elapsed / intervalMs) - 1 : 0;
}

function startHold(state: HoldsState, call: HoldingCall, agentId: string, ts: number, openedByCheck: boolean, config: CoreConfig): void {
  call.hold = { agentId, sinceTs: ts, lastCheckTs: ts, missed: 0, openedByCheck };
  state.onHold.set(call.id, true);
  countAgentDay(state, agentId, ts, config, { holds: 1 });
}

/** A call.resumed, or a transfer or end that takes the call off hold; books the checks missed since the last one. */
export function endHold(state: HoldsState, call: HoldingCall, ts: number, config: CoreConfig): void {
  if (ts > call.holdEndedTs) call.holdEndedTs = ts;
  const hold = call.hold;
  if (!hold || ts < hold.sinceTs) return;
  call.hold = null;
  call.lastHold = { sinceTs: hold.sinceTs, lastCheckTs: hold.lastCheckTs, endedTs: ts };
  state.onHold.delete(call.id);
  const missed = missedChecks(hold.lastCheckTs, ts, config.holdCheckIntervalMs);
  if (missed > 0) countChecks(state, hold.agentId, ts, config, missed, 0);
}

/** What the held-calls board reads of the state. */
export interface HeldSource {
  onHold: ReadonlyMap<string, true>;
  calls: ReadonlyMap<string, HoldingCall & { tier: Tier; queue: string | null; lastSeenAt: number; lastEventTs: number }>;
  agents: ReadonlyMap<string, { team: string | null; name: string | null }>;
}

/** The calls on hold now that the view shows, next check due first. */
export function heldCalls(state: HeldSource, config: CoreConfig, now: number, view: View, queues: ReadonlySet<string> | null, expiredBefore: number): HeldCall[] {
  const held: HeldCall[] = [];
  for (const callId of state.onHold.keys()) {
    const call = state.calls.get(callId);
    const hold = call?.hold;
    // Stale by its Redis time or by its own time (today's events appended hours late), as waiting calls are.
    if (!call || !hold || Math.min(call.lastSeenAt, call.lastEventTs) < expiredBefore) continue;
    const agent = state.agents.get(hold.agentId);
    if (view.team !== undefined ? agent?.team !== view.team : queues !== null && (call.queue === null || !queues.has(call.queue))) continue;
    held.push({
      callId: call.id,
      agentId: hold.agentId,
      queue: call.queue,
      heldSinceTs: hold.sinceTs,
      lastCheckTs: hold.lastCheckTs,
      nextCheckDueTs: hold.lastCheckTs + config.holdCheckIntervalMs,
      team: agent?.team ?? null,
      agentName: agent?.name ?? null,
      tier: call.tier,
      checksMissed: hold.missed + missedChecks(hold.lastCheckTs, now, config.holdCheckIntervalMs),
    });
  }
  return held.sort(LISTS.held.compare);
}

export interface HoldTotals {
  holdCheckOnTimeRate: Rate;
  holdChecksDue: number;
  holdChecksOnTime: number;
}

/** Today's checks, plus those missed so far in the holds shown that are still open. */
export function holdTotals(counters: DayCounters, held: readonly HeldCall[], now: number, config: CoreConfig): HoldTotals {
  const liveMissed = held.reduce((n, h) => n + missedChecks(h.lastCheckTs, now, config.holdCheckIntervalMs), 0);
  return {
    holdCheckOnTimeRate: ratio(counters.holdChecksOnTime, counters.holdChecksDue + liveMissed),
    holdChecksDue: counters.holdChecksDue + liveMissed,
    holdChecksOnTime: counters.holdChecksOnTime,
  };
}
