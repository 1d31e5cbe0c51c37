// Slices of a snapshot that the views hand to their components, memoised on the identity of
// the lists they come from: applyDelta keeps unchanged lists as they were, so an unchanged
// slice keeps its identity and the component below does not render again.
import type { IntradayBucket, Kpi, KpiId, QueueStats } from '../../server/contract/snapshot.js';
import { seriesOf } from '../charts/intraday-geometry.js';
import { BUCKET_MS } from '../../server/contract/constants.js';

export function memo<A, R>(fn: (a: A) => R): (a: A) => R {
  let last: { a: A; r: R } | null = null;
  return (a) => {
    if (last && last.a === a) return last.r;
    last = { a, r: fn(a) };
    return last.r;
  };
}

export function memo2<A, B, R>(fn: (a: A, b: B) => R): (a: A, b: B) => R {
  let last: { a: A; b: B; r: R } | null = null;
  return (a, b) => {
    if (last && last.a === a && last.b === b) return last.r;
    last = { a, b, r: fn(a, b) };
    return last.r;
  };
}

export const kpisById = (kpis: readonly Kpi[]): Partial<Record<KpiId, Kpi>> => Object.fromEntries(kpis.map((k) => [k.id, k]));

/** Queues in the order the screen's link lists them (others after, by id). */
export function orderQueues(queues: readonly QueueStats[], order: readonly string[]): QueueStats[] {
  if (order.length === 0) return [...queues];
  const rank = new Map(order.map((id, i) => [id, i]));
  return [...queues].sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity) || (a.id < b.id ? -1 : 1));
}

export const totalsSeries = (intraday: readonly IntradayBucket[]) => seriesOf(intraday, null);

export const bucketStart = (ts: number) => Math.floor(ts / BUCKET_MS) * BUCKET_MS;
