// Server clock estimation from probes.
import { describe, expect, it } from 'vitest';
import { bestOffset, sampleOf } from './clock-offset.js';

describe('clock offset', () => {
  it('takes the midpoint of the probe with the shortest round trip', () => {
    const samples = [sampleOf(1000, 6100, 1200), sampleOf(2000, 7020, 2040), sampleOf(3000, 8500, 3900)];
    expect(samples[1]).toEqual({ offsetMs: 5000, rttMs: 40 });
    expect(bestOffset(samples)).toBe(5000);
    expect(bestOffset([])).toBeNull();
  });
});
