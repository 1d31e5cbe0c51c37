// The one clock every ticking number reads: one timer, on server-time boundaries, only while listened to.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClockSource } from './clock-source.js';

describe('ClockSource', () => {
  afterEach(() => vi.useRealTimers());

  it('ticks on server-time boundaries with one timer, and only while someone listens', () => {
    vi.useFakeTimers({ now: 1_000_500 });
    const clock = new ClockSource();
    clock.setOffset(200);
    const seconds: number[] = [];
    const minutes: number[] = [];
    const stopSeconds = clock.subscribe((now) => seconds.push(now));
    const stopMinutes = clock.subscribe((now) => minutes.push(now), 60_000);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(3000);
    expect(seconds.map((s) => Math.floor(s / 1000))).toEqual([1001, 1002, 1003]);
    vi.advanceTimersByTime(60_000);
    expect(minutes).toHaveLength(1);
    expect(Math.floor(minutes[0]! / 60_000) * 60_000).toBe(1_020_000);
    stopSeconds();
    stopMinutes();
    expect(clock.listenerCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
});
