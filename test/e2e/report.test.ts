// End to end, the morning report: a floor's events published across two local days (yesterday
// from 09:00 to 14:00, then today), so the server closes yesterday and the history keeps it. A
// lead opens /report in Chromium: yesterday by default in Chinese, the same day in English, the
// A4 print layout, a day without data in both languages, the week view, and the PDF downloaded
// from the page's button. Screenshots are saved under test-artifacts/.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { HistoryResponse } from '../../server/contract/history.js';
import type { EventInput } from '../../server/core/events.js';
import { createRedisPublisher } from '../../simulator/publisher.js';
import { addDays, mondayOf, yesterdayIn } from '../../wallboard/report/report-dates.js';
import { floorScenario, SCENARIO_QUEUES } from '../support/floor-scenario.js';
import { waitFor } from '../support/redis.js';
import { ADMIN_AUTH } from '../support/server.js';
import { deepAll, deepText, screenshot, type TestPage } from './support/browser.js';
import { STREAM } from './support/publish.js';
import { useFloor } from './support/use-floor.js';

const ZONE = 'Asia/Shanghai';
// No scenario of "now" first: yesterday's events must come before today's in the stream.
const floor = useFloor({ scenario: false });
let yesterday: string;
let record: HistoryResponse;

/** Appends events at their own times (entry IDs from their timestamps), as a PBX adapter catching up on yesterday's log would. */
async function publishAtTheirTimes(redisUrl: string, events: readonly EventInput[]): Promise<void> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  try {
    const sorted = [...events].sort((a, b) => a.ts - b.ts);
    await createRedisPublisher(redis, { streamKey: STREAM }).write(sorted.map((event) => ({ kind: 'event', event, appendAt: event.ts })));
  } finally {
    redis.disconnect();
  }
}

const history = async (query: string) => (await (await fetch(`${floor.server.url}/api/v1/history?${query}`, { headers: ADMIN_AUTH })).json()) as HistoryResponse;

beforeAll(async () => {
  yesterday = yesterdayIn(Date.now(), ZONE);
  // Yesterday's floor first, appended at its own times (the server drops an event appended a day
  // after it happened), then today's: the first event of today closes yesterday.
  await publishAtTheirTimes(floor.redis.url, floorScenario({ now: Date.parse(`${yesterday}T14:00:00+08:00`), hours: 5, heldCalls: 0, seed: 11 }).events);
  await floor.publish(floorScenario({ now: Date.now(), hours: 1, seed: 12 }).events);
  record = await waitFor(
    async () => {
      const answer = await history(`from=${yesterday}&to=${yesterday}`);
      return answer.days[0]?.recorded && answer.days[0].final ? answer : null;
    },
    "the history to keep yesterday's record",
    30_000,
  );
}, 90_000);

/** The report signed in as the floor's lead, once it has drawn. */
async function openReport(path: string, width = 1920, height = 1080): Promise<TestPage> {
  const page = await floor.open(path, width, height, { live: false });
  await page.waitForSelector('wb-report-page[data-ready="true"]', { timeout: 20_000 });
  return page;
}

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

describe('the morning report end to end', () => {
  it("shows yesterday by default in Chinese, with the history's own figures", async () => {
    const page = await openReport('/report?lang=zh');
    const total = record.rows.find((r) => r.queue === null)!;
    expect(total.offered).toBeGreaterThan(100);
    expect(await deepText(page, '[data-testid=report-heading]')).toMatch(
      new RegExp(`^${Number(yesterday.slice(0, 4))}年${Number(yesterday.slice(5, 7))}月${Number(yesterday.slice(8))}日星期.$`),
    );
    const agent = await deepAll(page, 'tr[data-kpi=agentConnect] td .kpi-mark');
    expect(agent[0]!.text).toMatch(new RegExp(`^${percent(total.agentConnectRate).replace('.', '\\.')} (达标|预警|未达标)$`));
    expect(agent[0]!.data['status']).toMatch(/^(met|atRisk|missed)$/);
    // The day before and a week before were not recorded: said, not shown as zeros.
    expect(agent.slice(1).map((a) => a.text)).toEqual(['— 暂无数据', '— 暂无数据']);
    const charts = await deepAll(page, 'wb-report-traffic');
    expect(charts.map((c) => c.data['queue'])).toEqual(['total', ...[...SCENARIO_QUEUES].sort()]);
    expect((await deepAll(page, '[data-testid=sl-chart] path.line')).length).toBe(1);
    expect((await deepAll(page, '[data-testid=report-agents] tbody tr')).length).toBeGreaterThan(10);
    expect(await deepText(page, '[data-testid=hold-record] h2')).toBe('持机回应');
    await screenshot(page, 'report-day-zh');
    // On A4 in Chinese too: the print layout with CJK type, for a look (the English test checks its colours).
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.screenshot({ path: 'test-artifacts/report-day-print-zh.png', fullPage: true });
    expect(page.problems).toEqual([]);
  }, 60_000);

  it('shows the day in English on a projector and prints it on A4', async () => {
    const page = await openReport(`/report?date=${yesterday}&lang=en`);
    expect((await deepAll(page, 'h2')).map((h) => h.text)).toEqual(
      expect.arrayContaining(['KPIs against targets', 'Hold checks', 'Complaints', 'Transfers', 'Worst half-hours', 'Traffic per hour', 'Alarms of the day', 'Agents']),
    );
    expect((await deepAll(page, '[data-testid=worst-half-hours] tbody tr')).length).toBeGreaterThan(0);
    // Large type for the meeting room: body text at least 18 px on a 1920-wide screen.
    const px = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    expect(px).toBeGreaterThanOrEqual(18);
    await screenshot(page, 'report-day-en');
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    // No controls on paper, black on white.
    expect(await page.locator('wb-report-page .controls').isVisible()).toBe(false);
    const colours = await page.evaluate(() => {
      const section = document
        .querySelector('wb-report-page')
        ?.shadowRoot?.querySelector('wb-report-day')
        ?.shadowRoot?.querySelector('wb-report-kpis')
        ?.shadowRoot?.querySelector('section');
      return section ? [getComputedStyle(section).backgroundColor, getComputedStyle(section).color] : [];
    });
    expect(colours).toEqual(['rgb(255, 255, 255)', 'rgb(0, 0, 0)']);
    await page.screenshot({ path: 'test-artifacts/report-day-print.png', fullPage: true });
    expect(page.problems).toEqual([]);
  }, 60_000);

  it('says a day without data has none, in both languages', async () => {
    const empty = addDays(yesterday, -30);
    for (const [lang, words] of [
      ['en', /^No data for /],
      ['zh', / 没有数据$/],
    ] as const) {
      const page = await openReport(`/report?date=${empty}&lang=${lang}`);
      expect(await deepText(page, '[data-testid=report-no-data] h2')).toMatch(words);
      expect(await deepAll(page, '[data-testid=report-kpis]')).toEqual([]);
      await screenshot(page, `report-no-data-${lang}`);
      expect(page.problems).toEqual([]);
    }
  }, 60_000);

  it("shows the week for the Monday review and downloads the day's PDF from the button", async () => {
    const monday = mondayOf(yesterday);
    const week = await openReport(`/report?week=${monday}&lang=en`);
    const cells = await deepAll(week, `[data-testid=week-days] tr[data-kpi=agentConnect] td[data-date="${yesterday}"] .kpi-mark`);
    expect(cells[0]!.data['status']).toMatch(/^(met|atRisk|missed)$/);
    expect((await deepAll(week, '[data-testid=week-days] thead th[data-date]')).length).toBe(7);
    await screenshot(week, 'report-week-en');

    const day = await openReport(`/report?date=${yesterday}&lang=en`);
    const [download] = await Promise.all([day.waitForEvent('download', { timeout: 60_000 }), day.locator('wb-report-page [data-testid=report-pdf]').click()]);
    expect(download.suggestedFilename()).toBe(`wallboard-report-${yesterday}.pdf`);
    const file = await download.path();
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(week.problems).toEqual([]);
    expect(day.problems).toEqual([]);
  }, 120_000);
});
