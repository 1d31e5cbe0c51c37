// Entry IDs are compared on every applied entry; the digit-by-digit way must answer exactly as
// reading both parts with Number() does, for Redis's IDs and for anything else a caller passes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareEntryIds, compareEntryIdsAsNumbers, entryIdMs } from '../../server/core/entry-id.js';

/** Digit runs of every length around the exact limit (15 digits), leading zeros included. */
const digit = fc.constantFrom('0', '1', '2', '5', '9');
const digits = fc.oneof(fc.string({ unit: digit, maxLength: 6 }), fc.string({ unit: digit, minLength: 13, maxLength: 20 }));
const redisId = fc.tuple(fc.integer({ min: 0, max: 2 ** 45 }), fc.integer({ min: 0, max: 2 ** 20 })).map(([ms, seq]) => `${ms}-${seq}`);
/** Near-IDs: extra dashes, signs, spaces, exponents, hex, empty parts. */
const oddId = fc.string({ unit: fc.constantFrom('0', '1', '7', '-', '+', ' ', 'e', 'x', '.', 'a'), maxLength: 24 });
const anyId = fc.oneof(
  redisId,
  fc.tuple(digits, digits).map(([m, s]) => `${m}-${s}`),
  digits,
  oddId,
  fc.string(),
);

describe('compareEntryIds', () => {
  it('orders Redis IDs as pairs of numbers', () => {
    expect(compareEntryIds('9-0', '10-0')).toBeLessThan(0);
    expect(compareEntryIds('10-2', '10-10')).toBeLessThan(0);
    expect(compareEntryIds('1700000000000-5', '1700000000000-5')).toBe(0);
    expect(compareEntryIds('1700000000001-0', '1700000000000-99')).toBeGreaterThan(0);
  });

  it('answers exactly as Number() on both parts, for IDs and for any other string', () => {
    fc.assert(
      fc.property(anyId, anyId, (a, b) => {
        expect(compareEntryIds(a, b)).toBe(compareEntryIdsAsNumbers(a, b));
        expect(compareEntryIds(a, a)).toBe(compareEntryIdsAsNumbers(a, a));
      }),
      { numRuns: 20_000 },
    );
  });

  it('reads the time of an ID as Number() reads its first part', () => {
    fc.assert(
      fc.property(anyId, (id) => {
        const dash = id.indexOf('-');
        expect(entryIdMs(id)).toBe(Number(dash === -1 ? id : id.slice(0, dash)));
      }),
      { numRuns: 20_000 },
    );
  });
});
