// The one clock every ticking number on screen reads: server time (local clock plus the
// measured offset), ticking on shared boundaries. It runs a single timer, only while someone
// listens, and wakes at the next boundary any listener needs (a second, a minute, a page).

export type TickListener = (serverNow: number) => void;

/** What components read time from: the live clock, or a frozen one while the data is stale. */
export interface Clock {
  /** Server time now, epoch ms. */
  now(): number;
  /** Calls `listener` on every `periodMs` boundary; returns the unsubscribe. */
  subscribe(listener: TickListener, periodMs?: number): () => void;
}

/**
 * A clock stopped at `ts`: when the server or the feed is gone, waits and hold countdowns stay
 * at what they were when the data was last current instead of inventing what happened since.
 */
export function frozenClock(ts: number): Clock {
  return { now: () => ts, subscribe: () => () => undefined };
}

export interface ClockSourceOptions {
  /** Local epoch ms. @default Date.now */
  now?: () => number;
  /** @default globalThis.setTimeout */
  setTimer?: (fn: () => void, ms: number) => unknown;
  /** @default globalThis.clearTimeout */
  clearTimer?: (handle: unknown) => void;
}

interface Subscription {
  listener: TickListener;
  periodMs: number;
  /** Server time of the next boundary this listener wants. */
  dueTs: number;
}

export class ClockSource implements Clock {
  /** Server time minus local time, in ms. */
  offsetMs = 0;
  private readonly localNow: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private readonly subscriptions = new Set<Subscription>();
  private timer: unknown = null;
  private timerDueTs = Infinity;

  constructor(options: ClockSourceOptions = {}) {
    this.localNow = options.now ?? (() => Date.now());
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** Server time now, epoch ms. */
  now(): number {
    return this.localNow() + this.offsetMs;
  }

  setOffset(offsetMs: number): void {
    if (offsetMs === this.offsetMs) return;
    this.offsetMs = offsetMs;
    for (const sub of this.subscriptions) sub.dueTs = nextBoundary(this.now(), sub.periodMs);
    this.reschedule(true);
  }

  /** Calls `listener` on every `periodMs` boundary of server time; returns the unsubscribe. */
  subscribe(listener: TickListener, periodMs = 1000): () => void {
    const sub: Subscription = { listener, periodMs, dueTs: nextBoundary(this.now(), periodMs) };
    this.subscriptions.add(sub);
    this.reschedule(false);
    return () => {
      this.subscriptions.delete(sub);
      if (this.subscriptions.size === 0) this.reschedule(true);
    };
  }

  /** How many listeners are subscribed (for leak tests). */
  get listenerCount(): number {
    return this.subscriptions.size;
  }

  private reschedule(force: boolean): void {
    let due = Infinity;
    for (const sub of this.subscriptions) due = Math.min(due, sub.dueTs);
    if (!force && due >= this.timerDueTs) return;
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.timerDueTs = Infinity;
    if (due === Infinity) return;
    this.timerDueTs = due;
    // A few ms late, so the boundary has surely passed when the timer fires.
    this.timer = this.setTimer(() => this.fire(), Math.max(0, due - this.now()) + 4);
  }

  private fire(): void {
    this.timer = null;
    this.timerDueTs = Infinity;
    const now = this.now();
    for (const sub of [...this.subscriptions]) {
      if (sub.dueTs > now) continue;
      sub.dueTs = nextBoundary(now, sub.periodMs);
      if (this.subscriptions.has(sub)) sub.listener(now);
    }
    this.reschedule(true);
  }
}

function nextBoundary(now: number, periodMs: number): number {
  return (Math.floor(now / periodMs) + 1) * periodMs;
}
