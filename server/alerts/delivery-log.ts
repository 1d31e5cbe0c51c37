// The delivery log: one entry per attempt (time, hook, transition, HTTP status or error, attempt
// number, outcome) in a capped stream under the consumer group's hash tag, which every node
// writes and the admin page reads. Entries are versioned and parsed back by schema.
import { z } from 'zod';
import type { RedisConnection } from '../redis/connection.js';
import { ALARM_TRANSITIONS } from './alert-config.js';

export const alertKeys = {
  /** The delivery log (a capped stream). */
  log: (group: string) => `wallboard:{${group}}:alerts:log`,
  /** Hooks already served for one transition, so a node taking it over skips them (expires after a day). */
  sent: (group: string, entryId: string) => `wallboard:{${group}}:alerts:sent:${entryId}`,
};

export const DELIVERY_OUTCOMES = ['delivered', 'failed', 'gave-up'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

const numeric = z.string().regex(/^\d+$/).transform(Number);
const recordSchema = z.object({
  v: z.literal('1'),
  ts: numeric,
  hook: z.string(),
  node: z.string(),
  entry: z.string(),
  transition: z.enum([...ALARM_TRANSITIONS, 'test']),
  alarmId: z.string().optional(),
  attempt: numeric,
  outcome: z.enum(DELIVERY_OUTCOMES),
  status: numeric.optional(),
  error: z.string().optional(),
  ms: numeric,
});

/** One attempt as the API answers it. */
export interface DeliveryRecord {
  /** The log entry's ID. */
  id: string;
  ts: number;
  hook: string;
  /** The node that made the attempt (its consumer name). */
  node: string;
  /** The alarm stream entry delivered, or "test". */
  entry: string;
  transition: (typeof ALARM_TRANSITIONS)[number] | 'test';
  alarmId: string | null;
  /** 1 for the first attempt. */
  attempt: number;
  /** delivered; failed (to be retried); gave-up (the last attempt failed). */
  outcome: DeliveryOutcome;
  status: number | null;
  error: string | null;
  ms: number;
}

export interface DeliveryLog {
  append(record: Omit<DeliveryRecord, 'id'>): Promise<void>;
  /** The newest first, at most `limit`. */
  list(limit: number): Promise<DeliveryRecord[]>;
}

export function createDeliveryLog(redis: RedisConnection, group: string, maxLen: number): DeliveryLog {
  const key = alertKeys.log(group);
  return {
    async append(r) {
      const fields = [
        'v',
        '1',
        'ts',
        String(r.ts),
        'hook',
        r.hook,
        'node',
        r.node,
        'entry',
        r.entry,
        'transition',
        r.transition,
        'attempt',
        String(r.attempt),
        'outcome',
        r.outcome,
        'ms',
        String(r.ms),
      ];
      if (r.alarmId !== null) fields.push('alarmId', r.alarmId);
      if (r.status !== null) fields.push('status', String(r.status));
      if (r.error !== null) fields.push('error', r.error.slice(0, 300));
      await redis.xadd(key, 'MAXLEN', '~', maxLen, '*', ...fields);
    },
    async list(limit) {
      const entries = await redis.xrevrange(key, '+', '-', 'COUNT', limit);
      const out: DeliveryRecord[] = [];
      for (const [id, flat] of entries) {
        const fields: Record<string, string> = {};
        for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
        const parsed = recordSchema.safeParse(fields);
        // An entry of another version is left out rather than shown wrong.
        if (!parsed.success) continue;
        const { v: _v, alarmId, status, error, ...rest } = parsed.data;
        out.push({ id, ...rest, alarmId: alarmId ?? null, status: status ?? null, error: error ?? null });
      }
      return out;
    },
  };
}
