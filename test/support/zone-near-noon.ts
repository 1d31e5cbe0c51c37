/**
 * A fixed-offset IANA zone where it is now closest to noon, for a test whose events span some
 * hours back from now: in it they never straddle the board's local midnight, whatever the time the
 * test runs (in Asia/Shanghai, a run just after 16:00 UTC would split them across two days).
 */
export function zoneNearNoon(now: number): string {
  const utcHours = (now % 86_400_000) / 3_600_000;
  const distance = (k: number) => Math.abs(((utcHours + k + 24) % 24) - 12);
  let best = 0;
  for (let k = -12; k <= 14; k++) if (distance(k) < distance(best)) best = k;
  return best === 0 ? 'Etc/UTC' : best > 0 ? `Etc/GMT-${best}` : `Etc/GMT+${-best}`;
}
