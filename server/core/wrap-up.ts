// Wrap-up (after-call work): an agent in `acw` takes no call, so the staffing hint's handle time
// counts it. An acw episode belongs to the call the agent answered last before it began, and so to
// that call's queue (an agent serving several queues wraps up for the one it answered); its length
// is booked when the agent leaves acw, by event time, into a rolling minute per queue. Each answer
// is wrapped up at most once: a second acw after the same call (the agent went back into it, or
// into a manual acw with no call since) counts nothing, nor does an acw with no answer before it.
// An acw ended by logging off counts nothing either: the time up to the log-off says when the
// agent left, not how long the call's work took. An answer is forgotten with its call (30 min
// after the call's end by default), so an acw left on longer than that counts nothing.
import type { AgentsState } from './agents.js';
import type { EventOf } from './events.js';
import { getOrCreate } from './map-utils.js';
import { minuteIndex, pruneMinutes, rollingHorizon } from './windows.js';

/** An agent's answer still awaiting its wrap-up: where that wrap-up belongs. */
export interface AgentAnswer {
  callId: string;
  queue: string;
  ts: number;
}

/** The part of a call record its answers are read from. */
interface AnsweredCall {
  id: string;
  visits: readonly { queue: string; outcome: string | null; outcomeTs: number | null; agentId: string | null }[];
}

export interface WrapUpState extends Pick<AgentsState, 'agents'> {
  /** Highest (clamped) event time seen: drives the window's horizon, as the rolling counts'. */
  eventWatermark: number;
  /** Agent → the answer time of its call last wrapped up (or left by logging off): no answer up to it awaits a wrap-up. */
  wrappedTs: Map<string, number>;
  /**
   * Agent → its answers after wrappedTs, oldest first (at most ANSWERS_KEPT, of calls still
   * remembered). Derived from the calls' answered visits and wrappedTs, so rebuilt on restore,
   * never stored.
   */
  agentAnswers: Map<string, AgentAnswer[]>;
  /** Queue → minute index → ms of wrap-up that ended in that minute, for the staffing window. */
  wrapUps: Map<string, Map<number, number>>;
  /** The calls remembered: an answer is forgotten with its call. */
  calls: ReadonlyMap<string, AnsweredCall>;
}

/** Answers remembered per agent: the last one before an acw is the one wrapped up; a few more absorb answers delivered out of order. */
const ANSWERS_KEPT = 4;

const noAnswers = (): AgentAnswer[] => [];

function addAnswer(index: Map<string, AgentAnswer[]>, agentId: string, answer: AgentAnswer): void {
  const answers = getOrCreate(index, agentId, noAnswers);
  for (const a of answers) if (a.callId === answer.callId && a.ts === answer.ts) return; // a repeat
  let at = answers.length;
  while (at > 0 && answers[at - 1]!.ts > answer.ts) at -= 1;
  if (at === answers.length)
    answers.push(answer); // the usual case: the newest (no array for splice to return)
  else answers.splice(at, 0, answer);
  if (answers.length > ANSWERS_KEPT) answers.shift();
}

const awaitsWrapUp = (state: Pick<WrapUpState, 'wrappedTs'>, agentId: string, ts: number) => ts > (state.wrappedTs.get(agentId) ?? -Infinity);

/**
 * A call.answered, once the call's visits have taken it: the agent's latest call, whose wrap-up
 * is still to come. Taken only as a visit records it, so the index is what restoring rebuilds.
 */
export function noteAnswer(state: WrapUpState, call: AnsweredCall, event: EventOf<'call.answered'>): void {
  if (!awaitsWrapUp(state, event.agentId, event.ts)) return; // older than the call last wrapped up: no acw's call any more
  for (const v of call.visits) {
    if (v.outcome !== 'answered' || v.outcomeTs !== event.ts || v.agentId !== event.agentId || v.queue !== event.queue) continue;
    addAnswer(state.agentAnswers, event.agentId, { callId: call.id, queue: event.queue, ts: event.ts });
    return;
  }
}

/** The index of answers awaiting their wrap-up, from the calls remembered (on restore). */
export function agentAnswersOf(state: Pick<WrapUpState, 'wrappedTs' | 'calls'>): Map<string, AgentAnswer[]> {
  const index = new Map<string, AgentAnswer[]>();
  for (const call of state.calls.values()) {
    for (const v of call.visits) {
      if (v.outcome !== 'answered' || v.agentId === null || v.outcomeTs === null || !awaitsWrapUp(state, v.agentId, v.outcomeTs)) continue;
      addAnswer(index, v.agentId, { callId: call.id, queue: v.queue, ts: v.outcomeTs });
    }
  }
  return index;
}

/**
 * An agent.state, read before the agent's record takes it: when it moves the agent out of acw,
 * the episode (from the acw report to this one) is the wrap-up of the agent's last answer before
 * it began. A report older than the agent's newest is ignored, as the agent's state ignores it; a
 * repeated report of the new state is no move, so a duplicate books nothing.
 */
export function onAgentLeavesAcw(state: WrapUpState, event: EventOf<'agent.state'>): void {
  if (event.state === 'acw') return;
  const agent = state.agents.get(event.agentId);
  if (agent === undefined || agent.state !== 'acw' || event.ts < agent.lastEventTs) return;
  const answers = state.agentAnswers.get(event.agentId);
  if (answers === undefined) return;
  let at = -1;
  for (let i = 0; i < answers.length; i++) if (answers[i]!.ts <= agent.sinceTs) at = i;
  if (at < 0) return;
  const answer = answers[at]!;
  // It, and the answers before it, await no wrap-up any more.
  state.wrappedTs.set(event.agentId, answer.ts);
  if (at + 1 === answers.length) state.agentAnswers.delete(event.agentId);
  else answers.splice(0, at + 1);
  if (event.state === 'offline') return;
  const minute = minuteIndex(event.ts);
  if (minute <= rollingHorizon(state.eventWatermark)) return;
  const minutes = getOrCreate(state.wrapUps, answer.queue, newMinutes);
  minutes.set(minute, (minutes.get(minute) ?? 0) + Math.max(0, event.ts - agent.sinceTs)); // producers' clocks disagree
}

const newMinutes = () => new Map<number, number>();

/** When the event watermark moves a minute: drops the minutes out of the window, as the rolling counts'. */
export function pruneWrapUps(state: WrapUpState): void {
  pruneMinutes(state.wrapUps, rollingHorizon(state.eventWatermark));
}

/**
 * After the sweep of calls and agents: forgets the answers of the calls it forgot, and what was wrapped up by
 * agents no longer remembered (forgotten after 12 hours or more, when their calls are long gone).
 */
export function forgetAnswers(state: WrapUpState, agentsForgotten: boolean): void {
  // Once a minute over every agent's few answers: it allocates only where a call was forgotten.
  for (const [agentId, answers] of state.agentAnswers) {
    let forgotten = 0;
    for (const a of answers) if (!state.calls.has(a.callId)) forgotten += 1;
    if (forgotten === answers.length) state.agentAnswers.delete(agentId);
    else if (forgotten > 0)
      state.agentAnswers.set(
        agentId,
        answers.filter((a) => state.calls.has(a.callId)),
      );
  }
  if (agentsForgotten) for (const agentId of state.wrappedTs.keys()) if (!state.agents.has(agentId)) state.wrappedTs.delete(agentId);
}
