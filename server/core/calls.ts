// Calls: the record of each call the stream is talking about, from its first event until it is
// forgotten. Counts arrivals, blocked calls, surveys and resolutions once per call; ends the
// call's hold and open waits when it ends; sweeps out calls that ended long enough ago, and
// expires those that never ended.
import { z } from 'zod';
import { takeSeenBefore, watchAgain, watchCall, type CallExpiry } from './call-expiry.js';
import type { CoreConfig } from './core-config.js';
import { ratio } from './counts.js';
import { countToday, type DayCounters } from './day.js';
import type { EventOf } from './events.js';
import { endHold, endedHoldSchema, holdSchema, type HoldsState } from './holds.js';
import { abandonWaitsAtEnd, expireOpenVisits, setTier, visitSchema, type VisitsState } from './visits.js';
import type { Rate } from '../contract/snapshot.js';
import { TIERS } from '../contract/vocabulary.js';

/** A call's record. Its visits, holds and transfers document the fields they use (QueueingCall, HoldingCall, TransferringCall). */
export const callRecordSchema = z.object({
  id: z.string(),
  tier: z.enum(TIERS),
  arrivalCounted: z.boolean(),
  blocked: z.boolean(),
  visits: z.array(visitSchema),
  queue: z.string().nullable(),
  agentId: z.string().nullable(),
  hold: holdSchema.nullable(),
  holdEndedTs: z.number(),
  endedTs: z.number().nullable(),
  resolutionCounted: z.boolean(),
  surveyCounted: z.boolean(),
  transfers: z.array(z.number()),
  lastHold: endedHoldSchema.nullable(),
  /** Redis time (entry ID) of the last entry about this call: drives expiry. */
  lastSeenAt: z.number(),
  /** Event time of the last event about this call. */
  lastEventTs: z.number(),
});
export type CallRecord = z.infer<typeof callRecordSchema>;

export interface CallsState extends VisitsState, HoldsState {
  calls: Map<string, CallRecord>;
  /** Calls created, changed or forgotten since the last checkpoint took them (not persisted). */
  changedCalls: Set<string>;
  /** Which calls the sweep looks at (not persisted: rebuilt from the calls). */
  callExpiry: CallExpiry<CallRecord>;
}

/** Finds or creates the call an event is about; `unknownIfNew` counts a call first seen mid-flow. */
export function touchCall(state: CallsState, event: { callId: string; ts: number }, appendedAt: number, unknownIfNew: boolean): CallRecord {
  const { callId, ts } = event;
  let call = state.calls.get(callId);
  if (!call) {
    if (unknownIfNew) state.ingest.unknownCalls += 1;
    call = {
      id: callId,
      tier: 'standard',
      arrivalCounted: false,
      blocked: false,
      visits: [],
      queue: null,
      agentId: null,
      hold: null,
      holdEndedTs: 0,
      endedTs: null,
      resolutionCounted: false,
      surveyCounted: false,
      transfers: [],
      lastHold: null,
      lastSeenAt: appendedAt,
      lastEventTs: ts,
    };
    state.calls.set(callId, call);
    watchCall(state.callExpiry, call);
  }
  state.changedCalls.add(callId);
  call.lastSeenAt = Math.max(call.lastSeenAt, appendedAt);
  call.lastEventTs = Math.max(call.lastEventTs, ts);
  return call;
}

/** A call.arrived or call.queued: the call has arrived (counted once), with this tier if it says. */
export function onArrived(state: CallsState, call: CallRecord, event: EventOf<'call.arrived' | 'call.queued'>, config: CoreConfig): void {
  if (event.tier) setTier(state, call, event.tier, config);
  countArrival(state, call, event.ts, config);
}

export function onBlocked(state: CallsState, call: CallRecord, event: EventOf<'call.blocked'>, config: CoreConfig): void {
  countArrival(state, call, event.ts, config);
  if (call.blocked) return;
  call.blocked = true;
  countToday(state, event.ts, config, { blocked: 1 });
}

function countArrival(state: CallsState, call: CallRecord, ts: number, config: CoreConfig): void {
  if (call.arrivalCounted) return;
  call.arrivalCounted = true;
  countToday(state, ts, config, { arrived: 1 });
}

export function onSurvey(state: CallsState, call: CallRecord, event: EventOf<'survey.submitted'>, config: CoreConfig): void {
  if (call.surveyCounted) return;
  call.surveyCounted = true;
  countToday(state, event.ts, config, { surveySum: event.score, surveys: 1 });
}

export function onEnded(state: CallsState, call: CallRecord, event: EventOf<'call.ended'>, config: CoreConfig): void {
  endHold(state, call, event.ts, config);
  if (call.endedTs === null || event.ts > call.endedTs) call.endedTs = event.ts;
  abandonWaitsAtEnd(state, call, event.ts, config);
  if (event.resolved === undefined || call.resolutionCounted) return;
  call.resolutionCounted = true;
  countToday(state, event.ts, config, { endedWithResolution: 1, resolved: event.resolved ? 1 : 0 });
}

/**
 * Calls that never ended stop counting after the expiry time; ended calls are forgotten after
 * the retention time. Judged by Redis append time (`now`), so it is the same on every replay.
 */
export function sweepCalls(state: CallsState, now: number, config: CoreConfig): void {
  // Only calls idle for longer than the shorter of the two times can go: those are the ones the expiry index hands out.
  const horizon = now - Math.min(config.endedRetentionMs, config.callExpiryMs);
  for (const watched of takeSeenBefore(state.callExpiry, horizon)) {
    const call = watched.call;
    const id = call.id;
    if (state.calls.get(id) !== call) continue; // forgotten before
    const idle = now - call.lastSeenAt;
    if (call.endedTs !== null ? idle <= config.endedRetentionMs : idle <= config.callExpiryMs) {
      watchAgain(state.callExpiry, watched);
      continue;
    }
    // Anchored at when it expired, but never later than the stream has reached.
    expireOpenVisits(state, call, Math.min(call.lastEventTs + config.callExpiryMs, state.eventWatermark), config);
    state.calls.delete(id);
    state.onHold.delete(id);
    state.changedCalls.add(id);
  }
}

export interface CallTotals {
  arrived: number;
  blocked: number;
  systemConnectRate: Rate;
  satisfaction: number | null;
  firstContactResolution: Rate;
  surveys: number;
  endedWithResolution: number;
}

export function callTotals(counters: DayCounters): CallTotals {
  return {
    arrived: counters.arrived,
    blocked: counters.blocked,
    systemConnectRate: ratio(counters.arrived - counters.blocked, counters.arrived),
    satisfaction: counters.surveys > 0 ? counters.surveySum / counters.surveys : null,
    firstContactResolution: ratio(counters.resolved, counters.endedWithResolution),
    surveys: counters.surveys,
    endedWithResolution: counters.endedWithResolution,
  };
}
