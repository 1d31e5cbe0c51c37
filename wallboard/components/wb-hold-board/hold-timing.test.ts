// Where a held call stands against its check.
import { describe, expect, it } from 'vitest';
import { holdTiming } from './hold-timing.js';

describe('hold timing', () => {
  it('counts down to the check, warns in the last 10 s, then counts up how late it is', () => {
    expect(holdTiming(30_000, 0, 30_000)).toEqual({ state: 'ok', remainingMs: 30_000, lateMs: 0, fractionLeft: 1 });
    expect(holdTiming(30_000, 25_000, 30_000).state).toBe('soon');
    expect(holdTiming(30_000, 30_000, 30_000)).toMatchObject({ state: 'overdue', remainingMs: 0, lateMs: 0 });
    expect(holdTiming(30_000, 37_000, 30_000)).toMatchObject({ state: 'overdue', lateMs: 7_000 });
  });
});
