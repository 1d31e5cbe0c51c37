// End to end, the TV's layout with a critical alarm up: a queue short of agents whose callers have
// waited three minutes, published as a producer would. The banner takes a line of its own (no
// panel is hidden under it) at 1080p and 4K, in Chinese and English; the queue's row shows its
// name, the staffing badge and the alarm's mark side by side, none over another.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { EventInput } from '../../server/core/events.js';
import { waitFor } from '../support/redis.js';
import { deepAll, screenshot } from './support/browser.js';
import { useFloor } from './support/use-floor.js';

const floor = useFloor();

/** 60 calls in the last quarter hour of 4 minutes each on `surge`, served by two agents (Erlang C asks about 20), then six callers waiting three minutes. */
function shortAndStranded(now: number): EventInput[] {
  const events: EventInput[] = [
    { type: 'agent.state', ts: now - 15 * 60_000, agentId: 'l1', state: 'talking', team: 'L组', name: '版面一', queues: ['surge'] },
    { type: 'agent.state', ts: now - 15 * 60_000, agentId: 'l2', state: 'available', team: 'L组', name: '版面二', queues: ['surge'] },
  ];
  for (let i = 0; i < 60; i++) {
    const queuedTs = now - 14.5 * 60_000 + i * 8_500;
    events.push(
      { type: 'call.queued', ts: queuedTs, callId: `layout-${i}`, queue: 'surge' },
      { type: 'call.answered', ts: queuedTs + 5_000, callId: `layout-${i}`, queue: 'surge', agentId: 'l1' },
      { type: 'call.ended', ts: queuedTs + 245_000, callId: `layout-${i}` },
    );
  }
  for (let i = 0; i < 6; i++) events.push({ type: 'call.queued', ts: now - 180_000 + i * 1000, callId: `layout-wait-${i}`, queue: 'surge' });
  return events.sort((a, b) => a.ts - b.ts);
}

interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

/** The border boxes of every element matching `selector` (searched through shadow roots), in document order; with `inner`, of what matches it in their shadow roots. */
function deepBoxes(page: Page, selector: string, inner?: string): Promise<Box[]> {
  return page.evaluate(
    ([sel, within]) => {
      const out: { left: number; top: number; right: number; bottom: number }[] = [];
      const walk = (root: Document | ShadowRoot) => {
        for (const el of root.querySelectorAll(sel))
          for (const target of within ? [...(el.shadowRoot?.querySelectorAll(within) ?? [])] : [el]) {
            const r = target.getBoundingClientRect();
            out.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
          }
        for (const el of root.querySelectorAll('*')) if (el.shadowRoot) walk(el.shadowRoot);
      };
      walk(document);
      return out;
    },
    [selector, inner ?? null] as const,
  );
}

async function deepBox(page: Page, selector: string, inner?: string): Promise<Box> {
  const [box] = await deepBoxes(page, selector, inner);
  if (!box) throw new Error(`nothing matches ${selector} ${inner ?? ''}`);
  return box;
}

/** Area two boxes share, in px² (half a pixel of rounding forgiven on each side). */
const overlap = (a: Box, b: Box) =>
  Math.max(0, Math.min(a.right, b.right) - Math.max(a.left, b.left) - 0.5) * Math.max(0, Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) - 0.5);
const inside = (inner: Box, outer: Box) =>
  inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.top >= outer.top - 0.5 && inner.bottom <= outer.bottom + 0.5;

const NAMES = { 'zh-CN': '话费高峰充值专线', en: 'Mobile top-up surge line' } as const;

describe('the TV layout with a critical alarm', () => {
  it('the banner hides no panel, and a short queue in alarm shows its name and both marks apart', async () => {
    await floor.publish(shortAndStranded(Date.now()));
    await waitFor(
      async () => {
        const surge = (await floor.rest()).queues.find((q) => q.id === 'surge');
        return surge?.staffing && surge.staffing.needed > surge.staffing.onQueue;
      },
      'the surge queue to be short of agents',
      15_000,
    );

    for (const [lang, width, height] of [
      ['zh-CN', 1920, 1080],
      ['en', 1920, 1080],
      ['zh-CN', 3840, 2160],
      ['en', 3840, 2160],
    ] as const) {
      const display = await floor.createDisplay(`Layout TV ${lang} ${width}`, { lang, queues: ['surge', 'billing', 'mobile'], queueNames: { surge: NAMES[lang] } });
      expect(display.status).toBe(201);
      const { link } = (await display.json()) as { link: string };
      const tv = await floor.open(link, width, height, { as: null, live: lang === 'en' ? /Live/ : /实时/ });
      await waitFor(async () => (await deepAll(tv, '[data-testid=alarm-banner]')).length === 1, `the banner (${lang} ${width}x${height})`, 15_000);
      const row = '.row[data-queue=surge]';
      await waitFor(
        async () => (await deepAll(tv, `${row} [data-testid=queue-alarm]`)).length === 1 && (await deepAll(tv, `${row} [data-testid=staffing-short]`)).length === 1,
        `the surge row's two marks (${lang} ${width}x${height})`,
        15_000,
      );
      // Let the banner's arrival settle the layout (the queue table refits its pages to the new height).
      await tv.waitForTimeout(300);
      await screenshot(tv, `tv-layout-alarm-short-${width}x${height}-${lang}`);

      // (a) The banner takes its own room: it covers no panel, the agent-state panel among them, and every panel shows all it holds.
      const banner = await deepBox(tv, '[data-testid=alarm-banner]');
      expect(inside(banner, { left: 0, top: 0, right: width, bottom: height })).toBe(true);
      const panels = await deepBoxes(tv, 'section.panel');
      expect(panels.length).toBeGreaterThanOrEqual(5);
      for (const panel of panels) expect(overlap(banner, panel)).toBe(0);
      const agentPanel = await deepBox(tv, 'section.panel:has(> wb-agent-states)');
      expect(agentPanel.bottom).toBeLessThanOrEqual(banner.top);
      expect(inside(await deepBox(tv, 'wb-agent-states'), agentPanel)).toBe(true);
      expect(inside(await deepBox(tv, 'wb-agent-states', '.foot'), agentPanel)).toBe(true);

      // (b) The row: the name, the "缺 N 人" badge and the alarm's mark each in a box of its own, none over a figure, all within the row and the table.
      const rowBox = await deepBox(tv, row);
      expect(inside(rowBox, await deepBox(tv, 'wb-queue-table'))).toBe(true);
      const name = await deepBox(tv, `${row} .name bdi`);
      const short = await deepBox(tv, `${row} [data-testid=staffing-short]`);
      const alarm = await deepBox(tv, `${row} [data-testid=queue-alarm]`);
      const figures = await deepBoxes(tv, `${row} > span:not(.name)`);
      expect(figures).toHaveLength(5);
      for (const box of [name, short, alarm, ...figures]) expect(inside(box, rowBox)).toBe(true);
      for (const mark of [short, alarm]) for (const other of [name, ...figures]) expect(overlap(mark, other)).toBe(0);
      for (const figure of figures) expect(overlap(figure, name)).toBe(0);
      expect(overlap(short, alarm)).toBe(0);
      // Readable: at least four characters' room for the name, and the whole of it in a title where it is cut.
      const em = await tv.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      expect(name.right - name.left).toBeGreaterThanOrEqual(4 * em);
      expect((await deepAll(tv, `${row} .name bdi[title="${NAMES[lang]}"]`)).map((t) => t.text)).toEqual([NAMES[lang]]);
      expect(tv.problems).toEqual([]);
    }
  }, 120_000);
});
