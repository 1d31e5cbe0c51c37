// The stream consumer's duties one by one, each against fakes of what it talks to and a clock
// the test moves: lease keeping, recovery, the watchdog, checkpoint scheduling and trimming.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Aggregator, type RawEntry } from '../../server/aggregator.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import { compareEntryIds } from '../../server/core/entry-id.js';
import { encode } from '../../server/core/events.js';
import { createLogger } from '../../server/log.js';
import { CATCH_UP_CHECKPOINT_MS, Checkpointer } from '../../server/redis/checkpointer.js';
import { createEntryApplier } from '../../server/redis/entry-applier.js';
import { GroupReader, WATCHDOG_MARGIN_MS } from '../../server/redis/group-reader.js';
import type { Lease } from '../../server/redis/lease.js';
import { LeaseKeeper } from '../../server/redis/lease-keeper.js';
import { recover } from '../../server/redis/recovery.js';
import { StreamTrimmer } from '../../server/redis/stream-trimmer.js';
import type { BlockingStreamsClient, StreamsClient } from '../../server/redis/streams-client.js';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

function recordingLog() {
  const lines: { msg: string; [field: string]: unknown }[] = [];
  return { lines, log: createLogger({ format: 'json', now: () => T0, write: (line) => lines.push(JSON.parse(line) as (typeof lines)[number]) }) };
}

function entry(stream: string, id: string, callId = `c${id}`): RawEntry {
  return { stream, id, fields: encode({ type: 'call.queued', ts: T0, callId, queue: 'billing' }) };
}

/** The stored checkpoint of an aggregate that applied `ids` of `stream`. */
function storedAfter(stream: string, ids: string[]) {
  const aggregator = new Aggregator(DEFAULT_CORE_CONFIG);
  aggregator.applyBatch(ids.map((id) => entry(stream, id)));
  const parts = aggregator.checkpointParts();
  return { core: parts.core, calls: [...parts.calls.values()].filter((c): c is string => c !== null) };
}

describe('LeaseKeeper', () => {
  let t = 0;
  const lease = { tryAcquire: vi.fn<Lease['tryAcquire']>(), renew: vi.fn<Lease['renew']>(), release: vi.fn<Lease['release']>(), holder: vi.fn<Lease['holder']>() };
  const onStandby = vi.fn();
  const keeper = () => new LeaseKeeper({ group: 'g', consumer: 'me', leaseMs: 300 }, { lease, log: recordingLog().log, now: () => t, onStandby });
  beforeEach(() => {
    vi.useFakeTimers();
    vi.resetAllMocks();
    t = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('stands by once, naming the holder, until the lease is free', async () => {
    lease.tryAcquire.mockResolvedValueOnce(false).mockResolvedValueOnce(false).mockResolvedValueOnce(true);
    lease.holder.mockResolvedValue('other/1/x');
    const acquired = keeper().acquire(new AbortController().signal);
    await vi.advanceTimersByTimeAsync(1000);
    await acquired;
    expect(lease.tryAcquire).toHaveBeenCalledTimes(3);
    expect(onStandby).toHaveBeenCalledTimes(1);
  });

  it('stops waiting when stopped', async () => {
    lease.tryAcquire.mockResolvedValue(false);
    const stop = new AbortController();
    const acquired = keeper().acquire(stop.signal);
    await vi.advanceTimersByTimeAsync(0);
    stop.abort();
    await acquired;
    expect(lease.tryAcquire).toHaveBeenCalledTimes(1);
  });

  it('renews once a third of the lease has run, and not before', async () => {
    lease.tryAcquire.mockResolvedValue(true);
    lease.renew.mockResolvedValue(true);
    const k = keeper();
    await k.acquire(new AbortController().signal);
    t = 99;
    await k.keep();
    expect(lease.renew).not.toHaveBeenCalled();
    t = 100;
    await k.keep();
    expect(lease.renew).toHaveBeenCalledTimes(1);
    t = 150; // renewed at 100: the next renewal is due at 200
    await k.keep();
    expect(lease.renew).toHaveBeenCalledTimes(1);
  });

  it('stands by and stops the work when another process holds the lease now', async () => {
    lease.tryAcquire.mockResolvedValue(true);
    lease.renew.mockResolvedValue(false);
    lease.holder.mockResolvedValue('other/1/x');
    const k = keeper();
    await k.acquire(new AbortController().signal);
    t = 100;
    await expect(k.keep()).rejects.toThrow('lost the aggregation lease to another process');
    expect(onStandby).toHaveBeenCalledTimes(1);
  });

  it('does not stand by when the lease expired and nobody holds it (a renewal Redis ran after a pause): the loop takes it again', async () => {
    lease.tryAcquire.mockResolvedValue(true);
    lease.renew.mockResolvedValue(false);
    lease.holder.mockResolvedValue(null);
    const k = keeper();
    await k.acquire(new AbortController().signal);
    t = 100;
    await expect(k.keep()).rejects.toThrow('the aggregation lease expired unrenewed');
    expect(onStandby).not.toHaveBeenCalled();
  });
});

describe('recover', () => {
  const stream = 's';
  /** A stream of entries and a scripted group: what it last delivered, and what is pending. */
  function fakeStreams(entries: RawEntry[], delivered: (string | null)[], pending: string[]) {
    const calls = { setGroupId: [] as string[], ack: [] as string[][] };
    const client: StreamsClient = {
      createGroup: async () => false,
      lastDeliveredId: async () => (delivered.length > 1 ? delivered.shift()! : delivered[0]!),
      range: async (_s, after, until, count) =>
        entries.filter((e) => (after === null || compareEntryIds(e.id, after) > 0) && compareEntryIds(e.id, until) <= 0).slice(0, count),
      firstEntryId: async () => entries[0]?.id ?? null,
      claimPending: async () => ({ ids: pending.splice(0), next: null }),
      ack: async (_s, _g, ids) => void calls.ack.push([...ids]),
      setGroupId: async (_s, _g, id) => void calls.setGroupId.push(id),
      trimMinId: async () => 0,
    };
    return { client, calls };
  }

  function run(streams: StreamsClient, stored: ReturnType<typeof storedAfter> | null, batchSize = 10) {
    const aggregator = new Aggregator(DEFAULT_CORE_CONFIG);
    const { log, lines } = recordingLog();
    const applied: string[] = [];
    const applyEntries = createEntryApplier({ aggregator, deadLetters: { write: async () => {} }, log });
    const done = recover(
      { streams: [stream], group: 'g', consumer: 'me', batchSize },
      {
        streams,
        aggregator,
        checkpoints: { load: async () => stored },
        applyEntries: async (batch) => {
          applied.push(...batch.map((e) => e.id));
          await applyEntries(batch);
        },
        keepLease: async () => {},
        log,
        signal: new AbortController().signal,
      },
    );
    return { done, aggregator, applied, lines };
  }

  it('replays, by range and in batches, what the group delivered after the checkpoint', async () => {
    const entries = ['1-0', '2-0', '3-0', '4-0', '5-0', '6-0'].map((id) => entry(stream, id));
    const { client } = fakeStreams(entries, ['5-0'], []);
    const { done, aggregator, applied, lines } = run(client, storedAfter(stream, ['1-0', '2-0']), 2);
    await done;
    expect(applied).toEqual(['3-0', '4-0', '5-0']);
    expect(aggregator.cursor(stream)).toBe('5-0');
    expect(lines.find((l) => l.msg === 'recovering from checkpoint')).toMatchObject({ cursors: { s: '2-0' } });
    expect(lines.find((l) => l.msg === 'stream recovered')).toMatchObject({ stream, replayed: 3, claimedPending: 0, cursor: '5-0', lastDelivered: '5-0' });
  });

  it('says loudly when the stored checkpoint is unreadable, and rebuilds from the stream', async () => {
    const entries = ['1-0', '2-0', '3-0'].map((id) => entry(stream, id));
    const { client } = fakeStreams(entries, ['3-0'], []);
    const { done, aggregator, applied, lines } = run(client, { core: '{"version":99}', calls: [] });
    await done;
    expect(applied).toEqual(['1-0', '2-0', '3-0']);
    expect(aggregator.cursor(stream)).toBe('3-0');
    expect(lines.find((l) => l.msg.startsWith('stored checkpoint unreadable'))).toMatchObject({
      level: 'error',
      reason: expect.stringContaining('version 99') as unknown,
      from: 'the stream (rebuilding)',
    });
  });

  it('catches up again when the group handed out more while it recovered', async () => {
    const entries = ['1-0', '2-0', '3-0'].map((id) => entry(stream, id));
    const { client } = fakeStreams(entries, ['2-0', '3-0'], []);
    const { done, applied } = run(client, null);
    await done;
    expect(applied).toEqual(['1-0', '2-0', '3-0']);
  });

  it('acknowledges the pending entries the state covers, and leaves the rest pending', async () => {
    const entries = ['1-0', '2-0', '3-0'].map((id) => entry(stream, id));
    const { client, calls } = fakeStreams(entries, ['3-0'], ['2-0', '3-0', '7-0']);
    const { done, lines } = run(client, storedAfter(stream, ['1-0']));
    await done;
    expect(calls.ack).toEqual([['2-0', '3-0']]);
    expect(lines.find((l) => l.msg === 'stream recovered')).toMatchObject({ claimedPending: 3 });
  });

  it('moves a group that was recreated behind the checkpoint past what the state holds', async () => {
    // Redis lost its data: an empty stream, a new group, and a checkpoint up to 3-0.
    const { client, calls } = fakeStreams([], ['0-0'], []);
    const { done, aggregator } = run(client, storedAfter(stream, ['1-0', '2-0', '3-0']));
    await done;
    expect(calls.setGroupId).toEqual(['3-0']);
    expect(aggregator.cursor(stream)).toBe('3-0');
  });

  it('leaves the group where it is when it is not behind', async () => {
    const { client, calls } = fakeStreams(
      ['1-0', '2-0'].map((id) => entry(stream, id)),
      ['2-0'],
      [],
    );
    await run(client, storedAfter(stream, ['1-0'])).done;
    expect(calls.setGroupId).toEqual([]);
  });

  it('warns when entries after the checkpoint were trimmed before they were applied', async () => {
    const { client } = fakeStreams(
      ['9-0'].map((id) => entry(stream, id)),
      ['9-0'],
      [],
    );
    const { done, lines } = run(client, storedAfter(stream, ['2-0']));
    await done;
    expect(lines.find((l) => l.msg.startsWith('entries after the checkpoint were trimmed'))).toMatchObject({ stream, checkpointCursor: '2-0', oldestEntry: '9-0' });
  });

  it('fails, naming the group and the stream, when the group vanished', async () => {
    const { client } = fakeStreams([], [null], []);
    await expect(run(client, null).done).rejects.toThrow('consumer group g vanished from s');
  });
});

describe('GroupReader', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  function connections(reads: (() => Promise<never> | Promise<[]>)[]) {
    const made: { disconnect: ReturnType<typeof vi.fn> }[] = [];
    const connect = (): BlockingStreamsClient => {
      const c = { readGroup: vi.fn(() => reads.shift()!()), read: vi.fn(() => Promise.resolve([])), disconnect: vi.fn() };
      made.push(c);
      return c;
    };
    return { made, reader: new GroupReader({ streams: ['s'], group: 'g', consumer: 'me', batchSize: 10, blockMs: 100 }, connect) };
  }

  it('keeps one connection while reads return', async () => {
    const { made, reader } = connections([async () => [], async () => []]);
    await reader.read();
    await reader.read();
    expect(made).toHaveLength(1);
  });

  it('drops a read that overruns BLOCK plus the margin, and makes a new connection for the next', async () => {
    const { made, reader } = connections([() => new Promise<never>(() => {}), async () => []]);
    const hung = reader.read();
    const failed = expect(hung).rejects.toThrow(`blocking read did not return within ${100 + WATCHDOG_MARGIN_MS} ms`);
    await vi.advanceTimersByTimeAsync(100 + WATCHDOG_MARGIN_MS - 1);
    expect(made[0]!.disconnect).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    await failed;
    expect(made[0]!.disconnect).toHaveBeenCalledTimes(1);
    expect(await reader.read()).toEqual([]);
    expect(made).toHaveLength(2);
  });

  it('uses a margin of five seconds', () => {
    expect(WATCHDOG_MARGIN_MS).toBe(5000);
  });
});

describe('Checkpointer', () => {
  let t = 0;
  const stream = 's';
  function setup(save: () => Promise<void> = async () => {}) {
    const aggregator = new Aggregator(DEFAULT_CORE_CONFIG);
    const saved: { full: boolean; core: string }[] = [];
    const checkpointer = new Checkpointer(
      { streams: [stream], checkpointIntervalMs: 1000 },
      {
        aggregator,
        store: {
          save: async (parts) => {
            await save();
            saved.push({ full: parts.full, core: parts.core });
          },
        },
        now: () => t,
      },
    );
    return { aggregator, saved, checkpointer };
  }
  beforeEach(() => {
    t = 10_000;
  });

  it('checkpoints once the interval has passed, and only when the state changed', async () => {
    const { aggregator, saved, checkpointer } = setup();
    aggregator.applyBatch([entry(stream, '1-0')]);
    await checkpointer.save();
    aggregator.applyBatch([entry(stream, '2-0')]);
    t += 999;
    await checkpointer.saveIfDue();
    expect(saved).toHaveLength(1);
    t += 1;
    await checkpointer.saveIfDue();
    expect(saved).toHaveLength(2);
    t += 5000;
    await checkpointer.saveIfDue();
    expect(saved).toHaveLength(2);
  });

  it('stretches the interval to 100 times what taking a checkpoint cost', async () => {
    const { aggregator, saved, checkpointer } = setup();
    const take = aggregator.checkpointParts.bind(aggregator);
    aggregator.checkpointParts = () => {
      const until = performance.now() + 20;
      while (performance.now() < until); // a checkpoint that takes 20 ms to take
      return take();
    };
    aggregator.applyBatch([entry(stream, '1-0')]);
    await checkpointer.save();
    aggregator.applyBatch([entry(stream, '2-0')]);
    t += 1999; // past the 1 s interval, short of 100 × 20 ms
    await checkpointer.saveIfDue();
    expect(saved).toHaveLength(1);
    t += 60_000; // however long a loaded machine made those 20 ms, it was not 600
    await checkpointer.saveIfDue();
    expect(saved).toHaveLength(2);
  });

  it('checkpoints at most every CATCH_UP_CHECKPOINT_MS while catching up, and at the usual interval once caught up', async () => {
    const { aggregator, saved, checkpointer } = setup();
    aggregator.applyBatch([entry(stream, '1-0')]);
    await checkpointer.save();
    aggregator.applyBatch([entry(stream, '2-0')]);
    t += CATCH_UP_CHECKPOINT_MS - 1;
    await checkpointer.saveIfDue(true);
    expect(saved).toHaveLength(1);
    await checkpointer.saveIfDue(false);
    expect(saved).toHaveLength(2);
    aggregator.applyBatch([entry(stream, '3-0')]);
    t += CATCH_UP_CHECKPOINT_MS;
    await checkpointer.saveIfDue(true);
    expect(saved).toHaveLength(3);
  });

  it('remembers what the stored checkpoint covers, only once it is stored', async () => {
    let fail = false;
    const { aggregator, checkpointer } = setup(async () => {
      if (fail) throw new Error('lease lost');
    });
    expect(checkpointer.coveredCursor(stream)).toBeUndefined();
    aggregator.applyBatch([entry(stream, '1-0')]);
    await checkpointer.save();
    expect(checkpointer.coveredCursor(stream)).toBe('1-0');
    aggregator.applyBatch([entry(stream, '2-0')]);
    fail = true;
    await expect(checkpointer.save()).rejects.toThrow('lease lost');
    expect(checkpointer.coveredCursor(stream)).toBe('1-0');
  });

  it('writes a full checkpoint after one that failed, and changes only otherwise', async () => {
    let fail = false;
    const { aggregator, saved, checkpointer } = setup(async () => {
      if (fail) throw new Error('redis down');
    });
    aggregator.applyBatch([entry(stream, '1-0')]);
    await checkpointer.save();
    aggregator.applyBatch([entry(stream, '2-0')]);
    await checkpointer.save();
    fail = true;
    aggregator.applyBatch([entry(stream, '3-0')]);
    await expect(checkpointer.save()).rejects.toThrow('redis down');
    fail = false;
    await checkpointer.save();
    expect(saved.map((s) => s.full)).toEqual([true, false, true]);
  });
});

describe('StreamTrimmer', () => {
  const HOUR = 3600_000;
  let t = 0;
  function setup(covered: Record<string, string | null>) {
    const trimMinId = vi.fn(async (_stream: string, _minId: string) => 3);
    const { log, lines } = recordingLog();
    const trimmer = new StreamTrimmer(
      { streams: Object.keys(covered), retentionMs: HOUR, trimIntervalMs: 60_000 },
      { streams: { trimMinId }, checkpointed: (s) => covered[s], log, now: () => t },
    );
    return { trimMinId, trimmer, lines };
  }
  beforeEach(() => {
    t = T0;
  });

  it('trims by age where the checkpoint covers more than the retention', async () => {
    const { trimMinId, trimmer, lines } = setup({ s: `${T0 - 1000}-0` });
    await trimmer.trimIfDue();
    expect(trimMinId).toHaveBeenCalledWith('s', `${T0 - HOUR}-0`);
    expect(lines.find((l) => l.msg === 'trimmed stream')).toMatchObject({ stream: 's', removed: 3, olderThan: new Date(T0 - HOUR).toISOString() });
  });

  it('never trims past what the stored checkpoint covers', async () => {
    const { trimMinId, trimmer } = setup({ s: `${T0 - 2 * HOUR}-5` });
    await trimmer.trimIfDue();
    expect(trimMinId).toHaveBeenCalledWith('s', `${T0 - 2 * HOUR}-0`);
  });

  it('trims nothing of a stream no stored checkpoint covers yet', async () => {
    const { trimMinId, trimmer } = setup({ s: null, other: `${T0}-0` });
    await trimmer.trimIfDue();
    expect(trimMinId.mock.calls.map(([s]) => s)).toEqual(['other']);
  });

  it('trims at most once per interval', async () => {
    const { trimMinId, trimmer } = setup({ s: `${T0}-0` });
    await trimmer.trimIfDue();
    t += 59_999;
    await trimmer.trimIfDue();
    expect(trimMinId).toHaveBeenCalledTimes(1);
    t += 1;
    await trimmer.trimIfDue();
    expect(trimMinId).toHaveBeenCalledTimes(2);
  });
});
