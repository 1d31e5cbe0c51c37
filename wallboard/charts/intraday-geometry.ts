// Geometry of the intraday chart: per 15-minute bucket a bar of answered calls with the
// abandoned ones stacked on it and the exits (left the queue unanswered) on those, a tick at
// the offered count, and the service-level line on its
// own 0–100 % scale. Pure: buckets and sizes in, coordinates and paths out.
import { scaleLinear } from 'd3-scale';
import { curveMonotoneX, line } from 'd3-shape';
import type { IntradayBucket } from '../../server/contract/snapshot.js';
import { BUCKET_MS } from '../../server/contract/constants.js';
import { chartSpan, hourStep, hourTicks } from './time-axis.js';

export interface ChartBox {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

export interface IntradayBar {
  key: number;
  x: number;
  width: number;
  answered: { y: number; height: number };
  abandoned: { y: number; height: number };
  /** Callers who left the queue unanswered without hanging up. */
  exited: { y: number; height: number };
  /** y of the offered count. */
  offeredY: number;
}

export interface AxisTick {
  /** Position along the axis (x for the time axis, y for the value axes). */
  at: number;
  value: number;
}

export interface IntradayGeometry {
  box: ChartBox;
  /** The plot area's edges. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  bars: IntradayBar[];
  /** Whether any bar shown has exits: the legend names them only then. */
  hasExits: boolean;
  serviceLevelPath: string | null;
  /** The service-level points, so a lone interval still shows. */
  serviceLevelPoints: { key: number; x: number; y: number }[];
  /** x ticks carry epoch ms; y ticks call counts; y2 ticks fractions. */
  xTicks: AxisTick[];
  yTicks: AxisTick[];
  y2Ticks: AxisTick[];
  /** Threshold line on the right-hand scale (a service-level target), if given. */
  targetY: number | null;
}

export interface IntradayOptions {
  box: ChartBox;
  /** Server time now: the chart ends with the bucket holding it. */
  nowTs: number;
  timeZone: string;
  /** The chart spans at least this much time, in ms. @default 6 h */
  minSpanMs?: number;
  /** A target for the right-hand scale (fraction), drawn as a dashed line. */
  target?: number | null;
}

/** Buckets of one series (totals: queue null), in time order. */
export function seriesOf(buckets: readonly IntradayBucket[], queue: string | null): IntradayBucket[] {
  return buckets.filter((b) => b.queue === queue).sort((a, b) => a.startTs - b.startTs);
}

export function intradayGeometry(buckets: readonly IntradayBucket[], options: IntradayOptions): IntradayGeometry {
  const { box, nowTs, timeZone } = options;
  const left = box.margin.left;
  const right = box.width - box.margin.right;
  const top = box.margin.top;
  const bottom = box.height - box.margin.bottom;
  const span = chartSpan(buckets, nowTs, timeZone, options.minSpanMs);
  const { start, end } = span;
  const visible = buckets.filter((b) => b.startTs >= start && b.startTs < end);

  const x = scaleLinear().domain([start, end]).range([left, right]);
  const maxCount = Math.max(4, ...visible.map((b) => Math.max(b.offered, b.answered + b.abandoned + b.exited)));
  const y = scaleLinear().domain([0, maxCount]).nice(4).range([bottom, top]);
  const y2 = scaleLinear().domain([0, 1]).range([bottom, top]);
  const slotWidth = x(start + BUCKET_MS) - x(start);
  const gap = Math.min(2, slotWidth * 0.2);

  const bars: IntradayBar[] = visible.map((b) => {
    const answeredTop = y(b.answered);
    const abandonedTop = y(b.answered + b.abandoned);
    const exitedTop = y(b.answered + b.abandoned + b.exited);
    return {
      key: b.startTs,
      x: x(b.startTs) + gap / 2,
      width: Math.max(1, slotWidth - gap),
      answered: { y: answeredTop, height: bottom - answeredTop },
      abandoned: { y: abandonedTop, height: answeredTop - abandonedTop },
      exited: { y: exitedTop, height: abandonedTop - exitedTop },
      offeredY: y(b.offered),
    };
  });

  const slLine = line<IntradayBucket>()
    .defined((b) => b.serviceLevel !== null)
    .x((b) => x(b.startTs + BUCKET_MS / 2))
    .y((b) => y2(b.serviceLevel ?? 0))
    .curve(curveMonotoneX);
  const withSl = visible.filter((b) => b.serviceLevel !== null);
  const serviceLevelPath = withSl.length > 0 ? slLine(visible) : null;

  const step = hourStep(span);
  return {
    box,
    left,
    right,
    top,
    bottom,
    bars,
    hasExits: visible.some((b) => b.exited > 0),
    serviceLevelPath,
    serviceLevelPoints: withSl.map((b) => ({ key: b.startTs, x: x(b.startTs + BUCKET_MS / 2), y: y2(b.serviceLevel ?? 0) })),
    xTicks: hourTicks(start, end, timeZone, step).map((t) => ({ at: x(t.ts), value: t.ts })),
    yTicks: y
      .ticks(4)
      .filter((v) => Number.isInteger(v))
      .map((v) => ({ at: y(v), value: v })),
    y2Ticks: [0, 0.5, 1].map((v) => ({ at: y2(v), value: v })),
    targetY: options.target === undefined || options.target === null ? null : y2(options.target),
  };
}
