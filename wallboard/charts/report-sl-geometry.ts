// Geometry of the report's service-level chart: one line through the day's periods (15 minutes
// or an hour) on a 0–100 % scale, the target as a level line. A period without calls breaks the
// line rather than dropping it to zero. Pure: points and a box in, paths and ticks out.
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { AxisTick, ChartBox } from './intraday-geometry.js';

export interface SlPoint {
  startTs: number;
  endTs: number;
  serviceLevel: number | null;
}

export interface SlGeometry {
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** The line, broken where a period has no value; null when no period has one. */
  path: string | null;
  /** Each period with a value, at its middle, so a lone period still shows. */
  points: { key: number; x: number; y: number; value: number; below: boolean }[];
  targetY: number | null;
  /** x ticks carry epoch ms of whole hours; y ticks fractions. */
  xTicks: AxisTick[];
  yTicks: AxisTick[];
}

export interface SlOptions {
  box: ChartBox;
  /** Local midnight and the next, epoch ms: the x axis spans the day. */
  dayStartTs: number;
  dayEndTs: number;
  /** The service-level target (fraction); null draws no target line. */
  target: number | null;
  /** An x tick every this many hours. @default 3 */
  tickHours?: number;
}

const HOUR_MS = 3_600_000;

export function slGeometry(points: readonly SlPoint[], options: SlOptions): SlGeometry {
  const { box, dayStartTs, dayEndTs, target } = options;
  const left = box.margin.left;
  const right = Math.max(left + 1, box.width - box.margin.right);
  const top = box.margin.top;
  const bottom = Math.max(top + 1, box.height - box.margin.bottom);
  const x = scaleLinear().domain([dayStartTs, dayEndTs]).range([left, right]);
  const y = scaleLinear().domain([0, 1]).range([bottom, top]);
  const mid = (p: SlPoint) => x((p.startTs + p.endTs) / 2);
  const sorted = [...points].sort((a, b) => a.startTs - b.startTs);
  const valued = sorted.filter((p) => p.serviceLevel !== null);
  const path =
    valued.length === 0
      ? null
      : line<SlPoint>()
          .defined((p) => p.serviceLevel !== null)
          .x(mid)
          .y((p) => y(p.serviceLevel ?? 0))(sorted);
  const step = Math.max(1, options.tickHours ?? 3) * HOUR_MS;
  const xTicks: AxisTick[] = [];
  for (let ts = dayStartTs; ts <= dayEndTs; ts += step) xTicks.push({ at: x(ts), value: ts });
  return {
    left,
    right,
    top,
    bottom,
    path,
    points: valued.map((p) => ({ key: p.startTs, x: mid(p), y: y(p.serviceLevel!), value: p.serviceLevel!, below: target !== null && p.serviceLevel! < target })),
    targetY: target === null ? null : y(target),
    xTicks,
    yTicks: [0, 0.25, 0.5, 0.75, 1].map((value) => ({ at: y(value), value })),
  };
}
