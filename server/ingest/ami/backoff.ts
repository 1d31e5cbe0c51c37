// How long to wait before reconnecting: exponential from a base, capped, with full jitter so a
// PBX restarting under many adapters is not hit by all of them in the same instant.

export interface BackoffOptions {
  /** The first retry waits up to this long. @default 500 */
  baseMs: number;
  /** No wait is longer than this (a wrong secret must not hammer the PBX, nor wait for ever). @default 30000 */
  maxMs: number;
}

/** The wait before retry number `attempt` (1 = the first retry); `random` returns [0, 1). */
export function backoffDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** Math.min(Math.max(attempt - 1, 0), 30));
  // Half fixed, half jitter: never a burst of immediate retries, still spread out.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
