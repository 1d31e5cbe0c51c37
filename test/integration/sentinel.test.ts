// Redis behind Sentinel (REDIS_SENTINELS, REDIS_MASTER_NAME), with Debian's redis-sentinel on
// loopback: a master, a replica, three sentinels. Kill the master under load: the server says its
// feed is down, follows the new master by itself, and counts every event that was replicated
// before the kill and every event after, exactly.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeArgs } from '../../server/core/events.js';
import type { Snapshot } from '../../server/contract/snapshot.js';
import { uniquePrefix, waitFor } from '../support/redis.js';
import { MASTER_NAME, startSentinelSet, type SentinelSet } from '../support/sentinel.js';
import { snapshotOf, spawnServer, type ChildServer } from '../support/server.js';
import { trafficBatch } from '../support/traffic.js';

const group = uniquePrefix('sentinel');
const stream = `${group}:events`;
let set: SentinelSet;
let server: ChildServer;
let producer: Redis;

beforeAll(async () => {
  set = await startSentinelSet();
  const dir = mkdtempSync(join(tmpdir(), 'wb-sentinel-config-'));
  const configFile = join(dir, 'wallboard.config.json');
  writeFileSync(configFile, JSON.stringify({ leaseMs: 3000 }));
  server = await spawnServer({ REDIS_SENTINELS: set.sentinels, REDIS_MASTER_NAME: MASTER_NAME, STREAM_KEYS: stream, CONSUMER_GROUP: group, CONFIG_FILE: configFile });
  producer = new Redis({
    sentinels: set.sentinels.split(',').map((s) => ({ host: '127.0.0.1', port: Number(s.split(':')[1]) })),
    name: MASTER_NAME,
    maxRetriesPerRequest: null,
  });
  producer.on('error', () => {});
}, 60_000);

afterAll(async () => {
  producer?.disconnect();
  await server?.kill();
  await set?.stop();
});

async function append(batch: number): Promise<void> {
  const p = producer.pipeline();
  for (const e of trafficBatch(batch, Date.now())) p.xadd(stream, '*', ...encodeArgs(e));
  await p.exec();
}

describe('Redis Sentinel failover', () => {
  it('follows the new master by itself, says so meanwhile, and loses nothing that was replicated', async () => {
    await append(0);
    await waitFor(async () => (await snapshotOf(server.url)).totals.arrived === 100, 'the first batch counted');
    // What an asynchronous replica holds: WAIT makes sure the batch reached it before the kill.
    expect(await producer.call('WAIT', '1', '2000')).toBe(1);
    const oldMaster = await set.masterPortNow();

    const feeds: Snapshot['feed'][] = [];
    let watching = true;
    const watch = (async () => {
      while (watching) {
        try {
          feeds.push((await snapshotOf(server.url)).feed);
        } catch {
          // the server answers even while Redis is away; a failed fetch is the test's own hiccup
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const killedAt = Date.now();
    await set.killMaster();
    await waitFor(async () => (await set.masterPortNow()) !== oldMaster, 'the sentinels to promote the replica', 20_000);
    const promotedAfter = Date.now() - killedAt;
    await append(1);
    const snap = await waitFor(
      async () => {
        const s = await snapshotOf(server.url);
        return s.totals.arrived === 200 && s.feed?.state === 'live' ? s : null;
      },
      'the server to count on the new master',
      20_000,
    );
    watching = false;
    await watch;
    expect(snap.ingest.applied).toBe(2 * trafficBatch(0, Date.now()).length); // every event of both batches, once
    // The screens were told: the feed was down (with the time of its data) before it was live again.
    expect(feeds.some((f) => f?.state === 'down')).toBe(true);
    expect(promotedAfter).toBeLessThan(20_000);
  }, 90_000);
});
