// Server clock estimation from `clock` probes: offset = serverTs - (t0 + t1) / 2, keeping the
// probe with the shortest round trip (the one whose midpoint is least uncertain).

export interface ClockSample {
  offsetMs: number;
  rttMs: number;
}

/** One probe: t0 when it was sent, t1 when the answer came, both local epoch ms. */
export function sampleOf(t0: number, serverTs: number, t1: number): ClockSample {
  return { offsetMs: serverTs - (t0 + t1) / 2, rttMs: Math.max(0, t1 - t0) };
}

/** The offset of the sample with the shortest round trip, or null when there is none. */
export function bestOffset(samples: readonly ClockSample[]): number | null {
  let best: ClockSample | null = null;
  for (const sample of samples) if (!best || sample.rttMs < best.rttMs) best = sample;
  return best ? Math.round(best.offsetMs) : null;
}
