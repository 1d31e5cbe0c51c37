// An agent as the AMI adapter follows it: queue memberships, pauses, the device state Asterisk
// reports, and the queue call it is on; from these, one contract state. An agent.state is written
// only when what the board shows would change, so Asterisk's frequent QueueMemberStatus repeats
// cost nothing downstream.
import type { EventInput } from '../../core/events.js';
import type { AgentState } from '../../contract/vocabulary.js';
import type { AgentBelief } from './ami-state.js';

/** Asterisk's device states (AST_DEVICE_*), as QueueMember and QueueMemberStatus report them in Status. */
export const DEVICE = { unknown: 0, notInUse: 1, inUse: 2, busy: 3, invalid: 4, unavailable: 5, ringing: 6, ringInUse: 7, onHold: 8 } as const;

export function newAgent(id: string, at: number): AgentBelief {
  return { id, name: null, queues: [], pausedQueues: [], pausedReason: null, device: null, inCall: false, ringingFor: null, shown: null, touchedAt: at };
}

/** What a member report (QueueMember, QueueMemberStatus, …Added, …Pause) says; absent fields leave the belief as it is. */
export interface MemberReport {
  queue?: string;
  name?: string;
  device?: number;
  inCall?: boolean;
  paused?: boolean;
  pausedReason?: string;
}

export function applyMemberReport(agent: AgentBelief, report: MemberReport): void {
  const { queue } = report;
  if (queue !== undefined && !agent.queues.includes(queue)) agent.queues.push(queue);
  if (report.name !== undefined) agent.name = report.name;
  if (report.device !== undefined) {
    agent.device = report.device;
    // The device is the better witness of ringing than a remembered AgentCalled.
    if (report.device !== DEVICE.unknown && report.device !== DEVICE.ringing) agent.ringingFor = null;
  }
  if (report.inCall !== undefined) agent.inCall = report.inCall;
  if (report.paused !== undefined && queue !== undefined) {
    agent.pausedQueues = agent.pausedQueues.filter((q) => q !== queue);
    if (report.paused) agent.pausedQueues.push(queue);
  }
  if (report.pausedReason !== undefined) agent.pausedReason = report.pausedReason.length > 0 ? report.pausedReason : null;
}

export function removeFromQueue(agent: AgentBelief, queue: string): void {
  agent.queues = agent.queues.filter((q) => q !== queue);
  agent.pausedQueues = agent.pausedQueues.filter((q) => q !== queue);
}

/**
 * The one state the board shows. What the agent is doing on the phone wins over a pause (a paused
 * agent finishing a call is talking); paused means paused in every queue it serves.
 */
export function agentStateOf(agent: AgentBelief, hasHeldCall: boolean): { state: AgentState; reason: string | null } {
  const d = agent.device;
  if (agent.queues.length === 0 || d === DEVICE.invalid || d === DEVICE.unavailable) return { state: 'offline', reason: null };
  if (hasHeldCall || d === DEVICE.onHold) return { state: 'hold', reason: null };
  if (agent.inCall || d === DEVICE.inUse || d === DEVICE.busy || d === DEVICE.ringInUse) return { state: 'talking', reason: null };
  if (agent.ringingFor !== null || d === DEVICE.ringing) return { state: 'ringing', reason: null };
  if (agent.queues.every((q) => agent.pausedQueues.includes(q))) return { state: 'paused', reason: agent.pausedReason };
  return { state: 'available', reason: null };
}

/** The agent.state to write when the board's view of the agent changed; null when it did not. Marks it shown. */
export function agentEventIfChanged(agent: AgentBelief, hasHeldCall: boolean, ts: number): EventInput | null {
  const { state, reason } = agentStateOf(agent, hasHeldCall);
  const queues = [...agent.queues].sort().join(',');
  const shown = agent.shown;
  if (shown && shown.state === state && shown.reason === reason && shown.queues === queues && shown.name === agent.name) return null;
  agent.shown = { state, reason, queues, name: agent.name };
  return {
    type: 'agent.state',
    agentId: agent.id,
    ts,
    state,
    queues: [...agent.queues].sort(),
    ...(agent.name !== null ? { name: agent.name } : {}),
    ...(reason !== null ? { reason } : {}),
  };
}

/** A MemberName worth showing: not an interface repeated ("Local/2004@from-queue/n" is what Asterisk uses when none is set). */
export function displayName(memberName: string | undefined): string | undefined {
  const name = memberName?.trim();
  if (!name || name.includes('/')) return undefined;
  return name.slice(0, 128);
}
