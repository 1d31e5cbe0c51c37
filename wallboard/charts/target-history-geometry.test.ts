// The targets' history: cumulative series per KPI and the small chart drawn from one.
import { describe, expect, it } from 'vitest';
import { BUCKET_MS } from '../../server/contract/constants.js';
import { parts } from '../testing/buckets.js';
import { TEN_AM, TZ } from '../testing/centre-time.js';
import { cumulativeSeries, type SERIES_PARTS, statusOf, targetHistoryGeometry, type CumulativePoint } from './target-history-geometry.js';

describe('targets history', () => {
  const box = { width: 300, height: 100, margin: { top: 0, right: 0, bottom: 0, left: 0 } };
  const Q = BUCKET_MS;

  it('sums each KPI up to and including every interval, so the line ends at the day figure', () => {
    const buckets = [parts(TEN_AM, { standardAnswered: 3, standardHandled: 4 }), parts(TEN_AM + Q, { standardAnswered: 1, standardHandled: 1 })];
    expect(cumulativeSeries(buckets, 'agentConnect')).toEqual([
      { ts: TEN_AM + Q, value: 0.75, sample: 4 },
      { ts: TEN_AM + 2 * Q, value: 0.8, sample: 5 },
    ]);
    // An interval with no bucket carries the value on; the line runs to the interval holding now.
    const gap = [parts(TEN_AM, { surveys: 2, surveyScoreSum: 180 }), parts(TEN_AM + 2 * Q, { surveys: 1, surveyScoreSum: 60 })];
    expect(cumulativeSeries(gap, 'satisfaction', { untilTs: TEN_AM + 3 * Q + 5000 }).map((p) => p.value)).toEqual([90, 90, 80, 80]);
    // Nothing counted yet is no value, not zero; a check falling due now counts in the last interval.
    const holds = [parts(TEN_AM, {}), parts(TEN_AM + Q, { holdChecksDue: 3, holdChecksOnTime: 3 })];
    expect(cumulativeSeries(holds, 'holdCheckOnTime', { pendingDenominator: 1 }).map((p) => p.value)).toEqual([null, 0.75]);
    expect(cumulativeSeries([], 'systemConnect')).toEqual([]);
  });

  it('takes each series from its own parts', () => {
    const b = parts(TEN_AM, {
      arrived: 200,
      blocked: 2,
      standardAnswered: 90,
      standardHandled: 100,
      vipAnswered: 19,
      vipHandled: 20,
      answeredWithinSl: 96,
      surveys: 4,
      surveyScoreSum: 346,
      resolved: 45,
      endedWithResolution: 50,
      holdChecksDue: 10,
      holdChecksOnTime: 9,
      complaintsDue: 4,
      complaintsRepliedOnTime: 3,
    });
    const last = (id: keyof typeof SERIES_PARTS) => cumulativeSeries([b], id).at(-1)!.value;
    expect(last('systemConnect')).toBe(0.99);
    expect(last('agentConnect')).toBe(0.9);
    expect(last('vipConnect')).toBe(0.95);
    expect(last('satisfaction')).toBe(86.5);
    expect(last('complaintReply')).toBe(0.75);
    expect(last('firstContactResolution')).toBe(0.9);
    expect(last('holdCheckOnTime')).toBe(0.9);
    expect(last('serviceLevel')).toBe(0.8);
  });

  it('colours the line by status, cutting it where it crosses the target and the risk floor', () => {
    const spec = { target: 0.85, riskFloor: 0.82, unit: 'fraction' as const };
    const span = { start: TEN_AM, end: TEN_AM + 3 * Q };
    const points: CumulativePoint[] = [0.9, 0.8, 0.9].map((value, i) => ({ ts: TEN_AM + (i + 1) * Q, value, sample: 10 }));
    const g = targetHistoryGeometry(points, spec, { box, span, timeZone: TZ });
    expect(g.segments.map((s) => s.status)).toEqual(['met', 'atRisk', 'missed', 'atRisk', 'met']);
    // The met piece ends where the line meets the target, halfway from 0.9 to 0.8.
    const [, firstEnd] = g.segments[0]!.path.match(/L([\d.]+),([\d.]+)$/)!
      .slice(1)
      .map(Number) as [number, number];
    expect(firstEnd).toBeCloseTo(g.targetY);
    expect(g.last).toMatchObject({ x: 300, status: 'met', value: 0.9 });
    expect(g.zones.map((z) => z.status)).toEqual(['met', 'atRisk', 'missed']);
    expect(g.domain).toEqual([0.5, 1]); // the TV gauge's scale
    expect(g.yTicks.map((t) => t.value)).toEqual([0.5, 0.85]);
    expect(statusOf(0.85, spec)).toBe('met');
    expect(statusOf(null, spec)).toBe('noData');
  });

  it('stretches the scale down for a bad start, draws nothing before the first count, and fails fast on a bad target', () => {
    const spec = { target: 0.9, riskFloor: 0.87, unit: 'fraction' as const };
    const span = { start: TEN_AM, end: TEN_AM + 2 * Q };
    const g = targetHistoryGeometry(
      [
        { ts: TEN_AM + Q, value: 0.34, sample: 3 },
        { ts: TEN_AM + 2 * Q, value: 0.6, sample: 5 },
      ],
      spec,
      { box, span, timeZone: TZ },
    );
    expect(g.domain).toEqual([0.3, 1]);
    expect(g.segments).toHaveLength(1);
    const empty = targetHistoryGeometry([{ ts: TEN_AM + Q, value: null, sample: 0 }], spec, { box, span, timeZone: TZ });
    expect(empty.segments).toEqual([]);
    expect(empty.last).toBeNull();
    expect(() => targetHistoryGeometry([], { ...spec, riskFloor: 0.95 }, { box, span, timeZone: TZ })).toThrow(/riskFloor 0.95 is above target 0.9/);
  });
});
