// toSnapshot(): the read side of the contract, derived from the state at a given moment for
// one view (all queues, some queues, or one team). Pure: `now` is passed in. Each concern's
// module computes its part; this composes them in the contract's shape.
import { agentsPart, emptyAgentCounts, servedQueues } from './agents.js';
import { callTotals } from './calls.js';
import { complaintCounts } from './complaints.js';
import type { CoreConfig } from './core-config.js';
import { asaMs, connectRate, handled, ratio, serviceLevel, sumCounts, windowStats } from './counts.js';
import { currentDay, type DayStats } from './day.js';
import { heldCalls, holdTotals } from './holds.js';
import { intradayBuckets } from './intraday.js';
import { limitsReached } from './limits.js';
import { computeKpis } from './metrics.js';
import type { State } from './state.js';
import { transferTotals } from './transfers.js';
import { queuesPart } from './visits.js';
import type { Snapshot, Totals } from '../contract/snapshot.js';
import type { View } from '../contract/view.js';

/** The queues a view shows: those named, else those the team serves, else every queue seen. */
function selectQueues(state: State, day: DayStats, view: View): string[] {
  if (view.queues && view.queues.length > 0) return [...new Set(view.queues)].sort();
  if (view.team !== undefined) return [...new Set(servedQueues(state, view.team))].sort();
  return [...new Set([...day.queues.keys(), ...state.waiting.keys(), ...servedQueues(state)])].sort();
}

export function toSnapshot(state: State, config: CoreConfig, now: number, view: View = {}): Snapshot {
  const day = currentDay(state.today, now, config);
  const queueIds = selectQueues(state, day, view);
  const queueSet = view.queues?.length || view.team !== undefined ? new Set(queueIds) : null;
  const expiredBefore = now - config.callExpiryMs;

  const agents = agentsPart(state, view, queueSet);
  const queues = queuesPart(state, day, queueIds, now, expiredBefore);
  const held = heldCalls(state, config, now, view, queueSet, expiredBefore);
  const holds = holdTotals(day.counters, held, now, config);
  const calls = callTotals(day.counters);
  const transfers = transferTotals(day.counters);
  const complaints = complaintCounts(state, day, now);
  const all = sumCounts([queues.standard, queues.vip]);

  const totals: Totals = {
    arrived: calls.arrived,
    blocked: calls.blocked,
    systemConnectRate: calls.systemConnectRate,
    queued: all.offered,
    answered: all.answered,
    abandoned: all.abandoned,
    exited: all.exited,
    waiting: queues.waiting,
    longestWaitMs: queues.oldestQueuedTs === null ? 0 : Math.max(0, now - queues.oldestQueuedTs),
    agentConnectRate: connectRate(queues.standard),
    vipConnectRate: connectRate(queues.vip),
    serviceLevel: serviceLevel(all),
    asaMs: asaMs(all),
    satisfaction: calls.satisfaction,
    firstContactResolution: calls.firstContactResolution,
    complaintReplyRate: ratio(complaints.onTime, complaints.repliedToday + complaints.overdue),
    holdCheckOnTimeRate: holds.holdCheckOnTimeRate,
    coldTransfers: transfers.coldTransfers,
    warmTransfers: transfers.warmTransfers,
    oldestQueuedTs: queues.oldestQueuedTs,
    shortAbandoned: all.shortAbandoned,
    expired: all.expired + queues.expiredNow,
    otherTransfers: transfers.otherTransfers,
    surveys: calls.surveys,
    endedWithResolution: calls.endedWithResolution,
    holdChecksDue: holds.holdChecksDue,
    holdChecksOnTime: holds.holdChecksOnTime,
    complaintsOpen: complaints.open,
    complaintsOverdue: complaints.overdue,
    complaintsRepliedToday: complaints.repliedToday,
    vipWaiting: queues.vipWaiting,
  };

  return {
    serverTs: now,
    totals,
    queues: queues.rows.map((row) => ({ ...row, agents: agents.byQueue.get(row.id) ?? emptyAgentCounts() })),
    held,
    agents: agents.counts,
    day: day.day,
    timeZone: config.timeZone,
    kpis: computeKpis(totals, handled(queues.standard), handled(queues.vip), config),
    window15m: windowStats(queues.window),
    agentList: agents.list,
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
    teams: agents.teams,
    limits: limitsReached(state, config.limits),
  };
}
