// Wrap-up (after-call work): an agent in `acw` takes no call, so the staffing hint's handle time
// counts it. An acw episode belongs to the call the agent answered last before it began, and so to
// that call's queue (an agent serving several queues wraps up for the one it answered); its length
// is booked when the agent leaves acw, by event time, into a rolling minute per queue. Each answer
// is wrapped up at most once: a second acw after the same call (the agent went back into it, or
// into a manual acw with no call since) counts nothing, nor does an acw with no answer before it.
// An acw ended by logging off counts nothing either: the time up to the log-off says when the
// agent left, not how long the call's work took. An answer is forgotten with its call (30 min
// after the call's end by default), so an acw left on longer than that counts nothing.
import { z } from 'zod';
import type { AgentsState } from './agents.js';
import type { EventOf } from './events.js';
import { getOrCreate } from './map-utils.js';
import { minuteIndex } from './windows.js';
import { WINDOW_MINUTES } from '../contract/constants.js';

/** An agent's answer, until its wrap-up: where that wrap-up belongs. */
export const agentAnswerSchema = z.object({
  callId: z.string(),
  queue: z.string(),
  ts: z.number(),
  /** An acw after it was booked (or ended by a log-off): no other acw is this call's. */
  wrapped: z.boolean(),
});
export type AgentAnswer = z.infer<typeof agentAnswerSchema>;

export interface WrapUpState extends Pick<AgentsState, 'agents'> {
  /** Highest (clamped) event time seen: drives the window's horizon, as the rolling counts'. */
  eventWatermark: number;
  /**
   * Agent → its latest answers, oldest first (at most ANSWERS_KEPT, of calls still remembered): the
   * one last wrapped up, if any, and those after it.
   */
  agentAnswers: Map<string, AgentAnswer[]>;
  /** Queue → minute index → ms of wrap-up that ended in that minute, for the staffing window. */
  wrapUps: Map<string, Map<number, number>>;
  /** The calls remembered: an answer is forgotten with its call. */
  calls: ReadonlyMap<string, unknown>;
}

/** Answers remembered per agent: the last one before an acw is the one wrapped up; a few more absorb answers delivered out of order. */
const ANSWERS_KEPT = 4;

const noAnswers = (): AgentAnswer[] => [];

/** A call.answered: the agent's latest call, whose wrap-up is still to come. */
export function noteAnswer(state: WrapUpState, event: EventOf<'call.answered'>): void {
  const answers = getOrCreate(state.agentAnswers, event.agentId, noAnswers);
  // Older than the call last wrapped up (the first, when there is one), it is no acw's call any more.
  if (answers.length > 0 && answers[0]!.wrapped && event.ts < answers[0]!.ts) return;
  for (const a of answers) if (a.callId === event.callId && a.ts === event.ts) return; // a repeat
  let at = answers.length;
  while (at > 0 && answers[at - 1]!.ts > event.ts) at -= 1;
  answers.splice(at, 0, { callId: event.callId, queue: event.queue, ts: event.ts, wrapped: false });
  if (answers.length > ANSWERS_KEPT) answers.shift();
}

/**
 * An agent.state, read before the agent's record takes it: when it moves the agent out of acw,
 * the episode (from the acw report to this one) is the wrap-up of the agent's last answer before
 * it began. A report older than the agent's newest is ignored, as the agent's state ignores it; a
 * repeated report of the new state is no move, so a duplicate books nothing.
 */
export function onAgentLeavesAcw(state: WrapUpState, event: EventOf<'agent.state'>): void {
  const agent = state.agents.get(event.agentId);
  if (agent === undefined || agent.state !== 'acw' || event.state === 'acw' || event.ts < agent.lastEventTs) return;
  const answers = state.agentAnswers.get(event.agentId);
  if (answers === undefined) return;
  let at = -1;
  for (let i = 0; i < answers.length; i++) if (answers[i]!.ts <= agent.sinceTs) at = i;
  const answer = answers[at];
  if (answer === undefined || answer.wrapped) return;
  answer.wrapped = true;
  answers.splice(0, at); // the answers before it can be no later acw's call: the checkpoint carries only what may still count
  if (event.state === 'offline') return;
  const minute = minuteIndex(event.ts);
  if (minute <= wrapHorizon(state)) return;
  const minutes = getOrCreate(state.wrapUps, answer.queue, newMinutes);
  minutes.set(minute, (minutes.get(minute) ?? 0) + Math.max(0, event.ts - agent.sinceTs)); // producers' clocks disagree
}

const newMinutes = () => new Map<number, number>();

/** Minutes at or below this index are outside any window reported again (the rolling counts' horizon). */
function wrapHorizon(state: WrapUpState): number {
  return minuteIndex(state.eventWatermark) - WINDOW_MINUTES - 1;
}

/** When the event watermark moves a minute: drops the minutes out of the window. */
export function pruneWrapUps(state: WrapUpState): void {
  const horizon = wrapHorizon(state);
  for (const [queue, minutes] of state.wrapUps) {
    for (const minute of minutes.keys()) if (minute <= horizon) minutes.delete(minute);
    if (minutes.size === 0) state.wrapUps.delete(queue);
  }
}

/** After the calls' sweep: forgets the answers of the calls it forgot. */
export function forgetAnswers(state: WrapUpState): void {
  for (const [agentId, answers] of state.agentAnswers) {
    const kept = answers.filter((a) => state.calls.has(a.callId));
    if (kept.length === 0) state.agentAnswers.delete(agentId);
    else if (kept.length < answers.length) state.agentAnswers.set(agentId, kept);
  }
}
