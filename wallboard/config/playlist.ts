// Which page of a playlist a display shows: a function of server time alone, so every TV with the
// same playlist turns together (as pages of queues do) and a reload comes back to the same page.

/** The page to show at `serverNow` and when the next turn is due, for pages up `seconds[i]` each. */
export function playlistPageAt(serverNow: number, seconds: readonly number[]): { index: number; nextTs: number } {
  const cycleMs = seconds.reduce((sum, s) => sum + s * 1000, 0);
  const cycleStart = serverNow - (((serverNow % cycleMs) + cycleMs) % cycleMs);
  let end = cycleStart;
  for (let index = 0; index < seconds.length; index++) {
    end += seconds[index]! * 1000;
    if (serverNow < end) return { index, nextTs: end };
  }
  return { index: 0, nextTs: cycleStart + cycleMs + seconds[0]! * 1000 };
}
