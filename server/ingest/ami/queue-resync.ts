// After every (re)connect the adapter asks the PBX what is true now (QueueStatus: the callers
// waiting and the members; CoreShowChannels: the channels up) and corrects what it believed, so
// nothing that happened while it was away is lost silently. What it cannot know it says so:
//   - a caller waiting that it did not know: call.arrived + call.queued, the wait from Wait;
//   - a caller it believed waiting who is gone from the queues: answered if the caller's channel
//     is bridged with a member's channel; exited if the channel is up but with no member; ended
//     (the core counts an abandon) if the channel is gone or the PBX will not list channels;
//   - a call it believed answered whose channel is gone: ended;
//   - each member: its state as QueueStatus reports it; a member no longer in any queue: offline.
// What happened while away is dated when the adapter lost sight of the PBX (the earliest it can
// have happened); events that arrived after the question was asked are newer and left alone.
import type { EventInput } from '../../core/events.js';
import { applyMemberReport, type MemberReport } from './agent-beliefs.js';
import { agentIdOf } from './agent-id.js';
import type { AmiMapper } from './ami-mapper.js';
import { callerOf } from './call-events.js';
import { memberReport } from './member-events.js';
import { field, type AmiMessage } from './ami-wire.js';

export interface WaitingCaller {
  uid: string;
  queue: string;
  waitMs: number;
  caller?: string;
}

export interface QueueSnapshot {
  entries: WaitingCaller[];
  members: { agentId: string; report: MemberReport }[];
  /** Channels up now by Uniqueid, or null when the PBX did not list them (no permission, too many). */
  channels: Map<string, { channel: string; bridgeId: string }> | null;
}

/** The snapshot from the list items of QueueStatus and CoreShowChannels (null: not available). */
export function queueSnapshot(statusItems: readonly AmiMessage[], channelItems: readonly AmiMessage[] | null): QueueSnapshot {
  const entries: WaitingCaller[] = [];
  const members: QueueSnapshot['members'] = [];
  for (const m of statusItems) {
    const event = field(m, 'Event');
    if (event === 'QueueEntry') {
      const uid = field(m, 'Uniqueid')?.trim();
      const queue = field(m, 'Queue')?.trim();
      const wait = Number(field(m, 'Wait'));
      if (uid && queue) entries.push({ uid, queue, waitMs: Number.isFinite(wait) && wait > 0 ? wait * 1000 : 0, ...callerOf(m) });
    } else if (event === 'QueueMember') {
      const id = [field(m, 'Location'), field(m, 'Interface'), field(m, 'StateInterface'), field(m, 'Name')].map((v) => (v ? agentIdOf(v) : null)).find((v) => v);
      if (id) members.push({ agentId: id, report: memberReport(m) });
    }
  }
  let channels: QueueSnapshot['channels'] = null;
  if (channelItems) {
    channels = new Map();
    for (const m of channelItems) {
      const uid = field(m, 'Uniqueid')?.trim();
      if (uid) channels.set(uid, { channel: field(m, 'Channel') ?? '', bridgeId: field(m, 'BridgeId')?.trim() ?? '' });
    }
  }
  return { entries, members, channels };
}

export interface ResyncResult {
  events: EventInput[];
  /** Calls and agents whose belief the snapshot changed. */
  corrections: number;
}

/** Corrects the mapper's beliefs from the snapshot, at `ts` (PBX time) and `at` (adapter clock). */
export function resync(mapper: AmiMapper, snapshot: QueueSnapshot, touched: ReadonlySet<string>, ts: number, at: number): ResyncResult {
  let corrections = 0;
  const { state } = mapper;
  const awayTs = Math.min(state.lostTs ?? ts, ts);
  const events = mapper.collect(() => {
    const waitingNow = new Set<string>();
    for (const entry of snapshot.entries) {
      if (touched.has(entry.uid)) continue;
      waitingNow.add(entry.uid);
      const queuedTs = ts - entry.waitMs;
      const callId = mapper.callId(entry.uid);
      let call = state.calls.get(entry.uid);
      if (call?.waiting && call.queue === entry.queue) {
        call.left = null; // still waiting after all
        continue;
      }
      if (!call) {
        call = mapper.follow(entry.uid, entry.queue, at);
        mapper.emit({ type: 'call.arrived', callId, ts: queuedTs, ...(entry.caller ? { caller: entry.caller } : {}) });
      } else if (call.waiting && call.queue !== null) {
        // Moved on to another queue while the adapter was away (a failover): it left the first.
        mapper.emit({ type: 'call.exited', callId, queue: call.queue, ts: Math.min(awayTs, queuedTs) });
      } else if (call.unhold) {
        mapper.settleUnhold(call, call.unhold.ts);
      }
      Object.assign(call, { queue: entry.queue, waiting: true, left: null, agentId: null, agentUid: null, held: false, touchedAt: at });
      mapper.emit({ type: 'call.queued', callId, queue: entry.queue, ts: queuedTs });
      corrections += 1;
    }

    const bridges = bridgeIndex(snapshot);
    const members = new Set([...state.agents.keys(), ...snapshot.members.map((m) => m.agentId)]);
    for (const call of [...state.calls.values()]) {
      if (touched.has(call.uid) || waitingNow.has(call.uid)) continue;
      const callId = mapper.callId(call.uid);
      const channel = snapshot.channels?.get(call.uid);
      if (call.waiting && call.queue !== null && channel) {
        const agent = bridgedAgent(channel, bridges, members);
        call.waiting = false;
        call.left = null;
        if (agent) {
          call.agentId = agent.agentId;
          call.agentUid = agent.uid;
          mapper.emit({ type: 'call.answered', callId, queue: call.queue, agentId: agent.agentId, ts: awayTs });
        } else {
          mapper.emit({ type: 'call.exited', callId, queue: call.queue, ts: awayTs });
        }
        corrections += 1;
        continue;
      }
      // Still up, or not waiting and no channel list to say otherwise: nothing to correct.
      if (channel || (!call.waiting && snapshot.channels === null)) continue;
      if (call.unhold) mapper.settleUnhold(call, Math.min(call.unhold.ts, awayTs));
      mapper.emit({
        type: 'call.ended',
        callId,
        ts: awayTs,
        ...(call.agentId ? { agentId: call.agentId } : {}),
        reason: call.waiting ? 'left the queue while the adapter was away' : 'ended while the adapter was away',
      });
      mapper.drop(call, awayTs);
      corrections += 1;
    }

    const reported = new Map<string, MemberReport[]>();
    for (const { agentId, report } of snapshot.members) {
      if (touched.has(`agent:${agentId}`)) continue;
      reported.set(agentId, [...(reported.get(agentId) ?? []), report]);
    }
    const before = mapper.collectedCount();
    for (const [agentId, reports] of reported) {
      const agent = mapper.agent(agentId, at);
      // The snapshot lists every queue the member serves: what is not in it no longer holds.
      agent.queues = [];
      agent.pausedQueues = [];
      for (const report of reports) applyMemberReport(agent, report);
      mapper.showAgent(agent, ts);
    }
    for (const agent of state.agents.values()) {
      if (reported.has(agent.id) || touched.has(`agent:${agent.id}`)) continue;
      agent.queues = [];
      agent.pausedQueues = [];
      mapper.showAgent(agent, ts);
    }
    corrections += mapper.collectedCount() - before;
  });
  mapper.endResync();
  return { events, corrections };
}

/** Bridge id → the channels in it. */
function bridgeIndex(snapshot: QueueSnapshot): Map<string, { uid: string; channel: string }[]> {
  const bridges = new Map<string, { uid: string; channel: string }[]>();
  for (const [uid, { channel, bridgeId }] of snapshot.channels ?? []) {
    if (bridgeId) bridges.set(bridgeId, [...(bridges.get(bridgeId) ?? []), { uid, channel }]);
  }
  return bridges;
}

/** The member the caller's channel is bridged with, if the bridge holds a channel of an agent the adapter knows. */
function bridgedAgent(
  caller: { channel: string; bridgeId: string },
  bridges: ReturnType<typeof bridgeIndex>,
  members: ReadonlySet<string>,
): { agentId: string; uid: string } | null {
  if (!caller.bridgeId) return null;
  for (const other of bridges.get(caller.bridgeId) ?? []) {
    if (other.channel === caller.channel) continue;
    const agentId = agentIdOf(other.channel);
    if (agentId && members.has(agentId)) return { agentId, uid: other.uid };
  }
  return null;
}
