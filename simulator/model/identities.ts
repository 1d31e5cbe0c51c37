// Ids and numbers the model makes up. Call ids carry a per-run prefix so two runs writing to
// one stream rarely collide; the caller's number is realistic (the server masks it on decode)
// because masking is part of what a demo must show working.

/** A caller's number: mostly 11-digit mobiles, some landlines with an area code. */
export function phoneNumber(u: number, v: number): string {
  const digits = (n: number, x: number) => String(Math.floor(x * 10 ** n)).padStart(n, '0');
  if (u < 0.1) return `0${['10', '20', '21', '755', '571', '28'][Math.floor(u * 60)]}${digits(8, v)}`;
  return `1${'35789'[Math.floor((u - 0.1) / 0.18)] ?? '9'}${digits(9, v)}`;
}

/** Five base-36 characters from seed and start second, so runs on one stream rarely share ids. */
export function defaultIdPrefix(seed: number, startTs: number): string {
  let h = 2166136261 ^ seed;
  for (const part of [Math.floor(startTs / 1000), seed]) {
    h = Math.imul(h ^ (part & 0xffffffff), 16777619);
    h = Math.imul(h ^ Math.floor(part / 2 ** 32), 16777619);
  }
  return (h >>> 0).toString(36).padStart(5, '0').slice(-5);
}
