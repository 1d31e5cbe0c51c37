// Three server processes behind a real HAProxy (deploy/haproxy.cfg) on one Redis: every node
// serves the same live numbers; kill -9 the lease holder while screens watch and events keep
// coming, and the screens of the other nodes see no gap, the dead node's screens are back on a
// live node within 5 s with the right numbers, another node takes the writing duties within the
// lease time, and the totals stay exact.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeArgs } from '../../server/core/events.js';
import { startHaproxy, type RunningHaproxy } from '../support/haproxy.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { TEST_ADMIN_TOKEN, connectClient, getJson, snapshotOf, spawnServer, type ChildServer, type WallboardClient } from '../support/server.js';
import { trafficBatch } from '../support/traffic.js';
import { openBareScreen } from '../../simulator/load/bare-screen.js';
import { pairDisplay } from '../../simulator/load/pair-display.js';
import type { DisplayInfo } from '../../server/contract/access.js';

const suite = useTestRedis();
const group = uniquePrefix('cluster');
const stream = `${group}:events`;
const LEASE_MS = 2000;
let nodes: ChildServer[] = [];
let haproxy: RunningHaproxy;

async function append(batch: number): Promise<void> {
  const p = suite.client.pipeline();
  for (const e of trafficBatch(batch, Date.now())) p.xadd(stream, '*', ...encodeArgs(e));
  await p.exec();
}

const roleOf = async (node: ChildServer) => (await getJson<{ role: string }>(`${node.url}/healthz`)).body.role;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-cluster-'));
  const configFile = join(dir, 'wallboard.config.json');
  writeFileSync(configFile, JSON.stringify({ leaseMs: LEASE_MS }));
  // TRUST_PROXY as deployed: HAProxy on loopback forwards each screen's address.
  const env = { REDIS_URL: suite.redis.url, STREAM_KEYS: stream, CONSUMER_GROUP: group, CONFIG_FILE: configFile, TRUST_PROXY: 'loopback' };
  // One at a time, so the first holds the lease and the others follow.
  for (let i = 0; i < 3; i++) nodes.push(await spawnServer(env));
  haproxy = await startHaproxy(nodes.map((n) => `127.0.0.1:${n.port}`) as [string, string, string]);
}, 60_000);

afterAll(async () => {
  await haproxy?.stop();
  await Promise.all(nodes.map((n) => n.kill()));
});

describe('three nodes behind HAProxy', () => {
  it('serve the same numbers; a killed lease holder costs the other screens nothing and its own screens under 5 s', async () => {
    expect((await Promise.all(nodes.map(roleOf))).sort()).toEqual(['active', 'following', 'following']);
    await append(0);
    await waitFor(async () => (await Promise.all(nodes.map((n) => snapshotOf(n.url)))).every((s) => s.totals.arrived === 100), 'every node to count the first batch');

    // Screens reconnect as the wallboard does: 1 s (±50 %), doubling up to 5 s.
    const screens: (WallboardClient & { dropped: number | null; back: number | null })[] = [];
    for (let i = 0; i < 30; i++) {
      const client = Object.assign(connectClient(haproxy.url, {}, undefined, { delay: 1000, max: 5000 }), {
        dropped: null as number | null,
        back: null as number | null,
      });
      client.socket.on('disconnect', () => (client.dropped ??= Date.now()));
      client.socket.on('snapshot' as never, () => {
        if (client.dropped !== null) client.back ??= Date.now();
      });
      screens.push(client);
    }
    try {
      await waitFor(() => screens.every((c) => c.current()?.totals.arrived === 100), 'every screen to show the first batch');
      const before = screens.map((c) => c.snapshots.length);

      const holder = nodes[(await Promise.all(nodes.map(roleOf))).indexOf('active')]!;
      const killedAt = Date.now();
      await holder.kill('SIGKILL');
      await append(1);

      await waitFor(() => screens.every((c) => c.current()?.totals.arrived === 200), 'every screen to show the second batch', 15_000);
      const dropped = screens.filter((c) => c.dropped !== null);
      const kept = screens.filter((c) => c.dropped === null);
      // leastconn spreads 30 screens over 3 nodes: the dead node had some, the others the rest.
      expect(dropped.length).toBeGreaterThan(0);
      expect(kept.length).toBeGreaterThan(0);
      for (const c of kept) {
        expect(c.gaps).toBe(0);
        expect(c.snapshots.length).toBe(before[screens.indexOf(c)]); // deltas only, never a fresh start
      }
      const backWithin = dropped.map((c) => c.back! - killedAt);
      expect(Math.max(...backWithin)).toBeLessThan(5000);

      // Another node takes the writing duties within the lease time (plus its poll).
      const survivors = nodes.filter((n) => n !== holder);
      await waitFor(async () => (await Promise.all(survivors.map(roleOf))).includes('active'), 'a survivor to take the lease', LEASE_MS + 3000);
      expect(Date.now() - killedAt).toBeLessThan(LEASE_MS + 3000);
      await append(2);
      const counts = await waitFor(async () => {
        const snaps = await Promise.all(survivors.map((n) => snapshotOf(n.url)));
        return snaps.every((s) => s.totals.arrived === 300) ? snaps.map((s) => [s.totals.arrived, s.totals.answered, s.totals.abandoned, s.ingest.applied]) : null;
      }, 'both survivors to count the third batch exactly');
      expect(counts[1]).toEqual(counts[0]);
      // Exactly once: the group has nothing pending after the takeover.
      await waitFor(async () => ((await suite.client.xpending(stream, group)) as [number])[0] === 0, 'no pending entries');
      nodes = survivors;
    } finally {
      for (const c of screens) c.close();
    }
  }, 60_000);

  it('tell each node a screen’s own address through HAProxy (X-Forwarded-For), not the proxy’s', async () => {
    const { id, cookie } = await pairDisplay(haproxy.url, TEST_ADMIN_TOKEN, 'Floor TV behind HAProxy');
    let snapshots = 0;
    // From 127.0.0.9: the per-address cap, the refusal log and "last seen from" must all see this, not 127.0.0.1.
    const screen = openBareScreen({
      url: haproxy.url,
      cookie,
      token: null,
      localAddress: '127.0.0.9',
      onSnapshot: () => void (snapshots += 1),
      onDelta: () => {},
      onLost: () => {},
    });
    try {
      await waitFor(async () => snapshots > 0, 'the screen to get its snapshot');
      const seen = await waitFor(async () => {
        const list = await getJson<{ displays: DisplayInfo[] }>(`${haproxy.url}/api/v1/displays`);
        return list.body.displays.find((d) => d.id === id && d.lastAddress !== null) ?? null;
      }, 'the display to be seen');
      expect(seen.lastAddress).toBe('127.0.0.9');
    } finally {
      screen.close();
    }
  });

  it('keep serving through HAProxy when no node is ready: any live node serves rather than none', async () => {
    // Redis paused: every node's /readyz fails its Redis ping (503), /healthz still answers.
    await suite.client.call('CLIENT', 'PAUSE', '8000', 'ALL');
    const paused = Date.now();
    try {
      // HAProxy marks a node down after two failed checks a second apart; give it that, then ask.
      await new Promise((r) => setTimeout(r, 4500));
      const ready = await fetch(`${nodes[0]!.url}/readyz`);
      expect(ready.status).toBe(503);
      const answers: number[] = [];
      while (Date.now() - paused < 7000) {
        answers.push((await fetch(`${haproxy.url}/healthz`)).status);
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(answers.length).toBeGreaterThan(0);
      expect(answers.every((status) => status === 200)).toBe(true);
    } finally {
      await suite.client.call('CLIENT', 'UNPAUSE');
    }
  }, 20_000);
});
