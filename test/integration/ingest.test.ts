// Events in through XADD on a real Redis, numbers out through REST and Socket.IO, read by the
// wallboard's own store.
import { io } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { Delta, SnapshotMessage } from '../../server/contract/protocol.js';
import type { Snapshot } from '../../server/contract/snapshot.js';
import type { View } from '../../server/contract/view.js';
import { encodeArgs, type EventInput } from '../../server/core/events.js';
import type { RunningServer } from '../../server/create-server.js';
import { keys } from '../../server/redis/keys.js';
import { ClockSource } from '../../wallboard/store/clock-source.js';
import { WallboardStore, type WallboardSocket, type WallboardState } from '../../wallboard/store/wallboard-store.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { getJson, snapshotOf, startTestServer, TEST_ADMIN_TOKEN } from '../support/server.js';
import { zoneNearNoon } from '../support/zone-near-noon.js';
import type { ServerConfig } from '../../server/config.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';

const suite = useTestRedis();
const running: Array<RunningServer | StoreClient> = [];

afterEach(async () => {
  for (const r of running.splice(0)) 'stop' in r ? await r.stop() : r.close();
});

/** The wallboard's WallboardStore on a real socket.io-client socket, and what crossed the wire. */
interface StoreClient {
  /** The snapshot the store holds, as its last notification to subscribers gave it. */
  current(): Snapshot | null;
  /** Snapshots and deltas as the server sent them, in order. */
  snapshots: SnapshotMessage[];
  deltas: Delta[];
  /** How many times the store asked for a resync. */
  resyncs: number;
  close(): void;
}

interface StoreClientOptions {
  view?: View;
  /** Deltas for which this returns true never reach the store (they still count in `deltas`): a lost message. */
  lose?: (delta: Delta) => boolean;
}

// Node has neither requestAnimationFrame nor document: the store then batches its notifications
// on a 16 ms timer, and ClockSource ticks on setTimeout, so nothing needs stubbing.
function connectStore(baseUrl: string, options: StoreClientOptions = {}): StoreClient {
  const socket: WallboardSocket = io(baseUrl, {
    auth: { token: TEST_ADMIN_TOKEN },
    autoConnect: false,
    transports: ['websocket'],
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  const store = new WallboardStore({ socket: options.lose ? losing(socket, options.lose) : socket, clock: new ClockSource(), view: options.view ?? {} });
  let latest: WallboardState | null = null;
  const client: StoreClient = {
    current: () => latest?.snapshot ?? null,
    snapshots: [],
    deltas: [],
    resyncs: 0,
    close: () => store.stop(),
  };
  socket.on('snapshot', (message) => client.snapshots.push(message));
  socket.on('delta', (delta) => client.deltas.push(delta));
  socket.onAnyOutgoing((event) => {
    if (event === 'resync') client.resyncs += 1;
  });
  store.subscribe((state) => (latest = state));
  store.start();
  return client;
}

/** The same socket, except that the deltas `lose` picks never reach a listener registered through it. */
function losing(socket: WallboardSocket, lose: (delta: Delta) => boolean): WallboardSocket {
  const wrapped = new Map<unknown, (delta: Delta) => void>();
  return new Proxy(socket, {
    get(target, property) {
      if (property === 'on' || property === 'off') {
        return (event: string, listener: (delta: Delta) => void) => {
          if (event !== 'delta') return (target[property] as (e: string, l: unknown) => WallboardSocket)(event, listener);
          if (property === 'on') wrapped.set(listener, (delta) => (lose(delta) ? undefined : listener(delta)));
          const registered = wrapped.get(listener);
          if (registered) target[property]('delta', registered);
          return target;
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The counts a screen shows; the longest wait ticks with the clock, so it is left out. */
function countsOf(s: Snapshot) {
  return { totals: { ...s.totals, longestWaitMs: 0 }, queues: s.queues.map((q) => ({ ...q, longestWaitMs: 0 })) };
}

function setup(name: string) {
  const prefix = uniquePrefix(name);
  const stream = `${prefix}:events`;
  const add = (...events: EventInput[]) => {
    const p = suite.client.pipeline();
    for (const e of events) p.xadd(stream, '*', ...encodeArgs(e));
    return p.exec();
  };
  const start = async (overrides: Partial<ServerConfig> = {}) => {
    const server = await startTestServer(suite.redis.url, { streams: [stream], group: prefix, ...overrides });
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
    const ws = connectStore(server.url);
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
      { type: 'call.queued', ts: now, callId: 'c3', queue: 'billing' },
      { type: 'call.exited', ts: now + 4000, callId: 'c3', queue: 'billing', reason: 'timeout' },
    );
    const rest = await waitFor(async () => {
      const s = await snapshotOf(server.url);
      return s.totals.answered === 1 && s.totals.exited === 1 ? s : null;
    }, 'REST to show the answer and the exit');
    expect(rest.totals).toMatchObject({ arrived: 3, queued: 3, answered: 1, exited: 1, waiting: 1, vipWaiting: 1, agentConnectRate: 0.5 });
    expect(rest.queues).toMatchObject([{ id: 'billing', exited: 1 }]);
    const live = await waitFor(
      () => (ws.current()?.totals.answered === 1 && ws.current()?.totals.exited === 1 ? ws.current() : null),
      'the socket client to show the answer and the exit',
    );
    expect(live.totals).toEqual({ ...rest.totals, longestWaitMs: live.totals.longestWaitMs });
    expect(live.queues.map((q) => q.id)).toEqual(['billing']);
    expect(ws.deltas.length).toBeGreaterThan(0);
    expect(ws.resyncs).toBe(0);
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
    // A minute back is yesterday just after midnight: judged in a zone where it never is.
    const server = await start({ core: { ...DEFAULT_CORE_CONFIG, timeZone: zoneNearNoon(now) } });
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
    // Names every object has: a type looked up with `in` would throw here and stall the consumer.
    for (const hostile of ['constructor', '__proto__', 'toString']) await suite.client.xadd(stream, '*', 'v', '1', 'type', hostile, 'ts', '1', 'callId', 'x');
    await add({ type: 'call.queued', ts: Date.now(), callId: 'ok1', queue: 'billing' });
    const snap = await waitFor(async () => {
      const s = await snapshotOf(server.url);
      return s.totals.queued === 1 ? s : null;
    }, 'the valid event to count');
    expect(snap.ingest.deadLettered).toBe(6);
    const dead = await suite.client.xrange(keys.deadLetters(stream), '-', '+');
    const reasons = dead.map(([, f]) => f[f.indexOf('reason') + 1]);
    expect(reasons).toEqual([
      'missing field "callId"',
      'unknown type "call.teleported"',
      'field "ts": must be epoch milliseconds (digits only); field "score": must be within 0–100',
      'unknown type "constructor"',
      'unknown type "__proto__"',
      'unknown type "toString"',
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
    const techOnly = connectStore(server.url, { view: { queues: ['tech'] } });
    const teamA = connectStore(server.url, { view: { team: 'A' } });
    running.push(techOnly, teamA);
    const t = await waitFor(() => (techOnly.current()?.totals.waiting === 2 ? techOnly.current() : null), 'the tech view');
    expect(t.queues.map((q) => q.id)).toEqual(['tech']);
    const a = await waitFor(() => (teamA.current()?.totals.waiting === 1 ? teamA.current() : null), 'the team A view');
    expect(a.agentList.map((x) => x.id)).toEqual(['a1']);
    expect((await snapshotOf(server.url, '?queues=tech')).totals.waiting).toBe(2);
    expect((await getJson(`${server.url}/api/v1/snapshot?team=`)).status).toBe(400);
  });

  it('coalesces a burst of events into a few deltas with consecutive sequence numbers', async () => {
    const { add, start } = setup('coalesce');
    const server = await start();
    const ws = connectStore(server.url);
    running.push(ws);
    await waitFor(() => ws.current(), 'the first snapshot');
    const now = Date.now();
    const burst: EventInput[] = [];
    for (let i = 0; i < 3000; i++) burst.push({ type: 'call.queued', ts: now, callId: `x${i}`, queue: `q${i % 20}` });
    await add(...burst);
    await waitFor(() => ws.current()?.totals.queued === 3000, 'the burst to arrive');
    // 3000 events, pushes every 50 ms: far fewer deltas than events, none lost.
    expect(ws.deltas.length).toBeLessThan(100);
    expect(ws.resyncs).toBe(0);
    expect(ws.deltas.map((d) => d.seq)).toEqual(ws.deltas.map((_, i) => i + 1));
    // Applied in order, the deltas leave the store where REST is.
    await waitFor(async () => {
      expect(countsOf(ws.current()!)).toEqual(countsOf(await snapshotOf(server.url)));
      return true;
    }, 'the store to show what REST shows');
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
    expect(snap.queues.map((q) => [q.id, q.answered])).toEqual([
      ['billing', 1],
      ['tech', 1],
    ]);
  });

  it('trims the stream by age, but never what the state does not yet cover', async () => {
    const { stream, prefix } = setup('retention');
    const old = Date.now() - 3 * 3600_000;
    const addOld = (from: number, count: number) => {
      const p = suite.client.pipeline();
      for (let i = from; i < from + count; i++) p.xadd(stream, `${old + i}-0`, ...encodeArgs({ type: 'call.arrived', ts: old + i, callId: `o${i}` }));
      return p.exec();
    };
    await addOld(0, 350);
    const options = { streams: [stream], group: prefix, retentionMs: 3600_000, trimIntervalMs: 100 };
    const first = await startTestServer(suite.redis.url, options);
    // Applied, covered by a checkpoint and three hours old: trimmed. Trimming is approximate
    // (whole nodes of up to 100 entries), so the node holding the checkpoint's entry remains.
    await waitFor(async () => (await suite.client.xlen(stream)) <= 100, 'old entries to be trimmed');
    await first.stop();
    const kept = await suite.client.xlen(stream);

    // The next server checkpoints once at start-up, then not for an hour: what it reads after
    // that is applied but not covered, and a crash would replay it from the stream.
    const server = await startTestServer(suite.redis.url, { ...options, checkpointIntervalMs: 3600_000 });
    running.push(server);
    await waitFor(() => server.consumer.status.role === 'active', 'the second server to take over');
    await addOld(1000, 350);
    const fresh = await suite.client.xadd(stream, '*', ...encodeArgs({ type: 'call.arrived', ts: Date.now(), callId: 'fresh' }));
    await waitFor(async () => (await snapshotOf(server.url)).ingest.cursors[stream] === fresh, 'every entry to be applied');
    // Watch the trimmer run on this stream twice more with the entries applied.
    const monitor = await suite.client.monitor();
    let trims = 0;
    monitor.on('monitor', (_time: string, args: string[]) => {
      if (args[0]?.toLowerCase() === 'xtrim' && args[1] === stream) trims += 1;
    });
    try {
      await waitFor(() => trims >= 2, 'the trimmer to run');
    } finally {
      monitor.disconnect();
    }
    expect((await suite.client.xrange(stream, `${old + 1000}-0`, '+')).length).toBe(351);
    expect(await suite.client.xlen(stream)).toBe(kept + 351);
    expect((await snapshotOf(server.url)).ingest.applied).toBe(701); // applied before any was trimmed
    expect((await suite.client.xrange(stream, '-', '+')).at(-1)![1]).toContain('fresh');
  });

  it('gives a client that saw a gap a fresh snapshot on resync', async () => {
    const { add, start } = setup('resync');
    const server = await start();
    // The first delta is lost on its way to the store; the next one shows it the gap.
    let lost: Delta | null = null;
    const ws = connectStore(server.url, { lose: (delta) => (lost ??= delta) === delta });
    running.push(ws);
    await waitFor(() => ws.current(), 'the first snapshot');
    await add({ type: 'call.queued', ts: Date.now(), callId: 'g1', queue: 'billing' });
    await waitFor(() => lost, 'the first delta (lost)');
    expect(ws.current()!.totals.queued).toBe(0);
    await add({ type: 'call.queued', ts: Date.now(), callId: 'g2', queue: 'billing' });
    await waitFor(() => ws.current()?.totals.queued === 2, 'the store to catch up through a resync');
    expect(ws.resyncs).toBe(1);
    expect(ws.snapshots).toHaveLength(2);
    expect(ws.snapshots[1]!.snapshot.totals.queued).toBe(2);
    // The fresh snapshot stands where the last delta sent before it left the view.
    const before = ws.deltas.filter((d) => d.seq <= ws.snapshots[1]!.seq);
    expect(ws.snapshots[1]!.seq).toBe(before.at(-1)!.seq);
    // From there on, deltas apply in sequence again.
    await add({ type: 'call.queued', ts: Date.now(), callId: 'g3', queue: 'billing' });
    await waitFor(() => ws.current()?.totals.queued === 3, 'the next delta');
    expect(ws.resyncs).toBe(1);
    expect(ws.current()!.totals).toEqual({ ...(await snapshotOf(server.url)).totals, longestWaitMs: ws.current()!.totals.longestWaitMs });
  });
});
