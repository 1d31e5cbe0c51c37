// What one local day counts, as plain data: the floor's counters that are not about queue visits,
// each queue's visit counts by tier class, and each agent's day. day.ts counts into them; the day
// record (day-record.ts) keeps them once the day has closed. A leaf module, so both can use it.
import { z } from 'zod';
import { countsSchema } from './counts.js';
import type { DayWindow } from './windows.js';

/** Day counters that are not about queue visits; kept for the day and per 15-minute bucket. */
export const dayCountersSchema = z.object({
  arrived: z.number(),
  blocked: z.number(),
  surveySum: z.number(),
  surveys: z.number(),
  resolved: z.number(),
  endedWithResolution: z.number(),
  holdChecksDue: z.number(),
  holdChecksOnTime: z.number(),
  warmTransfers: z.number(),
  coldTransfers: z.number(),
  otherTransfers: z.number(),
});
export type DayCounters = z.infer<typeof dayCountersSchema>;

/** A queue's visit counts, by tier class. */
export const queueDayCountsSchema = z.object({ standard: countsSchema, vip: countsSchema });
export type QueueDayCounts = z.infer<typeof queueDayCountsSchema>;

/** One agent's counters of one day. */
export const agentDayCountersSchema = z.object({
  handled: z.number(),
  handleSumMs: z.number(),
  holds: z.number(),
  holdChecksMissed: z.number(),
  coldTransfers: z.number(),
  warmTransfers: z.number(),
});
export type AgentDayCounters = z.infer<typeof agentDayCountersSchema>;

/** Per-agent counters of one calendar day (the day of `today` when they were counted). */
export interface AgentDays {
  day: string;
  agents: Map<string, AgentDayCounters>;
}

/** Counters of one calendar day; replaced at local midnight. */
export interface DayStats extends DayWindow {
  counters: DayCounters;
  /** bucket index → the counters of that 15 minutes. */
  counterBuckets: Map<number, DayCounters>;
  queues: Map<string, QueueDayCounts>;
  /** queue → bucket index → counts by tier class. */
  intraday: Map<string, Map<number, QueueDayCounts>>;
}
