// The events about queue members: AgentCalled and AgentRingNoAnswer (ringing), and
// QueueMemberStatus, …Added, …Pause and …Removed; also how a member report is read from them and
// from QueueStatus's QueueMember.
import { applyMemberReport, displayName, removeFromQueue, type MemberReport } from './agent-beliefs.js';
import { agentIdOf } from './agent-id.js';
import type { AmiMapper } from './ami-mapper.js';
import { field, type AmiMessage } from './ami-wire.js';

export function onRing(mapper: AmiMapper, name: 'AgentCalled' | 'AgentRingNoAnswer', m: AmiMessage, ts: number, at: number): boolean {
  const agentId = memberId(m);
  if (!agentId) {
    mapper.skip(`${name} without Interface or MemberName`);
    return false;
  }
  const agent = mapper.agent(agentId, at);
  const queue = field(m, 'Queue');
  applyMemberReport(agent, { ...(queue ? { queue } : {}), ...nameOf(m) });
  agent.ringingFor = name === 'AgentCalled' ? (field(m, 'Uniqueid') ?? null) : null;
  mapper.showAgent(agent, ts);
  return true;
}

export function onMember(
  mapper: AmiMapper,
  name: 'QueueMemberStatus' | 'QueueMemberAdded' | 'QueueMemberPause' | 'QueueMemberRemoved',
  m: AmiMessage,
  ts: number,
  at: number,
): boolean {
  const values = mapper.required(m, name, 'Queue');
  const agentId = memberId(m);
  if (!values) return false;
  if (!agentId) {
    mapper.skip(`${name} without Interface or MemberName`);
    return false;
  }
  const agent = mapper.agent(agentId, at);
  if (name === 'QueueMemberRemoved') removeFromQueue(agent, values[0]!);
  else applyMemberReport(agent, memberReport(m));
  mapper.showAgent(agent, ts);
  return true;
}

/** The member an agent event is about: its interface, else its name. */
export function memberId(m: AmiMessage): string | null {
  for (const name of ['Interface', 'StateInterface', 'Location', 'MemberName']) {
    const value = field(m, name);
    const id = value ? agentIdOf(value) : null;
    if (id) return id;
  }
  return null;
}

export function nameOf(m: AmiMessage): { name?: string } {
  const name = displayName(field(m, 'MemberName') ?? field(m, 'Name'));
  return name ? { name } : {};
}

/** A member report from QueueMember, QueueMemberStatus, QueueMemberAdded or QueueMemberPause. */
export function memberReport(m: AmiMessage): MemberReport {
  const report: MemberReport = { ...nameOf(m) };
  const queue = field(m, 'Queue')?.trim();
  if (queue) report.queue = queue;
  const status = Number(field(m, 'Status'));
  if (field(m, 'Status') !== undefined && Number.isInteger(status)) report.device = status;
  const inCall = field(m, 'InCall');
  if (inCall !== undefined) report.inCall = inCall.trim() === '1';
  const paused = field(m, 'Paused');
  if (paused !== undefined) report.paused = paused.trim() === '1';
  // Asterisk 13+ says PausedReason; older ones Reason, and 13 to 16 send both, one of them maybe empty.
  const given = [field(m, 'PausedReason'), field(m, 'Reason')].filter((r) => r !== undefined).map((r) => r.trim());
  if (given.length > 0) report.pausedReason = (given.find((r) => r.length > 0) ?? '').slice(0, 256);
  return report;
}
