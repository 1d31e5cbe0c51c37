// Geometry of the targets' history: per 15-minute interval rates (connect rate, service level)
// as lines against their targets, derived from today's intraday buckets. Pure.
import { scaleLinear } from 'd3-scale';
import { curveMonotoneX, line } from 'd3-shape';
import type { IntradayBucket } from '../../server/core/snapshot-types.js';
import type { AxisTick, ChartBox } from './intraday-geometry.js';
import { BUCKET_MS, dayStartOf, hourTicks } from './time-axis.js';

export const RATE_SERIES = ['connectRate', 'serviceLevel'] as const;
export type RateSeriesId = (typeof RATE_SERIES)[number];

export interface RatePoint {
  ts: number;
  value: number | null;
}

export interface RateLine {
  id: RateSeriesId;
  path: string | null;
  dots: { key: number; x: number; y: number }[];
}

export interface RateHistoryGeometry {
  box: ChartBox;
  left: number;
  right: number;
  top: number;
  bottom: number;
  lines: RateLine[];
  targets: { id: RateSeriesId; y: number; value: number }[];
  xTicks: AxisTick[];
  yTicks: AxisTick[];
}

/** Per-interval rates from the buckets: connect rate = answered / (answered + abandoned). */
export function rateSeries(buckets: readonly IntradayBucket[]): Record<RateSeriesId, RatePoint[]> {
  const sorted = [...buckets].sort((a, b) => a.startTs - b.startTs);
  return {
    connectRate: sorted.map((b) => {
      const handled = b.answered + b.abandoned;
      return { ts: b.startTs, value: handled > 0 ? b.answered / handled : null };
    }),
    serviceLevel: sorted.map((b) => ({ ts: b.startTs, value: b.serviceLevel })),
  };
}

export interface RateHistoryOptions {
  box: ChartBox;
  nowTs: number;
  timeZone: string;
  /** Target per series (fraction); series without one get no target line. */
  targets: Partial<Record<RateSeriesId, number>>;
  /** @default 6 h */
  minSpanMs?: number;
}

export function rateHistoryGeometry(buckets: readonly IntradayBucket[], options: RateHistoryOptions): RateHistoryGeometry {
  const { box, nowTs, timeZone } = options;
  const left = box.margin.left;
  const right = box.width - box.margin.right;
  const top = box.margin.top;
  const bottom = box.height - box.margin.bottom;
  const end = Math.floor(nowTs / BUCKET_MS) * BUCKET_MS + BUCKET_MS;
  const firstData = buckets.length > 0 ? Math.min(...buckets.map((b) => b.startTs)) : end;
  const start = Math.max(dayStartOf(nowTs, timeZone), Math.min(firstData, end - (options.minSpanMs ?? 6 * 3600_000)));
  const series = rateSeries(buckets.filter((b) => b.startTs >= start && b.startTs < end));

  const values = RATE_SERIES.flatMap((id) => series[id].map((p) => p.value)).filter((v): v is number => v !== null);
  const targetValues = Object.values(options.targets).filter((v): v is number => typeof v === 'number');
  const low = Math.min(0.5, ...values, ...targetValues);
  const x = scaleLinear().domain([start, end]).range([left, right]);
  const y = scaleLinear().domain([Math.floor(low * 10) / 10, 1]).range([bottom, top]);
  const centre = (ts: number) => x(ts + BUCKET_MS / 2);
  const path = line<RatePoint>()
    .defined((p) => p.value !== null)
    .x((p) => centre(p.ts))
    .y((p) => y(p.value ?? 0))
    .curve(curveMonotoneX);

  const lines: RateLine[] = RATE_SERIES.map((id) => {
    const points = series[id];
    const dots = points.filter((p) => p.value !== null).map((p) => ({ key: p.ts, x: centre(p.ts), y: y(p.value ?? 0) }));
    return { id, path: dots.length > 0 ? path(points) : null, dots };
  });
  const spanHours = (end - start) / 3600_000;
  const step = [1, 2, 3, 4, 6].find((s) => spanHours / s <= 8) ?? 6;
  return {
    box,
    left,
    right,
    top,
    bottom,
    lines,
    targets: RATE_SERIES.flatMap((id) => {
      const value = options.targets[id];
      return value === undefined ? [] : [{ id, y: y(value), value }];
    }),
    xTicks: hourTicks(start, end, timeZone, step).map((t) => ({ at: x(t.ts), value: t.ts })),
    yTicks: y.ticks(5).map((v) => ({ at: y(v), value: v })),
  };
}
