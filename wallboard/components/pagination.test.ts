// Pages of rows that turn with server time.
import { describe, expect, it } from 'vitest';
import { pageAt, pageCount, rowsThatFit } from './pagination.js';

describe('pagination', () => {
  it('turns pages with server time, the same on every screen', () => {
    expect(pageCount(0, 8)).toBe(1);
    expect(pageCount(17, 8)).toBe(3);
    expect(pageAt(44_999, 15_000, 3)).toBe(2);
    expect(pageAt(45_000, 15_000, 3)).toBe(0);
    expect(rowsThatFit(100, 30)).toBe(3);
    expect(rowsThatFit(10, 30)).toBe(1);
  });
});
