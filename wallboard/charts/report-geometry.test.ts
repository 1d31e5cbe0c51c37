import { describe, expect, it } from 'vitest';
import { slGeometry } from './report-sl-geometry.js';
import { trafficGeometry } from './report-traffic-geometry.js';

const box = { width: 1000, height: 300, margin: { top: 10, right: 20, bottom: 30, left: 40 } };
const H = 3_600_000;

describe('the traffic chart', () => {
  const periods = Array.from({ length: 24 }, (_, i) => ({ startTs: i * H, offered: i === 9 ? 40 : 0, answered: i === 9 ? 30 : 0, abandoned: i === 9 ? 10 : 0 }));
  const g = trafficGeometry(periods, { box });

  it('draws three bars per hour inside the plot, heights in proportion to the counts', () => {
    expect(g.groups).toHaveLength(24);
    const nine = g.groups[9]!;
    expect(nine.bars.map((b) => b.series)).toEqual(['offered', 'answered', 'abandoned']);
    const [offered, answered, abandoned] = nine.bars;
    expect(offered!.y + offered!.height).toBeCloseTo(g.bottom, 9);
    expect(answered!.height / offered!.height).toBeCloseTo(30 / 40, 9);
    expect(abandoned!.height / offered!.height).toBeCloseTo(10 / 40, 9);
    expect(offered!.x).toBeLessThan(answered!.x);
    expect(answered!.x + answered!.width).toBeLessThanOrEqual(abandoned!.x);
    expect(g.groups[0]!.bars[0]!.height).toBe(0);
    for (const group of g.groups) {
      expect(group.x).toBeGreaterThanOrEqual(g.left);
      expect(group.x + group.width).toBeLessThanOrEqual(g.right + 1e-9);
    }
  });

  it('labels every second hour and whole counts only', () => {
    expect(g.xTicks.map((t) => t.value)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22]);
    expect(g.yTicks.every((t) => Number.isInteger(t.value))).toBe(true);
    expect(Math.max(...g.yTicks.map((t) => t.value))).toBe(40);
  });
});

describe('the service-level chart', () => {
  const Q = 15 * 60_000;
  const points = [
    { startTs: 36 * Q, endTs: 37 * Q, serviceLevel: 0.9 },
    { startTs: 37 * Q, endTs: 38 * Q, serviceLevel: null },
    { startTs: 38 * Q, endTs: 39 * Q, serviceLevel: 0.5 },
    { startTs: 39 * Q, endTs: 40 * Q, serviceLevel: 0.7 },
  ];
  const g = slGeometry(points, { box, dayStartTs: 0, dayEndTs: 24 * H, target: 0.8 });

  it('breaks the line where a period had no calls and marks the points below target', () => {
    expect(g.path).not.toBeNull();
    expect(g.path!.match(/M/g)).toHaveLength(2);
    expect(g.points.map((p) => p.below)).toEqual([false, true, true]);
    expect(g.points[0]!.x).toBeCloseTo(40 + (940 * (36.5 * Q)) / (24 * H), 9);
  });

  it('puts the target on the 0–100 % scale and ticks every three hours', () => {
    expect(g.targetY).toBeCloseTo(270 - 0.8 * 260, 9);
    expect(g.xTicks).toHaveLength(9);
    expect(slGeometry([], { box, dayStartTs: 0, dayEndTs: 24 * H, target: null })).toMatchObject({ path: null, points: [], targetY: null });
  });
});
