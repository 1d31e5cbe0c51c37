// Which series the targets' history shows, and each one's target and cumulative points: all
// the hotline KPIs (plus the service level) for all queues; for one queue, what its own buckets
// hold the parts of (connect rates by tier, and its service level).
import type { IntradayBucket, Kpi, KpiStatus } from '../../../server/contract/snapshot.js';
import { cumulativeSeries, statusOf, type CumulativePoint, type HistorySeriesId, type HistoryTarget } from '../../charts/target-history-geometry.js';

export interface TargetCard {
  id: HistorySeriesId;
  spec: HistoryTarget;
  points: CumulativePoint[];
  /** The latest cumulative value: the day's figure so far. */
  value: number | null;
  status: KpiStatus;
}

/** In the TV's order: connect rates, then service quality, then hold checks and service level. */
const ALL_QUEUES_SERIES = [
  'systemConnect',
  'agentConnect',
  'vipConnect',
  'satisfaction',
  'complaintReply',
  'firstContactResolution',
  'holdCheckOnTime',
  'serviceLevel',
] as const satisfies readonly HistorySeriesId[];

export interface TargetCardsInput {
  /** One series of buckets: the totals (queue null) or one queue's. */
  buckets: readonly IntradayBucket[];
  queue: string | null;
  kpis: readonly Kpi[];
  serviceLevelTarget: number;
  /** Server time now: every line runs to the interval holding it. */
  nowTs: number;
}

export function targetCards({ buckets, queue, kpis, serviceLevelTarget, nowTs }: TargetCardsInput): TargetCard[] {
  const kpi = (id: HistorySeriesId) => kpis.find((k) => k.id === id);
  const sum = (f: (b: IntradayBucket) => number) => buckets.reduce((n, b) => n + f(b), 0);
  const ids: readonly HistorySeriesId[] =
    queue === null
      ? ALL_QUEUES_SERIES
      : [
          // A VIP-only queue has no standard calls to rate, and a queue without VIP callers no VIP rate.
          ...(sum((b) => b.standardHandled) > 0 || sum((b) => b.vipHandled) === 0 ? (['agentConnect'] as const) : []),
          ...(sum((b) => b.vipHandled) > 0 ? (['vipConnect'] as const) : []),
          'serviceLevel' as const,
        ];
  // Hold checks falling due on calls still on hold count in the KPI before any interval books them.
  const hold = kpi('holdCheckOnTime');
  const pendingHoldChecks = queue === null && hold ? Math.max(0, hold.sample - sum((b) => b.holdChecksDue)) : 0;
  return ids.flatMap((id) => {
    const k = kpi(id);
    const spec: HistoryTarget | null =
      id === 'serviceLevel'
        ? { target: serviceLevelTarget, riskFloor: serviceLevelTarget, unit: 'fraction' }
        : k
          ? { target: k.target, riskFloor: k.riskFloor, unit: k.unit }
          : null;
    if (!spec) return [];
    const points = cumulativeSeries(buckets, id, { untilTs: nowTs, pendingDenominator: id === 'holdCheckOnTime' ? pendingHoldChecks : 0 });
    const value = points.at(-1)?.value ?? null;
    return [{ id, spec, points, value, status: statusOf(value, spec) }];
  });
}

const samePoints = (a: readonly CumulativePoint[], b: readonly CumulativePoint[]) =>
  a.length === b.length && a.every((p, i) => p.ts === b[i]!.ts && p.value === b[i]!.value && p.sample === b[i]!.sample);

const sameCard = (a: TargetCard, b: TargetCard) =>
  a.id === b.id && a.spec.target === b.spec.target && a.spec.riskFloor === b.spec.riskFloor && a.spec.unit === b.spec.unit && samePoints(a.points, b.points);

/**
 * `next`, with every card whose content did not change replaced by the earlier object: most
 * deltas move one or two KPIs, and a chart handed the same object does not draw again.
 */
export function keepUnchanged(previous: readonly TargetCard[], next: TargetCard[]): TargetCard[] {
  const before = new Map(previous.map((c) => [c.id, c]));
  return next.map((c) => {
    const old = before.get(c.id);
    return old && sameCard(old, c) ? old : c;
  });
}
