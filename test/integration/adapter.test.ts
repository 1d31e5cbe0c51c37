// Two server processes on one Redis, joined by the Socket.IO Redis adapter (realtime/cluster-bus.ts):
// each node's deltas reach its own screens only, once; a display revoked, a user or token removed
// through one node is turned away on the other at once, not at its next sweep (set to 5 s here, the
// most allowed); the admin's list counts every node's screens, and a frozen or killed node makes the
// answer partial, within the bus's timeout, instead of hanging it.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeArgs } from '../../server/core/events.js';
import { DEFAULT_REQUESTS_TIMEOUT_MS } from '../../server/realtime/cluster-bus.js';
import { withTimeout } from '../../server/with-timeout.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { ADMIN_AUTH, connectClient, getJson, spawnServer, type ChildServer, type WallboardClient } from '../support/server.js';
import { sessionCookie, signIn } from '../support/sign-in.js';
import { trafficBatch } from '../support/traffic.js';

const suite = useTestRedis();
const group = uniquePrefix('adapter');
const stream = `${group}:events`;
/** The access sweep, at the most the config allows: a screen turned away sooner was told through the adapter. */
const SWEEP_MS = 5000;
let a: ChildServer;
let b: ChildServer;
const clients: WallboardClient[] = [];

interface Listed {
  displays: { id: string; connected: number }[];
  partial: boolean;
}

async function append(batch: number): Promise<void> {
  const p = suite.client.pipeline();
  for (const e of trafficBatch(batch, Date.now())) p.xadd(stream, '*', ...encodeArgs(e));
  await p.exec();
}

function connect(url: string, credential?: { cookie: string }): WallboardClient {
  const client = connectClient(url, {}, credential);
  clients.push(client);
  return client;
}

/** A new display, paired as a TV's browser would pair it: its id and the session cookie. */
async function pairedDisplay(name: string): Promise<{ id: string; cookie: string }> {
  const made = await fetch(`${a.url}/api/v1/displays`, {
    method: 'POST',
    headers: { ...ADMIN_AUTH, 'content-type': 'application/json' },
    body: JSON.stringify({ name, view: {} }),
  });
  expect(made.status).toBe(201);
  const { id, link } = (await made.json()) as { id: string; link: string };
  const paired = await fetch(link, { redirect: 'manual' });
  expect(paired.status).toBe(302);
  return { id, cookie: sessionCookie(paired) };
}

/** What the screen is told when its access ends, and when; fails past twice the sweep rather than waiting for the test's timeout. */
const told = (c: WallboardClient) =>
  withTimeout(
    new Promise<{ reason: string; at: number }>((resolve) => c.socket.once('access', (info) => resolve({ ...info, at: Date.now() }))),
    2 * SWEEP_MS,
    'the screen was not told its access ended',
  );

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-adapter-'));
  const configFile = join(dir, 'wallboard.config.json');
  writeFileSync(configFile, JSON.stringify({ access: { sweepMs: SWEEP_MS } }));
  const env = { REDIS_URL: suite.redis.url, STREAM_KEYS: stream, CONSUMER_GROUP: group, CONFIG_FILE: configFile };
  a = await spawnServer(env);
  b = await spawnServer(env);
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all([a?.kill(), b?.kill()]);
});

describe('two nodes joined by the Socket.IO Redis adapter', () => {
  it('sends every screen its own node’s deltas once each: no copy arrives through the adapter', async () => {
    const onA = connect(a.url);
    const onB = connect(b.url);
    await waitFor(() => onA.snapshots.length > 0 && onB.snapshots.length > 0, 'both screens to have a snapshot');
    // Batches apart by more than the push interval, so each node sends several deltas.
    for (let batch = 0; batch < 6; batch++) {
      await append(batch);
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await waitFor(() => [onA, onB].every((c) => c.current()?.totals.arrived === 600), 'both screens to show every batch');
    for (const client of [onA, onB]) {
      const perSeq = new Map<number, number>();
      for (const d of client.deltas) perSeq.set(d.seq, (perSeq.get(d.seq) ?? 0) + 1);
      expect(client.deltas.length).toBeGreaterThanOrEqual(3);
      expect([...perSeq.values()].every((n) => n === 1)).toBe(true);
      expect(client.gaps).toBe(0);
      expect(client.snapshots).toHaveLength(1);
    }
  });

  it('counts every node’s screens in the admin’s list, and gathers every node’s refusals', async () => {
    const display = await pairedDisplay('Counted wall');
    const screens = [connect(a.url, display), connect(a.url, display), connect(b.url, display)];
    await waitFor(() => screens.every((s) => s.snapshots.length > 0), 'three screens live');
    for (const node of [a, b]) {
      const { status, body } = await getJson<Listed>(`${node.url}/api/v1/displays`);
      expect(status).toBe(200);
      expect(body.partial).toBe(false);
      expect(body.displays.find((d) => d.id === display.id)?.connected).toBe(3);
    }
    // A refusal on B is on the list A answers with.
    expect((await fetch(`${b.url}/api/v1/snapshot`, { headers: { authorization: 'Bearer not-a-token-adapter-test' } })).status).toBe(401);
    const refusals = await getJson<{ refusals: { path: string; ts: number }[]; partial: boolean }>(`${a.url}/api/v1/refusals`);
    expect(refusals.body.partial).toBe(false);
    expect(refusals.body.refusals.some((r) => r.path === '/api/v1/snapshot')).toBe(true);
    for (const s of screens) s.close();
  });

  it('turns away a display revoked through the other node in well under a sweep, each time', async () => {
    const took: number[] = [];
    // Three times: the sweep's own tick could land in one short window by chance, not in three.
    for (let i = 0; i < 3; i++) {
      const display = await pairedDisplay(`Revoked wall ${i}`);
      const onB = connect(b.url, display);
      await waitFor(() => onB.snapshots.length > 0, 'the screen on B to be live');
      const access = told(onB);
      const started = Date.now();
      const revoked = await fetch(`${a.url}/api/v1/displays/${display.id}`, { method: 'DELETE', headers: ADMIN_AUTH });
      expect(revoked.status).toBe(204);
      const answer = await access;
      expect(answer.reason).toBe('revoked');
      took.push(answer.at - started);
      await waitFor(() => !onB.socket.connected, 'the screen on B to be disconnected');
      onB.close();
    }
    console.info(`revoked across nodes in ${took.join(', ')} ms (sweep every ${SWEEP_MS} ms)`);
    expect(Math.max(...took)).toBeLessThan(1000);
  });

  it('signs out a removed user’s screens on the other node at once', async () => {
    const lead = await signIn(a.url);
    const onB = connect(b.url, { cookie: lead.cookie });
    await waitFor(() => onB.snapshots.length > 0, 'the lead’s screen on B to be live');
    const access = told(onB);
    const started = Date.now();
    expect((await fetch(`${a.url}/api/v1/users/${lead.name}`, { method: 'DELETE', headers: ADMIN_AUTH })).status).toBe(204);
    const answer = await access;
    expect(answer.reason).toBe('signed-out');
    expect(answer.at - started).toBeLessThan(1000);
  });

  it('turns away a removed API token’s socket on the other node: no sweep would', async () => {
    const made = await fetch(`${a.url}/api/v1/tokens`, {
      method: 'POST',
      headers: { ...ADMIN_AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'adapter-script', role: 'automation' }),
    });
    expect(made.status).toBe(201);
    const { id, token } = (await made.json()) as { id: string; token: string };
    const onB = connectClient(b.url, {}, { token });
    clients.push(onB);
    await waitFor(() => onB.snapshots.length > 0, 'the script’s socket on B to be live');
    const access = told(onB);
    const started = Date.now();
    expect((await fetch(`${a.url}/api/v1/tokens/${id}`, { method: 'DELETE', headers: ADMIN_AUTH })).status).toBe(204);
    const answer = await access;
    expect(answer.reason).toBe('revoked');
    expect(answer.at - started).toBeLessThan(1000);
  });

  it('answers the admin within the bus’s timeout, partial, while a node is frozen or killed mid-question', async () => {
    const display = await pairedDisplay('Wall of a dying node');
    const screens = [connect(a.url, display), connect(b.url, display)];
    await waitFor(() => screens.every((s) => s.snapshots.length > 0), 'both screens live');

    b.process.kill('SIGSTOP');
    const started = Date.now();
    const asked = getJson<Listed>(`${a.url}/api/v1/displays`);
    // Killed while A waits for its answer: Redis still counted it as a listener when A asked.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await b.kill('SIGKILL');
    const frozen = await asked;
    const took = Date.now() - started;
    expect(frozen.status).toBe(200);
    expect(frozen.body.partial).toBe(true);
    expect(frozen.body.displays.find((d) => d.id === display.id)?.connected).toBe(1); // A's own screen
    expect(took).toBeGreaterThanOrEqual(DEFAULT_REQUESTS_TIMEOUT_MS - 250);
    expect(took).toBeLessThan(DEFAULT_REQUESTS_TIMEOUT_MS + 1000);

    // Once Redis has dropped the dead node's subscription, A is the whole cluster again.
    const after = await waitFor(async () => {
      const listed = await getJson<Listed>(`${a.url}/api/v1/displays`);
      return listed.body.partial ? null : listed.body;
    }, 'an answer that is not partial');
    expect(after.displays.find((d) => d.id === display.id)?.connected).toBe(1);
  });
});
