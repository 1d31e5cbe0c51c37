// The dial and the bullet bar of a KPI.
import { describe, expect, it } from 'vitest';
import type { Kpi } from '../../server/contract/snapshot.js';
import { bulletGeometry, gaugeDomain, gaugeGeometry } from './gauge-geometry.js';

const kpi = (over: Partial<Kpi>): Kpi => ({ id: 'systemConnect', value: 0.995, target: 0.99, riskFloor: 0.985, unit: 'fraction', status: 'met', sample: 100, ...over });

describe('gauge geometry', () => {
  it('starts the dial where the target is still told apart from the top', () => {
    expect(gaugeDomain(kpi({}))).toEqual([0.9, 1]);
    expect(gaugeDomain(kpi({ target: 0.85, riskFloor: 0.82 }))).toEqual([0.5, 1]);
    expect(gaugeDomain(kpi({ target: 85, riskFloor: 82, unit: 'points' }))).toEqual([50, 100]);
    expect(gaugeDomain(kpi({ target: 1, riskFloor: 0.95 }))).toEqual([0.8, 1]);
  });

  it('draws missed, at-risk and met zones, a value arc and a target tick', () => {
    const g = gaugeGeometry(kpi({}), 100, 26);
    expect(g.zones.map((z) => z.status)).toEqual(['missed', 'atRisk', 'met']);
    expect(g.valuePath).toMatch(/^M/);
    expect(gaugeGeometry(kpi({ value: null }), 100, 26).valuePath).toBeNull();
    expect(g.min.value).toBe(0.9);
    expect(g.target.x1).toBeGreaterThan(g.cx); // 99 % is right of the top of the dial
  });

  it('lays the same scale along a bullet bar, clamping values below the start', () => {
    const b = bulletGeometry(kpi({ value: 0.5 }));
    expect(b.value).toBe(0);
    expect(b.target).toBeCloseTo(0.9);
    expect(b.zones.at(-1)).toMatchObject({ status: 'met', to: 1 });
  });
});
