// One view schema with its limits for both ways a screen asks for a view: a REST query string
// and a Socket.IO subscription. A view past the limits is refused the same way on both.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents, SnapshotMessage } from '../../server/contract/protocol.js';
import { VIEW_LIMITS, type View } from '../../server/contract/view.js';
import type { RunningServer } from '../../server/create-server.js';
import { useTestRedis, waitFor } from '../support/redis.js';
import { getJson, snapshotOf, startTestServer, TEST_ADMIN_TOKEN } from '../support/server.js';

/** A bare socket that subscribes to `view` and records what the server answers; no resync logic of its own. */
function subscribe(url: string, view: View) {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { auth: { token: TEST_ADMIN_TOKEN }, transports: ['websocket'], reconnection: false });
  const snapshots: SnapshotMessage[] = [];
  let disconnected = false;
  socket.on('snapshot', (message) => snapshots.push(message));
  socket.on('disconnect', () => (disconnected = true));
  socket.on('connect', () => socket.emit('subscribe', view));
  return { snapshots, disconnected: () => disconnected, close: () => socket.close() };
}

describe('views over REST and Socket.IO', () => {
  const suite = useTestRedis();
  let server: RunningServer;
  const tooLong = 'q'.repeat(VIEW_LIMITS.nameLength + 1);
  const tooMany = Array.from({ length: VIEW_LIMITS.queues + 1 }, (_, i) => `q${i}`);

  beforeAll(async () => {
    server = await startTestServer(suite.redis.url, { streams: ['views:events'], group: 'views' });
  });
  afterAll(() => server.stop());

  it('answers a view within the limits on both', async () => {
    const atLimit = Array.from({ length: VIEW_LIMITS.queues }, (_, i) => `q${i}`);
    expect((await snapshotOf(server.url, `?queues=${atLimit.join(',')}`)).queues).toHaveLength(VIEW_LIMITS.queues);
    const client = subscribe(server.url, { queues: ['billing'], team: 'A' });
    try {
      await waitFor(() => client.snapshots.length > 0, 'a snapshot');
      expect(client.snapshots[0]!.snapshot.queues.map((q) => q.id)).toEqual(['billing']);
      expect(client.disconnected()).toBe(false);
    } finally {
      client.close();
    }
  });

  it.each([
    ['a queue id past the length limit', `?queues=${tooLong}`, 'queues.0'],
    ['more queues than the limit', `?queues=${tooMany.join(',')}`, 'queues'],
    ['a team name past the length limit', `?team=${'t'.repeat(VIEW_LIMITS.nameLength + 1)}`, 'team'],
  ])('REST refuses %s with 400 and the reason', async (_what, query, field) => {
    const { status, body } = await getJson<{ error: string }>(`${server.url}/api/v1/snapshot${query}`);
    expect(status).toBe(400);
    expect(body.error.startsWith(`${field}:`), body.error).toBe(true);
  });

  it.each([
    ['a queue id past the length limit', { queues: [tooLong] }],
    ['more queues than the limit', { queues: tooMany }],
  ])('Socket.IO refuses %s by disconnecting, without a snapshot', async (_what, view) => {
    const client = subscribe(server.url, view);
    try {
      await waitFor(() => client.disconnected(), 'the server to disconnect the client');
      expect(client.snapshots).toHaveLength(0);
    } finally {
      client.close();
    }
  });
});
