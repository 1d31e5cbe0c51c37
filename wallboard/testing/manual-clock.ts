// A server clock for component tests: its time and its timer move only when the test says so.
import { ClockSource } from '../store/clock-source.js';

export interface ManualClock {
  clock: ClockSource;
  /** Moves time on by `ms` and fires the tick, as the real timer would. */
  advance(ms: number): void;
}

export function manualClock(start: number): ManualClock {
  let now = start;
  let pending: (() => void) | null = null;
  const clock = new ClockSource({ now: () => now, setTimer: (fn) => (pending = fn), clearTimer: () => (pending = null) });
  return {
    clock,
    advance(ms) {
      now += ms;
      const fire = pending;
      pending = null;
      fire?.();
    },
  };
}
