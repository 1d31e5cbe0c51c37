// A PBX bug or a hostile producer on the stream, through the real server and a real Redis: bad
// entries are dead-lettered with their reasons and cut to size, the board keeps counting, nothing
// from before the call expiry enters the live state, and no full phone number is stored anywhere.
import type { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeArgs, type EventInput } from '../../server/core/events.js';
import type { RunningServer } from '../../server/create-server.js';
import { createDeadLetterSink } from '../../server/redis/dead-letters.js';
import { keys } from '../../server/redis/keys.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { snapshotOf, startTestServer } from '../support/server.js';
import { zoneNearNoon } from '../support/zone-near-noon.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';

const suite = useTestRedis();
const running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.stop();
});

const HOUR = 3600_000;
// The full numbers a producer put into the stream: none may come out whole.
const NUMBERS = ['13812345678', '13912345678', '13712345678', '13612345678', '13512345678', '13412345678', '13312345678'];

/** Every value of every key (strings, hashes, lists, sets, sorted sets, streams) but `except`. */
async function everyStoredValue(redis: Redis, except: string): Promise<string[]> {
  const out: string[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'COUNT', 1000);
    cursor = next;
    for (const key of found) {
      if (key === except) continue;
      out.push(key);
      const type = await redis.type(key);
      if (type === 'string') out.push((await redis.get(key)) ?? '');
      else if (type === 'hash') out.push(...Object.entries(await redis.hgetall(key)).flat());
      else if (type === 'list') out.push(...(await redis.lrange(key, 0, -1)));
      else if (type === 'set') out.push(...(await redis.smembers(key)));
      else if (type === 'zset') out.push(...(await redis.zrange(key, 0, -1)));
      else if (type === 'stream') for (const [, fields] of await redis.xrange(key, '-', '+')) out.push(...fields);
      else throw new Error(`key ${key} of type ${type} not read`);
    }
  } while (cursor !== '0');
  return out;
}

describe('hostile and oversized input on the stream', () => {
  it('dead-letters oversized entries with the reason, keeps ancient ones out of the live state, masks numbers, and keeps counting', async () => {
    const prefix = uniquePrefix('hostile');
    const stream = `${prefix}:events`;
    // The events reach an hour back: judged in a zone where that is never across midnight.
    const server = await startTestServer(suite.redis.url, { streams: [stream], group: prefix, core: { ...DEFAULT_CORE_CONFIG, timeZone: zoneNearNoon(Date.now()) } });
    running.push(server);
    await waitFor(() => server.consumer.status.role === 'active', 'the consumer to become active');
    const now = Date.now();
    const raw = (...fields: string[]) => suite.client.xadd(stream, '*', 'v', '1', ...fields);
    const add = (event: EventInput) => suite.client.xadd(stream, '*', ...encodeArgs(event));

    await raw('type', 'agent.state', 'ts', String(now), 'agentId', 'big1', 'state', 'available', 'queues', 'q'.repeat(1_000_000));
    await raw('type', 'agent.state', 'ts', String(now), 'agentId', 'big2', 'state', 'available', 'queues', Array.from({ length: 5000 }, (_, i) => `q${i}`).join(','));
    await raw('type', 'agent.state', 'ts', String(now), 'agentId', 'big3', 'state', 'available', 'queues', `billing,${'q'.repeat(129)}`);
    await raw('type', 'call.queued', 'ts', '0', 'callId', 'epoch0', 'queue', 'billing');
    await raw('type', 'call.arrived', 'ts', String(now), 'caller', `+86 ${NUMBERS[0]}`, 'note', `call ${NUMBERS[1]}`); // no callId
    await raw('type', 'agent.state', 'ts', String(now), 'agentId', 'a2', 'state', 'paused', 'reason', `${NUMBERS[2]} `.repeat(30)); // over 256
    await raw('type', `call.${NUMBERS[3]}`, 'ts', String(now), 'callId', 'x');
    // Valid entries: numbers in free text are masked on the way in; an hour-old call is kept, one from yesterday past the call expiry is not.
    await add({ type: 'agent.state', ts: now, agentId: 'a1', state: 'paused', name: `Li ${NUMBERS[4]}`, reason: `call back ${NUMBERS[5]}` });
    await add({ type: 'call.arrived', ts: now, callId: 'pbx1:1700000000.42', caller: NUMBERS[6] });
    await add({ type: 'call.queued', ts: now - 26 * HOUR, callId: 'stale', queue: 'billing' });
    await add({ type: 'call.queued', ts: now - HOUR, callId: 'hour', queue: 'billing' });
    await add({ type: 'call.queued', ts: now, callId: 'ok1', queue: 'billing' });

    const snap = await waitFor(async () => {
      const s = await snapshotOf(server.url);
      return s.totals.waiting === 2 && s.ingest.deadLettered === 6 ? s : null;
    }, 'the valid events to count');
    expect(snap.ingest.lateDropped).toBe(2); // the call at epoch 0 and yesterday's
    expect(snap.totals.longestWaitMs).toBeGreaterThanOrEqual(HOUR);
    expect(snap.totals.longestWaitMs).toBeLessThan(HOUR + 5 * 60_000); // not 26 h, not 56 years
    expect(JSON.stringify(snap)).not.toContain('epoch0');
    expect(snap.agentList).toEqual([expect.objectContaining({ id: 'a1', name: 'Li 135****5678', reason: 'call back 134****5678' })]);

    const dead = await suite.client.xrange(keys.deadLetters(stream), '-', '+');
    const field = (f: string[], name: string) => f[f.indexOf(name) + 1]!;
    expect(dead.map(([, f]) => field(f, 'reason'))).toEqual([
      'field "queues": longer than 100 queue ids',
      'field "queues": longer than 100 queue ids', // 5,000 queues: refused before the split
      'field "queues.1": longer than 128 characters',
      'missing field "callId"',
      'field "reason": longer than 256 characters',
      'unknown type "call.136****5678"',
    ]);
    for (const [, f] of dead) expect(f.join('').length).toBeLessThan(2048); // each stored field cut to 1 KB
    expect(JSON.parse(field(dead[3]![1], 'fields'))).toMatchObject({ caller: '861******5678', note: 'call 139****5678' });

    await waitFor(async () => ((await suite.client.xpending(stream, prefix)) as [number])[0] === 0, 'every entry to be acknowledged');
    const checkpointed = await waitFor(async () => {
      const values = await everyStoredValue(suite.client, stream);
      return values.some((v) => v.includes('134****5678')) ? values : null;
    }, 'the checkpoint to hold the masked pause reason');
    for (const number of NUMBERS) {
      expect(checkpointed.filter((v) => v.includes(number))).toEqual([]);
      expect(JSON.stringify(snap)).not.toContain(number);
    }
  });

  it('dead-letters each bad entry once: written again after a crash before the checkpoint, it is not repeated', async () => {
    const stream = `${uniquePrefix('dead-once')}:events`;
    const sink = createDeadLetterSink(suite.client, 1000);
    const bad = (id: string) => ({ stream, id, fields: { v: '1', type: 'call.teleported' }, reason: 'unknown type "call.teleported"' });
    await sink.write([bad('1795400000000-0'), bad('1795400000000-1')]);
    // The server died before its checkpoint: the same entries are refused again, with one more after them.
    await sink.write([bad('1795400000000-0'), bad('1795400000000-1'), bad('1795400000001-0')]);
    const dead = await suite.client.xrange(keys.deadLetters(stream), '-', '+');
    expect(dead.map(([id]) => id)).toEqual(['1795400000000-0', '1795400000000-1', '1795400000001-0']);
    // Any other failure still fails the write.
    await suite.client.set(keys.deadLetters(`${stream}2`), 'not a stream');
    await expect(sink.write([{ ...bad('1795400000002-0'), stream: `${stream}2` }])).rejects.toThrow(/WRONGTYPE/);
  });
});
