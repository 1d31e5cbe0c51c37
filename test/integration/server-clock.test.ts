// The HTTP app, the Socket.IO push and the feed status tell the time by the clock they are
// handed, never by their own: a test fixes it and sees it in every answer.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_ACCESS_CONFIG } from '../../server/auth/access-config.js';
import { createAccess, type Access } from '../../server/auth/access.js';
import { useTestRedis } from '../support/redis.js';
import { ADMIN_AUTH, TEST_ADMIN_TOKEN } from '../support/server.js';
import { Aggregator } from '../../server/aggregator.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import type { ClientToServerEvents, Delta, ServerToClientEvents, SnapshotMessage } from '../../server/contract/protocol.js';
import { withFeedStatus } from '../../server/feed-status.js';
import { SourceTracker } from '../../server/source-monitor.js';
import { createApp } from '../../server/http/create-app.js';
import { silentLogger } from '../../server/log.js';
import { createRealtime, type Realtime } from '../../server/realtime/create-realtime.js';
import type { ConsumerStatus } from '../../server/redis/stream-consumer.js';

// Far from the real time, so an answer that used Date.now() cannot pass.
const FIXED = Date.UTC(2031, 4, 6, 7, 8, 9);

const active = (): { status: ConsumerStatus } => ({ status: { role: 'active', caughtUp: true, lastReadAt: null, lastError: null } });

const suite = useTestRedis();
let access: Access;
beforeAll(async () => {
  access = await createAccess(suite.client, 'clock', { ...DEFAULT_ACCESS_CONFIG, adminToken: TEST_ADMIN_TOKEN }, silentLogger, () => FIXED);
});

let http: Server | null = null;
let realtime: Realtime | null = null;
afterEach(async () => {
  await realtime?.close();
  realtime = null;
  await new Promise<void>((resolve) => (http ? http.close(() => resolve()) : resolve()));
  http = null;
});

async function listen(server: Server): Promise<string> {
  http = server;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the HTTP app', () => {
  it('stamps snapshots and counts uptime on the clock it is given', async () => {
    let t = FIXED;
    const app = createApp({
      source: new Aggregator(DEFAULT_CORE_CONFIG),
      consumer: active(),
      sources: new SourceTracker(),
      pingRedis: async () => {},
      staticDir: '/nonexistent',
      startedAt: FIXED - 1234,
      now: () => t,
      access,
      allowedOrigins: [],
      screens: {
        connectedDisplays: async () => ({ value: new Map(), partial: false }),
        accessChanged: () => undefined,
        refusals: async () => ({ value: [], partial: false }),
      },
    });
    const url = await listen(createServer(app));
    const snapshot = (await (await fetch(`${url}/api/v1/snapshot`, { headers: ADMIN_AUTH })).json()) as { serverTs: number };
    expect(snapshot.serverTs).toBe(FIXED);
    t += 10;
    const health = (await (await fetch(`${url}/healthz`)).json()) as { uptimeMs: number };
    expect(health.uptimeMs).toBe(1244);
  });
});

describe('the Socket.IO push', () => {
  it('stamps the first snapshot and answers the clock probe with the clock it is given', async () => {
    const server = createServer();
    realtime = createRealtime(server, { pushIntervalMs: 50 }, { source: new Aggregator(DEFAULT_CORE_CONFIG), log: silentLogger, now: () => FIXED, access });
    const url = await listen(server);
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { transports: ['websocket'], auth: { token: TEST_ADMIN_TOKEN } });
    try {
      const first = new Promise<SnapshotMessage>((resolve) => socket.once('snapshot', resolve));
      socket.emit('subscribe', {});
      expect((await first).snapshot.serverTs).toBe(FIXED);
      const serverTs = await new Promise<number>((resolve) => socket.emit('clock', resolve));
      expect(serverTs).toBe(FIXED);
    } finally {
      socket.close();
    }
  });
});

describe('the heartbeat', () => {
  it('sends a room that had nothing to say an empty delta once per heartbeat, dated by the clock it is given', async () => {
    let t = FIXED;
    const server = createServer();
    const options = { pushIntervalMs: 20, idleRecheckMs: 1, heartbeatMs: 300 };
    realtime = createRealtime(server, options, { source: new Aggregator(DEFAULT_CORE_CONFIG), log: silentLogger, now: () => t, access });
    const url = await listen(server);
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { transports: ['websocket'], auth: { token: TEST_ADMIN_TOKEN } });
    const deltas: Delta[] = [];
    socket.on('delta', (delta) => deltas.push(delta));
    try {
      const first = new Promise<SnapshotMessage>((resolve) => socket.once('snapshot', resolve));
      socket.emit('subscribe', {});
      expect((await first).seq).toBe(0);
      t += 299;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(deltas).toEqual([]);
      t += 1;
      await vi.waitFor(() => expect(deltas).toEqual([{ seq: 1, serverTs: FIXED + 300, set: {}, lists: {} }]));
      // The next one a whole heartbeat after the last, however often the push looks.
      t += 299;
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(deltas).toHaveLength(1);
      t += 1;
      await vi.waitFor(() => expect(deltas.map((d) => d.seq)).toEqual([1, 2]));
    } finally {
      socket.close();
    }
  });
});

describe('the feed status', () => {
  it('dates a change of state by the clock it is given', () => {
    let t = FIXED;
    const consumer = active();
    consumer.status.role = 'recovering';
    const source = withFeedStatus(new Aggregator(DEFAULT_CORE_CONFIG), consumer, () => t);
    expect(source.snapshot(t, {}).feed).toEqual({ state: 'catchingUp', sinceTs: FIXED, reason: null });
    t += 500;
    consumer.status.role = 'active';
    expect(source.snapshot(t, {}).feed).toEqual({ state: 'live', sinceTs: FIXED + 500, reason: null });
  });
});
