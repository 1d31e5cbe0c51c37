import { describe, expect, it } from 'vitest';
import { emptyAnswer, historyRow } from './report-fixtures.js';
import { agentsOf, comparisonDays, kpiLines, mergePeriods, queueLabel, seriesOf, weekAgainstWeek, worstHalfHours, HALF_HOUR_MS, HOUR_MS } from './report-model.js';

const DAY0 = Date.UTC(2026, 10, 29, 16); // 2026-11-30 00:00 in Shanghai
const Q = 15 * 60_000;

describe('the day view KPIs', () => {
  it('puts the day, the day before and the same weekday last week side by side, judged against the targets', () => {
    const answer = emptyAnswer('2026-11-23', '2026-11-30', comparisonDays('2026-11-30'));
    answer.days = answer.days.map((d) => ({ ...d, recorded: d.date !== '2026-11-23' }));
    answer.rows = [
      historyRow('2026-11-29', DAY0 - 86_400_000, DAY0, null, { answered: 87, abandoned: 13, withinSl: 70, satisfaction: 86.5 }),
      historyRow('2026-11-30', DAY0, DAY0 + 86_400_000, null, { answered: 90, abandoned: 10, withinSl: 85, satisfaction: 84 }),
    ];
    const lines = kpiLines(answer, comparisonDays('2026-11-30'));
    const agent = lines.find((l) => l.def.id === 'agentConnect')!;
    expect(agent.cells).toEqual([
      { value: 0.9, status: 'met' },
      { value: 0.87, status: 'missed' },
      { value: null, status: 'noData' },
    ]);
    const sl = lines.find((l) => l.def.id === 'serviceLevel')!;
    // No risk margin on the service level: below target is missed.
    expect(sl.cells.map((c) => c.status)).toEqual(['met', 'missed', 'noData']);
    const satisfaction = lines.find((l) => l.def.id === 'satisfaction')!;
    expect(satisfaction.cells.map((c) => c.status)).toEqual(['atRisk', 'met', 'noData']);
    expect(lines.map((l) => l.def.id)).toEqual([
      'systemConnect',
      'agentConnect',
      'vipConnect',
      'satisfaction',
      'complaintReply',
      'firstContactResolution',
      'holdCheckOnTime',
      'serviceLevel',
    ]);
  });
});

describe('the week against the week before', () => {
  it("takes each week's summary total, never an average of its days", () => {
    const week = emptyAnswer('2026-11-30', '2026-12-06', ['2026-11-30']);
    week.days[0]!.recorded = true;
    // Day rates 1.0 (on 10 calls) and 0.5 (on 90): the mean of rates (0.75) is not the week's 0.55.
    week.summary = [historyRow('2026-11-30', 0, 1, null, { answered: 55, abandoned: 45, withinSl: 55 })];
    const before = emptyAnswer('2026-11-23', '2026-11-29', ['2026-11-23']);
    const [line] = weekAgainstWeek(week, before).filter((l) => l.def.id === 'agentConnect');
    expect(line!.cells).toEqual([
      { value: 0.55, status: 'missed' },
      { value: null, status: 'noData' },
    ]);
  });
});

describe('merging 15-minute rows', () => {
  const rows = [
    historyRow('2026-11-30', DAY0 + 36 * Q, DAY0 + 37 * Q, null, { offered: 10, answered: 8, abandoned: 2, shortAbandoned: 1, withinSl: 6 }),
    historyRow('2026-11-30', DAY0 + 37 * Q, DAY0 + 38 * Q, null, { offered: 10, answered: 10, withinSl: 10 }),
    historyRow('2026-11-30', DAY0 + 40 * Q, DAY0 + 41 * Q, null, { offered: 30, answered: 20, abandoned: 10, withinSl: 5 }),
  ];

  it('sums pairs into half-hours and recomputes their rates from the sums', () => {
    const halves = mergePeriods(rows, DAY0, DAY0 + 86_400_000, HALF_HOUR_MS);
    expect(halves).toHaveLength(48);
    expect(halves[18]).toMatchObject({ startTs: DAY0 + 9 * HOUR_MS, offered: 20, answered: 18, abandoned: 2, handled: 19, withinSl: 16 });
    expect(halves[18]!.serviceLevel).toBeCloseTo(16 / 19, 12);
    expect(halves[18]!.abandonRate).toBeCloseTo(1 / 19, 12);
    expect(halves[19]).toMatchObject({ offered: 0, serviceLevel: null, abandonRate: null });
    expect(mergePeriods(rows, DAY0, DAY0 + 86_400_000, HOUR_MS)[9]).toMatchObject({ offered: 20 });
  });

  it('ranks the worst half-hours by service level among those with enough calls', () => {
    const small = historyRow('2026-11-30', DAY0 + 50 * Q, DAY0 + 51 * Q, null, { offered: 2, answered: 0, abandoned: 2 });
    const worst = worstHalfHours([...rows, small], DAY0, DAY0 + 86_400_000, { minHandled: 10 });
    expect(worst.map((p) => (p.startTs - DAY0) / HOUR_MS)).toEqual([10, 9]);
    expect(worstHalfHours([...rows, small], DAY0, DAY0 + 86_400_000, { minHandled: 2 })[0]!.startTs).toBe(DAY0 + 25 * HALF_HOUR_MS);
  });
});

describe('the rest of the day', () => {
  it('names queues in the page language, else by id', () => {
    const answer = { queueNames: { billing: { zh: '账务查询', en: 'Billing' } } };
    expect(queueLabel(answer, 'billing', 'zh-CN')).toBe('账务查询');
    expect(queueLabel(answer, 'billing', 'en')).toBe('Billing');
    expect(queueLabel(answer, 'tech', 'en')).toBe('tech');
  });

  it("orders a day's agents busiest first and keeps one queue's series in time order", () => {
    const agent = (agentId: string, handled: number, date = '2026-11-30') => ({
      date,
      agentId,
      team: null,
      handled,
      handleSumMs: 0,
      meanHandleMs: null,
      holds: 0,
      holdChecksMissed: 0,
      coldTransfers: 0,
      warmTransfers: 0,
    });
    expect(agentsOf([agent('a', 3), agent('b', 9), agent('c', 50, '2026-11-29')], '2026-11-30').map((a) => a.agentId)).toEqual(['b', 'a']);
    const rows = [historyRow('d', 2, 3, 'x'), historyRow('d', 1, 2, null), historyRow('d', 1, 2, 'x')];
    expect(seriesOf(rows, 'x').map((r) => r.startTs)).toEqual([1, 2]);
  });
});
