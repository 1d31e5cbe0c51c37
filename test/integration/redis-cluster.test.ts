// Redis Cluster (REDIS_CLUSTER_NODES) with three masters on loopback: the server reads the stream,
// dead-letters, checkpoints, keeps its lease, users, sessions and the HTTP ingest's keys on the
// Cluster, and a restart resumes from the checkpoint. The stream keeps the contract's default name
// (no hash tag), so an existing deployment's key works as it is; the group's keys, the stream and
// its dead letters are on three different masters (the first test checks), and the server is given
// only the third master's address, so every part must follow the slots.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_STREAM_KEY } from '../../server/contract/constants.js';
import { encodeArgs } from '../../server/core/events.js';
import { silentLogger } from '../../server/log.js';
import { connectRedis, duplicateConnection, type RedisTarget } from '../../server/redis/connection.js';
import { keys } from '../../server/redis/keys.js';
import { startRedisCluster, type TestRedisCluster } from '../support/redis-cluster.js';
import { waitFor } from '../support/redis.js';
import { ADMIN_AUTH, connectClient, getJson, snapshotOf, spawnServer, type ChildServer, type WallboardClient } from '../support/server.js';
import { signIn } from '../support/sign-in.js';
import { trafficBatch } from '../support/traffic.js';

// {cluster-test} hashes to slot 14783, "wallboard:events" to 4953, "wallboard:events:dead" to 8893:
// one per master of a three-master cluster (slots 0-5460, 5461-10922, 10923-16383).
const group = 'cluster-test';
const stream = DEFAULT_STREAM_KEY;
const perBatch = trafficBatch(0, 0).length;
const INGEST_TOKEN = 'cluster-ingest-token-0123456789';

let cluster: TestRedisCluster;
let producer: Cluster;
let server: ChildServer | null = null;
let client: WallboardClient | null = null;
let env: Record<string, string>;

beforeAll(async () => {
  cluster = await startRedisCluster();
  producer = new Cluster(cluster.ports.map((port) => ({ host: '127.0.0.1', port })));
  producer.on('error', () => {});
  const configFile = join(mkdtempSync(join(tmpdir(), 'wb-cluster-config-')), 'wallboard.config.json');
  writeFileSync(configFile, JSON.stringify({ checkpointIntervalMs: 200, leaseMs: 3000 }));
  // One node, the master of neither the stream nor the group's keys: the server learns the rest from
  // it. REDIS_URL empty: the Cluster is the only Redis, and no private one may start.
  const seed = await cluster.portOf(keys.deadLetters(stream));
  env = { REDIS_CLUSTER_NODES: `127.0.0.1:${seed}`, REDIS_URL: '', CONSUMER_GROUP: group, CONFIG_FILE: configFile, WALLBOARD_INGEST_TOKEN: INGEST_TOKEN };
  server = await spawnServer(env);
}, 40_000);

afterAll(async () => {
  client?.close();
  producer?.disconnect();
  await server?.kill();
  await cluster?.stop();
});

async function append(batch: number): Promise<void> {
  const pipeline = producer.pipeline();
  for (const e of trafficBatch(batch, Date.now())) pipeline.xadd(stream, '*', ...encodeArgs(e));
  await pipeline.exec();
}

describe('Redis Cluster', () => {
  it('starts no private Redis beside the Cluster', () => {
    expect(server!.output()).toContain('"msg":"listening"');
    expect(server!.output()).not.toContain('private redis-server');
  });

  it('spreads the stream, its dead letters and the group keys over three masters', async () => {
    const masters = await Promise.all([stream, keys.deadLetters(stream), keys.checkpoint(group)].map((k) => cluster.portOf(k)));
    expect(new Set(masters).size).toBe(3);
    // Everything one script or MULTI writes together shares the group's slot.
    const groupSlot = await cluster.slotOf(keys.checkpoint(group));
    for (const key of [keys.checkpointCalls(group), keys.lease(group), keys.sessions(group), keys.auth(group, 'users'), keys.loginThrottle(group)])
      expect(await cluster.slotOf(key)).toBe(groupSlot);
  });

  it('counts the events appended through the Cluster on a connected screen, dead-letters a malformed one, and checkpoints', async () => {
    client = connectClient(server!.url);
    await append(0);
    const badId = await producer.xadd(stream, '*', 'type', 'call.arrived', 'ts', 'not-a-time', 'callId', 'bad-1');
    const snap = await waitFor(() => {
      const s = client!.current();
      return s?.totals.arrived === 100 && s.ingest.deadLettered === 1 ? s : null;
    }, 'the screen to show the batch and the dead letter');
    expect(snap.ingest.applied).toBe(perBatch);
    const dead = await producer.xrange(keys.deadLetters(stream), '-', '+');
    expect(dead.map(([id]) => id)).toEqual([badId]);
    expect(dead[0]![1]).toContain('sourceStream');
    const checkpoint = await waitFor(async () => {
      const core = await producer.get(keys.checkpoint(group));
      return core?.includes(badId!) ? core : null;
    }, 'a checkpoint covering the malformed entry');
    expect(checkpoint.length).toBeGreaterThan(0);
    expect(await producer.hlen(keys.checkpointCalls(group))).toBeGreaterThan(0);
    expect(await producer.get(keys.lease(group))).toMatch(/\//);
    // XINFO GROUPS names its key where ioredis does not look for one: it must still reach the stream's master.
    const series = (text: string, name: string) =>
      text
        .split('\n')
        .find((l) => l.startsWith(`${name}{stream="${stream}"} `))
        ?.split(' ')[1];
    const metrics = await waitFor(async () => {
      const text = await (await fetch(`${server!.url}/metrics`, { headers: ADMIN_AUTH })).text();
      return series(text, 'wallboard_stream_pending') === '0' ? text : null;
    }, 'the scrape to read the group from the stream master');
    expect(series(metrics, 'wallboard_stream_lag')).toBe('0');
  });

  it('serves the same counts from a second node that follows the stream on its own Cluster connection', async () => {
    const follower = await spawnServer(env);
    try {
      expect((await getJson<{ role: string }>(`${follower.url}/healthz`)).body.role).toBe('following');
      await append(2);
      const [ours, theirs] = await waitFor(async () => {
        const both = await Promise.all([snapshotOf(server!.url), snapshotOf(follower.url)]);
        return both.every((s) => s.totals.arrived === 200) ? both : null;
      }, 'both nodes to count the second batch');
      // The counts, not the waits: the two snapshots are taken a moment apart.
      const counts = (s: typeof ours) => ({ ...s.totals, longestWaitMs: null });
      expect(counts(theirs)).toEqual(counts(ours));
      expect(theirs.ingest.deadLettered).toBe(1);
      expect(theirs.ingest.applied).toBe(2 * perBatch);
    } finally {
      await follower.kill('SIGTERM');
    }
  });

  it('signs a user in with a session kept on the group master, and the session opens a screen', async () => {
    const session = await signIn(server!.url);
    const me = await getJson<{ principal: { kind: string; name: string } }>(`${server!.url}/api/v1/session`, { cookie: session.cookie });
    expect(me.status).toBe(200);
    expect(me.body.principal).toMatchObject({ kind: 'user', name: session.name });
    const master = new Redis({ host: '127.0.0.1', port: await cluster.portOf(keys.sessions(group)) });
    try {
      expect((await master.keys(`${keys.sessions(group)}*`)).length).toBeGreaterThan(0);
    } finally {
      master.disconnect();
    }
    const screen = connectClient(server!.url, {}, { cookie: session.cookie });
    try {
      const snap = await waitFor(() => screen.current(), 'a snapshot for the signed-in user');
      expect(snap.totals.arrived).toBe(200);
    } finally {
      screen.close();
    }
  });

  it('appends through the HTTP ingest once per Idempotency-Key, its key beside the stream, the caller masked', async () => {
    const body = JSON.stringify([{ type: 'call.arrived', callId: 'http-1', ts: Date.now(), caller: '+86 138 1234 5678' }]);
    const post = () =>
      fetch(`${server!.url}/api/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_TOKEN}`, 'idempotency-key': 'cluster-1' },
        body,
      });
    const first = await post();
    expect(first.status).toBe(200);
    expect(((await first.json()) as { accepted: number }).accepted).toBe(1);
    expect((await post()).status).toBe(200); // the same key again: answered from Redis, not appended
    await waitFor(async () => (await snapshotOf(server!.url)).totals.arrived === 201, 'the HTTP event counted');
    expect(await producer.xlen(stream)).toBe(2 * perBatch + 2);
    const idempotency = await waitFor(async () => {
      const master = new Redis({ host: '127.0.0.1', port: await cluster.portOf(stream) });
      try {
        return (await master.keys('wallboard:ingest:*')).filter((k) => k.includes(':idempotency:'));
      } finally {
        master.disconnect();
      }
    }, 'the idempotency key on the stream master');
    expect(idempotency).toHaveLength(1);
    expect(JSON.stringify(await producer.xrange(stream, '-', '+'))).not.toContain('13812345678');
  });

  it('makes duplicate connections for pub/sub on the Cluster, under their own names', async () => {
    const target: RedisTarget = { kind: 'cluster', nodes: [{ host: '127.0.0.1', port: cluster.ports[0]! }] };
    const options = { log: silentLogger, now: Date.now };
    const pub = connectRedis(target, { ...options, name: 'test-pub' });
    const sub = duplicateConnection(pub, { ...options, name: 'test-sub' });
    try {
      expect(sub).toBeInstanceOf(Cluster);
      const received = new Promise<string>((resolve) => sub.on('message', (_channel: string, message: string) => resolve(message)));
      await sub.subscribe('cluster-test-channel');
      await pub.publish('cluster-test-channel', 'hello');
      expect(await received).toBe('hello');
      const lists = await Promise.all(
        cluster.ports.map(async (port) => {
          const node = new Redis({ host: '127.0.0.1', port });
          try {
            return (await node.client('LIST')) as string;
          } finally {
            node.disconnect();
          }
        }),
      );
      expect(lists.join('\n')).toContain('name=test-sub');
    } finally {
      pub.disconnect();
      sub.disconnect();
    }
  });

  it('resumes from the checkpoint after a restart: the counts stay exact though the stream was emptied', async () => {
    client?.close();
    client = null;
    await server!.kill('SIGTERM'); // a final checkpoint, then the lease is released
    server = null;
    // What the checkpoint covers is gone from the stream: only the checkpoint can bring it back.
    await producer.xtrim(stream, 'MAXLEN', 0);
    await append(1);
    server = await spawnServer(env);
    const snap = await waitFor(
      async () => {
        const s = await snapshotOf(server!.url);
        return s.totals.arrived === 301 ? s : null;
      },
      'the restarted server to count both batches',
      15_000,
    );
    expect(snap.ingest.applied).toBe(3 * perBatch + 1);
    expect(snap.ingest.deadLettered).toBe(1);
    expect(await producer.xlen(keys.deadLetters(stream))).toBe(1);
    expect(server.output()).toContain('recovering from checkpoint');
  }, 30_000);
});
