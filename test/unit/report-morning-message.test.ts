import { describe, expect, it } from 'vitest';
import type { HistoryResponse, HistoryRow } from '../../server/contract/history.js';
import { morningFigures, morningMessage } from '../../server/report/morning-message.js';

const D = '2026-11-30';
const total = (over: Partial<HistoryRow>): HistoryRow =>
  ({
    ...Object.fromEntries(['vipConnectRate', 'complaintReplyRate', 'firstContactResolution', 'holdCheckOnTimeRate', 'serviceLevel'].map((f) => [f, null])),
    date: D,
    startTs: 0,
    endTs: 1,
    queue: null,
    offered: 120,
    answered: 110,
    systemConnectRate: 0.995,
    agentConnectRate: 0.86,
    satisfaction: 84.2,
    ...over,
  }) as HistoryRow;
const answer = (rows: HistoryRow[], recorded = true): HistoryResponse =>
  ({
    from: D,
    to: D,
    interval: 'day',
    timeZone: 'Asia/Shanghai',
    queues: [],
    queueNames: {},
    targets: {
      systemConnect: { target: 0.99, riskFloor: 0.98 },
      agentConnect: { target: 0.85, riskFloor: 0.83 },
      satisfaction: { target: 85, riskFloor: 83 },
      serviceLevel: { target: 0.8, riskFloor: null },
    },
    days: [{ date: D, recorded, final: true, recordedTs: 1 }],
    rows,
    summary: [],
    agents: [],
    alarms: [],
    complaints: [],
  }) as unknown as HistoryResponse;

describe('the morning message', () => {
  it("judges yesterday's KPIs against their targets and says so in each language", () => {
    const figures = morningFigures(answer([total({})]), D);
    expect(figures.kpis.filter((k) => k.value !== null).map((k) => [k.id, k.status])).toEqual([
      ['systemConnect', 'met'],
      ['agentConnect', 'met'],
      ['satisfaction', 'atRisk'],
    ]);
    const en = morningMessage(figures, { lang: 'en', boardName: 'Hotline', link: 'https://wb.example/report?date=2026-11-30&lang=en' });
    expect(en.title).toBe('Hotline: morning report for 2026-11-30');
    expect(en.lines).toContain('▲ Satisfaction: 84.2 (target 85.0) at risk');
    expect(en.lines).toContain('✓ System connect rate: 99.5% (target 99.0%) met');
    expect(en.lines.at(-1)).toBe('Report: https://wb.example/report?date=2026-11-30&lang=en');
    expect(en.tone).toBe('warning');
    const zh = morningMessage(figures, { lang: 'zh-CN', boardName: '热线', link: 'L' });
    expect(zh.lines).toContain('▲ 热线满意度：84.2（目标 85.0） 预警');
    expect(zh.lines[0]).toBe('呼入 120，接听 110');
  });

  it('says a day without a record has none, instead of sending zeros', () => {
    const figures = morningFigures(answer([], false), D);
    expect(figures.recorded).toBe(false);
    expect(morningMessage(figures, { lang: 'en', boardName: 'B', link: 'L' }).lines[0]).toBe('No data was recorded for this day.');
  });
});
