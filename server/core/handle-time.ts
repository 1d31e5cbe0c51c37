// Handle time: an answered call is the agent's from the answer to the hang-up or to the first
// transfer after the answer (talk and hold). One rule for the staffing hint's mean handle time per
// queue, which adds the agents' wrap-up to it (wrap-up.ts), and for each agent's day, which does not.

/** Where the agent's part of a call answered at `answeredTs` ends: its first transfer after the answer, else the hang-up; null while it goes on. */
export function handleEndTs(call: { endedTs: number | null; transfers: readonly number[] }, answeredTs: number): number | null {
  let doneTs = call.endedTs ?? Infinity;
  for (const t of call.transfers) if (t >= answeredTs && t < doneTs) doneTs = t;
  return doneTs === Infinity ? null : doneTs;
}
