// The queue_log adapter's options: one schema for the command line's flags and the server's
// config file section, with the defaults stated once.
import { z } from 'zod';
import { DEFAULT_TIME_ZONE } from '../../contract/constants.js';
import { assertTimeZone } from '../../core/windows.js';
import type { FlagSpec } from '../adapter.js';

const FILE_NEEDED = 'give the path of the queue_log, e.g. /var/log/asterisk/queue_log';

export const queueLogOptionsSchema = z
  .object({
    /** The queue_log to follow. @default none: required */
    file: z.string({ error: FILE_NEEDED }).trim().min(1, FILE_NEEDED),
    /** Read the whole file once, timestamps moved so that its latest line lands now, and exit. @default false */
    replay: z.boolean().default(false),
    /** With replay: append at this many times real time instead of as fast as Redis takes it. @default as fast as possible */
    speed: z.number().positive('must be above 0').max(1_000_000).optional(),
    /** The time zone whose midnight starts "today" for a first start. @default "Asia/Shanghai" */
    timeZone: z
      .string()
      .default(DEFAULT_TIME_ZONE)
      .refine((tz) => isTimeZone(tz), 'not a time zone Intl knows (e.g. Asia/Shanghai, Europe/Berlin)'),
    /** How often the file is checked when the file system signalled no change (ms). @default 500 */
    pollMs: z.number().int('must be whole milliseconds').min(20).max(60_000).default(500),
    /** Most lines appended in one transaction. @default 1000 */
    batchLines: z.number().int('must be a whole number').min(1).max(100_000).default(1000),
    /** How often the source status is written while idle (ms). @default 5000 */
    heartbeatMs: z.number().int('must be whole milliseconds').min(200).max(600_000).default(5000),
  })
  .refine((o) => o.speed === undefined || o.replay, { path: ['speed'], message: 'only with --replay' });

export type QueueLogOptions = z.output<typeof queueLogOptionsSchema>;

function isTimeZone(tz: string): boolean {
  try {
    assertTimeZone(tz);
    return true;
  } catch {
    return false;
  }
}

export const QUEUE_LOG_FLAGS = {
  file: { type: 'string', value: 'path', help: 'the queue_log to follow, e.g. /var/log/asterisk/queue_log (required)' },
  replay: { type: 'boolean', help: 'read the whole file once, moved in time so its latest line lands now, then exit' },
  speed: { type: 'string', value: 'n', help: 'with --replay: append at n times real time. Default: as fast as Redis takes it' },
  'time-zone': { type: 'string', value: 'iana', help: `whose midnight starts "today" on a first start. Default: ${DEFAULT_TIME_ZONE}` },
  'poll-ms': { type: 'string', value: 'ms', help: 'check the file this often when the file system signals nothing. Default: 500' },
  'batch-lines': { type: 'string', value: 'n', help: 'most lines appended in one transaction. Default: 1000' },
  'heartbeat-ms': { type: 'string', value: 'ms', help: 'write the source status this often while idle. Default: 5000' },
} as const satisfies Record<string, FlagSpec>;

/** Flags as parsed (strings) → the schema's input; a number that does not parse is left for the schema to refuse. */
export function queueLogOptionsFromFlags(values: Record<string, string | boolean | undefined>): unknown {
  const number = (flag: string) => {
    const v = values[flag];
    return typeof v === 'string' ? (v.trim() === '' ? Number.NaN : Number(v)) : undefined;
  };
  return {
    file: values['file'],
    replay: values['replay'] === true,
    speed: number('speed'),
    timeZone: values['time-zone'],
    pollMs: number('poll-ms'),
    batchLines: number('batch-lines'),
    heartbeatMs: number('heartbeat-ms'),
  };
}
