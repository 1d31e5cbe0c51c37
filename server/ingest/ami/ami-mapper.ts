// AMI events → contract events: pure, with bounded state (ami-state.ts) and the time passed in.
// The call id is the Uniqueid of the caller's channel, as queue_log writes it, so a site may run
// queue_log for the calls and AMI for the holds under one --source. Holds and transfers may name
// the agent's channel instead of the caller's: they are matched by Uniqueid, then by the agent's
// channel, then by Linkedid. An Unhold is held back for the hold-check window: a Hold of the same
// call within it is a call.hold_check (the 30-second rule on a real phone), else the Unhold is
// written as a call.resumed at its own time.
import type { EventInput } from '../../core/events.js';
import { sourceCallId } from '../source-name.js';
import { agentEventIfChanged, applyMemberReport, displayName, newAgent, removeFromQueue, type MemberReport } from './agent-beliefs.js';
import { agentIdOf, agentIdOfChannel } from './agent-id.js';
import type { AgentBelief, AmiState, CallBelief } from './ami-state.js';
import { field, type AmiMessage } from './ami-wire.js';

/** How long after a QueueCallerLeave the answer may still come before the caller counts as having left the queue. */
export const LEAVE_GRACE_MS = 2_000;

export interface AmiMapperOptions {
  /** Prefixes call ids. */
  source: string;
  /** An Unhold followed by a Hold within this is a hold check. @default 5000 */
  holdCheckWindowMs: number;
  /** Calls followed at most; past it the one untouched longest is forgotten (and counted). @default 5000 */
  maxCalls: number;
  /** Agents followed at most, likewise. @default 5000 */
  maxAgents: number;
}

/** What one message came to: events to write, and reasons for anything skipped. */
export interface Mapped {
  events: EventInput[];
  skipped: string[];
  /** Not an event the adapter follows, or about a call it does not follow (internal calls hold too). */
  ignored: boolean;
}

export const FOLLOWED_EVENTS = [
  'QueueCallerJoin',
  'QueueCallerLeave',
  'QueueCallerAbandon',
  'AgentCalled',
  'AgentConnect',
  'AgentComplete',
  'AgentRingNoAnswer',
  'QueueMemberStatus',
  'QueueMemberAdded',
  'QueueMemberRemoved',
  'QueueMemberPause',
  'Hold',
  'Unhold',
  'BlindTransfer',
  'AttendedTransfer',
  'Hangup',
] as const;
export type FollowedEvent = (typeof FOLLOWED_EVENTS)[number];

const isFollowed = (name: string): name is FollowedEvent => (FOLLOWED_EVENTS as readonly string[]).includes(name);

/** An event's own time when the PBX stamps it (manager.conf timestampevents=yes), else when it was received. */
export function eventTime(message: AmiMessage, receivedAt: number): number {
  const stamp = Number(field(message, 'Timestamp'));
  return Number.isFinite(stamp) && stamp > 0 ? Math.round(stamp * 1000) : receivedAt;
}

export class AmiMapper {
  readonly state: AmiState;
  private readonly options: AmiMapperOptions;
  private out: EventInput[] = [];
  private skipped: string[] = [];
  /** Calls and agents an event touched since the resync began (their events are newer than its snapshot). */
  private touched: Set<string> | null = null;

  constructor(options: AmiMapperOptions, state: AmiState) {
    this.options = options;
    this.state = state;
  }

  /** One AMI event, at event time `ts`, received at `at` (the adapter's clock). */
  handle(message: AmiMessage, ts: number, at: number): Mapped {
    const name = field(message, 'Event') ?? '';
    if (!isFollowed(name)) return { events: [], skipped: [], ignored: true };
    this.out = [];
    this.skipped = [];
    const followed = this.dispatch(name, message, ts, at);
    return { events: this.out, skipped: this.skipped, ignored: !followed && this.skipped.length === 0 };
  }

  /** Writes what the clock has settled: Unholds whose window passed, leaves no answer followed. */
  tick(at: number): EventInput[] {
    this.out = [];
    for (const call of this.state.calls.values()) {
      if (call.unhold && at - call.unhold.at >= this.options.holdCheckWindowMs) this.settleUnhold(call, call.unhold.ts);
      if (call.left && at - call.left.at >= LEAVE_GRACE_MS) this.settleLeft(call);
    }
    return this.out;
  }

  /** When tick() next has something to settle (the adapter's clock), or null. */
  nextDeadline(): number | null {
    let next: number | null = null;
    const consider = (t: number) => (next = next === null || t < next ? t : next);
    for (const call of this.state.calls.values()) {
      if (call.unhold) consider(call.unhold.at + this.options.holdCheckWindowMs);
      if (call.left) consider(call.left.at + LEAVE_GRACE_MS);
    }
    return next;
  }

  /** The link to the PBX went down at `ts`: what changes meanwhile is dated here by the next resync. Returns whether that is news. */
  linkLost(ts: number): boolean {
    if (this.state.lostTs !== null) return false;
    this.state.lostTs = ts;
    return true;
  }

  /** A QueueStatus was just asked for: events from now on are newer than its answer. */
  beginResync(): Set<string> {
    this.touched = new Set();
    return this.touched;
  }

  endResync(): void {
    this.touched = null;
    this.state.lostTs = null;
  }

  // ── shared with the resync ─────────────────────────────────────────────────────────────────

  /** Runs `fn`, returning the events it wrote through emit() and the methods below. */
  collect(fn: () => void): EventInput[] {
    this.out = [];
    this.skipped = [];
    fn();
    return this.out;
  }

  emit(...events: EventInput[]): void {
    this.out.push(...events);
  }

  /** How many events collect() has gathered so far. */
  collectedCount(): number {
    return this.out.length;
  }

  callId(uid: string): string {
    return sourceCallId(this.options.source, uid);
  }

  /** Starts following a call, forgetting the one untouched longest when full. */
  follow(uid: string, queue: string | null, at: number): CallBelief {
    const call: CallBelief = { uid, queue, waiting: false, left: null, agentId: null, agentUid: null, held: false, unhold: null, touchedAt: at };
    this.state.calls.set(uid, call);
    if (this.state.calls.size > this.options.maxCalls) {
      this.forgetOldest(this.state.calls, (c) => c.uid);
      this.skipped.push('call state full: oldest call forgotten');
    }
    return call;
  }

  agent(id: string, at: number): AgentBelief {
    let agent = this.state.agents.get(id);
    if (!agent) {
      agent = newAgent(id, at);
      this.state.agents.set(id, agent);
      if (this.state.agents.size > this.options.maxAgents) {
        this.forgetOldest(this.state.agents, (a) => a.id);
        this.skipped.push('agent state full: oldest agent forgotten');
      }
    }
    agent.touchedAt = at;
    this.touched?.add(`agent:${id}`);
    return agent;
  }

  /** Writes the agent's state if what the board shows changed. */
  showAgent(agent: AgentBelief, ts: number, out: EventInput[] = this.out): void {
    let held = false;
    for (const c of this.state.calls.values()) if (c.agentId === agent.id && c.held) held = true;
    const event = agentEventIfChanged(agent, held, ts);
    if (event) out.push(event);
  }

  /** Forgets a call that is over; its agent is off it, and those it rang stop ringing. */
  drop(call: CallBelief, ts: number): void {
    this.state.calls.delete(call.uid);
    for (const agent of this.state.agents.values()) {
      if (agent.ringingFor !== call.uid && agent.id !== call.agentId) continue;
      if (agent.ringingFor === call.uid) agent.ringingFor = null;
      if (agent.id === call.agentId) agent.inCall = false;
      this.showAgent(agent, ts);
    }
  }

  // ── the events ─────────────────────────────────────────────────────────────────────────────

  /** Returns whether the event was about something followed (false: ignored). */
  private dispatch(name: FollowedEvent, m: AmiMessage, ts: number, at: number): boolean {
    switch (name) {
      case 'QueueCallerJoin':
        return this.onJoin(m, ts, at);
      case 'QueueCallerLeave':
        return this.onLeave(m, ts, at);
      case 'QueueCallerAbandon':
        return this.onAbandon(m, ts, at);
      case 'AgentConnect':
        return this.onConnect(m, ts, at);
      case 'AgentComplete':
        return this.onComplete(m, ts, at);
      case 'AgentCalled':
      case 'AgentRingNoAnswer':
        return this.onRing(name, m, ts, at);
      case 'QueueMemberStatus':
      case 'QueueMemberAdded':
      case 'QueueMemberPause':
      case 'QueueMemberRemoved':
        return this.onMember(name, m, ts, at);
      case 'Hold':
        return this.onHold(m, ts, at);
      case 'Unhold':
        return this.onUnhold(m, ts, at);
      case 'BlindTransfer':
      case 'AttendedTransfer':
        return this.onTransfer(name, m, ts, at);
      case 'Hangup':
        return this.onHangup(m, ts, at);
      default:
        return assertNever(name);
    }
  }

  private required(m: AmiMessage, event: string, ...names: string[]): string[] | null {
    const values = names.map((n) => field(m, n)?.trim() ?? '');
    const missing = names.filter((_, i) => values[i] === '');
    if (missing.length === 0) return values;
    this.skipped.push(`${event} without ${missing.join(', ')}`);
    return null;
  }

  private known(uid: string, at: number): CallBelief | undefined {
    const call = this.state.calls.get(uid);
    if (call) this.touch(call, at);
    return call;
  }

  private touch(call: CallBelief, at: number): void {
    call.touchedAt = at;
    this.touched?.add(call.uid);
  }

  private onJoin(m: AmiMessage, ts: number, at: number): boolean {
    const values = this.required(m, 'QueueCallerJoin', 'Uniqueid', 'Queue');
    if (!values) return false;
    const [uid, queue] = values as [string, string];
    let call = this.known(uid, at);
    if (!call) {
      call = this.follow(uid, queue, at);
      this.touch(call, at);
      this.out.push({ type: 'call.arrived', callId: this.callId(uid), ts, ...callerOf(m) });
    } else {
      if (call.left) this.settleLeft(call);
      if (call.waiting && call.queue === queue) return true; // the same wait reported again
      // Back into a queue (a transfer or a failover): the agent it had is no longer on it.
      if (call.unhold) this.settleUnhold(call, call.unhold.ts);
      this.release(call, ts, at);
    }
    call.queue = queue;
    call.waiting = true;
    this.out.push({ type: 'call.queued', callId: this.callId(uid), queue, ts });
    return true;
  }

  private onLeave(m: AmiMessage, ts: number, at: number): boolean {
    const call = this.known(field(m, 'Uniqueid') ?? '', at);
    if (!call) return false;
    // The answer (AgentConnect) comes right after; only if it does not is this an exit.
    if (call.waiting && !call.left && (field(m, 'Queue') ?? call.queue) === call.queue) call.left = { ts, at };
    return true;
  }

  private onAbandon(m: AmiMessage, ts: number, at: number): boolean {
    const values = this.required(m, 'QueueCallerAbandon', 'Uniqueid', 'Queue');
    if (!values) return false;
    const [uid, queue] = values as [string, string];
    const call = this.known(uid, at) ?? this.reconstruct(m, uid, queue, ts, at);
    this.out.push({ type: 'call.abandoned', callId: this.callId(uid), queue, ts }, { type: 'call.ended', callId: this.callId(uid), ts, reason: 'abandoned' });
    this.drop(call, ts);
    return true;
  }

  private onConnect(m: AmiMessage, ts: number, at: number): boolean {
    const values = this.required(m, 'AgentConnect', 'Uniqueid', 'Queue');
    if (!values) return false;
    const [uid, queue] = values as [string, string];
    const agentId = memberId(m);
    if (!agentId) {
      this.skipped.push('AgentConnect without Interface or MemberName');
      return false;
    }
    const call = this.known(uid, at) ?? this.reconstruct(m, uid, queue, ts, at);
    call.left = null;
    call.waiting = false;
    call.queue = queue;
    call.agentId = agentId;
    call.agentUid = field(m, 'DestUniqueid') ?? null;
    this.out.push({ type: 'call.answered', callId: this.callId(uid), queue, agentId, ts });
    const agent = this.agent(agentId, at);
    applyMemberReport(agent, { queue, inCall: true, ...nameOf(m) });
    agent.ringingFor = null;
    // Under ringall every member rang: those who did not answer stop ringing now.
    for (const other of this.state.agents.values()) {
      if (other.ringingFor !== uid) continue;
      other.ringingFor = null;
      this.showAgent(other, ts);
    }
    this.showAgent(agent, ts);
    return true;
  }

  private onComplete(m: AmiMessage, ts: number, at: number): boolean {
    const call = this.known(field(m, 'Uniqueid') ?? '', at);
    if (!call) return false;
    if (call.unhold) this.settleUnhold(call, call.unhold.ts);
    const agentId = memberId(m) ?? call.agentId;
    const reason = field(m, 'Reason')?.trim().toLowerCase();
    if (reason === 'transfer') {
      // The call goes on elsewhere; the transfer event said where, its Hangup or next answer will follow.
      this.release(call, ts, at);
      return true;
    }
    this.out.push({ type: 'call.ended', callId: this.callId(call.uid), ts, ...(agentId ? { agentId } : {}), ...(reason ? { reason: `${reason} hung up` } : {}) });
    this.drop(call, ts);
    if (agentId && agentId !== call.agentId) this.releaseAgent(agentId, ts, at);
    return true;
  }

  private onRing(name: 'AgentCalled' | 'AgentRingNoAnswer', m: AmiMessage, ts: number, at: number): boolean {
    const agentId = memberId(m);
    if (!agentId) {
      this.skipped.push(`${name} without Interface or MemberName`);
      return false;
    }
    const agent = this.agent(agentId, at);
    const queue = field(m, 'Queue');
    applyMemberReport(agent, { ...(queue ? { queue } : {}), ...nameOf(m) });
    agent.ringingFor = name === 'AgentCalled' ? (field(m, 'Uniqueid') ?? null) : null;
    this.showAgent(agent, ts);
    return true;
  }

  private onMember(name: 'QueueMemberStatus' | 'QueueMemberAdded' | 'QueueMemberPause' | 'QueueMemberRemoved', m: AmiMessage, ts: number, at: number): boolean {
    const values = this.required(m, name, 'Queue');
    const agentId = memberId(m);
    if (!values) return false;
    if (!agentId) {
      this.skipped.push(`${name} without Interface or MemberName`);
      return false;
    }
    const agent = this.agent(agentId, at);
    if (name === 'QueueMemberRemoved') removeFromQueue(agent, values[0]!);
    else applyMemberReport(agent, memberReport(m));
    this.showAgent(agent, ts);
    return true;
  }

  private onHold(m: AmiMessage, ts: number, at: number): boolean {
    const call = this.resolve(m, ['']);
    if (!call?.agentId) return false;
    this.touch(call, at);
    if (call.unhold) {
      const { ts: unholdTs } = call.unhold;
      call.unhold = null;
      if (ts - unholdTs <= this.options.holdCheckWindowMs) {
        // Off hold and back on within the window: the agent checked on the caller.
        this.out.push({ type: 'call.hold_check', callId: this.callId(call.uid), agentId: call.agentId, ts });
        return true;
      }
      this.settleUnhold(call, unholdTs);
    }
    if (call.held) return true; // the other channel of the same hold
    call.held = true;
    this.out.push({ type: 'call.held', callId: this.callId(call.uid), agentId: call.agentId, ts });
    this.showAgent(this.agent(call.agentId, at), ts);
    return true;
  }

  private onUnhold(m: AmiMessage, ts: number, at: number): boolean {
    const call = this.resolve(m, ['']);
    if (!call?.agentId) return false;
    this.touch(call, at);
    if (call.held && !call.unhold) call.unhold = { ts, at };
    return true;
  }

  private onTransfer(name: 'BlindTransfer' | 'AttendedTransfer', m: AmiMessage, ts: number, at: number): boolean {
    if ((field(m, 'Result') ?? 'Success') !== 'Success') return false;
    const blind = name === 'BlindTransfer';
    const parties = blind ? ['Transferee', 'Transferer'] : ['Transferee', 'OrigTransferer', 'SecondTransferer', 'TransferTarget'];
    const call = this.resolve(m, parties);
    if (!call) return false;
    this.touch(call, at);
    const agentId = call.agentId ?? agentIdOfChannel(field(m, blind ? 'TransfererChannel' : 'OrigTransfererChannel') ?? '');
    if (!agentId) {
      this.skipped.push(`${name} of a call without its agent`);
      return false;
    }
    if (call.unhold) this.settleUnhold(call, call.unhold.ts);
    // The target is named only when it is an agent the board knows, never a dialled number.
    const target = blind ? null : agentIdOfChannel(field(m, 'TransferTargetChannel') ?? '');
    const toAgentId = target !== null && target !== agentId && this.state.agents.has(target) ? target : null;
    this.out.push({ type: 'call.transferred', callId: this.callId(call.uid), agentId, ts, mode: blind ? 'cold' : 'warm', ...(toAgentId ? { toAgentId } : {}) });
    this.release(call, ts, at);
    if (toAgentId) {
      call.agentId = toAgentId;
      call.agentUid = field(m, 'TransferTargetUniqueid') ?? null;
    }
    return true;
  }

  private onHangup(m: AmiMessage, ts: number, at: number): boolean {
    // Only the caller's own channel ends the call; an agent's hangup comes as AgentComplete.
    const call = this.known(field(m, 'Uniqueid') ?? '', at);
    if (!call) return false;
    if (call.left) this.settleLeft(call);
    if (call.unhold) this.settleUnhold(call, call.unhold.ts);
    const cause = field(m, 'Cause-txt')?.trim();
    this.out.push({ type: 'call.ended', callId: this.callId(call.uid), ts, ...(call.agentId ? { agentId: call.agentId } : {}), ...(cause ? { reason: cause } : {}) });
    this.drop(call, ts);
    return true;
  }

  // ── helpers ────────────────────────────────────────────────────────────────────────────────

  /** The call a hold or transfer is about: by Uniqueid, then the agent's channel, then Linkedid. */
  private resolve(m: AmiMessage, parties: string[]): CallBelief | undefined {
    const ids = [...parties.map((p) => field(m, `${p}Uniqueid`)), ...parties.map((p) => field(m, `${p}Linkedid`))];
    for (const id of ids) {
      if (!id) continue;
      const direct = this.state.calls.get(id);
      if (direct) return direct;
      for (const call of this.state.calls.values()) if (call.agentUid === id) return call;
    }
    return undefined;
  }

  /** A call first seen at its answer or abandon (it joined before the adapter looked): its wait from HoldTime. */
  private reconstruct(m: AmiMessage, uid: string, queue: string, ts: number, at: number): CallBelief {
    const waited = Number(field(m, 'HoldTime'));
    const queuedTs = Number.isFinite(waited) && waited >= 0 && waited < 86_400 ? ts - waited * 1000 : ts;
    const call = this.follow(uid, queue, at);
    this.touch(call, at);
    const callId = this.callId(uid);
    this.out.push({ type: 'call.arrived', callId, ts: queuedTs, ...callerOf(m) }, { type: 'call.queued', callId, queue, ts: queuedTs });
    return call;
  }

  /** The Unhold was not followed by a Hold in time: the hold ended when it said. */
  settleUnhold(call: CallBelief, unholdTs: number): void {
    call.unhold = null;
    call.held = false;
    if (!call.agentId) return;
    this.out.push({ type: 'call.resumed', callId: this.callId(call.uid), agentId: call.agentId, ts: unholdTs });
    const agent = this.state.agents.get(call.agentId);
    if (agent) this.showAgent(agent, unholdTs);
  }

  /** The caller left the queue with neither an answer nor a hang-up (a timeout, an empty queue, a key). */
  private settleLeft(call: CallBelief): void {
    const left = call.left!;
    call.left = null;
    call.waiting = false;
    if (call.queue) this.out.push({ type: 'call.exited', callId: this.callId(call.uid), queue: call.queue, ts: left.ts });
  }

  /** The agent is no longer on the call (a transfer, or back into a queue). */
  private release(call: CallBelief, ts: number, at: number): void {
    const agentId = call.agentId;
    call.agentId = null;
    call.agentUid = null;
    call.held = false;
    call.unhold = null;
    if (agentId) this.releaseAgent(agentId, ts, at);
  }

  private releaseAgent(agentId: string, ts: number, at: number): void {
    const agent = this.agent(agentId, at);
    agent.inCall = false;
    this.showAgent(agent, ts);
  }

  private forgetOldest<T extends { touchedAt: number }>(map: Map<string, T>, key: (v: T) => string): void {
    let oldest: T | null = null;
    for (const v of map.values()) if (oldest === null || v.touchedAt < oldest.touchedAt) oldest = v;
    if (oldest) map.delete(key(oldest));
  }
}

/** The member an agent event is about: its interface, else its name. */
function memberId(m: AmiMessage): string | null {
  for (const name of ['Interface', 'StateInterface', 'Location', 'MemberName']) {
    const value = field(m, name);
    const id = value ? agentIdOf(value) : null;
    if (id) return id;
  }
  return null;
}

function nameOf(m: AmiMessage): { name?: string } {
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
  // Asterisk 13+ says PausedReason; older ones Reason.
  const reason = field(m, 'PausedReason') ?? field(m, 'Reason');
  if (reason !== undefined) report.pausedReason = reason.trim().slice(0, 256);
  return report;
}

/** The caller's number for call.arrived (masked by the writer before it leaves); none for "<unknown>" and the like. */
export function callerOf(m: AmiMessage): { caller?: string } {
  const num = field(m, 'CallerIDNum')?.trim() ?? '';
  return /\d/.test(num) ? { caller: num.slice(0, 64) } : {};
}

function assertNever(value: never): never {
  throw new Error(`unhandled AMI event ${String(value)}`);
}
