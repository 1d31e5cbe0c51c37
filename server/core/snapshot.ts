// toSnapshot(): the read side of the contract, derived from the state at a given moment for
// one view (all queues, some queues, or one team). Pure: `now` is passed in.
import type { CoreConfig } from './core-config.js';
import { addCounts, asaMs, connectRate, emptyCounts, handled, ratio, serviceLevel, sumCounts, windowStats, type Counts } from './counts.js';
import { AGENT_STATES, isVipTier, type AgentState } from '../contract/vocabulary.js';
import { missedChecks } from './apply.js';
import { computeKpis } from './metrics.js';
import type { AgentRow, HeldCall, IntradayBucket, QueueStats, Snapshot, Totals } from '../contract/snapshot.js';
import type { View } from '../contract/view.js';
import {
  emptyDayCounters,
  emptyQueueDayCounts,
  getOrCreate,
  newDay,
  type AgentRecord,
  type DayCounters,
  type DayStats,
  type QueueDayCounts,
  type State,
} from './state.js';
import { BUCKET_MS, WINDOW_MINUTES } from '../contract/constants.js';
import { LISTS } from '../contract/delta.js';
import { bucketIndex, dayWindow, minuteIndex } from './windows.js';

export function emptyAgentCounts(): Record<AgentState, number> {
  return Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<AgentState, number>;
}

/** Today's counters as of `now`: empty when local midnight has passed with no event since. */
function currentDay(state: State, now: number, config: CoreConfig): DayStats {
  const today = state.today;
  if (today && now < today.endTs) return today;
  return newDay(dayWindow(now, config.timeZone));
}

function agentInView(agent: AgentRecord, view: View, queues: Set<string> | null): boolean {
  if (view.team !== undefined) return agent.team === view.team;
  return queues === null || agent.queues.some((q) => queues.has(q));
}

/** The queues a view shows: those named, else those the team serves, else every queue seen. */
function selectQueues(state: State, day: DayStats, view: View): string[] {
  if (view.queues && view.queues.length > 0) return [...new Set(view.queues)].sort();
  const all = new Set<string>();
  if (view.team !== undefined) {
    for (const a of state.agents.values()) if (a.team === view.team) a.queues.forEach((q) => all.add(q));
  } else {
    for (const q of day.queues.keys()) all.add(q);
    for (const q of state.waiting.keys()) all.add(q);
    for (const a of state.agents.values()) a.queues.forEach((q) => all.add(q));
  }
  return [...all].sort();
}

export function toSnapshot(state: State, config: CoreConfig, now: number, view: View = {}): Snapshot {
  const day = currentDay(state, now, config);
  const queueIds = selectQueues(state, day, view);
  const queueSet = view.queues?.length || view.team !== undefined ? new Set(queueIds) : null;
  const expiredBefore = now - config.callExpiryMs;

  const agents = [...state.agents.values()].filter((a) => agentInView(a, view, queueSet));
  const agentCounts = emptyAgentCounts();
  for (const a of agents) agentCounts[a.state] += 1;
  // Agents by state per queue they serve, in one pass over every agent.
  const agentsByQueue = new Map<string, Record<AgentState, number>>();
  for (const a of state.agents.values()) for (const q of a.queues) getOrCreate(agentsByQueue, q, emptyAgentCounts)[a.state] += 1;

  const standard = emptyCounts();
  const vip = emptyCounts();
  let oldestQueuedTs: number | null = null;
  let waitingTotal = 0;
  let vipWaitingTotal = 0;
  let expiredNow = 0;
  const nowMinute = minuteIndex(now);
  const rollingTotal = emptyCounts();

  const queues: QueueStats[] = queueIds.map((id) => {
    const dayCounts = day.queues.get(id);
    if (dayCounts) {
      addCounts(standard, dayCounts.standard);
      addCounts(vip, dayCounts.vip);
    }
    const counts = dayCounts ? sumCounts([dayCounts.standard, dayCounts.vip]) : emptyCounts();
    let waiting = 0;
    let vipWaiting = 0;
    let oldest: number | null = null;
    for (const [callId, queuedTs] of state.waiting.get(id) ?? []) {
      const call = state.calls.get(callId);
      if (!call || call.lastSeenAt < expiredBefore) {
        expiredNow += 1;
        continue;
      }
      waiting += 1;
      if (isVipTier(call.tier)) vipWaiting += 1;
      if (oldest === null || queuedTs < oldest) oldest = queuedTs;
    }
    waitingTotal += waiting;
    vipWaitingTotal += vipWaiting;
    if (oldest !== null && (oldestQueuedTs === null || oldest < oldestQueuedTs)) oldestQueuedTs = oldest;
    const rolling = rollingCounts(state, id, nowMinute);
    addCounts(rollingTotal, rolling);
    return {
      id,
      waiting,
      longestWaitMs: oldest === null ? 0 : Math.max(0, now - oldest),
      queued: counts.offered,
      answered: counts.answered,
      abandoned: counts.abandoned,
      agentConnectRate: connectRate(counts),
      serviceLevel: serviceLevel(counts),
      asaMs: asaMs(counts),
      oldestQueuedTs: oldest,
      shortAbandoned: counts.shortAbandoned,
      expired: counts.expired,
      vipWaiting,
      window15m: windowStats(rolling),
      agents: agentsByQueue.get(id) ?? emptyAgentCounts(),
    };
  });

  const held = heldCalls(state, config, now, view, queueSet, expiredBefore);
  const liveMissed = held.reduce((n, h) => n + missedChecks(h.lastCheckTs, now, config.holdCheckIntervalMs), 0);
  const complaints = complaintCounts(state, day, now);
  const all = sumCounts([standard, vip]);
  const dc = day.counters;

  const totals: Totals = {
    arrived: dc.arrived,
    blocked: dc.blocked,
    systemConnectRate: ratio(dc.arrived - dc.blocked, dc.arrived),
    queued: all.offered,
    answered: all.answered,
    abandoned: all.abandoned,
    waiting: waitingTotal,
    longestWaitMs: oldestQueuedTs === null ? 0 : Math.max(0, now - oldestQueuedTs),
    agentConnectRate: connectRate(standard),
    vipConnectRate: connectRate(vip),
    serviceLevel: serviceLevel(all),
    asaMs: asaMs(all),
    satisfaction: dc.surveys > 0 ? dc.surveySum / dc.surveys : null,
    firstContactResolution: ratio(dc.resolved, dc.endedWithResolution),
    complaintReplyRate: ratio(complaints.onTime, complaints.repliedToday + complaints.overdue),
    holdCheckOnTimeRate: ratio(dc.holdChecksOnTime, dc.holdChecksDue + liveMissed),
    coldTransfers: dc.coldTransfers,
    warmTransfers: dc.warmTransfers,
    oldestQueuedTs,
    shortAbandoned: all.shortAbandoned,
    expired: all.expired + expiredNow,
    otherTransfers: dc.otherTransfers,
    surveys: dc.surveys,
    endedWithResolution: dc.endedWithResolution,
    holdChecksDue: dc.holdChecksDue + liveMissed,
    holdChecksOnTime: dc.holdChecksOnTime,
    complaintsOpen: complaints.open,
    complaintsOverdue: complaints.overdue,
    complaintsRepliedToday: complaints.repliedToday,
    vipWaiting: vipWaitingTotal,
  };

  return {
    serverTs: now,
    totals,
    queues,
    held,
    agents: agentCounts,
    day: day.day,
    timeZone: config.timeZone,
    kpis: computeKpis(totals, handled(standard), handled(vip), config),
    window15m: windowStats(rollingTotal),
    agentList: agents.map(agentRow).sort(LISTS.agentList.compare),
    intraday: intradayBuckets(state, day, queueIds, view.detail === true, now),
    recentAbandons: state.recentAbandons.filter((r) => queueSet === null || queueSet.has(r.queue)),
    thresholds: {
      serviceLevelMs: config.serviceLevelMs,
      serviceLevelTarget: config.serviceLevelTarget,
      shortAbandonMs: config.shortAbandonMs,
      holdCheckIntervalMs: config.holdCheckIntervalMs,
    },
    ingest: {
      ...state.ingest,
      cursors: Object.fromEntries(state.cursors),
      lastEventTs: state.eventWatermark > 0 ? state.eventWatermark : null,
    },
    teams: [...new Set([...state.agents.values()].flatMap((a) => (a.team === null ? [] : [a.team])))].sort(),
  };
}

function rollingCounts(state: State, queue: string, nowMinute: number): Counts {
  const total = emptyCounts();
  const minutes = state.rolling.get(queue);
  if (!minutes) return total;
  for (const [minute, counts] of minutes) {
    if (minute > nowMinute - WINDOW_MINUTES && minute <= nowMinute) addCounts(total, counts);
  }
  return total;
}

function heldCalls(state: State, config: CoreConfig, now: number, view: View, queues: Set<string> | null, expiredBefore: number): HeldCall[] {
  const held: HeldCall[] = [];
  for (const callId of state.onHold.keys()) {
    const call = state.calls.get(callId);
    const hold = call?.hold;
    if (!call || !hold || call.lastSeenAt < expiredBefore) continue;
    const agent = state.agents.get(hold.agentId);
    if (view.team !== undefined ? agent?.team !== view.team : queues !== null && (call.queue === null || !queues.has(call.queue))) continue;
    held.push({
      callId: call.id,
      agentId: hold.agentId,
      queue: call.queue,
      heldSinceTs: hold.sinceTs,
      lastCheckTs: hold.lastCheckTs,
      nextCheckDueTs: hold.lastCheckTs + config.holdCheckIntervalMs,
      team: agent?.team ?? null,
      agentName: agent?.name ?? null,
      tier: call.tier,
      checksMissed: hold.missed + missedChecks(hold.lastCheckTs, now, config.holdCheckIntervalMs),
    });
  }
  return held.sort(LISTS.held.compare);
}

function complaintCounts(state: State, day: DayStats, now: number) {
  let open = 0;
  let overdue = 0;
  let repliedToday = 0;
  let onTime = 0;
  for (const c of state.complaints.values()) {
    if (c.repliedTs === null) {
      open += 1;
      if (c.dueTs !== null && c.dueTs <= now) overdue += 1;
    } else if (c.repliedTs >= day.startTs && c.repliedTs < day.endTs) {
      repliedToday += 1;
      // A reply to a complaint we never saw opened has no known deadline: counted on time.
      if (c.dueTs === null || c.repliedTs <= c.dueTs) onTime += 1;
    }
  }
  return { open, overdue, repliedToday, onTime };
}

function intradayBuckets(state: State, day: DayStats, queueIds: string[], perQueue: boolean, now: number): IntradayBucket[] {
  const totals = new Map<number, QueueDayCounts>();
  const out: IntradayBucket[] = [];
  for (const queue of queueIds) {
    for (const [index, counts] of day.intraday.get(queue) ?? []) {
      const t = getOrCreate(totals, index, emptyQueueDayCounts);
      addCounts(t.standard, counts.standard);
      addCounts(t.vip, counts.vip);
      if (perQueue) out.push(bucket(queue, day.startTs + index * BUCKET_MS, counts, null, null));
    }
  }
  const complaints = complaintBuckets(state, day, now);
  const indexes = new Set([...totals.keys(), ...day.counterBuckets.keys(), ...complaints.keys()]);
  for (const index of indexes) {
    const counts = totals.get(index) ?? emptyQueueDayCounts();
    out.push(bucket(null, day.startTs + index * BUCKET_MS, counts, day.counterBuckets.get(index) ?? emptyDayCounters(), complaints.get(index) ?? null));
  }
  return out.sort(LISTS.intraday.compare);
}

/** Complaints by interval: replied ones where they were replied, open overdue ones where they fell due. */
function complaintBuckets(state: State, day: DayStats, now: number): Map<number, { due: number; onTime: number }> {
  const out = new Map<number, { due: number; onTime: number }>();
  const at = (ts: number) => getOrCreate(out, Math.max(0, bucketIndex(ts, day)), () => ({ due: 0, onTime: 0 }));
  for (const c of state.complaints.values()) {
    if (c.repliedTs !== null) {
      if (c.repliedTs < day.startTs || c.repliedTs >= day.endTs) continue;
      const b = at(c.repliedTs);
      b.due += 1;
      if (c.dueTs === null || c.repliedTs <= c.dueTs) b.onTime += 1;
    } else if (c.dueTs !== null && c.dueTs <= now && c.dueTs < day.endTs) {
      at(c.dueTs).due += 1;
    }
  }
  return out;
}

function bucket(queue: string | null, startTs: number, c: QueueDayCounts, dc: DayCounters | null, complaints: { due: number; onTime: number } | null): IntradayBucket {
  const all = sumCounts([c.standard, c.vip]);
  return {
    queue,
    startTs,
    offered: all.offered,
    answered: all.answered,
    abandoned: all.abandoned,
    serviceLevel: serviceLevel(all),
    standardAnswered: c.standard.answered,
    standardHandled: handled(c.standard),
    vipAnswered: c.vip.answered,
    vipHandled: handled(c.vip),
    answeredWithinSl: all.withinSl,
    arrived: dc?.arrived ?? 0,
    blocked: dc?.blocked ?? 0,
    surveys: dc?.surveys ?? 0,
    surveyScoreSum: dc?.surveySum ?? 0,
    resolved: dc?.resolved ?? 0,
    endedWithResolution: dc?.endedWithResolution ?? 0,
    holdChecksDue: dc?.holdChecksDue ?? 0,
    holdChecksOnTime: dc?.holdChecksOnTime ?? 0,
    complaintsDue: complaints?.due ?? 0,
    complaintsRepliedOnTime: complaints?.onTime ?? 0,
  };
}

function agentRow(a: AgentRecord): AgentRow {
  return { id: a.id, name: a.name, team: a.team, state: a.state, sinceTs: a.sinceTs, queues: a.queues, vip: a.vip, reason: a.reason };
}
