// The shared ingest writer on a real Redis: events and position in one transaction, a retried
// commit that had landed appends nothing, a second writer for the same source is refused, and
// what the schema would reject (or a full caller number) never reaches the stream.
import { describe, expect, it } from 'vitest';
import { createPositionWriter, PositionConflictError } from '../../server/ingest/position-writer.js';
import { parseSourceStatus, SourceReporter } from '../../server/ingest/source-status.js';
import { keys } from '../../server/redis/keys.js';
import { fieldsFromArray, type EventInput } from '../../server/core/events.js';
import { uniquePrefix, useTestRedis } from '../support/redis.js';

const suite = useTestRedis();

function writerFor(stream: string, source = 'pbx1') {
  let t = 1_000;
  const reporter = new SourceReporter({ source, adapter: 'queue-log', now: () => t, host: 'test', pid: 1 });
  const redis = suite.client.duplicate();
  return { writer: createPositionWriter({ redis, stream, reporter }), reporter, redis, tick: (ms: number) => (t += ms) };
}

const arrived = (callId: string, ts: number, caller?: string): EventInput => ({ type: 'call.arrived', callId, ts, ...(caller ? { caller } : {}) });

describe('position writer', () => {
  it('appends a batch and its position together, and a retry of a landed commit appends nothing', async () => {
    const stream = uniquePrefix('events');
    const { writer, redis } = writerFor(stream);
    expect(await writer.readPosition()).toBeNull();
    expect(await writer.commit({ events: [arrived('pbx1:1', 10), arrived('pbx1:2', 20)], from: null, to: 'g0:100' })).toBe('written');
    expect(await writer.readPosition()).toBe('g0:100');
    // The reply was lost and the adapter retries the same commit: it must not append again.
    expect(await writer.commit({ events: [arrived('pbx1:1', 10), arrived('pbx1:2', 20)], from: null, to: 'g0:100' })).toBe('already');
    expect(await suite.client.xlen(stream)).toBe(2);
    expect(await writer.commit({ events: [arrived('pbx1:3', 30)], from: 'g0:100', to: 'g0:150' })).toBe('written');
    expect(await suite.client.xlen(stream)).toBe(3);
    redis.disconnect();
  });

  it('counts a batch it finds already landed, whose first reply was lost and never counted', async () => {
    const stream = uniquePrefix('events');
    // The attempt whose reply was lost, as far as the retrying writer knows: it landed, uncounted.
    const lost = writerFor(stream);
    await lost.writer.commit({ events: [arrived('pbx1:1', 10), arrived('pbx1:2', 20)], from: null, to: 'g0:1' });
    const retrying = writerFor(stream);
    expect(await retrying.writer.commit({ events: [arrived('pbx1:1', 10), arrived('pbx1:2', 20)], from: null, to: 'g0:1' })).toBe('already');
    expect(retrying.reporter.current).toMatchObject({ events: 2, lastEventTs: 20 });
    expect(await suite.client.xlen(stream)).toBe(2);
    lost.redis.disconnect();
    retrying.redis.disconnect();
  });

  it('refuses a commit from a position another writer has moved', async () => {
    const stream = uniquePrefix('events');
    const a = writerFor(stream);
    const b = writerFor(stream);
    await a.writer.commit({ events: [arrived('pbx1:1', 10)], from: null, to: 'g0:10' });
    await b.writer.commit({ events: [arrived('pbx1:2', 20)], from: 'g0:10', to: 'g0:20' });
    await expect(a.writer.commit({ events: [arrived('pbx1:3', 30)], from: 'g0:10', to: 'g0:30' })).rejects.toBeInstanceOf(PositionConflictError);
    expect(await suite.client.xlen(stream)).toBe(2);
    a.redis.disconnect();
    b.redis.disconnect();
  });

  it('masks callers, skips what the schema rejects with the reason, and publishes the source status', async () => {
    const stream = uniquePrefix('events');
    const { writer, redis } = writerFor(stream);
    const bad = { type: 'call.queued', callId: 'pbx1:9', queue: '', ts: 40 } as EventInput;
    await writer.commit({ events: [arrived('pbx1:1', 10, '13812345678'), bad, arrived('pbx1:2', 50)], from: null, to: 'g0:1' });
    const entries = await suite.client.xrange(stream, '-', '+');
    expect(entries.map(([, f]) => fieldsFromArray(f))).toEqual([
      { v: '1', type: 'call.arrived', callId: 'pbx1:1', ts: '10', caller: '138****5678' },
      { v: '1', type: 'call.arrived', callId: 'pbx1:2', ts: '50' },
    ]);
    await writer.publishStatus();
    const raw = await suite.client.hget(keys.ingestSources(stream), 'pbx1/queue-log');
    const status = parseSourceStatus(raw!);
    expect(status).toMatchObject({ source: 'pbx1', adapter: 'queue-log', events: 2, lastEventTs: 50 });
    expect(status!.skipped).toEqual({ 'invalid call.queued: field "queue": must not be empty': 1 });
    redis.disconnect();
  });
});

describe('ingest keys', () => {
  it('share the stream key hash slot, so one MULTI may hold them', async () => {
    for (const stream of ['wallboard:events', 'wallboard:events:{q1}']) {
      const slot = async (key: string) => Number(await suite.client.call('CLUSTER', 'KEYSLOT', key).catch(() => null));
      // CLUSTER KEYSLOT works on a non-cluster server too.
      expect(await slot(keys.ingestPosition(stream, 'pbx1', 'ami'))).toBe(await slot(stream));
      expect(await slot(keys.ingestSources(stream))).toBe(await slot(stream));
      expect(await slot(keys.ingestIdempotency(stream, 'k'))).toBe(await slot(stream));
    }
  });
});

describe('position writer across dropped connections', () => {
  it('appends every batch exactly once when its connection is killed at random moments mid-commit', async () => {
    const stream = uniquePrefix('events');
    const { writer, reporter, redis } = writerFor(stream);
    redis.on('error', () => undefined);
    const killer = suite.client.duplicate();
    const BATCHES = 30;
    const SIZE = 1000;
    let from: string | null = null;
    let kills = 0;
    for (let batch = 0; batch < BATCHES; batch++) {
      const events = Array.from({ length: SIZE }, (_, i) => arrived(`pbx1:${batch}-${i}`, 1000 + batch));
      const to = `g0:${batch}`;
      const id = String(await redis.client('ID'));
      const attempt = writer.commit({ events, from, to });
      // Kill the writer's connection while the batch is on its way, in Redis, or its reply on the way back.
      await new Promise((r) => setTimeout(r, Math.random() * 8));
      kills += Number(await killer.client('KILL', 'ID', id).catch(() => 0));
      // ioredis sends an unanswered command again after it reconnects: the batch may run twice.
      let outcome = await attempt.catch(() => null);
      for (let tries = 0; outcome === null; tries++) {
        if (tries > 50) throw new Error(`batch ${batch} never committed`);
        outcome = await writer.commit({ events, from, to }).catch(() => null);
      }
      from = to;
    }
    expect(kills).toBeGreaterThan(BATCHES / 2);
    const callIds = (await suite.client.xrange(stream, '-', '+')).map(([, f]) => fieldsFromArray(f)['callId']);
    expect(new Set(callIds).size).toBe(BATCHES * SIZE);
    expect(callIds).toHaveLength(BATCHES * SIZE);
    // Counted once each on the board too, whether its reply came back or a resend found it landed.
    expect(reporter.current.events).toBe(BATCHES * SIZE);
    killer.disconnect();
    redis.disconnect();
  });
});
