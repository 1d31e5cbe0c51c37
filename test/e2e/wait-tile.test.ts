// End to end, the TV's biggest numerals: the longest wait (and the calls waiting) stay inside
// their tile at 1080p and 4K in both languages, from seconds to hours. The real TV in Chromium
// with its fonts; the wait is set on the tile itself, so one floor shows 45 s and 3 h alike.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitFor } from '../support/redis.js';
import { deepText, screenshot } from './support/browser.js';
import { useFloor } from './support/use-floor.js';

const floor = useFloor();

const WAITS = [
  ['45s', 45_000],
  ['12m05s', 12 * 60_000 + 5_000],
  ['3h02m', 3 * 3600_000 + 2 * 60_000],
] as const;

interface Fit {
  text: string;
  /** How far the numeral reaches past its cell, in px (≤ 0 when it fits). */
  overflowPx: number;
  fontPx: number;
}

/** Sets the tile's longest wait to `waitMs` (and the calls waiting to `waiting`), and measures both numerals against their cells. */
function showWait(page: Page, waitMs: number, waiting: number): Promise<Fit[]> {
  return page.evaluate(
    async ([wait, count]) => {
      const find = (root: Document | ShadowRoot): Element | null =>
        root.querySelector('wb-wait-summary') ??
        [...root.querySelectorAll('*')].reduce<Element | null>((hit, el) => hit ?? (el.shadowRoot ? find(el.shadowRoot) : null), null);
      const tile = find(document) as HTMLElement & { totals: Record<string, unknown>; clock?: { now(): number }; updateComplete: Promise<unknown> };
      tile.totals = { ...tile.totals, waiting: count, oldestQueuedTs: (tile.clock?.now() ?? Date.now()) - wait };
      await tile.updateComplete;
      return ['waiting', 'longest-wait'].map((id) => {
        const big = tile.shadowRoot!.querySelector<HTMLElement>(`[data-testid=${id}]`)!;
        const cell = big.closest('.cell')!.getBoundingClientRect();
        const range = document.createRange();
        range.selectNodeContents(big);
        const text = range.getBoundingClientRect();
        return {
          text: big.textContent.trim(),
          overflowPx: Math.max(text.right - cell.right, cell.left - text.left, big.scrollWidth - big.clientWidth),
          fontPx: parseFloat(getComputedStyle(big).fontSize),
        };
      });
    },
    [waitMs, waiting] as const,
  );
}

describe('the longest wait on the TV', () => {
  for (const [width, height] of [
    [1920, 1080],
    [3840, 2160],
  ] as const) {
    for (const lang of ['zh-CN', 'en'] as const) {
      it(`fits its tile at ${width} × ${height} in ${lang} from 45 s to 3 h, and keeps the short waits big`, async () => {
        const page = await floor.open(`/tv${lang === 'en' ? '?lang=en' : ''}`, width, height, { live: false });
        await waitFor(async () => (await deepText(page, '[data-testid=longest-wait]')) !== null, 'the TV to show the floor', 15_000);
        const rem = await page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
        for (const [name, waitMs] of WAITS) {
          const [waiting, longest] = await showWait(page, waitMs, 1234);
          expect(longest!.text, name).toBe(name === '45s' ? '0:45' : name === '12m05s' ? '12:05' : '3:02:00');
          expect(longest!.overflowPx, `${name}: ${longest!.text} at ${longest!.fontPx}px`).toBeLessThanOrEqual(0);
          expect(waiting!.overflowPx, `${waiting!.text} waiting`).toBeLessThanOrEqual(0);
          // Read from five metres: never below 3.5 rem (67 px at 1080p), the full 6.2 em where it fits.
          expect(longest!.fontPx / rem, name).toBeGreaterThanOrEqual(3.5);
          if (name === '45s') expect(longest!.fontPx / rem, 'a wait of seconds at full size').toBeCloseTo(6.2, 1);
          await screenshot(page, `tv-${width}x${height}-wait-${name}-${lang}`);
        }
        expect(page.problems).toEqual([]);
        await page.close();
      });
    }
  }
});
