// End to end: the built wallboard in Debian's Chromium, served by the real server (a child
// process) reading a real Redis stream. Events go in by XADD, as any producer's would.
//
// Every test opens its own pages. The first tests share one floor (Redis, server, scenario) and
// each adds only calls of its own; a test that stops the server or Redis gets a floor of its
// own, so each test passes alone (-t) and in any order (--sequence.shuffle).
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitFor } from '../support/redis.js';
import { kpiValueText } from '../../wallboard/components/kpi-format.js';
import { createI18n } from '../../wallboard/i18n/i18n.js';
import { deepAll, deepScrollIntoView, deepText, screenshot } from './support/browser.js';
import type { Floor } from './support/floor.js';
import { restFigures, tvFigures } from './support/tv-figures.js';
import { useFloor } from './support/use-floor.js';

/** Waits until the TV shows what the floor's REST snapshot gives. */
async function tvMatchesRest(page: Page, floor: Pick<Floor, 'rest'>, what: string, timeoutMs: number): Promise<void> {
  await waitFor(async () => JSON.stringify(await tvFigures(page)) === JSON.stringify(restFigures(await floor.rest())), what, timeoutMs);
}

describe('wallboard end to end', () => {
  // Shared by the tests below: each adds calls of its own, and none stops the server or Redis.
  const floor = useFloor();

  it('runs /tv and /lead under its Content-Security-Policy without a violation', async () => {
    const response = await fetch(`${floor.server.url}/tv`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    for (const [path, width, height, shown] of [
      ['/tv', 1920, 1080, '.row[data-queue]'],
      ['/lead', 1440, 900, 'button[data-team]'],
    ] as const) {
      const page = await floor.open(path, width, height);
      await waitFor(async () => (await deepAll(page, shown)).length > 0, `${path} to show the floor`, 15_000);
      await screenshot(page, `csp${path.replace('/', '-')}`);
      expect(page.cspViolations, path).toEqual([]);
      expect(page.problems, path).toEqual([]);
    }
  });

  it('shows on the TV the same numbers the REST snapshot gives, and follows new events', async () => {
    const page = await floor.open('/tv', 1920, 1080);
    // Six queues fit on one page at 1920 × 1080, so every queue's row is on screen.
    await tvMatchesRest(page, floor, 'the TV to match REST', 15_000);
    await screenshot(page, 'tv-1920x1080-zh');

    const now = Date.now();
    await floor.publish([
      { type: 'call.queued', ts: now, callId: 'e2e-q1', queue: 'roaming' },
      { type: 'call.queued', ts: now, callId: 'e2e-q2', queue: 'roaming', tier: 'gold' },
      { type: 'call.abandoned', ts: now + 5, callId: 'w0-0', queue: 'billing' },
    ]);
    await waitFor(async () => (await floor.rest()).queues.find((q) => q.id === 'roaming')?.waiting === 2, 'the server to count the new calls');
    await tvMatchesRest(page, floor, 'the TV to follow', 10_000);
    expect((await tvFigures(page)).queues['roaming']).toBe(2);
    expect(page.problems).toEqual([]);
  });

  it('counts a held call down to its check, raises the overdue alert, and clears it on call.hold_check', async () => {
    const page = await floor.open('/tv', 1920, 1080);
    const now = Date.now();
    const agentId = 'a001';
    await floor.publish([
      { type: 'call.queued', ts: now - 60_000, callId: 'e2e-hold', queue: 'billing' },
      { type: 'call.answered', ts: now - 50_000, callId: 'e2e-hold', queue: 'billing', agentId },
      { type: 'call.held', ts: now - 26_000, callId: 'e2e-hold', agentId },
    ]);
    const row = async () => (await deepAll(page, '.row[data-call]')).findIndex((r) => r.data['call'] === 'e2e-hold');
    const rowOf = async () => (await deepAll(page, '.row[data-call]')).find((r) => r.data['call'] === 'e2e-hold');
    const counting = await waitFor(async () => {
      const r = await rowOf();
      return r && r.data['state'] !== 'overdue' ? r : null;
    }, 'the held call to count down');
    expect(counting.text).toMatch(/下次回应 0:0[1-5]/);
    const seen = new Set<string>();
    const overdue = await waitFor(
      async () => {
        const r = await rowOf();
        if (r) seen.add(r.text.match(/下次回应 (\d:\d\d)/)?.[1] ?? '');
        return r?.data['state'] === 'overdue' ? r : null;
      },
      'the check to fall due',
      10_000,
    );
    expect(seen.has('0:01')).toBe(true);
    expect(overdue.text).toMatch(/超时 \+0:0\d/);
    // Overdue sorts above every call that is not.
    const rows = await deepAll(page, '.row[data-call]');
    const index = await row();
    expect(rows.slice(0, index).every((r) => r.data['state'] === 'overdue')).toBe(true);
    await waitFor(async () => (await rowOf())?.text.match(/\+0:0[2-9]/), 'the lateness to count up');
    await screenshot(page, 'tv-1920x1080-hold-overdue');

    await floor.publish([{ type: 'call.hold_check', ts: Date.now(), callId: 'e2e-hold', agentId }]);
    const cleared = await waitFor(
      async () => {
        const r = await rowOf();
        return r && r.data['state'] === 'ok' ? r : null;
      },
      'the alert to clear on the check-in',
      5_000,
    );
    expect(cleared.text).toMatch(/下次回应 0:(30|29)/);
  });

  it('renders the TV in English', async () => {
    const en = await floor.open('/tv?lang=en', 1920, 1080);
    expect(await deepText(en, 'h1')).toBe('Hotline wallboard');
    expect((await deepAll(en, '.rule'))[0]?.text).toBe('Check on the caller every 30 s');
    await screenshot(en, 'tv-1920x1080-en');
    await en.close();
  });

  it('renders the tablet at 1024 × 768: a queue in detail, the KPI history in English, one team', async () => {
    const lead = await floor.open('/lead?queue=billing', 1024, 768);
    expect(await deepText(lead, 'h1')).toBe('班长看板');
    await waitFor(async () => (await deepAll(lead, '.summary h2'))[0]?.text === 'billing', 'the billing detail');
    await screenshot(lead, 'lead-1024x768-zh');
    // The queue's own targets through the day: its connect rates and service level.
    const billingCards = await deepAll(lead, '.card[data-series]');
    expect(billingCards[0]?.data['series']).toBe('agentConnect');
    expect(billingCards.at(-1)?.data['series']).toBe('serviceLevel');
    expect(await deepScrollIntoView(lead, 'wb-target-history', 40)).toBe(true);
    await lead.waitForTimeout(300);
    await screenshot(lead, 'lead-1024x768-billing-history-zh');

    const leadEn = await floor.open('/lead?lang=en', 1024, 768);
    expect((await deepAll(leadEn, '.alerts h2'))[0]?.text).toMatch(/^Hold-check alerts/);
    await screenshot(leadEn, 'lead-1024x768-en');
    // Every KPI's line ends at the figure the TV shows (hold checks move with the clock alone,
    // so they may be a push behind the REST snapshot).
    const english = createI18n('en');
    await waitFor(
      async () => {
        const shown = Object.fromEntries((await deepAll(leadEn, '.card[data-series]')).map((c) => [c.data['series'] ?? '', c.text]));
        return (await floor.rest()).kpis.every((k) => k.id === 'holdCheckOnTime' || shown[k.id]?.includes(kpiValueText(k, english)));
      },
      'the tablet history to end at the KPIs',
      10_000,
    );
    expect((await deepAll(leadEn, '.card[data-series]')).map((c) => c.data['series'])).toHaveLength(8);
    await deepScrollIntoView(leadEn, 'wb-target-history', 40);
    await leadEn.waitForTimeout(300);
    await screenshot(leadEn, 'lead-1024x768-history-en');
    await leadEn.close();
    await lead.close();

    const teams = await floor.open('/lead?team=B组', 1024, 768);
    // Filtered to one team, the filter still offers every team the server knows.
    expect((await deepAll(teams, '.teams button[data-team]')).map((b) => b.data['team'])).toEqual((await floor.rest()).teams);
    await deepScrollIntoView(teams, 'wb-target-history', 40);
    await teams.waitForTimeout(300);
    await screenshot(teams, 'lead-1024x768-history-zh');
    await teams.close();
  });

  it('renders the TV at 3840 × 2160 without scrolling', async () => {
    const big = await floor.open('/tv', 3840, 2160);
    const noScroll = await big.evaluate(() => document.documentElement.scrollHeight <= innerHeight && document.documentElement.scrollWidth <= innerWidth);
    expect(noScroll).toBe(true);
    await screenshot(big, 'tv-3840x2160-zh');
    await big.close();
  });
});

describe('wallboard end to end, when a part goes away', () => {
  // Each test here stops its server or its Redis, so each starts a floor of its own.
  const floor = useFloor({ per: 'test' });

  it('survives a server restart: says so with the time of its data, then catches up without a reload', async () => {
    const page = await floor.open('/tv', 1920, 1080);
    await tvMatchesRest(page, floor, 'the TV to match REST', 15_000);
    const server = floor.server;
    await page.evaluate(() => ((window as unknown as { e2eMarker: number }).e2eMarker = 42));
    await server.stop('SIGKILL');
    await waitFor(async () => (await deepText(page, '[data-testid=connection]'))?.includes('正在重连'), 'the TV to notice', 10_000);
    const dataFrom = await deepText(page, '[data-testid=data-from]');
    expect(dataFrom).toMatch(/^数据截至 \d\d:\d\d:\d\d$/);
    // Timers stop at the time of the data rather than invent what happened since.
    const frozen = await deepText(page, '[data-testid=longest-wait]');
    await page.waitForTimeout(1600);
    expect(await deepText(page, '[data-testid=longest-wait]')).toBe(frozen);
    await screenshot(page, 'tv-1920x1080-server-gone');

    // The feed moves on while the server is down.
    await floor.publish([{ type: 'call.queued', ts: Date.now(), callId: 'e2e-while-down', queue: 'complaints' }]);
    await server.restart();
    await waitFor(async () => (await deepText(page, '[data-testid=connection]'))?.includes('实时'), 'the TV to reconnect', 20_000);
    await tvMatchesRest(page, floor, 'the TV to catch up', 10_000);
    expect(await page.evaluate(() => (window as unknown as { e2eMarker?: number }).e2eMarker)).toBe(42);
  });

  it('says so when the event feed is gone while the server is still up', async () => {
    const page = await floor.open('/tv', 1920, 1080);
    await floor.redis.kill();
    // The server pushes its feed status; it reports down as soon as its consumer's read fails.
    await waitFor(async () => (await deepAll(page, '[data-testid=connection]'))[0]?.data['state'] === 'feedDown', 'the TV to report the feed down', 10_000);
    expect(await deepText(page, '[data-testid=connection]')).toMatch(/话务数据中断\s*数据截至 \d\d:\d\d:\d\d/);
    await page.waitForTimeout(400);
    await screenshot(page, 'tv-1920x1080-feed-down');
  });
});
