// The checkpoint: the state as JSON, and back. It comes in two parts: the call records, one JSON
// value per call so that a checkpoint rewrites only the calls that changed since the previous
// one, and the rest of the state (counters, queues, agents, cursors), which stays small whatever
// the call volume. Maps are written as arrays of entries by hand: a JSON replacer made this
// several times slower.
import type { AgentRecord } from './agents.js';
import type { CallRecord } from './calls.js';
import type { ComplaintRecord } from './complaints.js';
import type { Counts } from './counts.js';
import type { DayStats, QueueDayCounts } from './day.js';
import type { State } from './state.js';

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
