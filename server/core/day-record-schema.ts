// The record of one local day, as the history stores it: one schema that validates what is read
// back and types what is written. Counts only, never a rate: the history API recomputes the rates
// from the summed parts with the core's own formulas. No caller number or customer name: queues,
// agents (id, name and team as the agent list knows them) and alarms only.
import { z } from 'zod';
import { alarmRecordSchema } from './alarm-log.js';
import { agentDayCountersSchema, dayCountersSchema, queueDayCountsSchema } from './day-counters.js';

/** The record's own format; a reader refuses another. */
export const DAY_RECORD_FORMAT = 1;

const entries = <K extends z.ZodType, V extends z.ZodType>(key: K, value: V) => z.array(z.tuple([key, value]));

export const complaintDaySchema = z.object({
  /** Opened during the day. */
  opened: z.number(),
  /** Replied during the day, and of those, by their deadline. */
  replied: z.number(),
  repliedOnTime: z.number(),
  /** Open and past their deadline at the day's end (or as of the record, for today). */
  overdue: z.number(),
});
export type ComplaintDay = z.infer<typeof complaintDaySchema>;

export const complaintBucketSchema = z.object({ due: z.number(), onTime: z.number() });

export const queueThresholdsSchema = z.object({ serviceLevelMs: z.number(), serviceLevelTarget: z.number(), shortAbandonMs: z.number() });

export const queueDayRecordSchema = z.object({
  queue: z.string(),
  day: queueDayCountsSchema,
  /** 15-minute bucket index (from local midnight) → the visits of that bucket. */
  buckets: entries(z.number(), queueDayCountsSchema),
  /** The thresholds in force for the queue when the record was made. */
  thresholds: queueThresholdsSchema,
});
export type QueueDayRecord = z.infer<typeof queueDayRecordSchema>;

export const agentDayRecordSchema = z.object({ agentId: z.string(), name: z.string().nullable(), team: z.string().nullable() }).extend(agentDayCountersSchema.shape);
export type AgentDayRecord = z.infer<typeof agentDayRecordSchema>;

export const dayRecordSchema = z.object({
  format: z.literal(DAY_RECORD_FORMAT),
  /** YYYY-MM-DD in `timeZone`. */
  date: z.string(),
  startTs: z.number(),
  endTs: z.number(),
  timeZone: z.string(),
  /** The day has closed (an event of a later day arrived): nothing will change it any more. */
  final: z.boolean(),
  /** Grows with the stream prefix the record was made from; the same prefix gives the same version and the same record. */
  version: z.string(),
  /** The event time the record is as of: the day's end once final. */
  asOfTs: z.number(),
  counters: dayCountersSchema,
  counterBuckets: entries(z.number(), dayCountersSchema),
  queues: z.array(queueDayRecordSchema),
  complaints: complaintDaySchema,
  complaintBuckets: entries(z.number(), complaintBucketSchema),
  agents: z.array(agentDayRecordSchema),
  /** The alarms raised during the day, as they stood when the record was made. */
  alarms: z.array(alarmRecordSchema),
});
export type DayRecord = z.infer<typeof dayRecordSchema>;
