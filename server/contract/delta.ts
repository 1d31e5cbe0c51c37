// Snapshot deltas: what changed between two snapshots of one view, and how a client applies it.
// Pure, and shared by the server (diffSnapshot) and the wallboard (applyDelta), so both agree
// on keys and order by construction.
import type { Snapshot } from './snapshot.js';

export type ListKey = 'queues' | 'held' | 'agentList' | 'intraday' | 'recentAbandons' | 'kpis';
type ScalarKey = Exclude<keyof Snapshot, ListKey | 'serverTs'>;
type Item<K extends ListKey> = Snapshot[K][number];

interface ListSpec<K extends ListKey> {
  key: (item: Item<K>) => string;
  compare: (a: Item<K>, b: Item<K>) => number;
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** How each list is keyed and ordered; the server emits lists in this order too. */
export const LISTS: { [K in ListKey]: ListSpec<K> } = {
  queues: { key: (q) => q.id, compare: (a, b) => byString(a.id, b.id) },
  held: {
    key: (h) => h.callId,
    compare: (a, b) => a.nextCheckDueTs - b.nextCheckDueTs || byString(a.callId, b.callId),
  },
  agentList: { key: (a) => a.id, compare: (a, b) => byString(a.id, b.id) },
  intraday: {
    key: (b) => `${b.queue ?? ''}@${b.startTs}`,
    compare: (a, b) => byString(a.queue ?? '', b.queue ?? '') || a.startTs - b.startTs,
  },
  recentAbandons: {
    key: (r) => `${r.callId}@${r.ts}`,
    compare: (a, b) => b.ts - a.ts || byString(a.callId, b.callId),
  },
  kpis: { key: (k) => k.id, compare: () => 0 },
};

const LIST_KEYS = Object.keys(LISTS) as ListKey[];

export interface ListChange<T> {
  upsert: T[];
  remove: string[];
}

export interface Delta {
  /** One more than the sequence number of the snapshot or delta it applies on top of. */
  seq: number;
  serverTs: number;
  set: Partial<{ [K in ScalarKey]: Snapshot[K] }>;
  lists: Partial<{ [K in ListKey]: ListChange<Item<K>> }>;
}

// longestWaitMs grows with the clock alone; clients tick it from oldestQueuedTs instead, so a
// change in it is not a change worth pushing.
/** The text two values are compared by: equal text, nothing a client shows changed. */
export function fingerprint(value: unknown): string {
  return JSON.stringify(value, (k, v: unknown) => (k === 'longestWaitMs' ? undefined : v));
}

/**
 * How diffSnapshot compares. The server's push passes one that remembers what it computed, so
 * the objects and lists many views share are serialised and compared once; it must answer what
 * the plain comparison would.
 */
export interface DiffCompare {
  /** What fingerprint() answers for the value. */
  fingerprint: (value: unknown) => string;
  /** A list's change from `prev` to `next`: `compute()`, or what it gave for the same two lists before. */
  list: (key: ListKey, prev: readonly unknown[], next: readonly unknown[], compute: () => ListChange<unknown> | null) => ListChange<unknown> | null;
}

const PLAIN: DiffCompare = { fingerprint, list: (_key, _prev, _next, compute) => compute() };

/** The changes that turn `prev` into `next`, or null when nothing a client shows changed. */
export function diffSnapshot(prev: Snapshot, next: Snapshot, seq: number, compare: DiffCompare = PLAIN): Delta | null {
  const delta: Delta = { seq, serverTs: next.serverTs, set: {}, lists: {} };
  let changed = false;
  for (const key of Object.keys(next) as (keyof Snapshot)[]) {
    if (key === 'serverTs' || (LIST_KEYS as string[]).includes(key)) continue;
    if (compare.fingerprint(prev[key]) !== compare.fingerprint(next[key])) {
      (delta.set as Record<string, unknown>)[key] = next[key];
      changed = true;
    }
  }
  for (const key of LIST_KEYS) {
    const before = prev[key] as Item<typeof key>[];
    const after = next[key] as Item<typeof key>[];
    const change = compare.list(key, before, after, () => diffList(key, before, after, compare.fingerprint));
    if (change) {
      (delta.lists as Record<string, unknown>)[key] = change;
      changed = true;
    }
  }
  return changed ? delta : null;
}

function diffList<K extends ListKey>(key: K, prev: Item<K>[], next: Item<K>[], fingerprintOf: (value: unknown) => string): ListChange<Item<K>> | null {
  const spec = LISTS[key] as ListSpec<K>;
  const before = new Map(prev.map((item) => [spec.key(item), fingerprintOf(item)]));
  const upsert: Item<K>[] = [];
  const seen = new Set<string>();
  for (const item of next) {
    const k = spec.key(item);
    seen.add(k);
    if (before.get(k) !== fingerprintOf(item)) upsert.push(item);
  }
  const remove = [...before.keys()].filter((k) => !seen.has(k));
  return upsert.length > 0 || remove.length > 0 ? { upsert, remove } : null;
}

/** Applies a delta to a snapshot, returning a new snapshot (the input is left untouched). */
export function applyDelta(snapshot: Snapshot, delta: Delta): Snapshot {
  const next = { ...snapshot, ...delta.set, serverTs: delta.serverTs };
  for (const key of LIST_KEYS) {
    const change = delta.lists[key];
    if (change) (next as unknown as Record<string, unknown>)[key] = applyList(key, snapshot[key] as Item<typeof key>[], change as ListChange<Item<typeof key>>);
  }
  return next;
}

function applyList<K extends ListKey>(key: K, items: Item<K>[], change: ListChange<Item<K>>): Item<K>[] {
  const spec = LISTS[key] as ListSpec<K>;
  const byKey = new Map(items.map((item) => [spec.key(item), item]));
  for (const k of change.remove) byKey.delete(k);
  for (const item of change.upsert) byKey.set(spec.key(item), item);
  return [...byKey.values()].sort(spec.compare);
}
