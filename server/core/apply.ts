// apply(): one stream entry into the state. No I/O and no clock: the entry's own event time and
// its Redis append time (the entry ID) are the only times it looks at, so replaying the same
// entries, in any batching, always yields the same state. Each event type goes to the module
// of its concern; which events may reveal a call not seen before is decided here.
import { rebookHandles } from './agent-day.js';
import { onAgentState } from './agents.js';
import { applyAlarmEvent, isAlarmStream } from './alarm-log.js';
import { onArrived, onBlocked, onEnded, onSurvey, sweepCalls, touchCall } from './calls.js';
import { onComplaintOpened, onComplaintReplied } from './complaints.js';
import type { CoreConfig } from './core-config.js';
import { placeInDay } from './day.js';
import { acceptEntry, advanceArrival, advanceWatermarks, clampClock, refuse, sweepDue, tooOld, type ApplyResult } from './delivery.js';
import { entryIdMs } from './entry-id.js';
import type { AlarmEvent, ProducerEvent, QueueEvent } from './events.js';
import { endHold, onHeld, onHoldCheck } from './holds.js';
import { forgetSilent, limitRefusal } from './limits.js';
import type { State } from './state.js';
import { onTransferred } from './transfers.js';
import { onOutcome, onQueued, pruneRolling } from './visits.js';
import { forgetAnswers, noteAnswer, onAgentLeavesAcw, pruneWrapUps } from './wrap-up.js';
import { isAlarmEventType } from '../contract/vocabulary.js';

export interface Entry {
  /** The stream key the entry came from. */
  stream: string;
  /** Its stream entry ID ("ms-seq"): the delivery identity. */
  id: string;
  event: QueueEvent;
}

/**
 * Applies one entry, mutating `state`. An entry at or below the stream's cursor is a duplicate;
 * one that would add an id past a cardinality limit is refused, and changes nothing but the cursor.
 */
export function apply(state: State, entry: Entry, config: CoreConfig): ApplyResult {
  if (!acceptEntry(state, entry.stream, entry.id)) return 'duplicate';
  if (isAlarmStream(entry.stream)) {
    if (!isAlarmEvent(entry.event)) return refuse(state, `${entry.event.type} does not belong in the alarm stream, which carries alarm events only`);
    // The server's own transitions: they move no watermark and count no ingest.
    applyAlarmEvent(state, entry.event);
    return 'applied';
  }
  if (isAlarmEvent(entry.event)) return refuse(state, `${entry.event.type} is written by the server only`);
  const appendedAt = entryIdMs(entry.id);
  if (tooOld(state, entry.event, appendedAt, config)) return 'applied'; // delivered, and counted as late
  const refusal = limitRefusal(state, entry.event, config.limits);
  if (refusal !== null) {
    // Redis time moves on all the same, so a feed of refused entries still sweeps (and makes room).
    advanceArrival(state, appendedAt);
    sweepIfDue(state, config);
    return refuse(state, refusal);
  }
  const event = clampClock(state, entry.event, appendedAt, config) as ProducerEvent;
  if (advanceWatermarks(state, event.ts, appendedAt)) {
    // The rolling window moved on a minute.
    pruneRolling(state);
    pruneWrapUps(state);
  }
  applyEvent(state, event, appendedAt, config);
  state.ingest.applied += 1;
  sweepIfDue(state, config);
  return 'applied';
}

/** Once a minute of Redis time: expires calls, forgets agents silent for long, and with them the answers awaiting a wrap-up. */
function sweepIfDue(state: State, config: CoreConfig): void {
  if (!sweepDue(state)) return;
  sweepCalls(state, state.arrivalWatermark, config);
  const agents = state.agents.size;
  forgetSilent(state, state.arrivalWatermark, config);
  forgetAnswers(state, state.agents.size < agents);
}

function isAlarmEvent(event: QueueEvent): event is AlarmEvent {
  return isAlarmEventType(event.type);
}

function applyEvent(state: State, event: ProducerEvent, appendedAt: number, config: CoreConfig): void {
  switch (event.type) {
    case 'call.arrived':
      return onArrived(state, touchCall(state, event, appendedAt, false), event, config);
    case 'call.blocked':
      return onBlocked(state, touchCall(state, event, appendedAt, false), event, config);
    case 'call.queued': {
      const call = touchCall(state, event, appendedAt, false);
      onArrived(state, call, event, config);
      return onQueued(state, call, event, config);
    }
    // The events below come after an arrival: one that opens a call's record counts an unknown call.
    case 'call.answered':
    case 'call.abandoned':
    case 'call.exited': {
      const call = touchCall(state, event, appendedAt, true);
      onOutcome(state, call, event, config);
      if (event.type === 'call.answered') noteAnswer(state, call, event); // whose wrap-up is to come
      return rebookHandles(state, call, config);
    }
    case 'call.held':
      return onHeld(state, touchCall(state, event, appendedAt, true), event, config);
    case 'call.hold_check':
      return onHoldCheck(state, touchCall(state, event, appendedAt, true), event, config);
    case 'call.resumed':
      return endHold(state, touchCall(state, event, appendedAt, true), event.ts, config);
    // An answer, a transfer or an end may start, end or move an agent's handle of the call.
    case 'call.transferred': {
      const call = touchCall(state, event, appendedAt, true);
      onTransferred(state, call, event, config);
      return rebookHandles(state, call, config);
    }
    case 'call.ended': {
      const call = touchCall(state, event, appendedAt, true);
      onEnded(state, call, event, config);
      return rebookHandles(state, call, config);
    }
    case 'survey.submitted':
      return onSurvey(state, touchCall(state, event, appendedAt, true), event, config);
    case 'agent.state':
      onAgentLeavesAcw(state, event); // reads the agent's state before this report
      return onAgentState(state, event);
    case 'complaint.opened':
      return onComplaintOpened(state, event, config);
    case 'complaint.replied':
      return onComplaintReplied(state, event, () => placeInDay(state, event.ts, config));
    default:
      return assertNever(event);
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled event ${JSON.stringify(value)}`);
}
