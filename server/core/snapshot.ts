// The read side of the contract, derived from the state at a given moment for a view (all
// queues, some queues, or one team). Pure: `now` is passed in. A push serves many views at once,
// so the work is split: a frame computes once what no view changes (the day's totals, every
// agent, every held call, the complaint buckets) and each queue's figures once, when a view first
// needs them; a view's snapshot is then filters and sums over the frame. N distinct views cost
// about one full snapshot plus N projections, and views share their row objects.
import { agentDaysNow } from './agent-day.js';
import { agentsPart, emptyAgentCounts, servedQueues } from './agents.js';
import { alarmsPart } from './alarm-log.js';
import { callTotals } from './calls.js';
import { complaintBuckets, complaintCounts, complaintReplyRate } from './complaints.js';
import type { CoreConfig } from './core-config.js';
import { asaMs, connectRate, handled, serviceLevel, sumCounts, windowStats, type Counts } from './counts.js';
import { currentDay } from './day.js';
import { heldCalls, holdTotals, missedChecks } from './holds.js';
import { intradayOf } from './intraday.js';
import { limitsReached } from './limits.js';
import { queueNamesIn, queueSettingsIn, thresholdsOf } from './queue-settings.js';
import { getOrCreate } from './map-utils.js';
import { computeKpis } from './metrics.js';
import { arrivalsInWindow, measureQueues, queueStaffing, wrapInWindow, type QueueMeasure } from './staffing.js';
import type { State } from './state.js';
import { transferTotals } from './transfers.js';
import { addQueuesPart, emptyQueuesPart, queuesPart } from './visits.js';
import type { AgentRow, HeldCall, IntradayBucket, QueueStats, Snapshot, Totals, WindowStats } from '../contract/snapshot.js';
import type { View } from '../contract/view.js';
import type { AgentState } from '../contract/vocabulary.js';

/** One moment's shared computation; `view` projects a view's snapshot out of it. */
export interface SnapshotFrame {
  view(view: View): Snapshot;
}

/** What the queues shown add up to: the sums over their rows. */
interface QueueSums {
  rows: QueueStats[];
  standard: Counts;
  vip: Counts;
  waiting: number;
  vipWaiting: number;
  oldestQueuedTs: number | null;
  expiredNow: number;
  window: Counts;
  window15m: WindowStats;
}

export function toSnapshot(state: State, config: CoreConfig, now: number, view: View = {}): Snapshot {
  return snapshotFrame(state, config, now).view(view);
}

export function snapshotFrame(state: State, config: CoreConfig, now: number): SnapshotFrame {
  const day = currentDay(state.today, now, config);
  const expiredBefore = now - config.callExpiryMs;
  const allHeld = heldCalls(state, config, now, {}, null, expiredBefore);
  const everyone = agentsPart(state, {}, null, { ...agentDaysNow(state, now, config), liveMissed: liveMissedByAgent(allHeld, now, config) });
  const calls = callTotals(day.counters);
  const transfers = transferTotals(day.counters);
  const complaints = complaintCounts(state, day, now);
  const complaintsByBucket = complaintBuckets(state, day, now);
  const abandons = state.recentAbandons.map((r) => ({ ...r }));
  const thresholds = {
    serviceLevelMs: config.serviceLevelMs,
    serviceLevelTarget: config.serviceLevelTarget,
    shortAbandonMs: config.shortAbandonMs,
    holdCheckIntervalMs: config.holdCheckIntervalMs,
  };
  const ingest = { ...state.ingest, cursors: Object.fromEntries(state.cursors), lastEventTs: state.eventWatermark > 0 ? state.eventWatermark : null };
  const allQueueIds = [...new Set([...day.queues.keys(), ...state.waiting.keys(), ...servedQueues(state)])].sort();
  const agentIndex = indexAgents(everyone.list);
  const limits = limitsReached(state, config.limits);
  const settings = queueSettingsIn(state, config);
  const allNames = queueNamesIn(settings, null);

  // The staffing hint's measures: one pass over the calls, when a view first shows a queue.
  let measures: Map<string, QueueMeasure> | null = null;
  const rowCache = new Map<string, { row: QueueStats; part: ReturnType<typeof queuesPart> }>();
  const queueRow = (id: string) =>
    getOrCreate(rowCache, id, () => {
      const part = queuesPart(state, day, [id], now, expiredBefore);
      const agents = everyone.byQueue.get(id) ?? emptyAgentCounts();
      measures ??= measureQueues(state.calls.values(), now);
      const thresholds = thresholdsOf(state, config, id);
      const staffing = queueStaffing(measures.get(id), arrivalsInWindow(state.rolling.get(id), now), agents, thresholds, wrapInWindow(state.wrapUps.get(id), now));
      return { part, row: { ...part.rows[0]!, agents, staffing, thresholds } };
    });
  const sumsCache = new Map<string, QueueSums>();
  const sumsOf = (queueIds: readonly string[]) => getOrCreate(sumsCache, JSON.stringify(queueIds), () => sumQueues(queueIds.map(queueRow)));
  const intradayCache = new Map<string, IntradayBucket[]>();
  const intradayFor = (queueIds: readonly string[], detail: boolean) =>
    getOrCreate(intradayCache, `${detail ? 1 : 0}${JSON.stringify(queueIds)}`, () => intradayOf(day, queueIds, detail, complaintsByBucket));

  /** The queues a view shows: those named, else those the team serves, else every queue seen. */
  function selectQueues(view: View): string[] {
    if (view.queues && view.queues.length > 0) return [...new Set(view.queues)].sort();
    if (view.team !== undefined) return agentIndex.teamQueues(view.team);
    return allQueueIds;
  }

  // What views with the same queues, or the same team, share: computed for the first, reused by the rest.
  const shared = new Map<string, unknown>();
  const once = <T>(key: string, make: () => T): T => getOrCreate(shared, key, make) as T;

  return {
    view(view: View): Snapshot {
      const queueIds = selectQueues(view);
      const filtered = view.queues?.length || view.team !== undefined;
      // Unambiguous, whatever characters the queue ids hold.
      const queueKey = JSON.stringify(queueIds);
      // Agents and held calls follow the team when there is one, else the queues shown.
      const whoKey = view.team !== undefined ? `team\n${view.team}` : filtered ? `queues\n${queueKey}` : 'all';
      const queueSet = filtered ? once(`set\n${queueKey}`, () => new Set(queueIds)) : null;
      const agents = once(`agents\n${whoKey}`, () => {
        const list = view.team !== undefined ? agentIndex.ofTeam(view.team) : queueSet === null ? everyone.list : agentIndex.ofQueues(queueIds);
        return { list, counts: queueSet === null ? everyone.counts : countByState(list) };
      });
      const held = once(`held\n${whoKey}`, () =>
        view.team !== undefined
          ? allHeld.filter((h) => h.team === view.team)
          : queueSet === null
            ? allHeld
            : allHeld.filter((h) => h.queue !== null && queueSet.has(h.queue)),
      );
      const queues = sumsOf(queueIds);
      const figures = once(`figures\n${JSON.stringify([whoKey, queueKey])}`, () => {
        const holds = holdTotals(day.counters, held, now, config);
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
          complaintReplyRate: complaintReplyRate(complaints.onTime, complaints.repliedToday, complaints.overdue),
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
        return { totals, kpis: computeKpis(totals, handled(queues.standard), handled(queues.vip), config) };
      });

      return {
        serverTs: now,
        totals: figures.totals,
        queues: queues.rows,
        held,
        agents: agents.counts,
        day: day.day,
        timeZone: config.timeZone,
        kpis: figures.kpis,
        window15m: queues.window15m,
        agentList: agents.list,
        intraday: intradayFor(queueIds, view.detail === true),
        recentAbandons: queueSet === null ? abandons : once(`abandons\n${queueKey}`, () => abandons.filter((r) => queueSet.has(r.queue))),
        thresholds,
        // A display limited to some queues is told only their names.
        queueNames: filtered ? once(`names\n${queueKey}`, () => queueNamesIn(settings, queueIds)) : allNames,
        ingest,
        teams: everyone.teams,
        timeInState: config.timeInState,
        limits,
        alarms: once(`alarms\n${queueSet === null ? '' : queueKey}`, () => alarmsPart(state, day.startTs, queueSet)),
      };
    },
  };
}

/** The rows of the queues shown and their sums, added in the order of the rows. */
function sumQueues(parts: readonly { row: QueueStats; part: ReturnType<typeof queuesPart> }[]): QueueSums {
  const sums = emptyQueuesPart();
  for (const { part } of parts) addQueuesPart(sums, part);
  return { ...sums, rows: parts.map((p) => p.row), window15m: windowStats(sums.window) };
}

/** Per agent, the hold checks that fell due and were not made in the holds still open. */
function liveMissedByAgent(held: readonly HeldCall[], now: number, config: CoreConfig): Map<string, number> {
  const missed = new Map<string, number>();
  for (const h of held) {
    const n = missedChecks(h.lastCheckTs, now, config.holdCheckIntervalMs);
    if (n > 0) missed.set(h.agentId, (missed.get(h.agentId) ?? 0) + n);
  }
  return missed;
}

function countByState(rows: readonly AgentRow[]): Record<AgentState, number> {
  const counts = emptyAgentCounts();
  for (const a of rows) counts[a.state] += 1;
  return counts;
}

/**
 * The agent list (sorted) indexed by team and by queue served, so a view's agents are a lookup
 * rather than a pass over every agent; each view's list keeps the sorted order.
 */
function indexAgents(list: readonly AgentRow[]) {
  const byTeam = new Map<string, AgentRow[]>();
  const byQueue = new Map<string, number[]>();
  const queuesOfTeam = new Map<string, Set<string>>();
  list.forEach((a, i) => {
    if (a.team !== null) {
      getOrCreate(byTeam, a.team, () => []).push(a);
      const served = getOrCreate(queuesOfTeam, a.team, () => new Set<string>());
      for (const q of a.queues) served.add(q);
    }
    for (const q of a.queues) {
      const rows = getOrCreate(byQueue, q, () => []);
      if (rows.at(-1) !== i) rows.push(i);
    }
  });
  const teamQueues = new Map<string, string[]>();
  return {
    ofTeam: (team: string): AgentRow[] => byTeam.get(team) ?? [],
    teamQueues: (team: string): string[] => getOrCreate(teamQueues, team, () => [...(queuesOfTeam.get(team) ?? [])].sort()),
    /** The agents serving any of these queues. */
    ofQueues(queueIds: readonly string[]): AgentRow[] {
      if (queueIds.length === 1) return (byQueue.get(queueIds[0]!) ?? []).map((i) => list[i]!);
      const shown = new Set<number>();
      for (const q of queueIds) for (const i of byQueue.get(q) ?? []) shown.add(i);
      return [...shown].sort((a, b) => a - b).map((i) => list[i]!);
    },
  };
}
