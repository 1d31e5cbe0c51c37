// What views and connections may cost one server: past socket.maxViews distinct views, a
// subscription that would open another is refused with a reason the screen can show, while the
// views already served keep their deltas; past socket.maxConnectionsPerAddress, a handshake from
// that address is refused until one of its connections closes.
import { afterEach, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { RefusedMessage } from '../../server/contract/protocol.js';
import { viewKey, type View } from '../../server/contract/view.js';
import type { RunningServer } from '../../server/create-server.js';
import { encodeArgs } from '../../server/core/events.js';
import { DEFAULT_SOCKET_LIMITS } from '../../server/realtime/socket-guard.js';
import { useTestRedis, waitFor } from '../support/redis.js';
import { connectClient, startTestServer, type WallboardClient } from '../support/server.js';

const STREAM = 'view-cost:events';

describe('caps on views and connections', () => {
  const suite = useTestRedis();
  let server: RunningServer | undefined;
  const clients: WallboardClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.close();
    await server?.stop();
    server = undefined;
  });

  function connect(view: View = {}): WallboardClient & { refusals: RefusedMessage[] } {
    const client = Object.assign(connectClient(server!.url, view), { refusals: [] as RefusedMessage[] });
    client.socket.on('refused', (message) => client.refusals.push(message));
    clients.push(client);
    return client;
  }

  const servedView = (client: WallboardClient) => client.snapshots.at(-1)?.view;

  it('refuses a view past socket.maxViews with a reason, and keeps serving the views already open', async () => {
    server = await startTestServer(suite.redis.url, {
      streams: [STREAM],
      group: 'views-cap',
      socket: { ...DEFAULT_SOCKET_LIMITS, maxMessageBytes: 98_304, maxViews: 2 },
    });
    const all = connect({});
    const team = connect({ team: 'A' });
    await waitFor(() => all.current() && team.current(), 'two views served');
    expect(server.realtime.views).toBe(2);

    const third = connect({ queues: ['billing'] });
    await waitFor(() => third.refusals.length > 0, 'the third view refused');
    expect(third.refusals[0]!.reason).toBe('tooManyViews');
    expect(third.refusals[0]!.message).toMatch(/2 distinct views/);
    expect(third.current()).toBeNull();
    expect(server.realtime.counters.viewsRefused).toBe(1);
    expect(server.realtime.views).toBe(2);

    // A view already served is no new room: the refused screen may take it.
    third.socket.emit('subscribe', {});
    await waitFor(() => servedView(third) === viewKey({}), 'the shared view served');

    // The views open keep their deltas.
    const redis = new Redis(suite.redis.url);
    try {
      const deltasBefore = [all.deltas.length, team.deltas.length];
      await redis.xadd(STREAM, '*', ...encodeArgs({ type: 'agent.state', ts: Date.now(), agentId: 'a1', state: 'available', team: 'A', queues: ['billing'] }));
      await waitFor(() => all.deltas.length > deltasBefore[0]! && team.deltas.length > deltasBefore[1]!, 'deltas on both open views');
      expect(all.current()!.agentList.map((a) => a.id)).toEqual(['a1']);
      expect(team.current()!.agentList.map((a) => a.id)).toEqual(['a1']);
    } finally {
      redis.disconnect();
    }

    // A screen alone in its room frees it by moving: the move is served, not refused.
    team.socket.emit('subscribe', { queues: ['billing'] });
    await waitFor(() => servedView(team) === viewKey({ queues: ['billing'] }), 'the move served');
    expect(server.realtime.counters.viewsRefused).toBe(1);
    expect(team.refusals).toEqual([]);
  });

  it('refuses a connection past socket.maxConnectionsPerAddress at the handshake, until one closes', async () => {
    server = await startTestServer(suite.redis.url, {
      streams: [STREAM],
      group: 'address-cap',
      socket: { ...DEFAULT_SOCKET_LIMITS, maxMessageBytes: 98_304, maxConnectionsPerAddress: 3 },
    });
    const first = [connect(), connect(), connect()];
    await waitFor(() => first.every((c) => c.current()), 'three connections served');

    const fourth = connect();
    await waitFor(() => server!.realtime.counters.connectionsRefused > 0, 'the fourth refused');
    // It keeps trying (a TV reconnects by itself) and keeps being refused while three are open.
    await waitFor(() => server!.realtime.counters.connectionsRefused > 1, 'a retry refused');
    expect(fourth.socket.connected).toBe(false);
    expect(fourth.current()).toBeNull();

    first[0]!.close();
    await waitFor(() => fourth.current(), 'the fourth served once a connection closed', 10_000);
    expect(first.slice(1).every((c) => c.socket.connected)).toBe(true);
  });

  it('has defaults a real floor does not reach', () => {
    expect(DEFAULT_SOCKET_LIMITS.maxViews).toBeGreaterThanOrEqual(500);
    expect(DEFAULT_SOCKET_LIMITS.maxConnectionsPerAddress).toBeGreaterThanOrEqual(200);
  });
});
