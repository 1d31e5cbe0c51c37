// Every event's latency, not only the newest one's: the time from an entry's append to the first
// delta a screen received that covers it. Redis stamps each entry ID with its append time in ms
// ("<ms>-<seq>", seq counting from 0 within the ms), and a delta carries the ID of the last entry
// applied (ingest.cursors). So a delta that moved a screen's cursor from A to B showed every
// entry in (A, B] for the first time, and the producer's own IDs say how many fell in each ms.

/** An entry ID, split. */
export interface Cursor {
  ms: number;
  seq: number;
}

export function parseCursor(id: string): Cursor | null {
  const dash = id.indexOf('-');
  const ms = Number(dash === -1 ? id : id.slice(0, dash));
  const seq = dash === -1 ? 0 : Number(id.slice(dash + 1));
  return Number.isSafeInteger(ms) && Number.isSafeInteger(seq) ? { ms, seq } : null;
}

/** How many entries were appended in each ms, from the IDs XADD returned. */
export interface AppendIndex {
  add(id: string): void;
  /** Entries appended in all. */
  readonly size: number;
  /** Calls `each(ms, n)` for the n entries of each ms that lie in (from, to]. */
  between(from: Cursor, to: Cursor, each: (ms: number, n: number) => void): void;
}

export function createAppendIndex(): AppendIndex {
  const perMs = new Map<number, number>();
  let size = 0;
  return {
    add(id) {
      const cursor = parseCursor(id);
      if (!cursor) return;
      // The highest seq seen plus one: IDs of one ms are 0, 1, 2, … however they are counted.
      perMs.set(cursor.ms, Math.max(perMs.get(cursor.ms) ?? 0, cursor.seq + 1));
      size += 1;
    },
    get size() {
      return size;
    },
    between(from, to, each) {
      for (let ms = from.ms; ms <= to.ms; ms++) {
        const count = perMs.get(ms);
        if (count === undefined) continue;
        const first = ms === from.ms ? from.seq + 1 : 0;
        const last = ms === to.ms ? Math.min(to.seq, count - 1) : count - 1;
        if (last >= first) each(ms, last - first + 1);
      }
    },
  };
}

/** A latency histogram in 1 ms buckets, weighted by the number of entries each sample stands for. */
export interface LatencyHistogram {
  /** Adds `n` entries appended at `appendedMs` and first shown at `shownMs`. */
  add(appendedMs: number, shownMs: number, n: number): void;
  readonly count: number;
  /** The p-th percentile (0..100) in ms, or null when empty. */
  percentile(p: number): number | null;
  /** Entries shown later than `ms`. */
  over(ms: number): number;
}

export function createLatencyHistogram(maxMs = 120_000): LatencyHistogram {
  // Index maxMs + 1 holds everything slower; a negative latency (clock step) counts as 0.
  const buckets = new Float64Array(maxMs + 2);
  let count = 0;
  return {
    add(appendedMs, shownMs, n) {
      const latency = Math.min(maxMs + 1, Math.max(0, shownMs - appendedMs));
      buckets[latency]! += n;
      count += n;
    },
    get count() {
      return count;
    },
    percentile(p) {
      return bucketPercentile(buckets, p);
    },
    over(ms) {
      let n = 0;
      for (let i = Math.max(0, Math.floor(ms) + 1); i < buckets.length; i++) n += buckets[i]!;
      return n;
    },
  };
}

/** Receipts of one cursor move, as a worker reports them: every screen that saw (from, to], and when. */
export interface CursorMove {
  from: string;
  to: string;
  receivedAt: number[];
}

/** Adds every entry each move showed, once per screen that received it. */
export function addMoves(histogram: LatencyHistogram, index: AppendIndex, moves: readonly CursorMove[]): void {
  for (const move of moves) {
    const from = parseCursor(move.from);
    const to = parseCursor(move.to);
    if (!from || !to) continue;
    index.between(from, to, (ms, n) => {
      for (const at of move.receivedAt) histogram.add(ms, at, n);
    });
  }
}

/** The p-th percentile (0..100) of a histogram given as counts per 1 ms bucket, or null when empty. */
export function bucketPercentile(buckets: ArrayLike<number>, p: number): number | null {
  let total = 0;
  for (let ms = 0; ms < buckets.length; ms++) total += buckets[ms]!;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (let ms = 0; ms < buckets.length; ms++) {
    seen += buckets[ms]!;
    if (seen >= rank) return ms;
  }
  return buckets.length - 1;
}
