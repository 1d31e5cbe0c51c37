// How long is too long in a state: per agent state, up to two times in state past which a screen
// marks the agent "long" and then "very long" (colour and a word). VICIdial's real-time report is
// the reference the defaults follow: waiting for a call, on a call and paused each change colour
// past 1 minute and past 5 minutes. Shared by the server (config, snapshot) and the wallboard.
import type { AgentState } from './vocabulary.js';

/**
 * Ascending times in state, in ms: the first marks "long", the second "very long"; empty marks
 * nothing. `pauseReasons` gives a pause reason its own (a lunch break is not long at 5 minutes),
 * by the reason's text as the PBX sends it, in any case; a pause for another reason, or none,
 * takes `paused`'s.
 */
export type TimeInStateThresholds = Record<AgentState, readonly number[]> & { pauseReasons?: Readonly<Record<string, readonly number[]>> };

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

/** A pause reason's own thresholds, matched by its text trimmed and in any case; undefined when it has none. */
export function pauseReasonLevels(thresholds: TimeInStateThresholds, reason: string | null): readonly number[] | undefined {
  const own = thresholds.pauseReasons;
  if (!own || reason === null) return undefined;
  const key = reason.trim().toLowerCase();
  for (const name in own) if (name.trim().toLowerCase() === key) return own[name];
  return undefined;
}

/** The mark of an agent `elapsedMs` into `state` (paused for `reason`): past the first threshold "long", past the second "very long". */
export function timeLevel(thresholds: TimeInStateThresholds, state: AgentState, elapsedMs: number, reason: string | null = null): TimeLevel {
  const [long, veryLong] = (state === 'paused' ? pauseReasonLevels(thresholds, reason) : undefined) ?? thresholds[state];
  if (veryLong !== undefined && elapsedMs > veryLong) return 'veryLong';
  if (long !== undefined && elapsedMs > long) return 'long';
  return 'normal';
}
