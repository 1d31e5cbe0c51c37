// The read side of the contract (event-contract.md, "Read side") plus the extensions the
// wallboard needs. Names the contract lists keep their meaning; everything else is additive.
import type { TimeInStateThresholds } from './time-in-state.js';
import type { AgentState, AlarmRule, AlarmSeverity, Tier } from './vocabulary.js';

/** A fraction 0..1, or null where the denominator is zero. */
export type Rate = number | null;

export type KpiId = 'systemConnect' | 'agentConnect' | 'vipConnect' | 'satisfaction' | 'complaintReply' | 'firstContactResolution' | 'holdCheckOnTime';

/** met: at or above target; atRisk: within the configured margin below it; missed: below that. */
export type KpiStatus = 'met' | 'atRisk' | 'missed' | 'noData';

export interface Kpi {
  id: KpiId;
  /** Rates are fractions 0..1; satisfaction is points 0..100. */
  value: number | null;
  target: number;
  /** The value below which the KPI turns from atRisk to missed. */
  riskFloor: number;
  unit: 'fraction' | 'points';
  status: KpiStatus;
  /** How many observations the value rests on (its denominator). */
  sample: number;
}

export interface Totals {
  arrived: number;
  blocked: number;
  systemConnectRate: Rate;
  queued: number;
  answered: number;
  abandoned: number;
  /** Callers who left the queue unanswered without hanging up (call.exited): not connected in the rates. */
  exited: number;
  waiting: number;
  longestWaitMs: number;
  agentConnectRate: Rate;
  vipConnectRate: Rate;
  /** Answered within each queue's own threshold, summed over the queues, over those handled. */
  serviceLevel: Rate;
  asaMs: number | null;
  satisfaction: number | null;
  firstContactResolution: Rate;
  complaintReplyRate: Rate;
  holdCheckOnTimeRate: Rate;
  coldTransfers: number;
  warmTransfers: number;
  // extensions
  /** Queue time of the longest-waiting caller now, so a client can tick longestWaitMs itself. */
  oldestQueuedTs: number | null;
  /** Abandons shorter than the short-abandon threshold: counted here, left out of the rates. */
  shortAbandoned: number;
  /** Queued calls that never ended and were given up on after the expiry time. */
  expired: number;
  /** Transfers without a mode field. */
  otherTransfers: number;
  surveys: number;
  endedWithResolution: number;
  holdChecksDue: number;
  holdChecksOnTime: number;
  complaintsOpen: number;
  /** Open complaints past their reply deadline. */
  complaintsOverdue: number;
  complaintsRepliedToday: number;
  vipWaiting: number;
}

/** Counts over the rolling last 15 minutes (answered/abandoned/exited by when they happened). */
export interface WindowStats {
  offered: number;
  answered: number;
  abandoned: number;
  exited: number;
  serviceLevel: Rate;
  asaMs: number | null;
  agentConnectRate: Rate;
}

export interface QueueStats {
  id: string;
  waiting: number;
  longestWaitMs: number;
  queued: number;
  answered: number;
  abandoned: number;
  /** Callers who left this queue unanswered without hanging up. */
  exited: number;
  agentConnectRate: Rate;
  serviceLevel: Rate;
  asaMs: number | null;
  // extensions
  oldestQueuedTs: number | null;
  shortAbandoned: number;
  expired: number;
  vipWaiting: number;
  window15m: WindowStats;
  /** Agents whose skills include this queue, by state now. */
  agents: Record<AgentState, number>;
  /** The staffing hint; null with too little traffic in the window (absent from servers before it existed). */
  staffing?: QueueStaffing | null;
  /**
   * This queue's own thresholds (its setting, else the floor-wide `thresholds`): its serviceLevel
   * counts calls answered within its serviceLevelMs (absent from servers before per-queue settings).
   */
  thresholds?: QueueThresholds;
}

/** The figures a queue's calls are judged by. */
export interface QueueThresholds {
  serviceLevelMs: number;
  serviceLevelTarget: number;
  shortAbandonMs: number;
}

/** A queue's display name in each language the wallboard speaks. */
export interface QueueDisplayName {
  zh: string;
  en: string;
}

/**
 * "Agents needed now": what Erlang C (Erlang A where callers abandon) says the queue needs to
 * meet the service-level target, from the 15 whole minutes before now, beside the agents on it.
 */
export interface QueueStaffing {
  /** The fewest agents the formula says meet thresholds.serviceLevelTarget within thresholds.serviceLevelMs. */
  needed: number;
  /** Agents serving the queue and logged in, not paused: available, ringing, talking, on hold or in wrap-up. */
  onQueue: number;
  /** Calls offered to the queue in the window, per hour. */
  arrivalsPerHour: number;
  /**
   * Mean handle time fed to the formula, to the second: talk and hold (answer to hang-up or
   * transfer) plus meanWrapMs (servers before wrap-up was measured: talk and hold only).
   */
  meanHandleMs: number;
  /** Of meanHandleMs, the wrap-up (acw) per handled call, to the second (absent from servers before it was measured). */
  meanWrapMs?: number;
  /** Mean patience measured from the window's abandons (to the second); null when nobody abandoned (Erlang C). */
  patienceMs: number | null;
  model: 'erlangC' | 'erlangA';
  /** The service level the formula predicts with `needed` agents. */
  predictedServiceLevel: number;
  /** The search stopped at its ceiling short of the target (a target of 100 %): `needed` is a floor. */
  capped: boolean;
}

export interface HeldCall {
  callId: string;
  agentId: string;
  queue: string | null;
  heldSinceTs: number;
  lastCheckTs: number;
  nextCheckDueTs: number;
  // extensions
  team: string | null;
  agentName: string | null;
  tier: Tier;
  /** Checks made late or not at all during this hold so far. */
  checksMissed: number;
}

export interface AgentRow {
  id: string;
  name: string | null;
  team: string | null;
  state: AgentState;
  sinceTs: number;
  queues: string[];
  vip: boolean;
  /** Why the agent is paused (or logged off), as the PBX said it: free text, masked and at most 256 characters. */
  reason: string | null;
  /** The agent's figures today (absent from servers before they existed). */
  today?: AgentToday;
}

/** One agent's day so far (the configured time zone's calendar day, by event time). */
export interface AgentToday {
  /** Answered calls whose handle ended today (at the hang-up or the first transfer). */
  handled: number;
  /** Mean handle time of those calls (answer to hang-up or first transfer: talk and hold); null with none. */
  meanHandleMs: number | null;
  /** Holds the agent started. */
  holds: number;
  /** 30-second hold checks that fell due and were not made, those overdue in holds still open included. */
  holdChecksMissed: number;
  coldTransfers: number;
  warmTransfers: number;
  /** Logged in (any state but offline) at some time today, or with a figure today: an agent without is logged off all day. */
  active: boolean;
}

/**
 * One 15-minute interval of today; `queue` is null for all queues together. Besides the
 * traffic, it carries the counts behind each KPI for that interval, so a chart can draw the
 * targets' history through the day (per interval, or summed up to each interval).
 */
export interface IntradayBucket {
  queue: string | null;
  startTs: number;
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: Rate;
  // extensions
  exited: number;
  // the connect rates' parts (handled = answered + abandoned − short abandons + exited)
  standardAnswered: number;
  standardHandled: number;
  vipAnswered: number;
  vipHandled: number;
  /** Answered within the threshold of the queue that answered (a sum of each queue's own count). */
  answeredWithinSl: number;
  // extensions, on buckets of all queues only (zero on per-queue buckets)
  arrived: number;
  blocked: number;
  surveys: number;
  surveyScoreSum: number;
  resolved: number;
  endedWithResolution: number;
  holdChecksDue: number;
  holdChecksOnTime: number;
  /** Complaints replied in this interval, plus open ones whose deadline fell in it. */
  complaintsDue: number;
  complaintsRepliedOnTime: number;
}

/** Whether the event feed behind the numbers is current. */
export interface FeedStatus {
  /** live: reading and caught up; catchingUp: reading a backlog; standby: another process aggregates; down: cannot read. */
  state: 'live' | 'catchingUp' | 'standby' | 'down' | 'starting';
  /** Since when the state has been what it is (server time). */
  sinceTs: number;
  /** The reason, when down. */
  reason: string | null;
  /** The PBX adapters feeding the stream, from the status records they publish; absent when none has ever reported. */
  sources?: SourceFeed[];
}

/** One PBX adapter as the board sees it (docs/event-contract.md, "Sources"). */
export interface SourceFeed {
  /** The source's name ("pbx1"), which also prefixes its call ids. */
  source: string;
  /** The adapter kind: "queue-log", "ami", "http", or a producer's own. */
  adapter: string;
  /** live: reporting, events flowing; quiet: reporting, but no event for a while; down: it cannot reach its PBX; gone: it stopped reporting. */
  state: 'live' | 'quiet' | 'down' | 'gone';
  /** Since when it has been in this state (server time). */
  sinceTs: number;
  /** Event time of the last event it appended; null before the first. */
  lastEventTs: number | null;
  /**
   * Server time its event count was last seen to move (at a server start, its last event's age by
   * the adapter's clock): how long the source has been quiet, on the server's clock. Absent from
   * servers before the source-quiet alarm measured it.
   */
  lastSeenTs?: number;
  /** Why, when down ("ECONNREFUSED", "file missing") or gone; null otherwise. */
  reason: string | null;
}

export interface RecentAbandon {
  callId: string;
  queue: string;
  tier: Tier;
  waitMs: number | null;
  ts: number;
}

/** What the consumer did with the entries it read, since the state began. */
export interface IngestCounters {
  applied: number;
  duplicates: number;
  deadLettered: number;
  /** Counts of events whose day had already closed when they arrived. */
  lateDropped: number;
  /** Events whose time ran ahead of Redis and was clamped. */
  clockSkewed: number;
  /** Events about calls first seen mid-flow. */
  unknownCalls: number;
}

/** A cardinality limit the server has reached: new ids of this kind are refused until some are forgotten. */
export interface LimitReached {
  kind: 'queues' | 'agents' | 'teams' | 'complaints';
  /** The configured ceiling. */
  max: number;
  /** How many are known now (at least max). */
  count: number;
}

export interface IngestStats extends IngestCounters {
  /** Stream entry IDs last applied, per stream key. */
  cursors: Record<string, string>;
  /** Event time of the newest applied event. */
  lastEventTs: number | null;
}

/** One alarm (docs/event-contract.md, "Alarms"): raised, maybe acknowledged, maybe cleared. */
export interface Alarm {
  /** Made from the rule, the scope and the raised time: `<rule>:<scope>:<raisedTs>`. */
  id: string;
  rule: AlarmRule;
  /** "floor", a queue id, a KPI id (kpi-missed) or a source name (source-quiet). */
  scope: string;
  severity: AlarmSeverity;
  /** What was measured when it was raised (or escalated), in the rule's unit: seconds, callers, a fraction. */
  value: number;
  /** The level it crossed, in the same unit. */
  threshold: number;
  raisedTs: number;
  /** The login name of the lead or admin who acknowledged it; null until then (and again after an escalation). */
  acknowledgedBy: string | null;
  acknowledgedTs: number | null;
  /** When it cleared; null while active. */
  clearedTs: number | null;
}

/** The alarms now and today's log, newest first. */
export interface AlarmsPart {
  /** Alarms not cleared, critical first, then newest first. */
  active: Alarm[];
  /** Today's alarms (raised or cleared today, or still active), newest first, at most 200. */
  log: Alarm[];
}

export interface Snapshot {
  serverTs: number;
  totals: Totals;
  queues: QueueStats[];
  held: HeldCall[];
  agents: Record<AgentState, number>;
  // extensions
  /** Calendar day (YYYY-MM-DD) of the configured time zone the counters belong to. */
  day: string;
  timeZone: string;
  kpis: Kpi[];
  window15m: WindowStats;
  agentList: AgentRow[];
  /** Totals per 15 minutes, plus per queue when the view asked for detail. */
  intraday: IntradayBucket[];
  recentAbandons: RecentAbandon[];
  /**
   * The floor-wide thresholds: what a queue without its own setting uses. The floor's service
   * level is not judged by these: a floor-wide "answered within threshold" is the sum of each
   * queue's count within its own threshold (QueueStats.thresholds), so it stays exact.
   */
  thresholds: { serviceLevelMs: number; serviceLevelTarget: number; shortAbandonMs: number; holdCheckIntervalMs: number };
  /** Display names held on the server, per queue id, for the queues shown (absent from servers before per-queue settings). A screen's `name.<id>=` overrides them. */
  queueNames?: Record<string, QueueDisplayName>;
  ingest: IngestStats;
  /** Every team known, whatever the view: for a tablet's team filter. */
  teams: string[];
  /** Per agent state, the times in state past which a screen marks the agent (absent from servers before they existed). */
  timeInState?: TimeInStateThresholds;
  /** The cardinality limits reached now; empty when none (absent from servers before limits existed). */
  limits?: LimitReached[];
  /** Active alarms and today's alarm log (absent from servers before alarms existed). */
  alarms?: AlarmsPart;
  /** Added by the server: whether the feed is current (absent from the pure core's snapshot). */
  feed?: FeedStatus;
}
