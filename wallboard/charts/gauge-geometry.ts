// Geometry of a KPI gauge: a 240° arc whose scale starts where it still tells targets apart
// (a 99 % target on a 0–100 % dial would sit in the last hair of the arc), with the missed /
// at-risk / met zones, the value arc and a target tick. Pure: D3 maths in, path strings out.
import { arc } from 'd3-shape';
import { scaleLinear } from 'd3-scale';
import type { Kpi } from '../../server/contract/snapshot.js';

export type GaugeKpi = Pick<Kpi, 'value' | 'target' | 'riskFloor' | 'unit'>;

export interface GaugeZone {
  status: 'missed' | 'atRisk' | 'met';
  path: string;
}

export interface GaugeGeometry {
  width: number;
  height: number;
  /** Centre of the dial. */
  cx: number;
  cy: number;
  track: string;
  zones: GaugeZone[];
  /** The value arc from the dial's start; null when there is no value. */
  valuePath: string | null;
  /** The target tick, across the arc. */
  target: { x1: number; y1: number; x2: number; y2: number };
  /** The scale's two ends, in the KPI's unit, and where to label them. */
  min: { value: number; x: number; y: number };
  max: { value: number; x: number; y: number };
}

const GAUGE_HALF_ANGLE = (2 * Math.PI) / 3;

/** The dial's scale in the KPI's unit: from a floor that leaves the target in view, to the top. */
export function gaugeDomain(kpi: Pick<Kpi, 'target' | 'riskFloor' | 'unit'>): [number, number] {
  const top = kpi.unit === 'points' ? 100 : 1;
  const t = kpi.target / top;
  const floor = kpi.riskFloor / top;
  // The target sits at least 70 % along the dial, with at least twice the risk band (or 2
  // points) below the risk floor; the start is rounded down to a tenth.
  const candidate = Math.min(1 - ((1 - t) * 10) / 3, floor - 2 * Math.max(t - floor, 0.02));
  const low = Math.max(0, Math.floor(Math.round(candidate * 1000) / 100) / 10);
  return [low * top, top];
}

export function gaugeGeometry(kpi: GaugeKpi, radius: number, thickness: number): GaugeGeometry {
  const [min, max] = gaugeDomain(kpi);
  const angle = scaleLinear().domain([min, max]).range([-GAUGE_HALF_ANGLE, GAUGE_HALF_ANGLE]).clamp(true);
  const pad = thickness / 2 + 2;
  const cx = radius + pad;
  const cy = radius + pad;
  const height = cy + radius * Math.cos(Math.PI - GAUGE_HALF_ANGLE) + pad;
  const inner = radius - thickness;
  const band = arc<{ startAngle: number; endAngle: number }>().innerRadius(inner).outerRadius(radius).cornerRadius(0);
  const path = (a: number, b: number) => band({ startAngle: a, endAngle: b }) ?? '';
  const zoneInner = radius + 3;
  const zoneOuter = radius + Math.max(4, thickness * 0.28);
  const zoneArc = arc<{ startAngle: number; endAngle: number }>().innerRadius(zoneInner).outerRadius(zoneOuter);
  const zones: GaugeZone[] = (
    [
      ['missed', min, kpi.riskFloor],
      ['atRisk', kpi.riskFloor, kpi.target],
      ['met', kpi.target, max],
    ] as const
  )
    .filter(([, a, b]) => b > a && b > min)
    .map(([status, a, b]) => ({ status, path: zoneArc({ startAngle: angle(a), endAngle: angle(b) }) ?? '' }));
  const targetAngle = angle(kpi.target);
  const point = (a: number, r: number) => ({ x: cx + r * Math.sin(a), y: cy - r * Math.cos(a) });
  const tickIn = point(targetAngle, inner - 4);
  const tickOut = point(targetAngle, zoneOuter + 4);
  const labelR = radius - thickness / 2;
  const minAt = point(-GAUGE_HALF_ANGLE, labelR);
  const maxAt = point(GAUGE_HALF_ANGLE, labelR);
  return {
    width: 2 * cx,
    height,
    cx,
    cy,
    track: path(-GAUGE_HALF_ANGLE, GAUGE_HALF_ANGLE),
    zones,
    valuePath: kpi.value === null ? null : path(-GAUGE_HALF_ANGLE, Math.max(angle(kpi.value), -GAUGE_HALF_ANGLE + 0.02)),
    target: { x1: tickIn.x, y1: tickIn.y, x2: tickOut.x, y2: tickOut.y },
    min: { value: min, x: minAt.x, y: minAt.y },
    max: { value: max, x: maxAt.x, y: maxAt.y },
  };
}

export interface BulletGeometry {
  /** Positions are fractions 0..1 of the bar's length. */
  zones: { status: GaugeZone['status']; from: number; to: number }[];
  value: number | null;
  target: number;
  min: number;
  max: number;
}

/** The same scale as the gauge, laid out along a straight bar. */
export function bulletGeometry(kpi: GaugeKpi): BulletGeometry {
  const [min, max] = gaugeDomain(kpi);
  const at = scaleLinear().domain([min, max]).range([0, 1]).clamp(true);
  const zones = (
    [
      ['missed', min, kpi.riskFloor],
      ['atRisk', kpi.riskFloor, kpi.target],
      ['met', kpi.target, max],
    ] as const
  )
    .filter(([, a, b]) => b > a && b > min)
    .map(([status, a, b]) => ({ status, from: at(a), to: at(b) }));
  return { zones, value: kpi.value === null ? null : at(kpi.value), target: at(kpi.target), min, max };
}
