// @vitest-environment happy-dom
// The report page against answers of the history API built here (docs/history.md): the day view
// with data and without, in both languages, yesterday taken in the board's zone, the week view,
// the PDF link, and a session that ended.
import { afterEach, describe, expect, it } from 'vitest';
import { AccessError } from '../../access/access-error.js';
import type { PageNavigator } from '../../access/navigator.js';
import { shadow } from '../../testing/dom.js';
import { until } from '../../testing/scripted-fetch.js';
import type { HistoryResponse, HistoryInterval } from '../../../server/contract/history.js';
import { addDays } from '../../report/report-dates.js';
import { emptyAnswer, historyRow } from '../../report/report-fixtures.js';
import type { ReportPick } from '../../report/report-query.js';
import './wb-report-page.js';

afterEach(() => document.body.replaceChildren());

const D = '2026-11-30';
const midnight = (day: string) => Date.parse(`${day}T00:00:00+08:00`);
const Q = 15 * 60_000;

/** The history as the API would answer it: `recorded` days have a total row; D has 15-minute rows for billing. */
function history(recorded: readonly string[]) {
  return (from: string, to: string, interval: HistoryInterval): HistoryResponse => {
    const dates: string[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
    const answer = { ...emptyAnswer(from, to, dates), interval };
    answer.days = dates.map((date) => ({ date, recorded: recorded.includes(date), final: true, recordedTs: null }));
    answer.queueNames = { billing: { zh: '账务查询', en: 'Billing' } };
    const days = dates.filter((d) => recorded.includes(d));
    if (interval === 'day') {
      answer.rows = days.map((d) =>
        historyRow(d, midnight(d), midnight(d) + 86_400_000, null, { offered: 100, answered: d === D ? 92 : 85, abandoned: d === D ? 8 : 15, withinSl: 82 }),
      );
      answer.summary = days.length
        ? [
            historyRow(from, midnight(from), midnight(to) + 86_400_000, null, {
              offered: 100 * days.length,
              answered: 88 * days.length,
              abandoned: 12 * days.length,
              withinSl: 80 * days.length,
            }),
          ]
        : [];
      answer.agents = days.includes(D)
        ? [
            {
              date: D,
              agentId: '8001',
              name: '王芳',
              team: 'A组',
              handled: 40,
              handleSumMs: 40 * 200_000,
              meanHandleMs: 200_000,
              holds: 3,
              holdChecksMissed: 1,
              coldTransfers: 0,
              warmTransfers: 2,
            },
          ]
        : [];
    } else if (days.includes(D)) {
      answer.queues = ['billing'];
      for (let i = 36; i < 40; i++)
        for (const queue of [null, 'billing'])
          answer.rows.push(historyRow(D, midnight(D) + i * Q, midnight(D) + (i + 1) * Q, queue, { offered: 12, answered: 10, abandoned: 2, withinSl: i === 38 ? 4 : 9 }));
    }
    return answer;
  };
}

async function mountPage(
  pick: ReportPick,
  recorded: readonly string[],
  language: 'en' | 'zh-CN' = 'en',
  options: { now?: number; timeZone?: string; notFinal?: readonly string[] } = {},
) {
  const asked: string[] = [];
  const searches: string[] = [];
  const went: string[] = [];
  const answer = history(recorded);
  const navigator: PageNavigator = { go: (path) => went.push(path), setSearch: (s) => searches.push(s) };
  const page = Object.assign(document.createElement('wb-report-page'), {
    pick,
    language,
    navigator,
    now: () => options.now ?? Date.parse('2026-12-01T01:00:00Z'),
    get: async (from: string, to: string, interval: HistoryInterval) => {
      asked.push(`${from}..${to}/${interval}`);
      const got = answer(from, to, interval);
      const days = got.days.map((d) => (options.notFinal?.includes(d.date) ? { ...d, final: false } : d));
      return { ...got, days, timeZone: options.timeZone ?? 'Asia/Shanghai' };
    },
  });
  document.body.append(page);
  // Under a loaded machine the first render of every section takes a while: a generous deadline, the same condition.
  await until(() => page.dataset['ready'] === 'true', 10_000);
  return { page, asked, searches, went };
}

/** Text and data-* of every match through the shadow roots under `root`. */
function deep(root: Element, selector: string): { text: string; data: Record<string, string> }[] {
  const out: { text: string; data: Record<string, string> }[] = [];
  const walk = (r: ShadowRoot | Element) => {
    for (const el of r.querySelectorAll(selector))
      out.push({ text: el.textContent?.replace(/\s+/g, ' ').trim() ?? '', data: { ...(el as HTMLElement).dataset } as Record<string, string> });
    for (const el of r.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
  };
  walk(shadow(root));
  return out;
}

describe('the day view', () => {
  it('shows a recorded day against the targets, beside the day before and the same weekday last week', async () => {
    const { page, asked, searches } = await mountPage({ view: 'day', date: D }, [D, addDays(D, -1)]);
    expect(asked.sort()).toEqual(['2026-11-23..2026-11-30/day', '2026-11-30..2026-11-30/15m']);
    expect(searches).toContain('?date=2026-11-30&lang=en');
    expect(deep(page, '[data-testid=report-heading]')[0]!.text).toBe('Monday, 30 November 2026');
    const agent = deep(page, 'tr[data-kpi=agentConnect] td .kpi-mark');
    // 92 of 100 meets 90 %; 85 misses it; nothing recorded a week before.
    expect(agent.map((m) => [m.text, m.data['status']])).toEqual([
      ['92.0% Met', 'met'],
      ['85.0% Missed', 'missed'],
      ['— No data', 'noData'],
    ]);
    const worst = deep(page, '[data-testid=worst-half-hours] tbody tr');
    expect(worst[0]!.text).toMatch(/^09:30–10:00 24 /);
    expect(deep(page, 'wb-report-traffic').map((t) => t.data['queue'])).toEqual(['total', 'billing']);
    expect(deep(page, '[data-testid=report-agents] tbody tr')[0]!.text).toMatch(/^王芳 A组 40 3:20 3 1 ▲ 0 2$/);
    expect(deep(page, '[data-testid=report-pdf]')).toHaveLength(1);
    expect(shadow(page).querySelector('[data-testid=report-pdf]')!.getAttribute('href')).toBe('/api/v1/report.pdf?date=2026-11-30&lang=en');
    expect(deep(page, '[data-testid=report-no-data]')).toEqual([]);
  });

  it('says a day without a record has no data, in Chinese, instead of showing zeros', async () => {
    const { page } = await mountPage({ view: 'day', date: D }, [], 'zh-CN');
    expect(deep(page, '[data-testid=report-no-data] h2')[0]!.text).toBe('2026年11月30日星期一 没有数据');
    expect(deep(page, '[data-testid=report-kpis]')).toEqual([]);
    expect(deep(page, 'wb-report-traffic')).toEqual([]);
  });

  it("takes yesterday in the board's zone once the server has named it", async () => {
    // 2026-12-01 17:30 UTC: already 12-02 in Shanghai (the default), still 12-01 in New York.
    const { page, asked } = await mountPage({ view: 'day', date: null }, ['2026-11-30'], 'en', { now: Date.parse('2026-12-01T17:30:00Z'), timeZone: 'America/New_York' });
    expect(asked).toContain('2026-11-24..2026-12-01/day');
    expect(asked.at(-1)).toMatch(/^2026-11-30\.\.2026-11-30\/(day|15m)$/);
    expect(deep(page, '[data-testid=report-day]')[0]!.data['date']).toBe('2026-11-30');
  });

  it('sends a reader whose session ended to the login, and back here afterwards', async () => {
    const went: string[] = [];
    const page = Object.assign(document.createElement('wb-report-page'), {
      pick: { view: 'day', date: D },
      navigator: { go: (p: string) => went.push(p), setSearch: () => undefined },
      get: () => Promise.reject(new AccessError('unauthorized', 401, 'sign in first')),
    });
    document.body.append(page);
    await until(() => went.length > 0, 10_000);
    expect(went).toEqual([`/login?next=${encodeURIComponent('/report?date=2026-11-30&lang=zh')}`]);
  });
});

describe('the week view', () => {
  it('marks each day against the targets and sets the week against the week before from their summaries', async () => {
    const monday = '2026-11-23';
    const { page, asked } = await mountPage({ view: 'week', monday }, ['2026-11-24', '2026-11-25', D], 'en');
    expect(asked.sort()).toEqual(['2026-11-16..2026-11-22/day', '2026-11-23..2026-11-29/day']);
    const row = deep(page, '[data-testid=week-days] tr[data-kpi=agentConnect] td .kpi-mark').map((m) => m.data['status']);
    expect(row).toEqual(['noData', 'missed', 'missed', 'noData', 'noData', 'noData', 'noData', 'atRisk']);
    const vs = deep(page, 'wb-report-kpis tr[data-kpi=agentConnect] td .kpi-mark');
    // The week's own summary (88 %), not a mean of its days; the week before has no record.
    expect(vs.map((m) => m.text)).toEqual(['88.0% At risk', '— No data']);
    expect(shadow(page).querySelector('[data-testid=report-pdf]')!.getAttribute('href')).toBe('/api/v1/report.pdf?week=2026-11-23&lang=en');
    // Every day recorded here is closed: none is marked as figures so far.
    expect(deep(page, '[data-testid=week-so-far]')).toEqual([]);
  });

  it('marks a day whose record is not final (today) as so far, in both languages', async () => {
    for (const [lang, words] of [
      ['en', 'so far'],
      ['zh-CN', '截至目前'],
    ] as const) {
      const { page } = await mountPage({ view: 'week', monday: '2026-11-23' }, ['2026-11-24', '2026-11-25'], lang, { notFinal: ['2026-11-25'] });
      const marks = deep(page, '[data-testid=week-days] thead th[data-date]').filter((th) => th.text.includes(words));
      expect(marks.map((th) => th.data['date'])).toEqual(['2026-11-25']);
      page.remove();
    }
  });
});
