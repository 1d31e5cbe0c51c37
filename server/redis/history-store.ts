// The day history in Redis: one hash per local day (keys.historyDay) holding the day's record as
// gzipped JSON, its version and when it was written. One script writes a record only while the
// writer holds the group's lease, and only when its version is newer than the stored one: a
// replay, a restart or a second node that reaches the same record writes nothing. The key
// expires `retentionDays` after the day's end. The keys share the group's hash tag, with the lease.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { RedisConnection } from './connection.js';
import { LeaseLostError } from './checkpoint-store.js';
import { keys } from './keys.js';
import { dayRecordSchema, type DayRecord } from '../core/day-record-schema.js';
import { DAY_MS } from '../contract/constants.js';

// KEYS: lease, day. ARGV: owner, version, record, writtenTs, expire at (epoch ms).
// Versions are fixed-width text (recordVersion), so comparing them as strings orders them.
const WRITE = `
if redis.call('get', KEYS[1]) ~= ARGV[1] then return -1 end
local stored = redis.call('hget', KEYS[2], 'version')
if stored and stored >= ARGV[2] then return 0 end
redis.call('hset', KEYS[2], 'version', ARGV[2], 'record', ARGV[3], 'writtenTs', ARGV[4])
redis.call('pexpireat', KEYS[2], ARGV[5])
return 1`;

/** A day as stored: its record and when it was written (epoch ms). */
export interface StoredDay {
  record: DayRecord;
  writtenTs: number;
}

export type WriteResult = 'stored' | 'unchanged';

export interface HistoryStore {
  /** Stores the record unless one of the same or a newer version is stored; throws LeaseLostError when the lease is not ours. */
  write(record: DayRecord): Promise<WriteResult>;
  /** The stored records of these days (a day without one, or with one this build cannot read, is absent). */
  read(dates: readonly string[]): Promise<Map<string, StoredDay>>;
}

export interface HistoryStoreOptions {
  /** This process's name as lease holder. */
  owner: string;
  /** Days a record is kept after its day ended. */
  retentionDays: number;
  now: () => number;
  /** Told about a stored record that cannot be read (another build's format, corruption). */
  unreadable?: (date: string, reason: string) => void;
}

/** The record as stored: gzipped JSON (about a tenth of the JSON). */
export function encodeDayRecord(record: DayRecord): Buffer {
  return gzipSync(JSON.stringify(record));
}

export function decodeDayRecord(stored: Buffer): { ok: true; record: DayRecord } | { ok: false; reason: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(gunzipSync(stored).toString('utf8'));
  } catch (error) {
    return { ok: false, reason: `not gzipped JSON (${(error as Error).message})` };
  }
  const parsed = dayRecordSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: `field "${parsed.error.issues[0]!.path.join('.')}": ${parsed.error.issues[0]!.message}` };
  return { ok: true, record: parsed.data };
}

export function createHistoryStore(redis: RedisConnection, group: string, options: HistoryStoreOptions): HistoryStore {
  return {
    async write(record) {
      const expireAt = record.endTs + options.retentionDays * DAY_MS;
      const args = [
        keys.lease(group),
        keys.historyDay(group, record.date),
        options.owner,
        record.version,
        encodeDayRecord(record),
        String(options.now()),
        String(expireAt),
      ];
      const written = await redis.eval(WRITE, 2, args);
      if (written === -1) throw new LeaseLostError('another process holds the aggregation lease; history not written');
      return written === 1 ? 'stored' : 'unchanged';
    },
    async read(dates) {
      const replies = await Promise.all(dates.map((date) => redis.hmgetBuffer(keys.historyDay(group, date), 'record', 'writtenTs')));
      const days = new Map<string, StoredDay>();
      dates.forEach((date, i) => {
        const [record, writtenTs] = replies[i]!;
        if (!record) return;
        const decoded = decodeDayRecord(record);
        if (!decoded.ok) return options.unreadable?.(date, decoded.reason);
        days.set(date, { record: decoded.record, writtenTs: Number(writtenTs?.toString() ?? 0) });
      });
      return days;
    },
  };
}
