// AMI events → contract events: pure, with bounded state (ami-state.ts) and the time passed in.
// The call id is the Uniqueid of the caller's channel, as queue_log writes it, so a site may run
// queue_log for the calls and AMI for the holds under one --source. The events are handled by
// concern (call-events.ts, hold-events.ts, member-events.ts) through the toolkit this class
// gives them; what the clock settles (a held-back Unhold, a leave with no answer) is written by
// tick().
import type { EventInput } from '../../core/events.js';
import { sourceCallId } from '../source-name.js';
import { agentEventIfChanged, newAgent } from './agent-beliefs.js';
import type { AgentBelief, AmiState, CallBelief } from './ami-state.js';
import { field, type AmiMessage } from './ami-wire.js';
import { onAbandon, onComplete, onConnect, onHangup, onJoin, onLeave } from './call-events.js';
import { onHold, onTransfer, onUnhold } from './hold-events.js';
import { onMember, onRing } from './member-events.js';

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

  // ── the toolkit of the event handlers and the resync ──────────────────────────────────────

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

  /** Counts a followed event that could not be used, with the reason. */
  skip(reason: string): void {
    this.skipped.push(reason);
  }

  get holdCheckWindowMs(): number {
    return this.options.holdCheckWindowMs;
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

  /** Returns whether the event was about something followed (false: ignored). */
  private dispatch(name: FollowedEvent, m: AmiMessage, ts: number, at: number): boolean {
    switch (name) {
      case 'QueueCallerJoin':
        return onJoin(this, m, ts, at);
      case 'QueueCallerLeave':
        return onLeave(this, m, ts, at);
      case 'QueueCallerAbandon':
        return onAbandon(this, m, ts, at);
      case 'AgentConnect':
        return onConnect(this, m, ts, at);
      case 'AgentComplete':
        return onComplete(this, m, ts, at);
      case 'AgentCalled':
      case 'AgentRingNoAnswer':
        return onRing(this, name, m, ts, at);
      case 'QueueMemberStatus':
      case 'QueueMemberAdded':
      case 'QueueMemberPause':
      case 'QueueMemberRemoved':
        return onMember(this, name, m, ts, at);
      case 'Hold':
        return onHold(this, m, ts, at);
      case 'Unhold':
        return onUnhold(this, m, ts, at);
      case 'BlindTransfer':
      case 'AttendedTransfer':
        return onTransfer(this, name, m, ts, at);
      case 'Hangup':
        return onHangup(this, m, ts, at);
      default:
        return assertNever(name);
    }
  }

  /** The named fields, trimmed; null (and a skip with the reason) when any is missing or empty. */
  required(m: AmiMessage, event: string, ...names: string[]): string[] | null {
    const values = names.map((n) => field(m, n)?.trim() ?? '');
    const missing = names.filter((_, i) => values[i] === '');
    if (missing.length === 0) return values;
    this.skipped.push(`${event} without ${missing.join(', ')}`);
    return null;
  }

  /** The call followed under this Uniqueid, marked as touched. */
  known(uid: string, at: number): CallBelief | undefined {
    const call = this.state.calls.get(uid);
    if (call) this.touch(call, at);
    return call;
  }

  /** Marks a call as seen now: it is forgotten last, and a resync in flight leaves it alone. */
  touch(call: CallBelief, at: number): void {
    call.touchedAt = at;
    this.touched?.add(call.uid);
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
  settleLeft(call: CallBelief): void {
    const left = call.left!;
    call.left = null;
    call.waiting = false;
    if (call.queue) this.out.push({ type: 'call.exited', callId: this.callId(call.uid), queue: call.queue, ts: left.ts });
  }

  /** The agent is no longer on the call (a transfer, or back into a queue). */
  release(call: CallBelief, ts: number, at: number): void {
    const agentId = call.agentId;
    call.agentId = null;
    call.agentUid = null;
    call.held = false;
    call.unhold = null;
    if (agentId) this.releaseAgent(agentId, ts, at);
  }

  /** The agent is off its queue call. */
  releaseAgent(agentId: string, ts: number, at: number): void {
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

function assertNever(value: never): never {
  throw new Error(`unhandled AMI event ${String(value)}`);
}
