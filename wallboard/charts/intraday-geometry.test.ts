// The intraday chart's bars, offered marks and service-level line.
import { describe, expect, it } from 'vitest';
import { bucket } from '../testing/buckets.js';
import { TEN_AM, TZ } from '../testing/centre-time.js';
import { intradayGeometry, seriesOf } from './intraday-geometry.js';

describe('intraday geometry', () => {
  const box = { width: 600, height: 200, margin: { top: 10, right: 40, bottom: 20, left: 30 } };

  it('stacks abandoned on answered, marks offered, and draws the service level on its own scale', () => {
    const buckets = [bucket(TEN_AM - 900_000, 10, 6, 2, 0.5), bucket(TEN_AM, 4, 4, 0, 1), bucket(TEN_AM, 9, 9, 0, 1, 'billing')];
    const series = seriesOf(buckets, null);
    expect(series).toHaveLength(2);
    const g = intradayGeometry(series, { box, nowTs: TEN_AM + 60_000, timeZone: TZ });
    const [first] = g.bars;
    expect(first!.abandoned.y + first!.abandoned.height).toBeCloseTo(first!.answered.y);
    expect(first!.offeredY).toBeLessThan(first!.abandoned.y);
    expect(g.serviceLevelPoints.map((p) => p.y)).toEqual([95, 10]);
    expect(g.right).toBe(560);
    expect(g.xTicks.length).toBeGreaterThan(0);
  });

  it('is empty, not broken, before the first call of the day', () => {
    const g = intradayGeometry([], { box, nowTs: TEN_AM, timeZone: TZ });
    expect(g.bars).toEqual([]);
    expect(g.serviceLevelPath).toBeNull();
  });

  it('stacks the exits on the abandons and scales to the whole stack', () => {
    const buckets = [bucket(TEN_AM, 3, 2, 1, 0.2, null, { exited: 7 }), bucket(TEN_AM + 900_000, 2, 2, 0, 1)];
    const g = intradayGeometry(buckets, { box, nowTs: TEN_AM + 960_000, timeZone: TZ });
    const [first, second] = g.bars;
    expect(first!.exited.y + first!.exited.height).toBeCloseTo(first!.abandoned.y);
    // 2 answered, 1 abandoned, 7 exited: the stack is 10 high, above the offered tick of 3.
    expect(first!.exited.height).toBeCloseTo((7 * first!.answered.height) / 2);
    expect(first!.exited.y).toBeGreaterThanOrEqual(g.top);
    expect(first!.exited.y).toBeLessThan(first!.offeredY);
    expect(second!.exited.height).toBe(0);
    expect(g.hasExits).toBe(true);
    expect(intradayGeometry([buckets[1]!], { box, nowTs: TEN_AM + 960_000, timeZone: TZ }).hasExits).toBe(false);
  });
});
