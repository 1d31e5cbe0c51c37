// How long is too long in a state: per agent state, up to two times in state past which a screen
// marks the agent "long" and then "very long" (colour and a word). VICIdial's real-time report is
// the reference the defaults follow: waiting for a call, on a call and paused each change colour
// past 1 minute and past 5 minutes. Shared by the server (config, snapshot) and the wallboard.
import type { AgentState } from './vocabulary.js';

/** Ascending times in state, in ms: the first marks "long", the second "very long"; empty marks nothing. */
export type TimeInStateThresholds = Record<AgentState, readonly number[]>;

/** The marks, from none to the highest threshold passed. */
export const TIME_LEVELS = ['normal', 'long', 'veryLong'] as const;
export type TimeLevel = (typeof TIME_LEVELS)[number];

const MINUTE = 60_000;

/**
 * The defaults: available, talking, wrap-up and paused past 1 and 5 minutes (VICIdial's ready,
 * in-call and paused colours); ringing past 15 and 30 s (a call not picked up); on hold past 30 s
 * (a hold check fell due) and 2 minutes; offline is not marked.
 */
export const DEFAULT_TIME_IN_STATE: TimeInStateThresholds = {
  available: [MINUTE, 5 * MINUTE],
  ringing: [15_000, 30_000],
  talking: [MINUTE, 5 * MINUTE],
  hold: [30_000, 2 * MINUTE],
  acw: [MINUTE, 5 * MINUTE],
  paused: [MINUTE, 5 * MINUTE],
  offline: [],
};

/** The mark of an agent `elapsedMs` into `state`: past the first threshold "long", past the second "very long". */
export function timeLevel(thresholds: TimeInStateThresholds, state: AgentState, elapsedMs: number): TimeLevel {
  const [long, veryLong] = thresholds[state];
  if (veryLong !== undefined && elapsedMs > veryLong) return 'veryLong';
  if (long !== undefined && elapsedMs > long) return 'long';
  return 'normal';
}
