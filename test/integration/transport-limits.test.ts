// What one screen's socket may cost the server: a socket flooding `resync` is served a few
// snapshots, then ignored, then disconnected; a socket that stops reading is dropped once the
// data queued for it passes the limit, instead of holding every snapshot it asked for in memory.
import { afterEach, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/contract/protocol.js';
import type { RunningServer } from '../../server/create-server.js';
import { DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_SOCKET_LIMITS } from '../../server/realtime/socket-guard.js';
import { useTestRedis, waitFor } from '../support/redis.js';
import { snapshotOf, startTestServer, TEST_ADMIN_TOKEN } from '../support/server.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

function connect(url: string): { socket: Client; snapshots: () => number; disconnectReason: () => string | null } {
  const socket: Client = io(url, { auth: { token: TEST_ADMIN_TOKEN }, transports: ['websocket'], reconnection: false });
  let snapshots = 0;
  let reason: string | null = null;
  socket.on('snapshot', () => (snapshots += 1));
  socket.on('disconnect', (r) => (reason = r));
  socket.on('connect', () => socket.emit('subscribe', {}));
  return { socket, snapshots: () => snapshots, disconnectReason: () => reason };
}

/** The client's own TCP socket under Engine.IO's WebSocket transport (ws), which the test stops reading. */
function tcpSocketOf(socket: Client): { pause(): void } {
  const transport = (socket.io as unknown as { engine: { transport: { name: string; ws: { _socket: { pause(): void } } } } }).engine.transport;
  expect(transport.name).toBe('websocket');
  return transport.ws._socket;
}

describe('per-socket limits', () => {
  const suite = useTestRedis();
  let server: RunningServer | undefined;
  const clients: Client[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await server?.stop();
    server = undefined;
  });

  it('serves a resync flood a burst of snapshots, ignores the rest, then disconnects the socket', async () => {
    server = await startTestServer(suite.redis.url, { streams: ['limits-a:events'], group: 'limits-a' });
    const client = connect(server.url);
    clients.push(client.socket);
    await waitFor(() => client.snapshots() === 1, 'the first snapshot');
    const rssBefore = process.memoryUsage().rss;
    for (let i = 0; i < 5000 && client.socket.connected; i++) {
      client.socket.emit('resync');
      if (i % 100 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    await waitFor(() => client.disconnectReason(), 'the flooding socket to be disconnected', 5000);
    // Closed at once, without waiting for its buffer: the client sees the server's disconnect or its transport close.
    expect(['io server disconnect', 'transport close']).toContain(client.disconnectReason());
    const { counters } = server.realtime;
    expect(counters.floodDisconnects).toBe(1);
    expect(counters.rateLimited).toBeGreaterThanOrEqual(DEFAULT_SOCKET_LIMITS.floodDisconnectAfter);
    // The subscription's snapshot, the burst, and at most a few refilled tokens.
    expect(client.snapshots()).toBeLessThanOrEqual(1 + DEFAULT_SOCKET_LIMITS.requestBurst + 3);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);

    // A well-behaved screen on the same server is served as before.
    const other = connect(server.url);
    clients.push(other.socket);
    await waitFor(() => other.snapshots() === 1, 'a snapshot for a well-behaved socket');
  });

  it('disconnects a client that sends a message past the limit, while the largest valid view gets through', async () => {
    server = await startTestServer(suite.redis.url, { streams: ['limits-d:events'], group: 'limits-d' });
    const small = connect(server.url);
    const big = connect(server.url);
    clients.push(small.socket, big.socket);
    await waitFor(() => small.snapshots() === 1 && big.snapshots() === 1, 'both first snapshots');
    // The largest view the contract allows: 500 queue names of 128 characters.
    const queues = Array.from({ length: 500 }, (_, i) => `${String(i).padStart(3, '0')}${'q'.repeat(125)}`);
    small.socket.emit('subscribe', { queues });
    await waitFor(() => small.snapshots() === 2, 'the largest valid view to be served');
    // An event the server does not handle: only the message's size is at stake.
    const send = (c: Client, bytes: number) => (c as unknown as { emit(event: string, payload: string): void }).emit('unknown', 'x'.repeat(bytes));
    send(big.socket, DEFAULT_MAX_MESSAGE_BYTES + 1000);
    await waitFor(() => big.disconnectReason(), 'the oversized sender to be disconnected', 5000);
    small.socket.emit('resync');
    await waitFor(() => small.snapshots() === 3, 'the small sender to be served');
    expect(small.disconnectReason()).toBeNull();
  });

  it('ends a lead who taps through views faster than the rate on the view tapped last', async () => {
    server = await startTestServer(suite.redis.url, { streams: ['limits-e:events'], group: 'limits-e' });
    const socket: Client = io(server.url, { auth: { token: TEST_ADMIN_TOKEN }, transports: ['websocket'], reconnection: false });
    clients.push(socket);
    const views: string[] = [];
    socket.on('snapshot', (m) => views.push(m.view));
    await new Promise<void>((resolve) => socket.on('connect', () => resolve()));
    const teams = Array.from({ length: DEFAULT_SOCKET_LIMITS.requestBurst + 5 }, (_, i) => `T${i}`);
    for (const team of teams) socket.emit('subscribe', { team });
    const last = teams.at(-1)!;
    await waitFor(() => views.at(-1)?.includes(last), 'the last tapped view', 5000);
    // The burst served at once; past it only the latest, not every tap.
    expect(views.length).toBeLessThanOrEqual(DEFAULT_SOCKET_LIMITS.requestBurst + 2);
    expect(socket.connected).toBe(true);
  });

  /** A server without rate limits (these tests are about the buffer alone), dropping at 256 KiB unsent. */
  const maxBufferedBytes = 256 * 1024;
  async function bufferServer(name: string): Promise<RunningServer> {
    return startTestServer(suite.redis.url, {
      streams: [`${name}:events`],
      group: name,
      socket: { ...DEFAULT_SOCKET_LIMITS, maxMessageBytes: 8192, maxBufferedBytes, requestsPerSecond: 1e9, requestBurst: 1e9, floodDisconnectAfter: 1e9 },
    });
  }

  /** Asks for a full snapshot 2,000 times a second, until `stop` or `ms` pass; returns how many it asked for. */
  async function resyncStorm(socket: Client, ms: number, stop: () => boolean): Promise<number> {
    const started = Date.now();
    let sent = 0;
    while (!stop() && Date.now() - started < ms) {
      for (let i = 0; i < 10; i++) socket.emit('resync');
      sent += 10;
      await new Promise((r) => setTimeout(r, 5));
    }
    return sent;
  }

  it('drops a socket that stops reading once its unsent data passes the limit', async () => {
    server = await bufferServer('limits-b');
    const running = server;
    const client = connect(server.url);
    clients.push(client.socket);
    await waitFor(() => client.snapshots() === 1, 'the first snapshot');
    tcpSocketOf(client.socket).pause();
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    // Each resync queues a full snapshot the client never reads: the kernel's buffers fill first, then the server's.
    const sent = await resyncStorm(client.socket, 20_000, () => running.realtime.counters.slowDrops > 0);
    expect(server.realtime.counters.slowDrops, `after ${sent} resyncs in ${Date.now() - started} ms`).toBe(1);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);

    const other = connect(server.url);
    clients.push(other.socket);
    await waitFor(() => other.snapshots() === 1, 'a snapshot for a reading socket');
    expect(server.realtime.counters.slowDrops).toBe(1);
  });

  it('keeps a socket that reads what it asks for, under the same storm', async () => {
    server = await bufferServer('limits-c');
    const client = connect(server.url);
    clients.push(client.socket);
    await waitFor(() => client.snapshots() === 1, 'the first snapshot');
    const snapshotBytes = JSON.stringify(await snapshotOf(server.url)).length;
    const sent = await resyncStorm(client.socket, 3000, () => false);
    // Resyncs asked in one turn of the server's event loop share one snapshot (one broadcast), so
    // the socket gets one per batch of its asks, the last after its last ask, and keeps up.
    let seen = -1;
    await waitFor(
      async () => {
        const now = client.snapshots();
        const settled = now === seen;
        seen = now;
        await new Promise((r) => setTimeout(r, 300));
        return settled && now > 1;
      },
      `the snapshots for ${sent} resyncs (${snapshotBytes} bytes each) to arrive`,
      10_000,
    );
    expect(seen).toBeLessThanOrEqual(1 + sent);
    expect(server.realtime.counters.slowDrops).toBe(0);
    expect(client.disconnectReason()).toBeNull();
  });
});
