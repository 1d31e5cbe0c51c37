// End to end, 50 queues on a lead's tablet, each with a call waiting, published to Redis as a
// producer would. The queue list ticks only the cards in sight: a card below the column's fold
// keeps the wait it last showed, and shows the right one as soon as it is scrolled into sight.
// A screenshot of the list in Chinese at 1024×768.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { EventInput } from '../../server/core/events.js';
import { waitFor } from '../support/redis.js';
import { deepScrollIntoView, screenshot } from './support/browser.js';
import { useFloor } from './support/use-floor.js';

const floor = useFloor({ scenario: false });

const QUEUES = Array.from({ length: 50 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`);

/** The longest wait each card shows, in seconds (m:ss or h:mm:ss), by queue. */
function waits(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const list = document.querySelector('wb-lead-view')!.shadowRoot!.querySelector('wb-queue-list')!.shadowRoot!;
    const out: Record<string, number> = {};
    for (const b of list.querySelectorAll<HTMLElement>('button[data-queue]')) {
      const text = b.querySelector('.long')!.textContent.trim();
      out[b.dataset['queue']!] = text.split(':').reduce((s, part) => s * 60 + Number(part), 0);
    }
    return out;
  });
}

const frames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

describe('50 queues on the tablet', () => {
  it('ticks the cards in sight only, and catches a card up when it is scrolled into sight', async () => {
    const now = Date.now();
    // q01 has waited 10 s, q50 59 s.
    const events: EventInput[] = QUEUES.map((queue, i) => ({ type: 'call.queued', ts: now - (10 + i) * 1000, callId: `c${queue}`, queue }));
    await floor.publish(events);
    await waitFor(async () => (await floor.rest()).queues.filter((q) => q.waiting === 1).length === QUEUES.length, 'the 50 queues on the server', 20_000);

    const page = await floor.open('/lead?lang=zh-CN', 1024, 768);
    const before = await waitFor(
      async () => {
        const w = await waits(page);
        return Object.keys(w).length === QUEUES.length && w['q01']! > 0 ? w : null;
      },
      'the 50 cards',
      15_000,
    );
    await frames(page);
    await screenshot(page, 'queue-list-1024x768-zh-CN');
    const start = Date.now();
    await page.waitForTimeout(2_600);
    const later = await waits(page);
    const passed = (Date.now() - start) / 1000;
    // In sight, the top card ticked on; below the fold, the last one stood still.
    expect(later['q01']! - before['q01']!).toBeGreaterThanOrEqual(Math.floor(passed) - 1);
    expect(later['q50']).toBe(before['q50']);

    expect(await deepScrollIntoView(page, 'button[data-queue="q50"]')).toBe(true);
    const caughtUp = await waitFor(
      async () => {
        const w = await waits(page);
        return w['q50']! > later['q50']! ? w : null;
      },
      'the last card catching up',
      3_000,
    );
    // And it shows the wait as it is now, not as it stood.
    const waited = (Date.now() - now) / 1000 + 59;
    expect(Math.abs(caughtUp['q50']! - waited)).toBeLessThanOrEqual(2);
    expect(page.problems).toEqual([]);
  });
});
