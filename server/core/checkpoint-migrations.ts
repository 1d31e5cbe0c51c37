// How a checkpoint of an older format becomes one of the next version: one step per version,
// oldest first. A step fills what the older format lacks (a counter added since starts at 0)
// and leaves the rest for the schema to judge. A step may assume nothing about its input: it
// is stored data, and a value it does not understand is passed on for the schema to refuse.
// To change the format (a field added to a record or to the state), add a step here, which
// raises CHECKPOINT_VERSION, and write that version's fixture with
// test/fixtures/make-checkpoint-fixture.ts. A change without a step makes the committed
// fixtures fail to restore in core-checkpoint.test.ts.
import { emptyCounts } from './counts.js';
import { emptyDayCounters } from './day.js';
import { initialState } from './state.js';

type JsonObject = Record<string, unknown>;

export interface CheckpointMigration {
  /** The core part of version n, to that of version n + 1 (the caller sets `version`). */
  core(raw: JsonObject): JsonObject;
  /** One call record of version n, to version n + 1. */
  call(raw: unknown): unknown;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The counters `zeros` lists, each 0 unless `value` has it. */
const withZeros = (value: unknown, zeros: object): unknown => (isObject(value) ? { ...zeros, ...value } : value);

/** Maps the values of a list of [key, value] entries. */
const mapValues = (list: unknown, f: (value: unknown) => unknown): unknown =>
  Array.isArray(list) ? list.map((e: unknown) => (Array.isArray(e) && e.length === 2 ? [e[0], f(e[1])] : e)) : list;

const countsWithZeros = (v: unknown) => withZeros(v, emptyCounts());
const queueCountsWithZeros = (v: unknown) => (isObject(v) ? { ...v, standard: countsWithZeros(v['standard']), vip: countsWithZeros(v['vip']) } : v);
const dayCountersWithZeros = (v: unknown) => withZeros(v, emptyDayCounters());

/**
 * Version 1, the unversioned format, to 2 (which adds the version field). Unversioned checkpoints
 * come from builds that added counters over time; a counter a build did not know yet is 0.
 */
const fromVersion1: CheckpointMigration = {
  core(raw) {
    const today = raw['today'];
    return {
      ...raw,
      today: isObject(today)
        ? {
            ...today,
            counters: dayCountersWithZeros(today['counters']),
            counterBuckets: mapValues(today['counterBuckets'], dayCountersWithZeros),
            queues: mapValues(today['queues'], queueCountsWithZeros),
            intraday: mapValues(today['intraday'], (buckets) => mapValues(buckets, queueCountsWithZeros)),
          }
        : today,
      rolling: mapValues(raw['rolling'], (minutes) => mapValues(minutes, countsWithZeros)),
      ingest: withZeros(raw['ingest'], initialState().ingest),
    };
  },
  call: (raw) => raw,
};

/** CHECKPOINT_MIGRATIONS[n - 1] turns version n into version n + 1. */
export const CHECKPOINT_MIGRATIONS: readonly CheckpointMigration[] = [fromVersion1];
