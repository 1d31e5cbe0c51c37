// The wallboard's pure parts: translations, the screen link, clock maths and chart geometry.
import { describe, expect, it } from 'vitest';
import type { IntradayBucket, Kpi } from '../../server/contract/snapshot.js';
import { agentBarGeometry } from '../../wallboard/charts/agent-bar-geometry.js';
import { bulletGeometry, gaugeDomain, gaugeGeometry } from '../../wallboard/charts/gauge-geometry.js';
import { intradayGeometry, seriesOf } from '../../wallboard/charts/intraday-geometry.js';
import { cumulativeSeries, SERIES_PARTS, statusOf, targetHistoryGeometry, type CumulativePoint } from '../../wallboard/charts/target-history-geometry.js';
import { BUCKET_MS } from '../../server/contract/constants.js';
import { chartSpan, dayStartOf, hourTicks, localMinutes } from '../../wallboard/charts/time-axis.js';
import { pageAt, pageCount, rowsThatFit } from '../../wallboard/components/pagination.js';
import { holdTiming } from '../../wallboard/components/wb-hold-board/hold-timing.js';
import { keepUnchanged, targetCards } from '../../wallboard/components/wb-target-history/target-cards.js';
import { waitStatus } from '../../wallboard/components/wait-status.js';
import { parseScreenConfig, viewOf } from '../../wallboard/config/screen-config.js';
import { createI18n } from '../../wallboard/i18n/i18n.js';
import { CATALOGUES } from '../../wallboard/i18n/messages.js';
import { bestOffset, sampleOf } from '../../wallboard/store/clock-offset.js';
import { floorScenario } from '../e2e/support/floor-scenario.js';
import { snapshotFromEvents } from '../e2e/support/snapshot-from-events.js';

const TZ = 'Asia/Shanghai';
// 2026-11-23 10:00:00 in Shanghai.
const TEN_AM = Date.UTC(2026, 10, 23, 2, 0, 0);

describe('translations', () => {
  it('has every key in both languages, with the same placeholders, and nothing left empty', () => {
    const en = CATALOGUES.en;
    const zh = CATALOGUES['zh-CN'];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(zh[key].trim(), key).not.toBe('');
      const holes = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(holes(zh[key]), key).toEqual(holes(en[key]));
    }
  });

  it('uses the floor terms for the hotline KPIs', () => {
    const zh = createI18n('zh-CN');
    expect(zh.t('kpi.systemConnect')).toBe('系统接通率');
    expect(zh.t('kpi.agentConnect')).toBe('普通人工接通率');
    expect(zh.t('kpi.vipConnect')).toBe('VIP座席接通率');
    expect(zh.t('kpi.satisfaction')).toBe('热线满意度');
    expect(zh.t('kpi.complaintReply')).toBe('用户投诉答复率');
    expect(zh.t('kpi.firstContactResolution')).toBe('一次性问题解决率');
    expect(zh.t('hold.title')).toBe('持机回应');
  });

  it('formats numbers, rates, durations and times for the locale and the centre time zone', () => {
    const en = createI18n('en');
    const zh = createI18n('zh-CN');
    expect(en.number(12345)).toBe('12,345');
    expect(zh.percent(0.9876)).toBe('98.8%');
    expect(en.percent(null)).toBe('—');
    expect(en.points(85.25)).toBe('85.3');
    expect(en.duration(65_400)).toBe('1:05');
    expect(en.duration(3_725_000)).toBe('1:02:05');
    expect(en.duration(-5)).toBe('0:00');
    expect(zh.time(TEN_AM + 3_723_000, TZ)).toBe('11:02:03');
    expect(en.time(TEN_AM + 3_723_000, TZ)).toBe('11:02:03');
    expect(en.hourMinute(TEN_AM, 'UTC')).toBe('02:00');
    expect(en.t('hold.late', { time: '0:07' })).toBe('Late 0:07');
  });
});

describe('screen link', () => {
  it('reads view, language, queues, team, layout, rotation and names from the URL', () => {
    const c = parseScreenConfig('/tv', '?queues=billing,%20vip,billing&team=A组&lang=en&layout=queues&rotate=20&name.billing=账务&title=一楼');
    expect(c).toMatchObject({ page: 'tv', lang: 'en', queues: ['billing', 'vip'], team: 'A组', layout: 'queues', rotateMs: 20_000, title: '一楼' });
    expect(c.queueNames).toEqual({ billing: '账务' });
    expect(c.ignored).toEqual([]);
    expect(viewOf(c)).toEqual({ queues: ['billing', 'vip'], team: 'A组' });
  });

  it('defaults to the Chinese TV of all queues, and reports what it ignored', () => {
    const c = parseScreenConfig('/', '?lang=fr&layout=huge&rotate=1');
    expect(c).toMatchObject({ page: 'tv', lang: 'zh-CN', queues: [], team: null, layout: 'standard', rotateMs: 15_000 });
    expect(c.ignored).toEqual(['lang=fr', 'layout=huge', 'rotate=1']);
    expect(viewOf(c)).toEqual({});
  });

  it('asks for detail on the tablet', () => {
    const c = parseScreenConfig('/lead', '?team=B&queue=vip&lang=zh');
    expect(c).toMatchObject({ page: 'lead', lang: 'zh-CN', selectedQueue: 'vip' });
    expect(viewOf(c)).toEqual({ team: 'B', detail: true });
  });
});

describe('clock offset', () => {
  it('takes the midpoint of the probe with the shortest round trip', () => {
    const samples = [sampleOf(1000, 6100, 1200), sampleOf(2000, 7020, 2040), sampleOf(3000, 8500, 3900)];
    expect(samples[1]).toEqual({ offsetMs: 5000, rttMs: 40 });
    expect(bestOffset(samples)).toBe(5000);
    expect(bestOffset([])).toBeNull();
  });
});

describe('hold timing and waits', () => {
  it('counts down to the check, warns in the last 10 s, then counts up how late it is', () => {
    expect(holdTiming(30_000, 0, 30_000)).toEqual({ state: 'ok', remainingMs: 30_000, lateMs: 0, fractionLeft: 1 });
    expect(holdTiming(30_000, 25_000, 30_000).state).toBe('soon');
    expect(holdTiming(30_000, 30_000, 30_000)).toMatchObject({ state: 'overdue', remainingMs: 0, lateMs: 0 });
    expect(holdTiming(30_000, 37_000, 30_000)).toMatchObject({ state: 'overdue', lateMs: 7_000 });
  });

  it('rates a wait against the service-level threshold', () => {
    expect(waitStatus(null, 20_000)).toBe('none');
    expect(waitStatus(19_999, 20_000)).toBe('none');
    expect(waitStatus(20_000, 20_000)).toBe('atRisk');
    expect(waitStatus(60_000, 20_000)).toBe('missed');
  });

  it('turns pages with server time, the same on every screen', () => {
    expect(pageCount(0, 8)).toBe(1);
    expect(pageCount(17, 8)).toBe(3);
    expect(pageAt(44_999, 15_000, 3)).toBe(2);
    expect(pageAt(45_000, 15_000, 3)).toBe(0);
    expect(rowsThatFit(100, 30)).toBe(3);
    expect(rowsThatFit(10, 30)).toBe(1);
  });
});

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

type Parts = Partial<Omit<IntradayBucket, 'queue' | 'startTs'>>;

const bucket = (startTs: number, offered: number, answered: number, abandoned: number, serviceLevel: number | null, queue: string | null = null, parts: Parts = {}): IntradayBucket => ({
  queue,
  startTs,
  offered,
  answered,
  abandoned,
  serviceLevel,
  standardAnswered: answered,
  standardHandled: answered + abandoned,
  vipAnswered: 0,
  vipHandled: 0,
  answeredWithinSl: 0,
  arrived: 0,
  blocked: 0,
  surveys: 0,
  surveyScoreSum: 0,
  resolved: 0,
  endedWithResolution: 0,
  holdChecksDue: 0,
  holdChecksOnTime: 0,
  complaintsDue: 0,
  complaintsRepliedOnTime: 0,
  ...parts,
});

/** A bucket that carries only the given KPI parts. */
const parts = (startTs: number, p: Parts): IntradayBucket => bucket(startTs, 0, 0, 0, null, null, { standardAnswered: 0, standardHandled: 0, ...p });

describe('intraday geometry', () => {
  const box = { width: 600, height: 200, margin: { top: 10, right: 40, bottom: 20, left: 30 } };

  it('works in the centre time zone', () => {
    expect(localMinutes(TEN_AM, TZ)).toBe(600);
    expect(dayStartOf(TEN_AM + 1234, TZ)).toBe(TEN_AM - 10 * 3600_000);
    expect(hourTicks(TEN_AM - 3 * 3600_000, TEN_AM, TZ, 2).map((t) => t.hour)).toEqual([8, 10]);
  });

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

  it('spans from the first interval with calls, not from a complaint carried over to 00:00', () => {
    const midnight = dayStartOf(TEN_AM, TZ);
    const buckets = [parts(midnight, { complaintsDue: 1 }), bucket(TEN_AM - 2 * 3600_000, 3, 3, 0, 1)];
    expect(chartSpan(buckets, TEN_AM + 60_000, TZ, 3600_000)).toEqual({ start: TEN_AM - 2 * 3600_000, end: TEN_AM + BUCKET_MS });
    expect(chartSpan([], TEN_AM, TZ)).toEqual({ start: TEN_AM + BUCKET_MS - 6 * 3600_000, end: TEN_AM + BUCKET_MS });
  });
});

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
      arrived: 200, blocked: 2, standardAnswered: 90, standardHandled: 100, vipAnswered: 19, vipHandled: 20, answeredWithinSl: 96,
      surveys: 4, surveyScoreSum: 346, resolved: 45, endedWithResolution: 50, holdChecksDue: 10, holdChecksOnTime: 9, complaintsDue: 4, complaintsRepliedOnTime: 3,
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

  it('ends every line of a real day at the KPI the TV shows, and each queue at its own figures', () => {
    const now = TEN_AM + 7 * 60_000;
    const s = snapshotFromEvents(floorScenario({ now }).events, now, { detail: true });
    const cards = targetCards({ buckets: seriesOf(s.intraday, null), queue: null, kpis: s.kpis, serviceLevelTarget: s.thresholds.serviceLevelTarget, nowTs: now });
    expect(cards.map((c) => c.id)).toEqual([...s.kpis.map((k) => k.id), 'serviceLevel']);
    for (const k of s.kpis) {
      const card = cards.find((c) => c.id === k.id)!;
      expect(card.value, k.id).toBeCloseTo(k.value!, 12);
      expect(card.status, k.id).toBe(k.status);
      expect(card.spec).toEqual({ target: k.target, riskFloor: k.riskFloor, unit: k.unit });
      expect(card.points.at(-1)!.ts, k.id).toBe(Math.floor(now / BUCKET_MS) * BUCKET_MS + BUCKET_MS);
    }
    // Some checks are overdue right now: the hold-check line counts them, as the KPI does.
    expect(s.kpis.find((k) => k.id === 'holdCheckOnTime')!.sample).toBeGreaterThan(seriesOf(s.intraday, null).reduce((n, b) => n + b.holdChecksDue, 0));
    expect(cards.at(-1)!.value).toBeCloseTo(s.totals.serviceLevel!, 12);

    const ofQueue = (id: string) => targetCards({ buckets: seriesOf(s.intraday, id), queue: id, kpis: s.kpis, serviceLevelTarget: 0.8, nowTs: now });
    const vip = s.queues.find((q) => q.id === 'vip')!;
    const vipCards = ofQueue('vip');
    expect(vipCards.map((c) => c.id)).toEqual(['vipConnect', 'serviceLevel']); // VIP callers only
    expect(vipCards[0]!.value).toBeCloseTo(vip.agentConnectRate!, 12);
    expect(vipCards[1]!.value).toBeCloseTo(vip.serviceLevel!, 12);
    const billing = ofQueue('billing');
    expect(billing[0]!.id).toBe('agentConnect');
    expect(billing.at(-1)!.value).toBeCloseTo(s.queues.find((q) => q.id === 'billing')!.serviceLevel!, 12);
  });

  it('keeps the cards a delta did not move, so their charts do not draw again', () => {
    const kpis = [{ id: 'agentConnect', value: 0.8, target: 0.85, riskFloor: 0.82, unit: 'fraction', status: 'missed', sample: 5 }] satisfies Kpi[];
    const input = { queue: 'billing', kpis, serviceLevelTarget: 0.8, nowTs: TEN_AM + Q };
    const before = targetCards({ ...input, buckets: [parts(TEN_AM, { standardAnswered: 3, standardHandled: 4, answeredWithinSl: 3 })] });
    // One more call answered, outside the service level: the connect rate moves, the service level too.
    const moved = targetCards({ ...input, buckets: [parts(TEN_AM, { standardAnswered: 3, standardHandled: 4, answeredWithinSl: 3 }), parts(TEN_AM + Q, { standardAnswered: 1, standardHandled: 1 })] });
    expect(keepUnchanged(before, moved).map((c, i) => c === before[i])).toEqual([false, false]);
    const same = targetCards({ ...input, buckets: [parts(TEN_AM, { standardAnswered: 3, standardHandled: 4, answeredWithinSl: 3, offered: 9 })] });
    expect(keepUnchanged(before, same).map((c, i) => c === before[i])).toEqual([true, true]);
  });

  it('colours the line by status, cutting it where it crosses the target and the risk floor', () => {
    const spec = { target: 0.85, riskFloor: 0.82, unit: 'fraction' as const };
    const span = { start: TEN_AM, end: TEN_AM + 3 * Q };
    const points: CumulativePoint[] = [0.9, 0.8, 0.9].map((value, i) => ({ ts: TEN_AM + (i + 1) * Q, value, sample: 10 }));
    const g = targetHistoryGeometry(points, spec, { box, span, timeZone: TZ });
    expect(g.segments.map((s) => s.status)).toEqual(['met', 'atRisk', 'missed', 'atRisk', 'met']);
    // The met piece ends where the line meets the target, halfway from 0.9 to 0.8.
    const [, firstEnd] = g.segments[0]!.path.match(/L([\d.]+),([\d.]+)$/)!.slice(1).map(Number) as [number, number];
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
    const g = targetHistoryGeometry([{ ts: TEN_AM + Q, value: 0.34, sample: 3 }, { ts: TEN_AM + 2 * Q, value: 0.6, sample: 5 }], spec, { box, span, timeZone: TZ });
    expect(g.domain).toEqual([0.3, 1]);
    expect(g.segments).toHaveLength(1);
    const empty = targetHistoryGeometry([{ ts: TEN_AM + Q, value: null, sample: 0 }], spec, { box, span, timeZone: TZ });
    expect(empty.segments).toEqual([]);
    expect(empty.last).toBeNull();
    expect(() => targetHistoryGeometry([], { ...spec, riskFloor: 0.95 }, { box, span, timeZone: TZ })).toThrow(/riskFloor 0.95 is above target 0.9/);
  });
});

describe('agent bar geometry', () => {
  it('splits the bar by state in a fixed order and leaves offline agents out', () => {
    const segments = agentBarGeometry({ available: 2, ringing: 0, talking: 6, hold: 1, acw: 1, paused: 0, offline: 50 }, 100);
    expect(segments.map((s) => [s.state, s.width])).toEqual([
      ['available', 20],
      ['talking', 60],
      ['hold', 10],
      ['acw', 10],
    ]);
    expect(agentBarGeometry({ available: 0, ringing: 0, talking: 0, hold: 0, acw: 0, paused: 0, offline: 3 }, 100)).toEqual([]);
  });
});
