// Cardinality limits through the real server and a real Redis: an entry that would add an agent,
// queue, team or complaint past its ceiling is dead-lettered with the reason, exactly once across
// a restart; known ids keep working; the snapshot (REST and Socket.IO) says which limits were hit.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import { encodeArgs, type EventInput } from '../../server/core/events.js';
import type { RunningServer } from '../../server/create-server.js';
import { keys } from '../../server/redis/keys.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { connectClient, snapshotOf, startTestServer, type WallboardClient } from '../support/server.js';

const suite = useTestRedis();
const running: RunningServer[] = [];
const clients: WallboardClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const server of running.splice(0)) await server.stop();
});

const core = { ...DEFAULT_CORE_CONFIG, limits: { queues: 2, agents: 2, teams: 5, complaints: 5 } };

describe('cardinality limits', () => {
  it('dead-letters new ids past a limit with the reason, once across a restart, keeps known ids working, and shows the limit on every screen', async () => {
    const prefix = uniquePrefix('limits');
    const stream = `${prefix}:events`;
    const start = async () => {
      const server = await startTestServer(suite.redis.url, { streams: [stream], group: prefix, core });
      running.push(server);
      return server;
    };
    let server = await start();
    const client = connectClient(server.url);
    clients.push(client);
    const add = (event: EventInput) => suite.client.xadd(stream, '*', ...encodeArgs(event));
    const now = Date.now();
    await add({ type: 'agent.state', ts: now, agentId: 'a1', state: 'available', queues: ['billing'] });
    await add({ type: 'agent.state', ts: now, agentId: 'a2', state: 'available', queues: ['billing', 'tech'] });
    await add({ type: 'agent.state', ts: now, agentId: 'a3', state: 'available' });
    await add({ type: 'call.queued', ts: now, callId: 'c1', queue: 'vip' });
    await add({ type: 'call.queued', ts: now, callId: 'c2', queue: 'tech' });
    await add({ type: 'agent.state', ts: now + 1, agentId: 'a1', state: 'paused' });

    const snap = await waitFor(async () => {
      const s = await snapshotOf(server.url);
      return s.ingest.deadLettered === 2 && s.agents.paused === 1 && s.totals.waiting === 1 ? s : null;
    }, 'the entries applied and refused');
    expect(snap.limits).toEqual([
      { kind: 'queues', max: 2, count: 2 },
      { kind: 'agents', max: 2, count: 2 },
    ]);
    expect(snap.queues.map((q) => q.id)).toEqual(['billing', 'tech']);
    await waitFor(() => client.current()?.limits?.length === 2, 'the limits pushed over Socket.IO');

    const deadLetters = async () => (await suite.client.xrange(keys.deadLetters(stream), '-', '+')).map(([, f]) => f[f.indexOf('reason') + 1]);
    expect(await deadLetters()).toEqual(['agents limit reached: 2 agents known, new id "a3" refused', 'queues limit reached: 2 queues known, new id "vip" refused']);

    // A restart with the checkpoint gone replays the stream: the same decisions, and no second dead letter.
    await server.stop();
    running.splice(0);
    await suite.client.del(keys.checkpoint(prefix), keys.checkpointCalls(prefix)); // replayed from the stream itself
    server = await start();
    await add({ type: 'agent.state', ts: now + 2, agentId: 'a2', state: 'paused' });
    const after = await waitFor(async () => {
      const s = await snapshotOf(server.url);
      return s.agents.paused === 2 ? s : null;
    }, 'the known agent after the restart');
    expect(after.limits).toHaveLength(2);
    expect(await deadLetters()).toHaveLength(2);
  }, 30_000);
});
