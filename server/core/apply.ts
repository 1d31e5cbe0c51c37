// apply(): one stream entry into the state. No I/O and no clock: the entry's own event time and
// its Redis append time (the entry ID) are the only times it looks at, so replaying the same
// entries, in any batching, always yields the same state.
import type { CoreConfig } from './core-config.js';
import type { EventOf, QueueEvent } from './events.js';
import { compareEntryIds, entryIdMs } from './entry-id.js';
import {
  getOrCreate,
  type CallRecord,
  type ComplaintRecord,
  type State,
  type Visit,
} from './state.js';
import { countToday, placeInDay, pruneRolling, rebookVisit } from './tallies.js';
import { MINUTE_MS } from '../contract/constants.js';

export interface Entry {
  /** The stream key the entry came from. */
  stream: string;
  /** Its stream entry ID ("ms-seq"): the delivery identity. */
  id: string;
  event: QueueEvent;
}

/** How often (in Redis time) calls are swept for expiry. */
const GC_EVERY_MS = MINUTE_MS;

export type ApplyResult = 'applied' | 'duplicate';

/** Applies one entry, mutating `state`. An entry at or below the stream's cursor is a duplicate. */
export function apply(state: State, entry: Entry, config: CoreConfig): ApplyResult {
  if (!advanceCursor(state, entry.stream, entry.id)) {
    state.ingest.duplicates += 1;
    return 'duplicate';
  }
  const appendedAt = entryIdMs(entry.id);
  const event = clampClock(state, entry.event, appendedAt, config);
  if (appendedAt > state.arrivalWatermark) state.arrivalWatermark = appendedAt;
  if (event.ts > state.eventWatermark) {
    const movedMinute = Math.floor(event.ts / MINUTE_MS) !== Math.floor(state.eventWatermark / MINUTE_MS);
    state.eventWatermark = event.ts;
    if (movedMinute) pruneRolling(state);
  }
  applyEvent(state, event, appendedAt, config);
  state.ingest.applied += 1;
  if (state.arrivalWatermark - state.lastGcAt >= GC_EVERY_MS) sweepCalls(state, config);
  return 'applied';
}

/** Records an entry that failed validation: it moves the cursor like any other entry. */
export function skipInvalid(state: State, stream: string, id: string): ApplyResult {
  if (!advanceCursor(state, stream, id)) {
    state.ingest.duplicates += 1;
    return 'duplicate';
  }
  state.ingest.deadLettered += 1;
  return 'applied';
}

function advanceCursor(state: State, stream: string, id: string): boolean {
  const cursor = state.cursors.get(stream);
  if (cursor !== undefined && compareEntryIds(id, cursor) <= 0) return false;
  state.cursors.set(stream, id);
  return true;
}

// A producer whose clock runs ahead would open tomorrow early or expire calls; Redis's append
// time is one clock for all producers, so an event may not claim to be later than that.
function clampClock(state: State, event: QueueEvent, appendedAt: number, config: CoreConfig): QueueEvent {
  if (event.ts <= appendedAt + config.maxClockAheadMs) return event;
  state.ingest.clockSkewed += 1;
  return { ...event, ts: appendedAt };
}

function applyEvent(state: State, event: QueueEvent, appendedAt: number, config: CoreConfig): void {
  switch (event.type) {
    case 'call.arrived': {
      const call = touchCall(state, event.callId, event.ts, appendedAt, false);
      if (event.tier) setTier(state, call, event.tier, config);
      countArrival(state, call, event.ts, config);
      return;
    }
    case 'call.blocked': {
      const call = touchCall(state, event.callId, event.ts, appendedAt, false);
      countArrival(state, call, event.ts, config);
      if (!call.blocked) {
        call.blocked = true;
        countToday(state, event.ts, config, { blocked: 1 });
      }
      return;
    }
    case 'call.queued':
      return onQueued(state, event, appendedAt, config);
    case 'call.answered':
    case 'call.abandoned':
      return onOutcome(state, event, appendedAt, config);
    case 'call.held':
      return onHeld(state, event, appendedAt, config);
    case 'call.hold_check':
      return onHoldCheck(state, event, appendedAt, config);
    case 'call.resumed': {
      const call = touchCall(state, event.callId, event.ts, appendedAt, true);
      endHold(state, call, event.ts, config);
      return;
    }
    case 'call.transferred':
      return onTransferred(state, event, appendedAt, config);
    case 'call.ended':
      return onEnded(state, event, appendedAt, config);
    case 'survey.submitted': {
      const call = touchCall(state, event.callId, event.ts, appendedAt, true);
      if (call.surveyCounted) return;
      call.surveyCounted = true;
      countToday(state, event.ts, config, { surveySum: event.score, surveys: 1 });
      return;
    }
    case 'agent.state':
      return onAgentState(state, event);
    case 'complaint.opened': {
      const c = complaint(state, event.complaintId);
      c.openedTs = event.ts;
      c.dueTs = event.dueTs ?? event.ts + config.complaintReplyMs;
      return;
    }
    case 'complaint.replied': {
      const c = complaint(state, event.complaintId);
      if (c.repliedTs !== null) return;
      placeInDay(state, event.ts, config); // a reply may be the first event of a new day
      c.repliedTs = event.ts;
      return;
    }
    default:
      assertNever(event);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled event ${JSON.stringify(value)}`);
}

/** Finds or creates a call; `unknownIfNew` counts a call first seen mid-flow. */
function touchCall(state: State, callId: string, ts: number, appendedAt: number, unknownIfNew: boolean): CallRecord {
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
  }
  state.changedCalls.add(callId);
  call.lastSeenAt = Math.max(call.lastSeenAt, appendedAt);
  call.lastEventTs = Math.max(call.lastEventTs, ts);
  return call;
}

function countArrival(state: State, call: CallRecord, ts: number, config: CoreConfig): void {
  if (call.arrivalCounted) return;
  call.arrivalCounted = true;
  countToday(state, ts, config, { arrived: 1 });
}

function setTier(state: State, call: CallRecord, tier: CallRecord['tier'], config: CoreConfig): void {
  if (call.tier === tier) return;
  call.tier = tier;
  for (const visit of call.visits) if (visit.contribution) rebookVisit(state, visit, tier, config);
}

function onQueued(state: State, event: EventOf<'call.queued'>, appendedAt: number, config: CoreConfig): void {
  const call = touchCall(state, event.callId, event.ts, appendedAt, false);
  if (event.tier) setTier(state, call, event.tier, config);
  countArrival(state, call, event.ts, config);
  const sameQueue = call.visits.filter((v) => v.queue === event.queue);
  // The answer or abandon came first (out of order): this fills in its queue time.
  const awaitingQueueTime = sameQueue.find((v) => v.queuedTs === null && v.outcomeTs !== null && v.outcomeTs >= event.ts);
  if (awaitingQueueTime) {
    awaitingQueueTime.queuedTs = event.ts;
    rebookVisit(state, awaitingQueueTime, call.tier, config);
    return;
  }
  if (sameQueue.some((v) => v.queuedTs === event.ts)) return; // a repeat
  // Still waiting there with no transfer since: the same wait reported again. After a transfer
  // back into the queue it is a new wait, even if the first one's answer has not arrived yet.
  const transferredSince = (v: Visit) => call.transfers.some((t) => t > (v.queuedTs ?? -1) && t <= event.ts);
  if (sameQueue.some((v) => v.outcome === null && !transferredSince(v))) return;
  const visit: Visit = { queue: event.queue, queuedTs: event.ts, outcome: null, outcomeTs: null, inferred: false, contribution: null };
  call.visits.push(visit);
  if (call.endedTs !== null && call.endedTs >= event.ts) {
    // The call had already ended (its end arrived first): the caller hung up while waiting.
    visit.outcome = 'abandoned';
    visit.outcomeTs = call.endedTs;
    visit.inferred = true;
  }
  rebookVisit(state, visit, call.tier, config);
  syncWaiting(state, call, event.queue);
}

function onOutcome(state: State, event: EventOf<'call.answered' | 'call.abandoned'>, appendedAt: number, config: CoreConfig): void {
  const call = touchCall(state, event.callId, event.ts, appendedAt, true);
  const outcome = event.type === 'call.answered' ? 'answered' : 'abandoned';
  if (event.type === 'call.answered') {
    call.queue = event.queue;
    call.agentId = event.agentId;
  }
  const sameQueue = call.visits.filter((v) => v.queue === event.queue);
  if (sameQueue.some((v) => v.outcome === outcome && v.outcomeTs === event.ts && !v.inferred)) return; // a repeat
  // The wait this outcome ends began before it: a later wait in the same queue is another one.
  const began = (v: Visit) => v.queuedTs === null || v.queuedTs <= event.ts;
  let visit = sameQueue.find((v) => v.outcome === null && began(v)) ?? sameQueue.find((v) => v.inferred && began(v));
  if (!visit) {
    if (sameQueue.some((v) => v.outcome !== null && v.queuedTs === null)) return; // a second outcome without a queueing
    visit = { queue: event.queue, queuedTs: null, outcome: null, outcomeTs: null, inferred: false, contribution: null };
    call.visits.push(visit);
  }
  visit.outcome = outcome;
  visit.outcomeTs = event.ts;
  visit.inferred = false;
  rebookVisit(state, visit, call.tier, config);
  syncWaiting(state, call, event.queue);
  if (outcome === 'abandoned') {
    state.recentAbandons.unshift({
      callId: call.id,
      queue: event.queue,
      tier: call.tier,
      waitMs: visit.contribution?.waitMs ?? null,
      ts: event.ts,
    });
    if (state.recentAbandons.length > config.recentAbandonsKept) state.recentAbandons.length = config.recentAbandonsKept;
  }
}

/** The waiting index for one call in one queue, from its open waits: the earliest still open. */
function syncWaiting(state: State, call: CallRecord, queue: string): void {
  let since: number | null = null;
  for (const v of call.visits) {
    if (v.queue === queue && v.outcome === null && v.queuedTs !== null && (since === null || v.queuedTs < since)) since = v.queuedTs;
  }
  if (since !== null && state.calls.has(call.id)) {
    getOrCreate(state.waiting, queue, () => new Map<string, number>()).set(call.id, since);
    return;
  }
  const waiting = state.waiting.get(queue);
  waiting?.delete(call.id);
  if (waiting?.size === 0) state.waiting.delete(queue);
}

function complaint(state: State, id: string): ComplaintRecord {
  return getOrCreate(state.complaints, id, () => ({ id, openedTs: null, dueTs: null, repliedTs: null }));
}

function onHeld(state: State, event: EventOf<'call.held'>, appendedAt: number, config: CoreConfig): void {
  const call = touchCall(state, event.callId, event.ts, appendedAt, true);
  if (!call.hold) {
    if (event.ts > call.holdEndedTs) startHold(state, call, event.agentId, event.ts, false);
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
  countToday(state, firstCheckTs, config, { holdChecksDue: due, holdChecksOnTime: onTime });
}

function onHoldCheck(state: State, event: EventOf<'call.hold_check'>, appendedAt: number, config: CoreConfig): void {
  const call = touchCall(state, event.callId, event.ts, appendedAt, true);
  const last = call.lastHold;
  if (!call.hold && last && event.ts > last.lastCheckTs && event.ts < last.endedTs) {
    // A check made during a hold that has since ended, delivered late: it replaces part of the
    // misses booked when the hold ended.
    const { due, onTime } = checkCounts(event.ts - last.lastCheckTs, config.holdCheckIntervalMs);
    const missedBefore = missedChecks(last.lastCheckTs, last.endedTs, config.holdCheckIntervalMs);
    const missedAfter = missedChecks(event.ts, last.endedTs, config.holdCheckIntervalMs);
    last.lastCheckTs = event.ts;
    countToday(state, event.ts, config, { holdChecksDue: due, holdChecksOnTime: onTime });
    if (missedAfter !== missedBefore) countToday(state, last.endedTs, config, { holdChecksDue: missedAfter - missedBefore });
    return;
  }
  if (event.ts <= call.holdEndedTs) return; // belongs to a hold that is already over
  if (!call.hold) {
    // The call.held was lost or is still on its way: the hold began no later than this check.
    startHold(state, call, event.agentId, event.ts, true);
    return;
  }
  const hold = call.hold;
  if (event.ts <= hold.lastCheckTs) return; // a repeat or an older check
  const { due, onTime } = checkCounts(event.ts - hold.lastCheckTs, config.holdCheckIntervalMs);
  hold.lastCheckTs = event.ts;
  hold.missed += due - onTime;
  countToday(state, event.ts, config, { holdChecksDue: due, holdChecksOnTime: onTime });
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

function startHold(state: State, call: CallRecord, agentId: string, ts: number, openedByCheck: boolean): void {
  call.hold = { agentId, sinceTs: ts, lastCheckTs: ts, missed: 0, openedByCheck };
  state.onHold.set(call.id, true);
}

function endHold(state: State, call: CallRecord, ts: number, config: CoreConfig): void {
  if (ts > call.holdEndedTs) call.holdEndedTs = ts;
  const hold = call.hold;
  if (!hold || ts < hold.sinceTs) return;
  call.hold = null;
  call.lastHold = { sinceTs: hold.sinceTs, lastCheckTs: hold.lastCheckTs, endedTs: ts };
  state.onHold.delete(call.id);
  const missed = missedChecks(hold.lastCheckTs, ts, config.holdCheckIntervalMs);
  if (missed > 0) countToday(state, ts, config, { holdChecksDue: missed });
}

function onTransferred(state: State, event: EventOf<'call.transferred'>, appendedAt: number, config: CoreConfig): void {
  const call = touchCall(state, event.callId, event.ts, appendedAt, true);
  endHold(state, call, event.ts, config);
  if (call.transfers.includes(event.ts)) return; // the same transfer reported again
  const latest = call.transfers.every((t) => t < event.ts);
  call.transfers.push(event.ts);
  if (latest) {
    // Where the call is now, unless a later transfer was already applied.
    if (event.toAgentId) call.agentId = event.toAgentId;
    if (event.toQueue) call.queue = event.toQueue;
  }
  const kind = event.mode === 'warm' ? 'warmTransfers' : event.mode === 'cold' ? 'coldTransfers' : 'otherTransfers';
  countToday(state, event.ts, config, { [kind]: 1 });
}

function onEnded(state: State, event: EventOf<'call.ended'>, appendedAt: number, config: CoreConfig): void {
  const call = touchCall(state, event.callId, event.ts, appendedAt, true);
  endHold(state, call, event.ts, config);
  if (call.endedTs === null || event.ts > call.endedTs) call.endedTs = event.ts;
  // A caller still waiting when the call ends has hung up: an abandon, unless an explicit
  // answer or abandon (delivered late) says otherwise.
  for (const visit of call.visits) {
    if (visit.outcome !== null || visit.queuedTs === null || visit.queuedTs > event.ts) continue;
    visit.outcome = 'abandoned';
    visit.outcomeTs = event.ts;
    visit.inferred = true;
    rebookVisit(state, visit, call.tier, config);
    syncWaiting(state, call, visit.queue);
  }
  if (event.resolved === undefined || call.resolutionCounted) return;
  call.resolutionCounted = true;
  countToday(state, event.ts, config, { endedWithResolution: 1, resolved: event.resolved ? 1 : 0 });
}

function onAgentState(state: State, event: EventOf<'agent.state'>): void {
  const agent = getOrCreate(state.agents, event.agentId, () => ({
    id: event.agentId,
    state: event.state,
    sinceTs: event.ts,
    lastEventTs: event.ts,
    name: null,
    team: null,
    queues: [],
    vip: false,
    reason: null,
  }));
  if (event.ts < agent.lastEventTs) return; // a late report of an older state
  agent.lastEventTs = event.ts;
  if (agent.state !== event.state) {
    agent.state = event.state;
    agent.sinceTs = event.ts;
  }
  agent.reason = event.reason ?? null;
  if (event.name !== undefined) agent.name = event.name;
  if (event.team !== undefined) agent.team = event.team;
  if (event.queues !== undefined) agent.queues = event.queues;
  if (event.vip !== undefined) agent.vip = event.vip;
}

/**
 * Calls that never ended stop counting after the expiry time; ended calls are forgotten after
 * the retention time. Judged by Redis append time, so it is the same on every replay.
 */
function sweepCalls(state: State, config: CoreConfig): void {
  const now = state.arrivalWatermark;
  state.lastGcAt = now;
  for (const [id, call] of state.calls) {
    const idle = now - call.lastSeenAt;
    if (call.endedTs !== null ? idle <= config.endedRetentionMs : idle <= config.callExpiryMs) continue;
    for (const visit of call.visits) {
      if (visit.outcome !== null) continue;
      visit.outcome = 'expired';
      // Anchored at when it expired, but never later than the stream has reached.
      visit.outcomeTs = Math.min(call.lastEventTs + config.callExpiryMs, state.eventWatermark);
      rebookVisit(state, visit, call.tier, config);
      syncWaiting(state, call, visit.queue);
    }
    state.calls.delete(id);
    state.onHold.delete(id);
    state.changedCalls.add(id);
  }
}
