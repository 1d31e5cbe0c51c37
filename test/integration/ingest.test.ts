// Events in through XADD on a real Redis, numbers out through REST and Socket.IO.
import { afterEach, describe, expect, it } from 'vitest';
import { encodeArgs, type EventInput } from '../../server/core/events.js';
import type { RunningServer } from '../../server/create-server.js';
import { keys } from '../../server/redis/keys.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { connectClient, getJson, snapshotOf, startTestServer, type WallboardClient } from '../support/server.js';

const suite = useTestRedis();
const running: Array<RunningServer | WallboardClient> = [];

afterEach(async () => {
  for (const r of running.splice(0)) 'stop' in r ? await r.stop() : r.close();
});

function setup(name: string) {
  const prefix = uniquePrefix(name);
  const stream = `${prefix}:events`;
  const add = (...events: EventInput[]) => {
    const p = suite.client.pipeline();
    for (const e of events) p.xadd(stream, '*', ...encodeArgs(e));
    return p.exec();
  };
  const start = async () => {
    const server = await startTestServer(suite.redis.url, { streams: [stream], group: prefix });
    running.push(server);
    await waitFor(() => server.consumer.status.role === 'active', 'the consumer to become active');
    return server;
  };
  return { prefix, stream, add, start };
}

describe('ingest from a Redis stream', () => {
  it('turns appended events into the REST snapshot and into live Socket.IO deltas', async () => {
    const { add, start } = setup('rest-socket');
    const server = await start();
    const ws = connectClient(server.url);
    running.push(ws);
    await waitFor(() => ws.current(), 'the first snapshot');
    const now = Date.now();
    await add(
      { type: 'agent.state', ts: now, agentId: 'a1', state: 'available', team: 'A', queues: ['billing'] },
      { type: 'call.arrived', ts: now, callId: 'c1', caller: '13812345678', tier: 'gold' },
      { type: 'call.queued', ts: now, callId: 'c1', queue: 'billing', tier: 'gold' },
      { type: 'call.arrived', ts: now, callId: 'c2' },
      { type: 'call.queued', ts: now, callId: 'c2', queue: 'billing' },
      { type: 'call.answered', ts: now + 5000, callId: 'c2', queue: 'billing', agentId: 'a1' },
    );
    const rest = await waitFor(async () => {
      const s = await snapshotOf(server.url);
      return s.totals.answered === 1 ? s : null;
    }, 'REST to show the answer');
    expect(rest.totals).toMatchObject({ arrived: 2, queued: 2, answered: 1, waiting: 1, vipWaiting: 1, agentConnectRate: 1 });
    const live = await waitFor(() => (ws.current()?.totals.answered === 1 ? ws.current() : null), 'the socket client to show the answer');
    expect(live!.totals).toEqual({ ...rest.totals, longestWaitMs: live!.totals.longestWaitMs });
    expect(live!.queues.map((q) => q.id)).toEqual(['billing']);
    expect(ws.deltas.length).toBeGreaterThan(0);
    expect(ws.gaps).toBe(0);
    // The caller's number never reaches a suite.client.
    expect(JSON.stringify(rest)).not.toContain('13812345678');
  });

  it('shows a backlog that was in the stream before the server started', async () => {
    const { add, start, stream } = setup('backlog');
    const now = Date.now();
    const events: EventInput[] = [];
    for (let i = 0; i < 2500; i++) {
      events.push({ type: 'call.queued', ts: now - 60_000, callId: `b${i}`, queue: i % 2 ? 'tech' : 'billing' });
      if (i % 5 !== 0) events.push({ type: 'call.answered', ts: now - 50_000, callId: `b${i}`, queue: i % 2 ? 'tech' : 'billing', agentId: 'a1' });
    }
    await add(...events);
    const server = await start();
    const snap = await waitFor(async () => {
      const s = await snapshotOf(server.url);
      return s.totals.queued === 2500 ? s : null;
    }, 'the backlog to be applied');
    expect(snap.totals).toMatchObject({ queued: 2500, answered: 2000, waiting: 500 });
    expect(snap.ingest.cursors[stream]).toBeDefined();
    const ready = await getJson<{ ready: boolean }>(`${server.url}/readyz`);
    expect(ready.body.ready).toBe(true);
  });

  it('dead-letters malformed entries with the reason, acknowledges them and keeps counting', async () => {
    const { add, start, stream, prefix } = setup('malformed');
    const server = await start();
    await suite.client.xadd(stream, '*', 'v', '1', 'type', 'call.queued', 'ts', String(Date.now()), 'queue', 'billing'); // no callId
    await suite.client.xadd(stream, '*', 'v', '1', 'type', 'call.teleported', 'ts', '1', 'callId', 'x');
    await suite.client.xadd(stream, '*', 'v', '1', 'type', 'survey.submitted', 'ts', 'yesterday', 'callId', 'x', 'score', '101');
    await add({ type: 'call.queued', ts: Date.now(), callId: 'ok1', queue: 'billing' });
    const snap = await waitFor(async () => {
      const s = await snapshotOf(server.url);
      return s.totals.queued === 1 ? s : null;
    }, 'the valid event to count');
    expect(snap.ingest.deadLettered).toBe(3);
    const dead = await suite.client.xrange(keys.deadLetters(stream), '-', '+');
    const reasons = dead.map(([, f]) => f[f.indexOf('reason') + 1]);
    expect(reasons).toEqual([
      'missing field "callId"',
      'unknown type "call.teleported"',
      'field "ts": must be epoch milliseconds (digits only); field "score": must be within 0–100',
    ]);
    await waitFor(async () => ((await suite.client.xpending(stream, prefix)) as [number])[0] === 0, 'every entry to be acknowledged');
  });

  it('follows only the queues or the team a screen asks for', async () => {
    const { add, start } = setup('views');
    const server = await start();
    const now = Date.now();
    await add(
      { type: 'agent.state', ts: now, agentId: 'a1', state: 'talking', team: 'A', queues: ['billing'] },
      { type: 'agent.state', ts: now, agentId: 'a2', state: 'available', team: 'B', queues: ['tech'] },
      { type: 'call.queued', ts: now, callId: 'c1', queue: 'billing' },
      { type: 'call.queued', ts: now, callId: 'c2', queue: 'tech' },
      { type: 'call.queued', ts: now, callId: 'c3', queue: 'tech' },
    );
    const techOnly = connectClient(server.url, { queues: ['tech'] });
    const teamA = connectClient(server.url, { team: 'A' });
    running.push(techOnly, teamA);
    const t = await waitFor(() => (techOnly.current()?.totals.waiting === 2 ? techOnly.current() : null), 'the tech view');
    expect(t!.queues.map((q) => q.id)).toEqual(['tech']);
    const a = await waitFor(() => (teamA.current()?.totals.waiting === 1 ? teamA.current() : null), 'the team A view');
    expect(a!.agentList.map((x) => x.id)).toEqual(['a1']);
    expect((await snapshotOf(server.url, '?queues=tech')).totals.waiting).toBe(2);
    expect((await getJson(`${server.url}/api/v1/snapshot?team=`)).status).toBe(400);
  });

  it('coalesces a burst of events into a few deltas with consecutive sequence numbers', async () => {
    const { add, start } = setup('coalesce');
    const server = await start();
    const ws = connectClient(server.url);
    running.push(ws);
    await waitFor(() => ws.current(), 'the first snapshot');
    const now = Date.now();
    const burst: EventInput[] = [];
    for (let i = 0; i < 3000; i++) burst.push({ type: 'call.queued', ts: now, callId: `x${i}`, queue: `q${i % 20}` });
    await add(...burst);
    await waitFor(() => ws.current()?.totals.queued === 3000, 'the burst to arrive');
    // 3000 events, pushes every 50 ms: far fewer deltas than events, none lost.
    expect(ws.deltas.length).toBeLessThan(100);
    expect(ws.gaps).toBe(0);
    expect(ws.deltas.map((d) => d.seq)).toEqual(ws.deltas.map((_, i) => i + 1));
  });

  it('consumes partitioned streams together, in order within each', async () => {
    const prefix = uniquePrefix('partitions');
    const streams = [`${prefix}:events:{billing}`, `${prefix}:events:{tech}`];
    const server = await startTestServer(suite.redis.url, { streams, group: prefix });
    running.push(server);
    const now = Date.now();
    for (const [i, stream] of streams.entries()) {
      const queue = i === 0 ? 'billing' : 'tech';
      await suite.client.xadd(stream, '*', ...encodeArgs({ type: 'call.queued', ts: now, callId: `p${i}`, queue }));
      await suite.client.xadd(stream, '*', ...encodeArgs({ type: 'call.answered', ts: now + 1000, callId: `p${i}`, queue, agentId: 'a1' }));
    }
    const snap = await waitFor(async () => {
      const s = await snapshotOf(server.url);
      return s.totals.answered === 2 ? s : null;
    }, 'both partitions');
    expect(Object.keys(snap.ingest.cursors).sort()).toEqual([...streams].sort());
    expect(snap.queues.map((q) => [q.id, q.answered])).toEqual([['billing', 1], ['tech', 1]]);
  });

  it('trims the stream by age, but never what the state does not yet cover', async () => {
    const { stream, prefix } = setup('retention');
    const old = Date.now() - 3 * 3600_000;
    const p = suite.client.pipeline();
    for (let i = 0; i < 350; i++) p.xadd(stream, `${old + i}-0`, ...encodeArgs({ type: 'call.arrived', ts: old + i, callId: `o${i}` }));
    await p.exec();
    await suite.client.xadd(stream, '*', ...encodeArgs({ type: 'call.arrived', ts: Date.now(), callId: 'fresh' }));
    const server = await startTestServer(suite.redis.url, { streams: [stream], group: prefix, retentionMs: 3600_000, trimIntervalMs: 100 });
    running.push(server);
    // Trimming is approximate: it drops whole nodes of 100 entries, so some old ones remain.
    await waitFor(async () => (await suite.client.xlen(stream)) <= 151, 'old entries to be trimmed');
    const snap = await snapshotOf(server.url);
    expect(snap.ingest.applied).toBe(351); // applied before they were trimmed
    expect((await suite.client.xrange(stream, '-', '+')).at(-1)![1]).toContain('fresh');
  });

  it('gives a client that saw a gap a fresh snapshot on resync', async () => {
    const { add, start } = setup('resync');
    const server = await start();
    const ws = connectClient(server.url);
    running.push(ws);
    await waitFor(() => ws.current(), 'the first snapshot');
    await add({ type: 'call.queued', ts: Date.now(), callId: 'g1', queue: 'billing' });
    await waitFor(() => ws.current()?.totals.queued === 1, 'the first event');
    ws.socket.emit('resync');
    await waitFor(() => ws.snapshots.length === 2, 'a second snapshot');
    expect(ws.snapshots[1]!.snapshot.totals.queued).toBe(1);
    expect(ws.snapshots[1]!.seq).toBe(ws.deltas.at(-1)!.seq);
  });
});
