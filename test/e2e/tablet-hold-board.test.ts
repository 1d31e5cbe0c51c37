// End to end, the tablet's hold-check alerts under the alarm list: at the tablet sizes a floor
// uses, in both languages, each held call's row shows both its lines (the agent, then the team,
// queue and missed checks) whole and on top, not squeezed under the queues below.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { waitFor } from '../support/redis.js';
import { screenshot } from './support/browser.js';
import { useFloor } from './support/use-floor.js';

const floor = useFloor();

interface RowFit {
  call: string;
  /** How far the second line reaches past the row's box, in px (≤ 0 when inside). */
  metaOutPx: number;
  /** Whether the point in the middle of the second line hits the row itself, not something drawn over it. */
  metaOnTop: boolean;
  agentOnTop: boolean;
}

/** Each shown hold row: its second line against the row's box, and what a touch in the middle of each line lands on. */
function holdRows(page: Page): Promise<RowFit[]> {
  return page.evaluate(() => {
    const view = document.querySelector('wb-lead-view')!.shadowRoot!;
    const board = view.querySelector('wb-hold-board');
    if (!board?.shadowRoot) return [];
    const onTop = (row: Element, el: Element) => {
      const r = el.getBoundingClientRect();
      const [x, y] = [r.left + Math.min(r.width / 2, 40), r.top + r.height / 2];
      return view.elementFromPoint(x, y) === board && row.contains(board.shadowRoot!.elementFromPoint(x, y));
    };
    return [...board.shadowRoot.querySelectorAll('.row')].map((row) => {
      const box = row.getBoundingClientRect();
      const meta = row.querySelector('.meta')!;
      const line = meta.getBoundingClientRect();
      return {
        call: (row as HTMLElement).dataset['call'] ?? '',
        metaOutPx: Math.max(line.bottom - box.bottom, box.top - line.top),
        metaOnTop: onTop(row, meta),
        agentOnTop: onTop(row, row.querySelector('.agent')!),
      };
    });
  });
}

describe('the hold-check alerts on the tablet', () => {
  for (const [width, height] of [
    [1024, 768],
    [1280, 800],
    [768, 1024],
  ] as const) {
    it(`shows each held call's two lines whole at ${width} × ${height} in both languages`, async () => {
      for (const lang of ['zh-CN', 'en'] as const) {
        const page = await floor.open(`/lead?lang=${lang}`, width, height);
        const rows = await waitFor(async () => {
          const shown = await holdRows(page);
          return shown.length >= 2 ? shown : null;
        }, 'the hold alerts');
        for (const row of rows) {
          expect(row.metaOutPx, `${row.call}: the second line past its row`).toBeLessThanOrEqual(0.5);
          expect(row, `${row.call}: both lines on top`).toMatchObject({ agentOnTop: true, metaOnTop: true });
        }
        await screenshot(page, `lead-${width}x${height}-hold-alerts-${lang}`);
        expect(page.problems).toEqual([]);
      }
    });
  }
});
