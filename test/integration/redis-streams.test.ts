// The streams client's replies, normalised, against a real redis-server: what the consumer's
// duties get back for a new, an empty, a missing and a vanished group or stream.
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createIoredisBlockingClient, createIoredisStreamsClient } from '../../server/redis/ioredis-streams-client.js';
import type { RawEntry } from '../../server/aggregator.js';
import type { StreamsClient } from '../../server/redis/streams-client.js';
import { uniquePrefix, useTestRedis } from '../support/redis.js';

const suite = useTestRedis();
const client = (): StreamsClient => createIoredisStreamsClient(suite.client);

async function add(stream: string, ...fieldLists: string[][]): Promise<string[]> {
  const ids: string[] = [];
  for (const fields of fieldLists) ids.push((await suite.client.xadd(stream, '*', ...fields))!);
  return ids;
}

describe('group lifecycle', () => {
  it('creates a group (and its stream) once; a second create says it existed', async () => {
    const stream = uniquePrefix('create');
    const streams = client();
    expect(await streams.createGroup(stream, 'g')).toBe(true);
    expect(await suite.client.exists(stream)).toBe(1);
    expect(await streams.createGroup(stream, 'g')).toBe(false);
  });

  it('reports "0-0" for a new group on an empty stream, then the last ID it handed out', async () => {
    const stream = uniquePrefix('delivered');
    const streams = client();
    await streams.createGroup(stream, 'g');
    expect(await streams.lastDeliveredId(stream, 'g')).toBe('0-0');
    const [, second] = await add(stream, ['n', '1'], ['n', '2']);
    await suite.client.xreadgroup('GROUP', 'g', 'c', 'COUNT', 10, 'STREAMS', stream, '>');
    expect(await streams.lastDeliveredId(stream, 'g')).toBe(second);
  });

  it('reports null for a group that vanished, and for a stream that is gone', async () => {
    const stream = uniquePrefix('vanished');
    const streams = client();
    await streams.createGroup(stream, 'g');
    await streams.createGroup(stream, 'other');
    await suite.client.xgroup('DESTROY', stream, 'g');
    expect(await streams.lastDeliveredId(stream, 'g')).toBeNull();
    expect(await streams.lastDeliveredId(stream, 'other')).toBe('0-0');
    await suite.client.del(stream);
    expect(await streams.lastDeliveredId(stream, 'other')).toBeNull();
  });

  it('moves the group past an ID so its next read starts after it', async () => {
    const stream = uniquePrefix('setid');
    const streams = client();
    await streams.createGroup(stream, 'g');
    const [first, second] = await add(stream, ['n', '1'], ['n', '2']);
    await streams.setGroupId(stream, 'g', first!);
    expect(await streams.lastDeliveredId(stream, 'g')).toBe(first);
    const reader = createIoredisBlockingClient(new Redis(suite.redis.url));
    try {
      const [batch] = await reader.readGroup('g', 'c', [stream], 10, 100);
      expect(batch?.ids).toEqual([second]);
    } finally {
      reader.disconnect();
    }
  });
});

describe('reading by range', () => {
  it('returns nothing, and no first entry, for an empty or a missing stream', async () => {
    const stream = uniquePrefix('empty');
    const streams = client();
    expect(await streams.range(stream, null, '+', 10)).toEqual([]);
    expect(await streams.firstEntryId(stream)).toBeNull();
    await streams.createGroup(stream, 'g'); // MKSTREAM: exists, holds nothing
    expect(await suite.client.exists(stream)).toBe(1);
    expect(await streams.range(stream, null, '+', 10)).toEqual([]);
    expect(await streams.firstEntryId(stream)).toBeNull();
  });

  it('gives entries after `after` (exclusive) up to `until` (inclusive), at most `count`, fields as a record', async () => {
    const stream = uniquePrefix('range');
    const streams = client();
    const ids = await add(stream, ['type', 'a', 'n', '1'], ['type', 'b', 'n', '1', 'n', '2'], ['type', 'c'], ['type', 'd']);
    expect(await streams.firstEntryId(stream)).toBe(ids[0]);
    expect(await streams.range(stream, null, ids[1]!, 10)).toEqual([
      { stream, id: ids[0], fields: { type: 'a', n: '1' } },
      // A field sent twice keeps its last value.
      { stream, id: ids[1], fields: { type: 'b', n: '2' } },
    ]);
    expect((await streams.range(stream, ids[0]!, '+', 10)).map((e) => e.id)).toEqual(ids.slice(1));
    expect((await streams.range(stream, ids[0]!, '+', 2)).map((e) => e.id)).toEqual(ids.slice(1, 3));
    expect(await streams.range(stream, ids[3]!, '+', 10)).toEqual([]);
  });
});

describe('pending entries', () => {
  it('claims every pending entry, page by page, and says when there are no more', async () => {
    const stream = uniquePrefix('claim');
    const streams = client();
    await streams.createGroup(stream, 'g');
    const ids = await add(stream, ['n', '1'], ['n', '2'], ['n', '3']);
    await suite.client.xreadgroup('GROUP', 'g', 'dead', 'COUNT', 10, 'STREAMS', stream, '>');
    const first = await streams.claimPending(stream, 'g', 'me', '0-0', 2);
    expect(first.ids).toEqual(ids.slice(0, 2));
    expect(first.next).not.toBeNull();
    const second = await streams.claimPending(stream, 'g', 'me', first.next!, 2);
    expect(second).toEqual({ ids: ids.slice(2), next: null });
    const pending = (await suite.client.xpending(stream, 'g', '-', '+', 10)) as [string, string][];
    expect(pending.map(([id, consumer]) => [id, consumer])).toEqual(ids.map((id) => [id, 'me']));
  });

  it('claims nothing from a group without pending entries', async () => {
    const stream = uniquePrefix('claim-none');
    const streams = client();
    await streams.createGroup(stream, 'g');
    expect(await streams.claimPending(stream, 'g', 'me', '0-0', 10)).toEqual({ ids: [], next: null });
  });

  it('acknowledges the given entries, and nothing at all without a command', async () => {
    const stream = uniquePrefix('ack');
    const streams = client();
    await streams.createGroup(stream, 'g');
    const ids = await add(stream, ['n', '1'], ['n', '2']);
    await suite.client.xreadgroup('GROUP', 'g', 'c', 'COUNT', 10, 'STREAMS', stream, '>');
    await streams.ack(stream, 'g', []);
    await streams.ack(stream, 'g', ids.slice(0, 1));
    const [count] = (await suite.client.xpending(stream, 'g')) as [number];
    expect(count).toBe(1);
  });
});

describe('blocking group reads', () => {
  const readers: Redis[] = [];
  const reader = () => {
    const connection = new Redis(suite.redis.url);
    readers.push(connection);
    return createIoredisBlockingClient(connection);
  };
  afterEach(() => {
    for (const r of readers.splice(0)) r.disconnect();
  });

  it('returns no batches when BLOCK runs out on an empty stream', async () => {
    const stream = uniquePrefix('block-empty');
    await client().createGroup(stream, 'g');
    expect(await reader().readGroup('g', 'c', [stream], 10, 50)).toEqual([]);
  });

  it('returns new entries per stream, fields as a record, with every ID to acknowledge', async () => {
    const a = uniquePrefix('read-a');
    const b = uniquePrefix('read-b');
    const streams = client();
    await streams.createGroup(a, 'g');
    await streams.createGroup(b, 'g');
    const [a1, a2] = await add(a, ['type', 'x'], ['type', 'y', 'k', 'v']);
    const batches = await reader().readGroup('g', 'c', [a, b], 10, 50);
    expect(batches).toEqual([
      {
        stream: a,
        entries: [
          { stream: a, id: a1, fields: { type: 'x' } },
          { stream: a, id: a2, fields: { type: 'y', k: 'v' } },
        ],
        ids: [a1, a2],
      },
    ]);
    const [b1] = await add(b, ['type', 'z']);
    expect(await reader().readGroup('g', 'c', [a, b], 10, 50)).toEqual([{ stream: b, entries: [{ stream: b, id: b1, fields: { type: 'z' } }], ids: [b1] }]);
  });

  it('reads at most `count` entries per stream', async () => {
    const stream = uniquePrefix('read-count');
    await client().createGroup(stream, 'g');
    const ids = await add(stream, ['n', '1'], ['n', '2'], ['n', '3']);
    const [batch] = await reader().readGroup('g', 'c', [stream], 2, 50);
    expect(batch?.ids).toEqual(ids.slice(0, 2));
  });

  it('reads without acknowledgement when asked: the group moves past the entries and none is pending', async () => {
    const stream = uniquePrefix('read-noack');
    await client().createGroup(stream, 'g');
    const ids = await add(stream, ['n', '1'], ['n', '2'], ['n', '3']);
    const [first] = await reader().readGroup('g', 'c', [stream], 2, 50, true);
    expect(first?.ids).toEqual(ids.slice(0, 2));
    expect(((await suite.client.xpending(stream, 'g')) as [number])[0]).toBe(0);
    expect(await client().lastDeliveredId(stream, 'g')).toBe(ids[1]);
    const [second] = await reader().readGroup('g', 'c', [stream], 2, 50);
    expect(second?.ids).toEqual(ids.slice(2));
    expect(((await suite.client.xpending(stream, 'g')) as [number])[0]).toBe(1);
  });

  // Reads while behind come packed by Redis (packed-entries.ts): they must give exactly what the plain reply gives.
  it('gives the same entries read without acknowledgement (packed) as read plainly, whatever the text', async () => {
    const a = uniquePrefix('packed-a');
    const b = uniquePrefix('packed-b');
    const streams = client();
    for (const s of [a, b]) for (const g of ['plain', 'packed']) await suite.client.xgroup('CREATE', s, g, '0', 'MKSTREAM');
    const lengths = [0, 1, 12, 13, 31, 32, 255, 256, 65535, 65536];
    await add(a, ['type', 'x', 'v', '1'], ...lengths.map((n) => ['type', 'long', 'text', 'y'.repeat(n)]));
    await add(a, ['name', '张伟 Zhāng', '队列', 'vip,技术'], ['type', 'twice', 'n', '1', 'n', '2'], ['', '']);
    // Bytes that are not UTF-8: both ways decode them as ioredis decodes any reply.
    await suite.client.xadd(a, '*', 'raw', Buffer.from([0x61, 0xff, 0xc3, 0x28, 0x62]));
    await add(b, ['type', 'z']);
    const plain = await reader().readGroup('plain', 'c', [a, b], 100, 50);
    const packed = await reader().readGroup('packed', 'c', [a, b], 100, 50, true);
    expect(packed.map((batch) => batch.entries.length)).toEqual([lengths.length + 5, 1]);
    expect(packed).toEqual(plain);
    expect(packed[0]!.entries.find((e) => e.fields['name'])?.fields).toEqual({ name: '张伟 Zhāng', 队列: 'vip,技术' });
    // And by range, as recovery replays.
    expect(await streams.range(a, null, '+', 100)).toEqual(plain[0]!.entries);
  });

  // Short ids and words come from a table of shared strings (packed-entries.ts): more of them than it has slots, each read
  // several times and over several replies, so that slots collide with strings of the same length that differ.
  it('gives the same recurring ids packed as plain, more of them than the table of shared strings holds', async () => {
    const stream = uniquePrefix('packed-shared');
    for (const g of ['plain', 'packed']) await suite.client.xgroup('CREATE', stream, g, '0', 'MKSTREAM');
    const pipeline = suite.client.pipeline();
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 6000; i++) {
        const id = `c${String((i * 7919 + round) % 6000).padStart(5, '0')}`;
        pipeline.xadd(stream, '*', 'type', 'call.queued', 'callId', id, 'queue', `q${i % 97}`, 'caller', id.slice(1), 'name', `Agent ${i % 13}`);
      }
    }
    await pipeline.exec();
    const read = async (group: string, packed: boolean) => {
      const entries: RawEntry[] = [];
      for (;;) {
        const batches = await reader().readGroup(group, 'c', [stream], 1000, 50, packed);
        if (batches.length === 0) return entries;
        entries.push(...batches.flatMap((batch) => batch.entries));
      }
    };
    const plain = await read('plain', false);
    expect(plain).toHaveLength(18_000);
    expect(await read('packed', true)).toEqual(plain);
  });

  it('returns no batches from a packed read with nothing new, without waiting', async () => {
    const stream = uniquePrefix('packed-empty');
    await client().createGroup(stream, 'g');
    const started = Date.now();
    expect(await reader().readGroup('g', 'c', [stream], 10, 5000, true)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('fails a read in flight when disconnected', async () => {
    const stream = uniquePrefix('read-drop');
    await client().createGroup(stream, 'g');
    const connection = new Redis(suite.redis.url, { maxRetriesPerRequest: 1, autoResendUnfulfilledCommands: false });
    readers.push(connection);
    const blocking = createIoredisBlockingClient(connection);
    await connection.ping();
    const read = blocking.readGroup('g', 'c', [stream], 10, 5000);
    blocking.disconnect();
    await expect(read).rejects.toThrow();
  });
});

describe('trimming', () => {
  it('removes entries older than the minimum ID and says how many; a missing stream loses none', async () => {
    const stream = uniquePrefix('trim');
    const streams = client();
    // '~' trims whole nodes only; small nodes let a short stream show it.
    await suite.client.config('SET', 'stream-node-max-entries', '2');
    try {
      for (let ms = 1; ms <= 6; ms++) await suite.client.xadd(stream, `${ms}-1`, 'n', String(ms));
      expect(await streams.trimMinId(stream, '5-0')).toBe(4);
      expect(await streams.firstEntryId(stream)).toBe('5-1');
    } finally {
      await suite.client.config('SET', 'stream-node-max-entries', '100');
    }
    expect(await streams.trimMinId(uniquePrefix('trim-missing'), '3-0')).toBe(0);
  });

  it('trims approximately: a node that still holds a younger entry stays whole', async () => {
    const stream = uniquePrefix('trim-approx');
    const streams = client();
    for (let ms = 1; ms <= 6; ms++) await suite.client.xadd(stream, `${ms}-1`, 'n', String(ms));
    expect(await streams.trimMinId(stream, '5-0')).toBe(0);
    expect(await streams.firstEntryId(stream)).toBe('1-1');
  });
});
