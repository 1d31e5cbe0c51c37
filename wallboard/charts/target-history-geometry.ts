// Geometry of the targets' history: each KPI as the day's cumulative value at the end of every
// 15-minute interval (its parts summed up to and including that interval, so the line ends at
// the value the TV shows), against its target, the line split where it crosses the target or
// the risk floor so each piece carries its status. Pure: buckets and sizes in, paths out.
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { IntradayBucket, KpiId, KpiStatus } from '../../server/contract/snapshot.js';
import { gaugeDomain } from './gauge-geometry.js';
import type { AxisTick, ChartBox } from './intraday-geometry.js';
import { BUCKET_MS } from '../../server/contract/constants.js';
import { statusAgainst } from '../../server/contract/kpi-status.js';
import { hourStep, hourTicks, type ChartSpan } from './time-axis.js';

/** The hotline KPIs, plus the service level against its own target. */
export type HistorySeriesId = KpiId | 'serviceLevel';

type Parts = (b: IntradayBucket) => readonly [numerator: number, denominator: number];

/** What each series is the ratio of, in one bucket (the server's own definitions). */
export const SERIES_PARTS: Readonly<Record<HistorySeriesId, Parts>> = {
  systemConnect: (b) => [b.arrived - b.blocked, b.arrived],
  agentConnect: (b) => [b.standardAnswered, b.standardHandled],
  vipConnect: (b) => [b.vipAnswered, b.vipHandled],
  satisfaction: (b) => [b.surveyScoreSum, b.surveys],
  complaintReply: (b) => [b.complaintsRepliedOnTime, b.complaintsDue],
  firstContactResolution: (b) => [b.resolved, b.endedWithResolution],
  holdCheckOnTime: (b) => [b.holdChecksOnTime, b.holdChecksDue],
  serviceLevel: (b) => [b.answeredWithinSl, b.standardHandled + b.vipHandled],
};

export interface CumulativePoint {
  /** End of the interval, epoch ms. */
  ts: number;
  /** The day's value up to the end of the interval; null while nothing has been counted. */
  value: number | null;
  /** Its denominator so far. */
  sample: number;
}

export interface CumulativeOptions {
  /** Carry the value on to the interval holding this time, even with no bucket of its own. */
  untilTs?: number;
  /**
   * Added to the last interval's denominator: what the KPI counts already but no interval has
   * booked yet (hold checks falling due on calls still on hold). @default 0
   */
  pendingDenominator?: number;
}

/** One point per interval from the first bucket on: the series' cumulative value at its end. */
export function cumulativeSeries(buckets: readonly IntradayBucket[], id: HistorySeriesId, options: CumulativeOptions = {}): CumulativePoint[] {
  if (buckets.length === 0) return [];
  const parts = SERIES_PARTS[id];
  const byStart = new Map<number, [number, number]>();
  for (const b of buckets) {
    const [n, d] = parts(b);
    const sum = byStart.get(b.startTs) ?? [0, 0];
    byStart.set(b.startTs, [sum[0] + n, sum[1] + d]);
  }
  const starts = [...byStart.keys()];
  const first = Math.min(...starts);
  const lastBucket = Math.max(...starts);
  const last = options.untilTs === undefined ? lastBucket : Math.max(lastBucket, Math.floor(options.untilTs / BUCKET_MS) * BUCKET_MS);
  const points: CumulativePoint[] = [];
  let numerator = 0;
  let denominator = 0;
  for (let start = first; start <= last; start += BUCKET_MS) {
    const [n, d] = byStart.get(start) ?? [0, 0];
    numerator += n;
    denominator += d + (start === last ? (options.pendingDenominator ?? 0) : 0);
    points.push({ ts: start + BUCKET_MS, value: denominator > 0 ? numerator / denominator : null, sample: denominator });
  }
  return points;
}

/** A series' target, in its unit (fractions 0..1, or points 0..100). */
export interface HistoryTarget {
  target: number;
  /** Below this the series is missed; between it and the target, at risk. */
  riskFloor: number;
  unit: 'fraction' | 'points';
}

export type LineStatus = Exclude<KpiStatus, 'noData'>;

/** The server's rule: met at or above target, at risk down to the floor, missed below. */
export function statusOf(value: number | null, spec: HistoryTarget): KpiStatus {
  return statusAgainst(value, spec.target, spec.riskFloor);
}

export interface TargetHistoryGeometry {
  box: ChartBox;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /** The value scale's ends, in the series' unit. */
  domain: [number, number];
  /** Background bands where the series would be met, at risk or missed. */
  zones: { status: LineStatus; y: number; height: number }[];
  targetY: number;
  /** The line in pieces of one status each, split where it crosses the target or the floor. */
  segments: { key: string; status: LineStatus; path: string }[];
  /** The latest point, to be marked with its status's shape. */
  last: { x: number; y: number; value: number; status: LineStatus } | null;
  xTicks: AxisTick[];
  /** The scale's bottom and the target. */
  yTicks: AxisTick[];
}

export interface TargetHistoryOptions {
  box: ChartBox;
  /** The time the chart covers (shared by all small multiples). */
  span: ChartSpan;
  timeZone: string;
  /** At most this many hour labels. @default 4 */
  maxTicks?: number;
}

interface XY {
  x: number;
  y: number;
  value: number;
}

export function targetHistoryGeometry(points: readonly CumulativePoint[], spec: HistoryTarget, options: TargetHistoryOptions): TargetHistoryGeometry {
  const { box, span, timeZone } = options;
  if (!(spec.riskFloor <= spec.target)) throw new RangeError(`targetHistoryGeometry: riskFloor ${spec.riskFloor} is above target ${spec.target}`);
  const left = box.margin.left;
  const right = box.width - box.margin.right;
  const top = box.margin.top;
  const bottom = box.height - box.margin.bottom;
  const visible = points.filter((p): p is CumulativePoint & { value: number } => p.value !== null && p.ts >= span.start && p.ts <= span.end);

  // The gauge's scale, so the tablet reads like the TV; stretched down when the day dipped lower.
  const scaleTop = spec.unit === 'points' ? 100 : 1;
  const lowest = Math.min(...visible.map((p) => p.value));
  const low = Math.max(0, Math.min(gaugeDomain(spec)[0], (Math.floor((lowest / scaleTop) * 10) / 10) * scaleTop));
  const x = scaleLinear().domain([span.start, span.end]).range([left, right]);
  const y = scaleLinear().domain([low, scaleTop]).range([bottom, top]).clamp(true);

  const floor = Math.max(low, spec.riskFloor);
  const zones = (
    [
      ['met', spec.target, scaleTop],
      ['atRisk', floor, spec.target],
      ['missed', low, floor],
    ] as const
  )
    .filter(([, a, b]) => b > a)
    .map(([status, a, b]) => ({ status, y: y(b), height: y(a) - y(b) }));

  const xy: XY[] = visible.map((p) => ({ x: x(p.ts), y: y(p.value), value: p.value }));
  const segments = splitByStatus(xy, spec).map((run, i) => ({
    key: `${i}-${run.status}`,
    status: run.status,
    path:
      line<XY>()
        .x((p) => p.x)
        .y((p) => p.y)(run.points) ?? '',
  }));
  const end = xy.at(-1);
  const lastStatus = end ? statusOf(end.value, spec) : 'noData';
  return {
    box,
    left,
    right,
    top,
    bottom,
    domain: [low, scaleTop],
    zones,
    targetY: y(spec.target),
    segments,
    last: end && lastStatus !== 'noData' ? { x: end.x, y: end.y, value: end.value, status: lastStatus } : null,
    xTicks: hourTicks(span.start, span.end, timeZone, hourStep(span, options.maxTicks ?? 4)).map((t) => ({ at: x(t.ts), value: t.ts })),
    yTicks: [low, spec.target].map((v) => ({ at: y(v), value: v })),
  };
}

/** Runs of consecutive points of one status; a piece crossing a threshold is cut at the crossing. */
function splitByStatus(points: readonly XY[], spec: HistoryTarget): { status: LineStatus; points: XY[] }[] {
  const runs: { status: LineStatus; points: XY[] }[] = [];
  const add = (a: XY, b: XY) => {
    const status = statusOf((a.value + b.value) / 2, spec) as LineStatus;
    const run = runs.at(-1);
    if (run && run.status === status) run.points.push(b);
    else runs.push({ status, points: [a, b] });
  };
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const cuts = [spec.riskFloor, spec.target]
      .filter((t) => (a.value - t) * (b.value - t) < 0)
      .map((t) => (t - a.value) / (b.value - a.value))
      .sort((p, q) => p - q);
    let from = a;
    for (const f of cuts) {
      const at = { x: a.x + f * (b.x - a.x), y: a.y + f * (b.y - a.y), value: a.value + f * (b.value - a.value) };
      add(from, at);
      from = at;
    }
    add(from, b);
  }
  return runs;
}
