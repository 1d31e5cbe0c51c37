// The events of a call's way through a queue: QueueCallerJoin, QueueCallerLeave,
// QueueCallerAbandon, AgentConnect, AgentComplete and the caller's Hangup. A call first seen at
// its answer or abandon (it joined before the adapter looked) gets its arrival and queueing
// dated back by HoldTime; a leave is an exit only if no answer follows within a short grace.
import { applyMemberReport } from './agent-beliefs.js';
import type { AmiMapper } from './ami-mapper.js';
import type { CallBelief } from './ami-state.js';
import { field, type AmiMessage } from './ami-wire.js';
import { memberId, nameOf } from './member-events.js';

export function onJoin(mapper: AmiMapper, m: AmiMessage, ts: number, at: number): boolean {
  const values = mapper.required(m, 'QueueCallerJoin', 'Uniqueid', 'Queue');
  if (!values) return false;
  const [uid, queue] = values as [string, string];
  let call = mapper.known(uid, at);
  if (!call) {
    call = mapper.follow(uid, queue, at);
    mapper.touch(call, at);
    mapper.emit({ type: 'call.arrived', callId: mapper.callId(uid), ts, ...callerOf(m) });
  } else {
    if (call.left) mapper.settleLeft(call);
    if (call.waiting && call.queue === queue) return true; // the same wait reported again
    // Back into a queue (a transfer or a failover): the agent it had is no longer on it.
    if (call.unhold) mapper.settleUnhold(call, call.unhold.ts);
    mapper.release(call, ts, at);
  }
  call.queue = queue;
  call.waiting = true;
  mapper.emit({ type: 'call.queued', callId: mapper.callId(uid), queue, ts });
  return true;
}

export function onLeave(mapper: AmiMapper, m: AmiMessage, ts: number, at: number): boolean {
  const call = mapper.known(field(m, 'Uniqueid') ?? '', at);
  if (!call) return false;
  // The answer (AgentConnect) comes right after; only if it does not is this an exit.
  if (call.waiting && !call.left && (field(m, 'Queue') ?? call.queue) === call.queue) call.left = { ts, at };
  return true;
}

export function onAbandon(mapper: AmiMapper, m: AmiMessage, ts: number, at: number): boolean {
  const values = mapper.required(m, 'QueueCallerAbandon', 'Uniqueid', 'Queue');
  if (!values) return false;
  const [uid, queue] = values as [string, string];
  const call = mapper.known(uid, at) ?? reconstruct(mapper, m, uid, queue, ts, at);
  mapper.emit({ type: 'call.abandoned', callId: mapper.callId(uid), queue, ts }, { type: 'call.ended', callId: mapper.callId(uid), ts, reason: 'abandoned' });
  mapper.drop(call, ts);
  return true;
}

export function onConnect(mapper: AmiMapper, m: AmiMessage, ts: number, at: number): boolean {
  const values = mapper.required(m, 'AgentConnect', 'Uniqueid', 'Queue');
  if (!values) return false;
  const [uid, queue] = values as [string, string];
  const agentId = memberId(m);
  if (!agentId) {
    mapper.skip('AgentConnect without Interface or MemberName');
    return false;
  }
  const call = mapper.known(uid, at) ?? reconstruct(mapper, m, uid, queue, ts, at);
  call.left = null;
  call.waiting = false;
  call.queue = queue;
  call.agentId = agentId;
  call.agentUid = field(m, 'DestUniqueid') ?? null;
  mapper.emit({ type: 'call.answered', callId: mapper.callId(uid), queue, agentId, ts });
  const agent = mapper.agent(agentId, at);
  applyMemberReport(agent, { queue, inCall: true, ...nameOf(m) });
  agent.ringingFor = null;
  // Under ringall every member rang: those who did not answer stop ringing now.
  for (const other of mapper.state.agents.values()) {
    if (other.ringingFor !== uid) continue;
    other.ringingFor = null;
    mapper.showAgent(other, ts);
  }
  mapper.showAgent(agent, ts);
  return true;
}

export function onComplete(mapper: AmiMapper, m: AmiMessage, ts: number, at: number): boolean {
  const call = mapper.known(field(m, 'Uniqueid') ?? '', at);
  if (!call) return false;
  if (call.unhold) mapper.settleUnhold(call, call.unhold.ts);
  const agentId = memberId(m) ?? call.agentId;
  const reason = field(m, 'Reason')?.trim().toLowerCase();
  if (reason === 'transfer') {
    // The call goes on elsewhere; the transfer event said where, its Hangup or next answer will follow.
    // After an attended transfer the call is already the target's: only the one who handed it on is free.
    if (agentId && call.agentId !== null && agentId !== call.agentId) mapper.releaseAgent(agentId, ts, at);
    else mapper.release(call, ts, at);
    return true;
  }
  mapper.emit({ type: 'call.ended', callId: mapper.callId(call.uid), ts, ...(agentId ? { agentId } : {}), ...(reason ? { reason: `${reason} hung up` } : {}) });
  mapper.drop(call, ts);
  if (agentId && agentId !== call.agentId) mapper.releaseAgent(agentId, ts, at);
  return true;
}

export function onHangup(mapper: AmiMapper, m: AmiMessage, ts: number, at: number): boolean {
  // Only the caller's own channel ends the call; an agent's hangup comes as AgentComplete.
  const call = mapper.known(field(m, 'Uniqueid') ?? '', at);
  if (!call) return false;
  if (call.left) mapper.settleLeft(call);
  if (call.unhold) mapper.settleUnhold(call, call.unhold.ts);
  const cause = field(m, 'Cause-txt')?.trim();
  mapper.emit({ type: 'call.ended', callId: mapper.callId(call.uid), ts, ...(call.agentId ? { agentId: call.agentId } : {}), ...(cause ? { reason: cause } : {}) });
  mapper.drop(call, ts);
  return true;
}

/** A call first seen at its answer or abandon (it joined before the adapter looked): its wait from HoldTime. */
function reconstruct(mapper: AmiMapper, m: AmiMessage, uid: string, queue: string, ts: number, at: number): CallBelief {
  const waited = Number(field(m, 'HoldTime'));
  const queuedTs = Number.isFinite(waited) && waited >= 0 && waited < 86_400 ? ts - waited * 1000 : ts;
  const call = mapper.follow(uid, queue, at);
  mapper.touch(call, at);
  const callId = mapper.callId(uid);
  mapper.emit({ type: 'call.arrived', callId, ts: queuedTs, ...callerOf(m) }, { type: 'call.queued', callId, queue, ts: queuedTs });
  return call;
}

/** The caller's number for call.arrived (masked by the writer before it leaves); none for "<unknown>" and the like. */
export function callerOf(m: AmiMessage): { caller?: string } {
  const num = field(m, 'CallerIDNum')?.trim() ?? '';
  return /\d/.test(num) ? { caller: num.slice(0, 64) } : {};
}
