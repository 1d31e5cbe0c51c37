// The window of rows a scroller shows: the rows in sight and an overscan either side, spacers that
// add up to the whole list, and the last rows when the scroll position is past a list that shrank.
import { describe, expect, it } from 'vitest';
import { rowWindow } from './row-window.js';

const base = { count: 480, viewportPx: 400, rowPx: 40, overscan: 5 };

describe('rowWindow', () => {
  it('draws the rows in sight and the overscan below them at the top', () => {
    // 400 px show 10 rows, and part of an 11th when scrolled between two.
    expect(rowWindow({ ...base, scrollTop: 0 })).toEqual({ start: 0, end: 16, beforePx: 0, afterPx: 464 * 40 });
  });

  it('moves with the scroll, overscan on both sides, and the spacers and rows always add up to the list', () => {
    const w = rowWindow({ ...base, scrollTop: 200 * 40 + 17 });
    expect(w).toEqual({ start: 195, end: 216, beforePx: 195 * 40, afterPx: 264 * 40 });
    for (let scrollTop = 0; scrollTop <= 480 * 40; scrollTop += 333) {
      const { start, end, beforePx, afterPx } = rowWindow({ ...base, scrollTop });
      expect(beforePx + (end - start) * 40 + afterPx).toBe(480 * 40);
      const firstInSight = Math.min(Math.floor(scrollTop / 40), 480 - 11);
      expect(start).toBeLessThanOrEqual(firstInSight);
      expect(end).toBeGreaterThanOrEqual(Math.min(480, firstInSight + 11));
    }
  });

  it('shows the last rows at the bottom, and when the list got shorter than the scroll position', () => {
    expect(rowWindow({ ...base, scrollTop: 480 * 40 - 400 })).toEqual({ start: 464, end: 480, beforePx: 464 * 40, afterPx: 0 });
    expect(rowWindow({ ...base, count: 30, scrollTop: 300 * 40 })).toEqual({ start: 14, end: 30, beforePx: 14 * 40, afterPx: 0 });
  });

  it('draws every row of a short list', () => {
    expect(rowWindow({ ...base, count: 6, scrollTop: 0 })).toEqual({ start: 0, end: 6, beforePx: 0, afterPx: 0 });
    expect(rowWindow({ ...base, count: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0, beforePx: 0, afterPx: 0 });
  });
});
