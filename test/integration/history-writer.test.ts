// The history writer against a real Redis, with the real checkpointer and stores: the closed days
// are written before each checkpoint, so a history write that fails holds the checkpoint back (no
// checkpoint is ever ahead of a closed day); only the lease holder writes; closed days are written
// at once and today's record at most every interval; a backfill that closes more days than the
// state keeps is reported.
import { describe, expect, it } from 'vitest';
import { Aggregator, type RawEntry } from '../../server/aggregator.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import { CLOSED_DAYS_KEPT } from '../../server/core/day.js';
import { recordVersion } from '../../server/core/day-record.js';
import { encode, type EventInput } from '../../server/core/events.js';
import { dayWindow } from '../../server/core/windows.js';
import { HistoryWriter } from '../../server/history/history-writer.js';
import { createLogger } from '../../server/log.js';
import { createCheckpointStore, LeaseLostError } from '../../server/redis/checkpoint-store.js';
import { Checkpointer } from '../../server/redis/checkpointer.js';
import { createHistoryStore } from '../../server/redis/history-store.js';
import { keys } from '../../server/redis/keys.js';
import { createLease } from '../../server/redis/lease.js';
import { uniquePrefix, useTestRedis } from '../support/redis.js';
import { feedAcrossMidnight } from './history-days.js';

const suite = useTestRedis();
const TZ = DEFAULT_CORE_CONFIG.timeZone;
const midnight = dayWindow(Date.UTC(2026, 10, 23, 4), TZ).startTs;
const today = dayWindow(midnight, TZ);

function raw(events: readonly EventInput[], stream = 'wallboard:events'): RawEntry[] {
  let [ms, seq] = [0, 0];
  return events.map((e) => {
    [ms, seq] = e.ts > ms ? [e.ts, 0] : [ms, seq + 1];
    return { stream, id: `${ms}-${seq}`, fields: encode(e) };
  });
}

async function setUp(name: string, clock = { t: 0 }) {
  const group = uniquePrefix(name);
  const owner = `${name}-owner`;
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ format: 'json', write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  const lease = createLease(suite.client, group, owner, 60_000);
  expect(await lease.tryAcquire()).toBe(true);
  const aggregator = new Aggregator(DEFAULT_CORE_CONFIG);
  const now = () => clock.t;
  const historyStore = createHistoryStore(suite.client, group, { owner, retentionDays: 400, now });
  const history = new HistoryWriter({ intervalMs: 60_000 }, { records: () => aggregator.dayRecords(), store: historyStore, log, now });
  const checkpoints = createCheckpointStore(suite.client, group, owner);
  const checkpointer = new Checkpointer({ streams: ['wallboard:events'], checkpointIntervalMs: 1000 }, { aggregator, store: checkpoints, now, history });
  const storedVersion = async (date: string) => suite.client.hget(keys.historyDay(group, date), 'version');
  const checkpointVersion = async () => {
    const core = await suite.client.get(keys.checkpoint(group));
    return core === null ? null : recordVersion(new Map((JSON.parse(core) as { cursors: [string, string][] }).cursors));
  };
  return { group, owner, aggregator, history, historyStore, checkpointer, storedVersion, checkpointVersion, lines, clock };
}

describe('the history writer', () => {
  const feed = raw(feedAcrossMidnight(midnight, 3));
  // Past midnight by half an hour: today has a record at the first checkpoint.
  const half = feed.findIndex((e) => Number(e.id.split('-')[0]) >= midnight + 1_800_000);

  it('writes the closed days before each checkpoint: a write that fails holds the checkpoint back, and the next one takes both', async () => {
    const w = await setUp('order');
    const atMidnight = feed.findIndex((e) => Number(e.id.split('-')[0]) >= midnight);
    w.aggregator.applyBatch(feed.slice(0, atMidnight));
    await w.checkpointer.save();
    const first = await w.checkpointVersion();
    const yesterday = w.aggregator.dayRecords().today()!.date;
    expect(await w.storedVersion(yesterday)).toBe(first);

    // Past midnight yesterday is closed, and its key made unwritable (a key of another type): the
    // history write fails, and so does the checkpoint.
    w.aggregator.applyBatch(feed.slice(atMidnight, half));
    const closed = w.aggregator.dayRecords().closed.at(-1)!;
    expect([closed.date, closed.final]).toEqual([yesterday, true]);
    const yesterdayKey = keys.historyDay(w.group, yesterday);
    await suite.client.rename(yesterdayKey, `${yesterdayKey}:aside`);
    await suite.client.set(yesterdayKey, 'not a hash');
    await expect(w.checkpointer.save()).rejects.toThrow(/WRONGTYPE/);
    expect(await w.checkpointVersion()).toBe(first);
    expect(w.history.counts).toEqual({ stored: 1, unchanged: 0, failed: 1, daysLost: 0 });

    await suite.client.del(yesterdayKey);
    await suite.client.rename(`${yesterdayKey}:aside`, yesterdayKey);
    await w.checkpointer.save();
    const second = await w.checkpointVersion();
    expect(second! > first!).toBe(true);
    expect(await w.storedVersion(yesterday)).toBe(closed.version);
    // Today's record waits for its interval: the checkpoint holds today's state to rebuild it from.
    expect(await w.storedVersion(today.day)).toBeNull();
    expect(w.history.counts).toEqual({ stored: 2, unchanged: 0, failed: 1, daysLost: 0 });
    w.clock.t += 60_000;
    await w.checkpointer.save();
    expect(await w.storedVersion(today.day)).toBe(await w.checkpointVersion());
    expect(w.history.counts).toEqual({ stored: 3, unchanged: 0, failed: 1, daysLost: 0 });
  });

  it('writes only while holding the lease', async () => {
    const w = await setUp('lease');
    w.aggregator.applyBatch(feed);
    await suite.client.set(keys.lease(w.group), 'someone-else');
    await expect(w.history.writeAll()).rejects.toThrow(LeaseLostError);
    expect(await suite.client.exists(keys.historyDay(w.group, today.day))).toBe(0);
  });

  it('writes a closed day at once and today’s record at most every interval', async () => {
    const w = await setUp('throttle', { t: 1_000_000 });
    // A write before any event (a loop turn of an idle consumer) does not hold the first record back.
    await w.history.writeIfDue();
    const beforeMidnight = feed.filter((e) => Number(e.id.split('-')[0]) < midnight);
    w.aggregator.applyBatch(beforeMidnight);
    await w.history.writeIfDue();
    const yesterday = w.aggregator.dayRecords().today()!.date;
    const v1 = await w.storedVersion(yesterday);
    expect(v1).not.toBeNull();
    // Past midnight within the interval: yesterday's final record is written, today's waits.
    w.aggregator.applyBatch(feed.slice(beforeMidnight.length));
    w.clock.t += 10_000;
    await w.history.writeIfDue();
    expect((await w.storedVersion(yesterday))! > v1!).toBe(true);
    expect(await w.storedVersion(today.day)).toBeNull();
    w.clock.t += 60_000;
    await w.history.writeIfDue();
    expect(await w.storedVersion(today.day)).toBe(recordVersion(new Map([['wallboard:events', feed.at(-1)!.id]])));
    const stored = await w.historyStore.read([yesterday, today.day]);
    expect([stored.get(yesterday)!.record.final, stored.get(today.day)!.record.final]).toEqual([true, false]);
    expect(stored.get(yesterday)!.writtenTs).toBe(1_010_000);
  });

  it('warns when a backfill closes more days between two writes than the state keeps', async () => {
    const w = await setUp('lost');
    const days = (from: number, n: number): EventInput[] =>
      Array.from({ length: n }, (_, i) => ({ type: 'call.arrived', ts: midnight + (from + i) * 86_400_000 + 3600_000, callId: `d${from + i}` }));
    w.aggregator.applyBatch(raw(days(0, 3)));
    await w.history.writeAll();
    expect(w.lines.filter((l) => l['level'] === 'warn')).toEqual([]);
    w.aggregator.applyBatch(raw(days(0, CLOSED_DAYS_KEPT + 5)));
    await w.history.writeAll();
    const warned = w.lines.filter((l) => l['level'] === 'warn');
    expect(warned).toHaveLength(1);
    expect(warned[0]).toMatchObject({ lost: 2 });
    expect(w.history.counts.daysLost).toBe(2);
  });
});
