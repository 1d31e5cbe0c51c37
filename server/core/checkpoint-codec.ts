// The checkpoint: the state as JSON, and back. It comes in two parts: the call records, one JSON
// value per call so that a checkpoint rewrites only the calls that changed since the previous
// one, and the rest of the state (counters, queues, agents, cursors: the core), which stays small
// whatever the call volume. The core carries the format's version; a checkpoint of an older
// version is migrated step by step when read, one of a newer version or that does not fit the
// schema is refused with a CheckpointFormatError. Maps are written as arrays of entries by hand:
// a JSON replacer made this several times slower.
import { z } from 'zod';
import { agentRecordSchema, servedQueuesOf, teamSizesOf } from './agents.js';
import { alarmRecordSchema } from './alarm-log.js';
import { newCallExpiry, watchCall } from './call-expiry.js';
import { callRecordSchema, type CallRecord } from './calls.js';
import { CHECKPOINT_MIGRATIONS } from './checkpoint-migrations.js';
import { complaintRecordSchema } from './complaints.js';
import { countsSchema } from './counts.js';
import { agentDayCountersSchema, dayCountersSchema, queueDayCountsSchema } from './day-counters.js';
import { dayRecordSchema } from './day-record-schema.js';
import { appliedQueueSettingsSchema } from './queue-settings-schema.js';
import type { State } from './state.js';
import { agentAnswersOf } from './wrap-up.js';
import type { IngestCounters, RecentAbandon } from '../contract/snapshot.js';
import { TIERS } from '../contract/vocabulary.js';

/** The version serializeCore() writes: one more than the migrations that lead to it. Version 1 had no version field. */
export const CHECKPOINT_VERSION = CHECKPOINT_MIGRATIONS.length + 1;

/** A stored checkpoint that this code cannot read; `message` names the part and the field. */
export class CheckpointFormatError extends Error {
  override name = 'CheckpointFormatError';
}

const entries = <K extends z.ZodType, V extends z.ZodType>(key: K, value: V) => z.array(z.tuple([key, value]));

const ingestSchema = z.object({
  applied: z.number(),
  duplicates: z.number(),
  deadLettered: z.number(),
  lateDropped: z.number(),
  clockSkewed: z.number(),
  unknownCalls: z.number(),
}) satisfies z.ZodType<IngestCounters>;

const recentAbandonSchema = z.object({
  callId: z.string(),
  queue: z.string(),
  tier: z.enum(TIERS),
  waitMs: z.number().nullable(),
  ts: z.number(),
}) satisfies z.ZodType<RecentAbandon>;

// Field order is that of the state's own objects, so a restored state writes the same bytes.
const coreSchema = z.object({
  version: z.literal(CHECKPOINT_VERSION),
  cursors: entries(z.string(), z.string()),
  arrivalWatermark: z.number(),
  eventWatermark: z.number(),
  lastGcAt: z.number(),
  today: z
    .object({
      day: z.string(),
      startTs: z.number(),
      endTs: z.number(),
      counters: dayCountersSchema,
      counterBuckets: entries(z.number(), dayCountersSchema),
      queues: entries(z.string(), queueDayCountsSchema),
      intraday: entries(z.string(), entries(z.number(), queueDayCountsSchema)),
    })
    .nullable(),
  agentDays: z.object({ day: z.string(), agents: entries(z.string(), agentDayCountersSchema) }).nullable(),
  /** The final records of the days closed lately (day.ts), until the history has stored them. */
  closedDays: z.array(dayRecordSchema),
  closedDaysDropped: z.number(),
  waiting: entries(z.string(), entries(z.string(), z.number())),
  agents: z.array(agentRecordSchema),
  /** What each agent last wrapped up, and the queues' wrap-up minutes (wrap-up.ts), from version 7 on. */
  wrappedTs: entries(z.string(), z.number()),
  wrapUps: entries(z.string(), entries(z.number(), z.number())),
  complaints: z.array(complaintRecordSchema),
  rolling: entries(z.string(), entries(z.number(), countsSchema)),
  recentAbandons: z.array(recentAbandonSchema),
  // Optional, so a checkpoint from before alarms reads as "none" without a format step, and a build
  // from before alarms (after a rollback) reads ours, dropping the field.
  alarms: z.array(alarmRecordSchema).optional(),
  ingest: ingestSchema,
  /** The admin's per-queue settings in force at this point of the stream (queue-settings.ts). */
  queueSettings: appliedQueueSettingsSchema.nullable(),
});
type SerializedCore = z.infer<typeof coreSchema>;

// Every field of the state is in the core but the calls, stored apart, and what is rebuilt from
// them: a field added to State and not to the schema fails to compile here.
type MustBeNone<T extends never> = T;
export type StateFieldsNotInCore = MustBeNone<
  Exclude<keyof State, keyof SerializedCore | 'calls' | 'onHold' | 'changedCalls' | 'callExpiry' | 'teamSizes' | 'servedQueues' | 'agentAnswers'>
>;

const nested = <K1, K2, V>(m: Map<K1, Map<K2, V>>): [K1, [K2, V][]][] => [...m].map(([k, inner]) => [k, [...inner]]);
const unnest = <K1, K2, V>(list: [K1, [K2, V][]][]): Map<K1, Map<K2, V>> => new Map(list.map(([k, inner]) => [k, new Map(inner)]));

/** Everything but the call records. */
export function serializeCore(state: State): string {
  const today = state.today;
  const core: SerializedCore = {
    version: CHECKPOINT_VERSION,
    cursors: [...state.cursors],
    arrivalWatermark: state.arrivalWatermark,
    eventWatermark: state.eventWatermark,
    lastGcAt: state.lastGcAt,
    today: today && {
      day: today.day,
      startTs: today.startTs,
      endTs: today.endTs,
      counters: today.counters,
      counterBuckets: [...today.counterBuckets],
      queues: [...today.queues],
      intraday: nested(today.intraday),
    },
    agentDays: state.agentDays && { day: state.agentDays.day, agents: [...state.agentDays.agents] },
    closedDays: state.closedDays,
    closedDaysDropped: state.closedDaysDropped,
    waiting: nested(state.waiting),
    agents: [...state.agents.values()],
    wrappedTs: [...state.wrappedTs],
    wrapUps: nested(state.wrapUps),
    complaints: [...state.complaints.values()],
    rolling: nested(state.rolling),
    recentAbandons: state.recentAbandons,
    alarms: state.alarms,
    ingest: state.ingest,
    queueSettings: state.queueSettings,
  };
  return JSON.stringify(core);
}

export const serializeCall = (call: CallRecord): string => JSON.stringify(call);

/** The core part read and brought to the current version. */
export interface DecodedCore {
  /** The version it was written in; older than CHECKPOINT_VERSION when it was migrated. */
  storedVersion: number;
  core: SerializedCore;
}

/** Reads the core part: parses, migrates and validates it. Throws CheckpointFormatError. */
export function decodeCore(json: string): DecodedCore {
  const raw = parseJson(json, 'core');
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new CheckpointFormatError('checkpoint core: not a JSON object');
  const stored = raw as Record<string, unknown>;
  const storedVersion = stored['version'] === undefined ? 1 : stored['version'];
  if (typeof storedVersion !== 'number' || !Number.isInteger(storedVersion) || storedVersion < 1) {
    throw new CheckpointFormatError(`checkpoint core: field "version": expected a whole number from 1, got ${JSON.stringify(storedVersion)}`);
  }
  if (storedVersion > CHECKPOINT_VERSION) {
    throw new CheckpointFormatError(`checkpoint core: version ${storedVersion} is newer than this server reads (${CHECKPOINT_VERSION})`);
  }
  let upgraded = stored;
  for (let v = storedVersion; v < CHECKPOINT_VERSION; v++) upgraded = { ...CHECKPOINT_MIGRATIONS[v - 1]!.core(upgraded), version: v + 1 };
  const parsed = coreSchema.safeParse(upgraded);
  if (!parsed.success) {
    const version = storedVersion < CHECKPOINT_VERSION ? ` (version ${storedVersion})` : '';
    throw new CheckpointFormatError(`checkpoint core${version}: ${issueText(parsed.error.issues[0]!)}`);
  }
  return { storedVersion, core: parsed.data };
}

/** Rebuilds a state from its decoded core and its call records. Throws CheckpointFormatError. */
export function restoreFromCore({ storedVersion, core }: DecodedCore, calls: Iterable<string>): State {
  const state: State = {
    cursors: new Map(core.cursors),
    arrivalWatermark: core.arrivalWatermark,
    eventWatermark: core.eventWatermark,
    lastGcAt: core.lastGcAt,
    today: core.today && {
      day: core.today.day,
      startTs: core.today.startTs,
      endTs: core.today.endTs,
      counters: core.today.counters,
      counterBuckets: new Map(core.today.counterBuckets),
      queues: new Map(core.today.queues),
      intraday: unnest(core.today.intraday),
    },
    agentDays: core.agentDays && { day: core.agentDays.day, agents: new Map(core.agentDays.agents) },
    closedDays: core.closedDays,
    closedDaysDropped: core.closedDaysDropped,
    calls: new Map(),
    onHold: new Map(),
    changedCalls: new Set(),
    callExpiry: newCallExpiry(),
    waiting: unnest(core.waiting),
    agents: new Map(core.agents.map((a) => [a.id, a])),
    teamSizes: teamSizesOf(core.agents),
    servedQueues: servedQueuesOf(core.agents),
    wrappedTs: new Map(core.wrappedTs),
    agentAnswers: new Map(),
    wrapUps: unnest(core.wrapUps),
    complaints: new Map(core.complaints.map((c) => [c.id, c])),
    rolling: unnest(core.rolling),
    recentAbandons: core.recentAbandons,
    alarms: core.alarms ?? [],
    ingest: core.ingest,
    queueSettings: core.queueSettings,
  };
  const steps = CHECKPOINT_MIGRATIONS.slice(storedVersion - 1);
  let index = 0;
  // Every call record is parsed by its schema: at recovery only, about 1.5 µs a record.
  for (const json of calls) {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch (error) {
      throw new CheckpointFormatError(`checkpoint call record ${index}: not JSON (${(error as Error).message})`);
    }
    if (steps.length > 0) for (const step of steps) raw = step.call(raw);
    const parsed = callRecordSchema.safeParse(raw);
    if (!parsed.success) throw new CheckpointFormatError(`checkpoint call record ${index}${callIdOf(raw)}: ${issueText(parsed.error.issues[0]!)}`);
    const call = parsed.data;
    state.calls.set(call.id, call);
    watchCall(state.callExpiry, call);
    if (call.hold) state.onHold.set(call.id, true);
    index += 1;
  }
  state.agentAnswers = agentAnswersOf(state);
  return state;
}

/** Rebuilds a state from its two checkpoint parts. Throws CheckpointFormatError. */
export function restoreState(core: string, calls: Iterable<string>): State {
  return restoreFromCore(decodeCore(core), calls);
}

const wholeStateSchema = z.object({ core: z.string(), calls: z.array(z.string()) });

/** The whole state as one string (tests, and comparing states). */
export function serializeState(state: State): string {
  return JSON.stringify({ core: serializeCore(state), calls: [...state.calls.values()].map(serializeCall) });
}

export function deserializeState(json: string): State {
  const parsed = wholeStateSchema.safeParse(parseJson(json, 'state'));
  if (!parsed.success) throw new CheckpointFormatError(`checkpoint state: ${parsed.error.issues[0]!.message}`);
  return restoreState(parsed.data.core, parsed.data.calls);
}

function parseJson(json: string, part: string): unknown {
  try {
    return JSON.parse(json);
  } catch (error) {
    throw new CheckpointFormatError(`checkpoint ${part}: not JSON (${(error as Error).message})`);
  }
}

function callIdOf(raw: unknown): string {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? ` (call "${id}")` : '';
}

function issueText(issue: z.core.$ZodIssue): string {
  return `field "${issue.path.join('.')}": ${issue.message}`;
}
