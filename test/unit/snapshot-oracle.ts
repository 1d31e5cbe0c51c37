// The test oracle for server/core/snapshot.ts: a view's snapshot computed directly from the
// state, one full pass per view, as the server did before views shared one frame per push.
// Kept only so the property test can hold the shared path to it; nothing in the server uses it.
import { agentDaysNow } from '../../server/core/agent-day.js';
import { agentsPart, emptyAgentCounts, servedQueues } from '../../server/core/agents.js';
import { alarmsPart } from '../../server/core/alarm-log.js';
import { callTotals } from '../../server/core/calls.js';
import { complaintBuckets, complaintCounts } from '../../server/core/complaints.js';
import type { CoreConfig } from '../../server/core/core-config.js';
import { asaMs, connectRate, handled, ratio, serviceLevel, sumCounts, windowStats } from '../../server/core/counts.js';
import { currentDay, type DayStats } from '../../server/core/day.js';
import { heldCalls, holdTotals, missedChecks } from '../../server/core/holds.js';
import { intradayOf } from '../../server/core/intraday.js';
import { limitsReached } from '../../server/core/limits.js';
import { computeKpis } from '../../server/core/metrics.js';
import { thresholdsOf } from '../../server/core/queue-settings.js';
import { arrivalsInWindow, measureQueues, queueStaffing, wrapInWindow } from '../../server/core/staffing.js';
import type { State } from '../../server/core/state.js';
import { transferTotals } from '../../server/core/transfers.js';
import { queuesPart } from '../../server/core/visits.js';
import type { Snapshot, Totals } from '../../server/contract/snapshot.js';
import type { View } from '../../server/contract/view.js';

/** The queues a view shows: those named, else those the team serves, else every queue seen. */
function selectQueues(state: State, day: DayStats, view: View): string[] {
  if (view.queues && view.queues.length > 0) return [...new Set(view.queues)].sort();
  if (view.team !== undefined) return [...new Set(servedQueues(state, view.team))].sort();
  return [...new Set([...day.queues.keys(), ...state.waiting.keys(), ...servedQueues(state)])].sort();
}

export function directSnapshot(state: State, config: CoreConfig, now: number, view: View = {}): Snapshot {
  const day = currentDay(state.today, now, config);
  const queueIds = selectQueues(state, day, view);
  const queueSet = view.queues?.length || view.team !== undefined ? new Set(queueIds) : null;
  const expiredBefore = now - config.callExpiryMs;

  // Each agent's day: the counters, plus the checks overdue now in every open hold of theirs.
  const liveMissed = new Map<string, number>();
  for (const h of heldCalls(state, config, now, {}, null, expiredBefore)) {
    liveMissed.set(h.agentId, (liveMissed.get(h.agentId) ?? 0) + missedChecks(h.lastCheckTs, now, config.holdCheckIntervalMs));
  }
  const agents = agentsPart(state, view, queueSet, { ...agentDaysNow(state, now, config), liveMissed });
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
    queues: queues.rows.map((row) => {
      const byState = agents.byQueue.get(row.id) ?? emptyAgentCounts();
      const measure = measureQueues(state.calls.values(), now).get(row.id);
      const thresholds = thresholdsOf(state, config, row.id);
      return {
        ...row,
        agents: byState,
        staffing: queueStaffing(measure, arrivalsInWindow(state.rolling.get(row.id), now), byState, thresholds, wrapInWindow(state.wrapUps.get(row.id), now)),
        thresholds,
      };
    }),
    held,
    agents: agents.counts,
    day: day.day,
    timeZone: config.timeZone,
    kpis: computeKpis(totals, handled(queues.standard), handled(queues.vip), config),
    window15m: windowStats(queues.window),
    agentList: agents.list,
    intraday: intradayOf(day, queueIds, view.detail === true, complaintBuckets(state, day, now)),
    recentAbandons: state.recentAbandons.filter((r) => queueSet === null || queueSet.has(r.queue)),
    thresholds: {
      serviceLevelMs: config.serviceLevelMs,
      serviceLevelTarget: config.serviceLevelTarget,
      shortAbandonMs: config.shortAbandonMs,
      holdCheckIntervalMs: config.holdCheckIntervalMs,
    },
    queueNames: queueNamesOf(state, config, queueSet === null ? null : queueIds),
    ingest: {
      ...state.ingest,
      cursors: Object.fromEntries(state.cursors),
      lastEventTs: state.eventWatermark > 0 ? state.eventWatermark : null,
    },
    teams: agents.teams,
    timeInState: config.timeInState,
    limits: limitsReached(state, config.limits),
    alarms: alarmsPart(state, day.startTs, queueSet),
  };
}

/** The names held for the queues shown (all named queues when the view is not filtered). */
function queueNamesOf(state: State, config: CoreConfig, shown: readonly string[] | null): NonNullable<Snapshot['queueNames']> {
  const settings = state.queueSettings?.queues ?? config.queues;
  const names: NonNullable<Snapshot['queueNames']> = {};
  for (const id of shown ?? Object.keys(settings).sort()) {
    const name = settings[id]?.name;
    if (name) names[id] = name;
  }
  return names;
}
