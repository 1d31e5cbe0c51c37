// How long is too long to wait.
import { describe, expect, it } from 'vitest';
import { waitStatus } from './wait-status.js';

describe('wait status', () => {
  it('rates a wait against the service-level threshold', () => {
    expect(waitStatus(null, 20_000)).toBe('none');
    expect(waitStatus(19_999, 20_000)).toBe('none');
    expect(waitStatus(20_000, 20_000)).toBe('atRisk');
    expect(waitStatus(60_000, 20_000)).toBe('missed');
  });
});
