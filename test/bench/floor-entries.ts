// A large floor's stream entries for the catch-up benchmarks: the load test's normal-day mix
// (every agent on duty, 85 % occupancy), as a producer that wrote them through the day would have
// left them, with entry IDs at the events' own times. The day starts at 07:00 yesterday (Asia/Shanghai),
// so the entries are within the stream's retention and behind the present.
import { encodeArgs } from '../../server/core/events.js';
import { createEntrySource } from '../../simulator/entry-source.js';
import { BENCH_SCENARIO } from '../../simulator/load/load-generator.js';

export interface FloorEntry {
  id: string;
  /** XADD's field/value arguments. */
  args: string[];
}

const HOUR_MS = 3600_000;

/** The first `count` entries of the floor with `agents` agents; the same every call on the same day. */
export function* floorEntries(count: number, agents: number): Generator<FloorEntry> {
  const yesterday = Date.now() - 24 * HOUR_MS;
  const startTs = yesterday - ((yesterday + 8 * HOUR_MS) % (24 * HOUR_MS)) + 7 * HOUR_MS;
  const source = createEntrySource({ scenario: BENCH_SCENARIO, overrides: { agents }, seed: 10, startTs });
  let lastMs = 0;
  let seq = 0;
  for (let written = 0; written < count;) {
    const taken = source.take(Number.POSITIVE_INFINITY, 1000);
    if (taken.length === 0) return;
    for (const entry of taken) {
      if (entry.kind !== 'event') continue;
      const ms = Math.max(entry.event.ts, lastMs);
      if (ms > Date.now() - 60_000) throw new Error(`the floor reached the present after ${written} entries; ask for fewer`);
      seq = ms === lastMs ? seq + 1 : 0;
      lastMs = ms;
      yield { id: `${ms}-${seq}`, args: encodeArgs(entry.event) };
      if (++written === count) return;
    }
  }
}

/** The same entries as the field maps a stream read hands the aggregator. */
export function floorFields(count: number, agents: number): { id: string; fields: Record<string, string> }[] {
  const out: { id: string; fields: Record<string, string> }[] = [];
  for (const { id, args } of floorEntries(count, agents)) {
    const fields: Record<string, string> = {};
    for (let i = 0; i + 1 < args.length; i += 2) fields[args[i]!] = args[i + 1]!;
    out.push({ id, fields });
  }
  return out;
}
