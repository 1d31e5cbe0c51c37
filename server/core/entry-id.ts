// Stream entry IDs ("<ms>-<seq>"): the delivery identity of an event and its Redis append time.
// Every applied entry is compared with its stream's cursor, so the usual shape (two runs of at
// most 15 digits, exact as numbers) is read digit by digit without allocating; anything else
// takes the general way, which gives the same answer for those too.

const ZERO = 48;
const NINE = 57;
/** Up to 15 decimal digits stay below 2^53, where every whole number is exact. */
const MAX_DIGITS = 15;

/** The value of the digits of `id` in [from, to) (0 for none, as Number("") is), or -1 when that is not up to 15 digits. */
function digitsValue(id: string, from: number, to: number): number {
  if (to - from > MAX_DIGITS) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const c = id.charCodeAt(i);
    if (c < ZERO || c > NINE) return -1;
    value = value * 10 + (c - ZERO);
  }
  return value;
}

/** Entry IDs are "ms-seq"; compares them as the pair of numbers they are (negative, zero or positive). */
export function compareEntryIds(a: string, b: string): number {
  const aDash = a.indexOf('-');
  const bDash = b.indexOf('-');
  if (aDash > 0 && bDash > 0) {
    const am = digitsValue(a, 0, aDash);
    const as = digitsValue(a, aDash + 1, a.length);
    const bm = digitsValue(b, 0, bDash);
    const bs = digitsValue(b, bDash + 1, b.length);
    if (am >= 0 && as >= 0 && bm >= 0 && bs >= 0) return am - bm || as - bs;
  }
  return compareEntryIdsAsNumbers(a, b);
}

/** The general way: each part as Number() reads it. */
export function compareEntryIdsAsNumbers(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am - bm || as - bs;
}

export function entryIdMs(id: string): number {
  const dash = id.indexOf('-');
  const end = dash === -1 ? id.length : dash;
  const ms = digitsValue(id, 0, end);
  return ms >= 0 ? ms : Number(id.slice(0, end));
}
