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
const dayCountersWithZeros = (v: unknown) => withZeros(v, emptyDayCounters());

/** The core with each of its visit counts (today's per queue and per 15 minutes, and the rolling window) through `fill`. */
function mapVisitCounts(raw: JsonObject, fill: (counts: unknown) => unknown): JsonObject {
  const queueCounts = (v: unknown) => (isObject(v) ? { ...v, standard: fill(v['standard']), vip: fill(v['vip']) } : v);
  const today = raw['today'];
  return {
    ...raw,
    today: isObject(today)
      ? {
          ...today,
          queues: mapValues(today['queues'], queueCounts),
          intraday: mapValues(today['intraday'], (buckets) => mapValues(buckets, queueCounts)),
        }
      : today,
    rolling: mapValues(raw['rolling'], (minutes) => mapValues(minutes, fill)),
  };
}

/**
 * Version 1, the unversioned format, to 2 (which adds the version field). Unversioned checkpoints
 * come from builds that added counters over time; a counter a build did not know yet is 0.
 */
const fromVersion1: CheckpointMigration = {
  core(raw) {
    const withCounts = mapVisitCounts(raw, countsWithZeros);
    const today = withCounts['today'];
    return {
      ...withCounts,
      today: isObject(today)
        ? {
            ...today,
            counters: dayCountersWithZeros(today['counters']),
            counterBuckets: mapValues(today['counterBuckets'], dayCountersWithZeros),
          }
        : today,
      ingest: withZeros(raw['ingest'], initialState().ingest),
    };
  },
  call: (raw) => raw,
};

/**
 * Version 2 to 3, which counts the callers who left a queue unanswered (call.exited): a version 2
 * server never saw one, so its visit counts gain `exited` = 0. Call records keep their shape (a
 * visit's outcome may now also be "exited").
 */
const fromVersion2: CheckpointMigration = {
  core: (raw) => mapVisitCounts(raw, countsWithZeros),
  call: (raw) => raw,
};

/**
 * Version 3 to 4, which counts each agent's day (agent-day.ts). A version 3 server counted none:
 * the agents' day starts empty (null), and an agent's last logged-in time is taken from its
 * record (its last report while logged in, or when it went offline). Each visit gains the agent
 * who answered it, known only for the call's current answer when the call goes on (a handle that
 * ended before the upgrade is not counted), and no booked handle.
 */
const fromVersion3: CheckpointMigration = {
  core(raw) {
    const agents = Array.isArray(raw['agents'])
      ? raw['agents'].map((a: unknown) =>
          isObject(a) && a['activeTs'] === undefined ? { ...a, activeTs: a['state'] === 'offline' ? a['sinceTs'] : a['lastEventTs'] } : a,
        )
      : raw['agents'];
    return { ...raw, agentDays: raw['agentDays'] ?? null, agents };
  },
  call(raw) {
    if (!isObject(raw) || !Array.isArray(raw['visits'])) return raw;
    const ongoing = raw['endedTs'] === null && Array.isArray(raw['transfers']) && raw['transfers'].length === 0;
    const stored: unknown[] = raw['visits'];
    const answered = stored.filter((v) => isObject(v) && v['outcome'] === 'answered').at(-1);
    const visits = stored.map((v) =>
      isObject(v) ? { agentId: ongoing && v === answered && typeof raw['agentId'] === 'string' ? raw['agentId'] : null, handle: null, ...v } : v,
    );
    return { ...raw, visits };
  },
};

/**
 * Version 4 to 5, which keeps the admin's per-queue settings in force (queue-settings.ts): a
 * version 4 server had none, so the config file's `queues` apply until an admin saves.
 */
const fromVersion4: CheckpointMigration = {
  core: (raw) => ({ ...raw, queueSettings: null }),
  call: (raw) => raw,
};

/**
 * Version 5 to 6, which keeps the days that closed as final records until the history stores
 * them (day.ts): a version 5 server dropped a day at midnight, so there is none to keep.
 */
const fromVersion5: CheckpointMigration = {
  core: (raw) => ({ ...raw, closedDays: raw['closedDays'] ?? [], closedDaysDropped: raw['closedDaysDropped'] ?? 0 }),
  call: (raw) => raw,
};

/**
 * Version 6 to 7, which measures the agents' wrap-up for the staffing hint (wrap-up.ts): a version
 * 6 server wrapped up no call, so every answer its calls remember awaits its wrap-up (an acw open
 * at the upgrade counts, as it would have), and the window holds no wrap-up yet.
 */
const fromVersion6: CheckpointMigration = {
  core: (raw) => ({ ...raw, wrappedTs: raw['wrappedTs'] ?? [], wrapUps: raw['wrapUps'] ?? [] }),
  call: (raw) => raw,
};

/** CHECKPOINT_MIGRATIONS[n - 1] turns version n into version n + 1. */
export const CHECKPOINT_MIGRATIONS: readonly CheckpointMigration[] = [fromVersion1, fromVersion2, fromVersion3, fromVersion4, fromVersion5, fromVersion6];
