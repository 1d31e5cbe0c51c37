// Which agents the tablet's table lists and in what order: agents logged off all day are left
// out (offline, and neither logged in nor with a figure today), and the rest sorted by the column
// the lead touched, longest time in state first (those logged off after them) until they touch
// another. Pure, so the order is tested without a DOM.
import type { AgentRow } from '../../../server/contract/snapshot.js';

export const SORT_KEYS = ['name', 'state', 'time', 'handled', 'aht', 'holds', 'missed', 'transfers'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface AgentSort {
  key: SortKey;
  /** Largest (longest, most, last in the alphabet) first. */
  descending: boolean;
}

/** Longest time in state first. */
export const DEFAULT_SORT: AgentSort = { key: 'time', descending: true };

/** Logged off all day: offline, and not logged in today (a server before the figures existed says nothing: shown). */
export const loggedOffAllDay = (a: AgentRow): boolean => a.state === 'offline' && a.today?.active === false;

const STATE_ORDER = ['available', 'ringing', 'talking', 'hold', 'acw', 'paused', 'offline'];

function value(a: AgentRow, key: SortKey, now: number): number | string {
  switch (key) {
    case 'name':
      return (a.name ?? a.id).toLocaleLowerCase();
    case 'state':
      return STATE_ORDER.indexOf(a.state);
    case 'time':
      return now - a.sinceTs;
    case 'handled':
      return a.today?.handled ?? 0;
    case 'aht':
      return a.today?.meanHandleMs ?? -1;
    case 'holds':
      return a.today?.holds ?? 0;
    case 'missed':
      return a.today?.holdChecksMissed ?? 0;
    case 'transfers':
      return (a.today?.coldTransfers ?? 0) + (a.today?.warmTransfers ?? 0);
    default:
      return assertNever(key);
  }
}

function assertNever(key: never): never {
  throw new Error(`unknown sort key ${String(key)}`);
}

/**
 * The agents to list, in order; ties keep the name order, so rows do not jump as the clock ticks.
 * By time in state, agents logged off go after those on the floor, either way round: the hours
 * since the morning shift went home are not time on the floor, and would bury the long pause a
 * lead is looking for.
 */
export function orderAgents(agents: readonly AgentRow[], sort: AgentSort, now: number): AgentRow[] {
  const sign = sort.descending ? -1 : 1;
  const byName = (a: AgentRow, b: AgentRow) => (a.name ?? a.id).localeCompare(b.name ?? b.id) || a.id.localeCompare(b.id);
  const offLast = sort.key === 'time';
  const off = (a: AgentRow) => (offLast && a.state === 'offline' ? 1 : 0);
  return agents
    .filter((a) => !loggedOffAllDay(a))
    .map((a) => ({ a, off: off(a), v: value(a, sort.key, now) }))
    .sort((x, y) => x.off - y.off || (x.v < y.v ? -sign : x.v > y.v ? sign : 0) || byName(x.a, y.a))
    .map((x) => x.a);
}

/** The sort after a touch on a column's header: the same column turns the order round; another starts largest first (names from A). */
export function nextSort(current: AgentSort, key: SortKey): AgentSort {
  if (current.key === key) return { key, descending: !current.descending };
  return { key, descending: key !== 'name' };
}
