// The aggregate state: what the core knows after applying a prefix of the stream. Plain data
// (Maps and records) so it can be checkpointed as JSON and restored byte for byte.
import type { AgentState, Tier } from '../contract/vocabulary.js';
import { emptyCounts, type Counts } from './counts.js';
import type { IngestCounters, RecentAbandon } from '../contract/snapshot.js';
import type { DayWindow } from './windows.js';

export type Outcome = 'answered' | 'abandoned' | 'expired';

/** One stay of a call in one queue, from call.queued to its answer, abandon or expiry. */
export interface Visit {
  queue: string;
  queuedTs: number | null;
  outcome: Outcome | null;
  outcomeTs: number | null;
  /** Set when the outcome was inferred (a call.ended while waiting): an explicit event overrides it. */
  inferred: boolean;
  /** What this visit added to the tallies, so a correction can take exactly that back. */
  contribution: Contribution | null;
}

export interface Contribution {
  queue: string;
  vip: boolean;
  offerTs: number;
  outcome: Outcome | null;
  outcomeTs: number;
  waitMs: number | null;
  withinSl: boolean;
  short: boolean;
}

export interface Hold {
  agentId: string;
  sinceTs: number;
  lastCheckTs: number;
  /** Checks made late or not made during this hold. */
  missed: number;
  /** Opened by a check whose call.held had not arrived (yet). */
  openedByCheck: boolean;
}

export interface CallRecord {
  id: string;
  tier: Tier;
  arrivalCounted: boolean;
  blocked: boolean;
  visits: Visit[];
  /** Queue and agent of the last answer: where a held call belongs. */
  queue: string | null;
  agentId: string | null;
  hold: Hold | null;
  /** Latest event time that ended a hold (0: none); older hold events are stale. */
  holdEndedTs: number;
  endedTs: number | null;
  resolutionCounted: boolean;
  surveyCounted: boolean;
  /** Event times of the transfers counted, to recognise one reported again. */
  transfers: number[];
  /** The last hold that ended, so a check delivered after its end still counts. */
  lastHold: { sinceTs: number; lastCheckTs: number; endedTs: number } | null;
  /** Redis time (entry ID) of the last entry about this call: drives expiry. */
  lastSeenAt: number;
  /** Event time of the last event about this call. */
  lastEventTs: number;
}

export interface AgentRecord {
  id: string;
  state: AgentState;
  sinceTs: number;
  /** Time of the newest state report; older ones arriving late are ignored. */
  lastEventTs: number;
  name: string | null;
  team: string | null;
  queues: string[];
  vip: boolean;
  reason: string | null;
}

export interface ComplaintRecord {
  id: string;
  openedTs: number | null;
  dueTs: number | null;
  repliedTs: number | null;
}

export interface QueueDayCounts {
  standard: Counts;
  vip: Counts;
}

/** Day counters that are not about queue visits; kept for the day and per 15-minute bucket. */
export interface DayCounters {
  arrived: number;
  blocked: number;
  surveySum: number;
  surveys: number;
  resolved: number;
  endedWithResolution: number;
  holdChecksDue: number;
  holdChecksOnTime: number;
  warmTransfers: number;
  coldTransfers: number;
  otherTransfers: number;
}

export function emptyDayCounters(): DayCounters {
  return {
    arrived: 0, blocked: 0, surveySum: 0, surveys: 0, resolved: 0, endedWithResolution: 0,
    holdChecksDue: 0, holdChecksOnTime: 0, warmTransfers: 0, coldTransfers: 0, otherTransfers: 0,
  };
}

/** Counters of one calendar day; replaced at local midnight. */
export interface DayStats extends DayWindow {
  counters: DayCounters;
  /** bucket index → the counters of that 15 minutes. */
  counterBuckets: Map<number, DayCounters>;
  queues: Map<string, QueueDayCounts>;
  /** queue → bucket index → counts by tier class. */
  intraday: Map<string, Map<number, QueueDayCounts>>;
}

export interface State {
  /** Last applied entry ID per stream key: anything at or below it is a duplicate. */
  cursors: Map<string, string>;
  /** Highest Redis append time seen (ms part of entry IDs): the expiry clock. */
  arrivalWatermark: number;
  /** Highest (clamped) event time seen: drives the rolling window's horizon. */
  eventWatermark: number;
  lastGcAt: number;
  today: DayStats | null;
  calls: Map<string, CallRecord>;
  /** IDs of calls on hold now: the hold-check board without a scan of every call. */
  onHold: Map<string, true>;
  /** Calls created, changed or forgotten since the last checkpoint took them (not persisted). */
  changedCalls: Set<string>;
  /** queue → callId → queue time, for calls waiting now. */
  waiting: Map<string, Map<string, number>>;
  agents: Map<string, AgentRecord>;
  complaints: Map<string, ComplaintRecord>;
  /** queue → minute index → counts, for the rolling window. */
  rolling: Map<string, Map<number, Counts>>;
  recentAbandons: RecentAbandon[];
  ingest: IngestCounters;
}

export function initialState(): State {
  return {
    cursors: new Map(),
    arrivalWatermark: 0,
    eventWatermark: 0,
    lastGcAt: 0,
    today: null,
    calls: new Map(),
    onHold: new Map(),
    changedCalls: new Set(),
    waiting: new Map(),
    agents: new Map(),
    complaints: new Map(),
    rolling: new Map(),
    recentAbandons: [],
    ingest: { applied: 0, duplicates: 0, deadLettered: 0, lateDropped: 0, clockSkewed: 0, unknownCalls: 0 },
  };
}

export function newDay(window: DayWindow): DayStats {
  return { ...window, counters: emptyDayCounters(), counterBuckets: new Map(), queues: new Map(), intraday: new Map() };
}

export function emptyQueueDayCounts(): QueueDayCounts {
  return { standard: emptyCounts(), vip: emptyCounts() };
}

export function getOrCreate<K, V>(map: Map<K, V>, key: K, create: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = create();
    map.set(key, value);
  }
  return value;
}

// Checkpoints come in two parts: the call records, one JSON value per call so that a
// checkpoint rewrites only the calls that changed since the previous one, and the rest of the
// state (counters, queues, agents, cursors), which stays small whatever the call volume.
// Maps are written as arrays of entries by hand: a JSON replacer made this several times slower.
type Entries<M> = M extends Map<infer K, infer V> ? [K, V][] : never;
const nested = <K1, K2, V>(m: Map<K1, Map<K2, V>>): [K1, [K2, V][]][] => [...m].map(([k, inner]) => [k, [...inner]]);
const unnest = <K1, K2, V>(list: [K1, [K2, V][]][]): Map<K1, Map<K2, V>> => new Map(list.map(([k, inner]) => [k, new Map(inner)]));

type CoreFields = Omit<State, 'cursors' | 'today' | 'calls' | 'onHold' | 'changedCalls' | 'waiting' | 'agents' | 'complaints' | 'rolling'>;
interface SerializedCore extends CoreFields {
  cursors: [string, string][];
  today:
    | (Omit<DayStats, 'queues' | 'intraday' | 'counterBuckets'> & {
        queues: Entries<DayStats['queues']>;
        intraday: [string, [number, QueueDayCounts][]][];
        counterBuckets: Entries<DayStats['counterBuckets']>;
      })
    | null;
  waiting: [string, [string, number][]][];
  agents: AgentRecord[];
  complaints: ComplaintRecord[];
  rolling: [string, [number, Counts][]][];
}

/** Everything but the call records. */
export function serializeCore(state: State): string {
  const { calls: _c, onHold: _h, changedCalls: _d, ...rest } = state;
  const core: SerializedCore = {
    ...rest,
    cursors: [...state.cursors],
    today: state.today && {
      ...state.today,
      queues: [...state.today.queues],
      intraday: nested(state.today.intraday),
      counterBuckets: [...state.today.counterBuckets],
    },
    waiting: nested(state.waiting),
    agents: [...state.agents.values()],
    complaints: [...state.complaints.values()],
    rolling: nested(state.rolling),
  };
  return JSON.stringify(core);
}

export const serializeCall = (call: CallRecord): string => JSON.stringify(call);

/** Rebuilds a state from its two checkpoint parts. */
export function restoreState(core: string, calls: Iterable<string>): State {
  const raw = JSON.parse(core) as SerializedCore;
  const state: State = {
    ...raw,
    cursors: new Map(raw.cursors),
    today: raw.today && {
      ...raw.today,
      queues: new Map(raw.today.queues),
      intraday: unnest(raw.today.intraday),
      counterBuckets: new Map(raw.today.counterBuckets),
    },
    calls: new Map(),
    onHold: new Map(),
    changedCalls: new Set(),
    waiting: unnest(raw.waiting),
    agents: new Map(raw.agents.map((a) => [a.id, a])),
    complaints: new Map(raw.complaints.map((c) => [c.id, c])),
    rolling: unnest(raw.rolling),
  };
  for (const json of calls) {
    const call = JSON.parse(json) as CallRecord;
    state.calls.set(call.id, call);
    if (call.hold) state.onHold.set(call.id, true);
  }
  return state;
}

/** The whole state as one string (tests, and comparing states). */
export function serializeState(state: State): string {
  return JSON.stringify({ core: serializeCore(state), calls: [...state.calls.values()].map(serializeCall) });
}

export function deserializeState(json: string): State {
  const { core, calls } = JSON.parse(json) as { core: string; calls: string[] };
  return restoreState(core, calls);
}
