// Geometry of the report's traffic chart: per hour of one day, three bars side by side (offered,
// answered, abandoned) on one count scale. Pure: periods and a box in, rectangles and ticks out.
import { scaleBand, scaleLinear } from 'd3-scale';
import type { ChartBox, AxisTick } from './intraday-geometry.js';

export interface TrafficPeriod {
  startTs: number;
  offered: number;
  answered: number;
  abandoned: number;
}

export type TrafficSeries = 'offered' | 'answered' | 'abandoned';

export const TRAFFIC_SERIES: readonly TrafficSeries[] = ['offered', 'answered', 'abandoned'];

export interface TrafficBar {
  series: TrafficSeries;
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}

export interface TrafficGroup {
  key: number;
  /** Index of the period in the day (the hour). */
  index: number;
  x: number;
  width: number;
  bars: TrafficBar[];
}

export interface TrafficGeometry {
  left: number;
  right: number;
  top: number;
  bottom: number;
  groups: TrafficGroup[];
  /** x ticks carry the period's index (its local hour); y ticks call counts. */
  xTicks: AxisTick[];
  yTicks: AxisTick[];
}

export interface TrafficOptions {
  box: ChartBox;
  /** Label every n-th period on the x axis. @default 2 */
  tickEvery?: number;
}

export function trafficGeometry(periods: readonly TrafficPeriod[], options: TrafficOptions): TrafficGeometry {
  const { box } = options;
  const left = box.margin.left;
  const right = Math.max(left + 1, box.width - box.margin.right);
  const top = box.margin.top;
  const bottom = Math.max(top + 1, box.height - box.margin.bottom);
  const band = scaleBand<number>()
    .domain(periods.map((_, i) => i))
    .range([left, right])
    .paddingInner(0.2)
    .paddingOuter(0.1);
  const max = Math.max(1, ...periods.map((p) => Math.max(p.offered, p.answered, p.abandoned)));
  const y = scaleLinear().domain([0, max]).nice(4).range([bottom, top]);
  const inner = scaleBand<TrafficSeries>().domain(TRAFFIC_SERIES).range([0, band.bandwidth()]).paddingInner(0.08);
  const groups = periods.map((p, index) => {
    const x = band(index) ?? left;
    return {
      key: p.startTs,
      index,
      x,
      width: band.bandwidth(),
      bars: TRAFFIC_SERIES.map((series) => {
        const value = p[series];
        const yv = y(value);
        return { series, x: x + (inner(series) ?? 0), y: yv, width: inner.bandwidth(), height: bottom - yv, value };
      }),
    };
  });
  const every = Math.max(1, options.tickEvery ?? 2);
  return {
    left,
    right,
    top,
    bottom,
    groups,
    xTicks: groups.filter((g) => g.index % every === 0).map((g) => ({ at: g.x + g.width / 2, value: g.index })),
    yTicks: y
      .ticks(4)
      .filter((v) => Number.isInteger(v))
      .map((value) => ({ at: y(value), value })),
  };
}
