// Where a held call stands against its 30-second check, at a given server time.

export type HoldState = 'ok' | 'soon' | 'overdue';

export interface HoldTiming {
  state: HoldState;
  /** Time left to the check (0 once due). */
  remainingMs: number;
  /** How late the check is (0 until due). */
  lateMs: number;
  /** Share of the interval still left, 0..1, for the countdown ring. */
  fractionLeft: number;
}

/** The last stretch of the interval, when the board warns before the check falls due. */
const SOON_MS = 10_000;

export function holdTiming(nextCheckDueTs: number, now: number, intervalMs: number): HoldTiming {
  const remainingMs = Math.max(0, nextCheckDueTs - now);
  const lateMs = Math.max(0, now - nextCheckDueTs);
  const state: HoldState = now >= nextCheckDueTs ? 'overdue' : remainingMs <= SOON_MS ? 'soon' : 'ok';
  return { state, remainingMs, lateMs, fractionLeft: Math.min(1, remainingMs / Math.max(1, intervalMs)) };
}
