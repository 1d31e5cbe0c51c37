// queue_log lines → contract events. Pure: a line and the mapper's state in, events out (the
// state changes in place). The table is in the README ("Connecting your PBX"); the decisions
// that are not obvious are noted where they are made.
import type { EventInput } from '../../core/events.js';
import type { ExitReason } from '../../contract/vocabulary.js';
import { sourceCallId } from '../source-name.js';
import { agentFromField, type AgentRef } from '../agent-id.js';
import { addAgentQueue, agentTrack, derivedState, MAX_CALLS, MAX_DIDS, remember, rememberQueue, shownKey, type AgentTrack, type MapperState } from './mapper-state.js';
import { seconds, type QueueLogLine } from './queue-log-line.js';

export interface MapperOptions {
  /** The source name prefixed to call ids. */
  source: string;
  /** A replay's run tag, put before the PBX's call id so a replay never reuses a live run's ids ("replay-lx3k9a"). */
  runTag?: string;
}

export type LineOutcome = { kind: 'events'; events: EventInput[] } | { kind: 'ignored' } | { kind: 'skipped'; reason: string };

/** Known events that say nothing the board shows (counted as ignored, not as errors). */
const IGNORED = new Set(['AGENTDUMP', 'CONFIGRELOAD', 'QUEUESTART', 'SYSCOMPAT', 'INFO', 'PENALTY']);

const EXITS: Record<string, { reason: ExitReason | undefined; waitField: number }> = {
  EXITWITHTIMEOUT: { reason: 'timeout', waitField: 2 },
  EXITEMPTY: { reason: 'empty', waitField: 2 },
  EXITWITHKEY: { reason: 'key', waitField: 3 },
  // QueueWithdrawCaller (Asterisk 16+): taken out of the queue by an AMI action, not answered, not hung up.
  WITHDRAW: { reason: undefined, waitField: 2 },
};

interface Ctx {
  line: QueueLogLine;
  options: MapperOptions;
  state: MapperState;
  events: EventInput[];
}

export function mapLine(state: MapperState, line: QueueLogLine, options: MapperOptions): LineOutcome {
  const ctx: Ctx = { line, options, state, events: [] };
  const skipped = dispatch(ctx);
  if (skipped !== null) return { kind: 'skipped', reason: skipped };
  return ctx.events.length > 0 ? { kind: 'events', events: ctx.events } : { kind: 'ignored' };
}

/** Runs the line's handler; returns a skip reason, or null when the line was taken. */
function dispatch(ctx: Ctx): string | null {
  const { event } = ctx.line;
  if (IGNORED.has(event)) return null;
  const exit = EXITS[event];
  if (exit) return onExit(ctx, exit.reason, exit.waitField);
  switch (event) {
    case 'DID':
      return onDid(ctx);
    case 'ENTERQUEUE':
      return onEnterQueue(ctx);
    case 'CONNECT':
      return onConnect(ctx);
    case 'COMPLETEAGENT':
    case 'COMPLETECALLER':
      return onComplete(ctx, event === 'COMPLETEAGENT' ? 'agent-hangup' : 'caller-hangup');
    case 'ABANDON':
      return onAbandon(ctx);
    case 'TRANSFER':
    case 'BLINDTRANSFER':
    case 'ATTENDEDTRANSFER':
      return onTransfer(ctx, event === 'ATTENDEDTRANSFER' ? 'warm' : 'cold');
    case 'RINGNOANSWER':
    case 'RINGCANCELED':
      // The member was rung and did not pick up: no call event. They are logged in and were free.
      return onAgent(ctx, () => undefined);
    case 'PAUSE':
    case 'PAUSEALL':
      return onAgent(ctx, (a) => {
        a.paused = true;
        // The reason is the last field Asterisk writes, as the agent typed it: a "|" in it splits it.
        a.pauseReason = text(ctx.line.data.join('|'));
      });
    case 'UNPAUSE':
    case 'UNPAUSEALL':
      return onAgent(ctx, (a) => {
        a.paused = false;
        a.pauseReason = null;
      });
    case 'ADDMEMBER':
    case 'AGENTLOGIN':
    case 'AGENTCALLBACKLOGIN':
      return onAgent(ctx, () => undefined);
    case 'REMOVEMEMBER':
      return onRemoveMember(ctx);
    case 'AGENTLOGOFF':
    case 'AGENTCALLBACKLOGOFF':
      return onLogoff(ctx, event === 'AGENTCALLBACKLOGOFF' ? text(ctx.line.data[2]) : null);
    default:
      return `unknown event ${event}`;
  }
}

/** A free-text field as a reason: trimmed, at most the contract's 256 characters, null when empty. */
function text(field: string | undefined): string | null {
  return field?.trim().slice(0, 256) || null;
}

function callIdOf(ctx: Ctx, raw: string): string {
  return sourceCallId(ctx.options.source, ctx.options.runTag ? `${ctx.options.runTag}:${raw}` : raw);
}

function onDid(ctx: Ctx): string | null {
  const { callId } = ctx.line;
  const did = ctx.line.data[0]?.trim();
  if (callId === null) return 'DID without a call id';
  if (did) remember(ctx.state.dids, callId, did.slice(0, 64), MAX_DIDS);
  return null;
}

function onEnterQueue(ctx: Ctx): string | null {
  const { callId, queue, ts, data } = ctx.line;
  if (callId === null) return 'ENTERQUEUE without a call id';
  if (queue === null) return 'ENTERQUEUE without a queue';
  const id = callIdOf(ctx, callId);
  // The first queue of a call is its arrival; a later one (after an exit or a transfer) only queues it again.
  if (!ctx.state.calls.has(callId)) {
    // The contract takes up to 64 characters; the writer masks the number before it leaves the adapter.
    const caller = data[1]?.trim().slice(0, 64);
    const dnis = ctx.state.dids.get(callId);
    ctx.events.push({ type: 'call.arrived', callId: id, ts, ...(caller && /\d/.test(caller) ? { caller } : {}), ...(dnis ? { dnis } : {}) });
  }
  ctx.state.dids.delete(callId);
  ctx.events.push({ type: 'call.queued', callId: id, queue, ts });
  remember(ctx.state.calls, callId, queue, MAX_CALLS);
  rememberQueue(ctx.state, queue);
  return null;
}

/**
 * A wait whose ENTERQUEUE this mapper did not see (before the first start's midnight, or
 * forgotten) is queued now at the line's time less the wait the line reports, so the board still
 * counts the offer and its wait. The core takes it as the same wait if it had seen the queueing.
 */
function queueIfUnseen(ctx: Ctx, callId: string, queue: string, waitSeconds: number | null): void {
  if (ctx.state.calls.get(callId) === queue) return;
  ctx.events.push({ type: 'call.queued', callId: callIdOf(ctx, callId), queue, ts: Math.max(0, ctx.line.ts - (waitSeconds ?? 0) * 1000) });
  rememberQueue(ctx.state, queue);
}

function onConnect(ctx: Ctx): string | null {
  const { callId, queue, ts, data } = ctx.line;
  if (callId === null) return 'CONNECT without a call id';
  if (queue === null) return 'CONNECT without a queue';
  const ref = agentFromField(ctx.line.agent);
  if (ref === null) return 'CONNECT without an agent';
  queueIfUnseen(ctx, callId, queue, seconds(data[0]));
  ctx.events.push({ type: 'call.answered', callId: callIdOf(ctx, callId), queue, agentId: ref.id, ts });
  remember(ctx.state.calls, callId, '', MAX_CALLS);
  updateAgent(ctx, ref, (a) => {
    a.call = callId;
  });
  return null;
}

function onComplete(ctx: Ctx, reason: 'agent-hangup' | 'caller-hangup'): string | null {
  const { callId, ts } = ctx.line;
  if (callId === null) return `${ctx.line.event} without a call id`;
  const ref = agentFromField(ctx.line.agent);
  ctx.events.push({ type: 'call.ended', callId: callIdOf(ctx, callId), ts, reason, ...(ref ? { agentId: ref.id } : {}) });
  ctx.state.calls.delete(callId);
  // queue_log does not log wrap-up: the agent is shown free (or paused) as soon as the call ends.
  if (ref) updateAgent(ctx, ref, (a) => endAgentCall(a, callId));
  return null;
}

function onAbandon(ctx: Ctx): string | null {
  const { callId, queue, ts, data } = ctx.line;
  if (callId === null) return 'ABANDON without a call id';
  if (queue === null) return 'ABANDON without a queue';
  queueIfUnseen(ctx, callId, queue, seconds(data[2]));
  const id = callIdOf(ctx, callId);
  // The caller hung up: the call is over as well as the wait.
  ctx.events.push({ type: 'call.abandoned', callId: id, queue, ts }, { type: 'call.ended', callId: id, ts, reason: 'abandoned' });
  ctx.state.calls.delete(callId);
  return null;
}

/** Left the queue unanswered without hanging up: the dialplan goes on (voicemail, another queue), so the call does not end. */
function onExit(ctx: Ctx, reason: ExitReason | undefined, waitField: number): string | null {
  const { callId, queue, ts, data } = ctx.line;
  if (callId === null) return `${ctx.line.event} without a call id`;
  if (queue === null) return `${ctx.line.event} without a queue`;
  queueIfUnseen(ctx, callId, queue, seconds(data[waitField]));
  ctx.events.push({ type: 'call.exited', callId: callIdOf(ctx, callId), queue, ts, ...(reason ? { reason } : {}) });
  remember(ctx.state.calls, callId, '', MAX_CALLS);
  return null;
}

/**
 * The agent handed the call on. It does not end the call: it may queue again (the core counts a
 * new wait after a transfer) or ring an extension queue_log never mentions again, and then the
 * core forgets it at expiry with nothing open (its wait was answered; queue_log has no holds).
 */
function onTransfer(ctx: Ctx, mode: 'warm' | 'cold'): string | null {
  const { callId, ts, data } = ctx.line;
  if (callId === null) return `${ctx.line.event} without a call id`;
  const ref = agentFromField(ctx.line.agent);
  if (ref === null) return `${ctx.line.event} without an agent`;
  // A blind transfer names its extension; if that is a queue or an agent we know, it is the target.
  // An attended one names a bridge, an application or two channels: no target.
  const target = mode === 'cold' ? data[0]?.trim() : undefined;
  const toQueue = target && ctx.state.queues.has(target) ? target : undefined;
  const toAgentId = target && !toQueue && ctx.state.agents.has(target) ? target : undefined;
  ctx.events.push({
    type: 'call.transferred',
    callId: callIdOf(ctx, callId),
    agentId: ref.id,
    mode,
    ts,
    ...(toQueue ? { toQueue } : {}),
    ...(toAgentId ? { toAgentId } : {}),
  });
  remember(ctx.state.calls, callId, '', MAX_CALLS);
  updateAgent(ctx, ref, (a) => endAgentCall(a, callId));
  return null;
}

function endAgentCall(agent: AgentTrack, callId: string): void {
  // An agent on two calls (ringinuse) keeps the other one.
  if (agent.call === null || agent.call === callId) agent.call = null;
}

/** A line about an agent: any of them says the agent is logged in; `change` applies the rest. */
function onAgent(ctx: Ctx, change: (agent: AgentTrack) => void): string | null {
  const ref = agentFromField(ctx.line.agent);
  if (ref === null) return `${ctx.line.event} without an agent`;
  updateAgent(ctx, ref, change);
  return null;
}

/** Out of one queue: still logged in while a member of another one the mapper knows of. */
function onRemoveMember(ctx: Ctx): string | null {
  const ref = agentFromField(ctx.line.agent);
  if (ref === null) return 'REMOVEMEMBER without an agent';
  const { queue } = ctx.line;
  const agent = agentTrack(ctx.state, ref.id, ctx.line.ts);
  agent.queues = agent.queues.filter((q) => q !== queue);
  if (agent.queues.length === 0) logOut(agent, null);
  show(ctx, ref, agent);
  return null;
}

function onLogoff(ctx: Ctx, reason: string | null): string | null {
  const ref = agentFromField(ctx.line.agent);
  if (ref === null) return `${ctx.line.event} without an agent`;
  const agent = agentTrack(ctx.state, ref.id, ctx.line.ts);
  logOut(agent, reason);
  show(ctx, ref, agent);
  return null;
}

function logOut(agent: AgentTrack, reason: string | null): void {
  agent.loggedIn = false;
  agent.paused = false;
  agent.pauseReason = null;
  agent.call = null;
  agent.offReason = reason;
}

function updateAgent(ctx: Ctx, ref: AgentRef, change: (agent: AgentTrack) => void): void {
  const agent = agentTrack(ctx.state, ref.id, ctx.line.ts);
  agent.loggedIn = true;
  agent.offReason = null;
  addAgentQueue(agent, ctx.line.queue);
  if (ctx.line.queue !== null) rememberQueue(ctx.state, ctx.line.queue);
  change(agent);
  show(ctx, ref, agent);
}

/** Emits the agent's state if it differs from what was shown (a paused agent rung and not answering stays paused). */
function show(ctx: Ctx, ref: AgentRef, agent: AgentTrack): void {
  agent.named = ref.name !== undefined;
  const key = shownKey(agent);
  if (key === agent.shown) return;
  agent.shown = key;
  agent.sinceTs = ctx.line.ts;
  ctx.events.push(agentEvent(ref, agent, ctx.line.ts));
}

function agentEvent(ref: AgentRef, agent: AgentTrack, ts: number): EventInput {
  const { state, reason } = derivedState(agent);
  return {
    type: 'agent.state',
    agentId: ref.id,
    state,
    ts,
    ...(reason ? { reason } : {}),
    ...(ref.name ? { name: ref.name } : {}),
    ...(agent.queues.length > 0 || state === 'offline' ? { queues: agent.queues } : {}),
  };
}

/**
 * Ends a first start's warm-up (the lines before local midnight): what it learnt of calls is
 * dropped (their waits were not shown, so a later answer queues them itself), and the agents
 * it found logged in are shown as they were, since when they were, so a board started at noon
 * lists the agents who logged in yesterday too.
 */
export function endWarmUp(state: MapperState): EventInput[] {
  state.warmUntil = null;
  state.calls.clear();
  state.dids.clear();
  const events: EventInput[] = [];
  for (const [id, agent] of state.agents) {
    if (!agent.loggedIn) continue;
    events.push(agentEvent(agent.named ? { id, name: id } : { id }, agent, agent.sinceTs));
  }
  return events;
}
