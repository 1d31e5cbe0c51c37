// The store against a scripted socket: snapshot, deltas in sequence (made by the server's own
// diffSnapshot and applied with its applyDelta), resync on a gap, connection honesty (the server
// gone, or its feed down or catching up, as it pushes), batching.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FeedStatus, Snapshot } from '../../server/contract/snapshot.js';
import { diffSnapshot } from '../../server/contract/delta.js';
import { ClockSource } from './clock-source.js';
import { WallboardStore, type WallboardState } from './wallboard-store.js';
import { FakeSocket } from '../../test/support/fake-socket.js';
import { floorScenario } from '../../test/support/floor-scenario.js';
import { aggregatorOf } from '../../test/support/snapshot-from-events.js';
import { encode } from '../../server/core/events.js';

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);

function setup() {
  const socket = new FakeSocket();
  const clock = new ClockSource();
  const frames: (() => void)[] = [];
  const store = new WallboardStore({
    socket: socket.asSocket(),
    clock,
    view: { team: 'A组' },
    schedule: (fn) => frames.push(fn),
  });
  const seen: WallboardState[] = [];
  store.subscribe((s) => seen.push(s));
  const flush = () => frames.splice(0).forEach((fn) => fn());
  return { socket, clock, store, seen, flush };
}

describe('WallboardStore', () => {
  let base: Snapshot;
  let later: Snapshot;

  beforeEach(() => {
    vi.useFakeTimers({ now: NOW });
    const { events } = floorScenario({ now: NOW, hours: 1 });
    const aggregator = aggregatorOf(events);
    base = aggregator.snapshot(NOW);
    aggregator.applyBatch([
      { stream: 'wallboard:events', id: `${NOW + 1000}-0`, fields: encode({ type: 'call.queued', ts: NOW + 1000, callId: 'new1', queue: 'billing' }) },
    ]);
    later = aggregator.snapshot(NOW + 1000);
  });

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('subscribes on connect, shows the snapshot as live, and measures the server clock', async () => {
    const { socket, clock, store, flush } = setup();
    socket.serverClock = () => Date.now() + 5000;
    store.start();
    expect(socket.emits('subscribe')).toEqual([[{ team: 'A组' }]]);
    socket.fire('snapshot', { seq: 7, view: 'k', snapshot: base });
    await vi.advanceTimersByTimeAsync(0);
    flush();
    expect(store.state).toMatchObject({ snapshot: base, connection: 'live', staleSinceTs: null });
    expect(socket.emits('clock')).toHaveLength(5);
    expect(clock.offsetMs).toBe(5000);
  });

  it('applies deltas in sequence, ignores repeats, and asks for a resync on a gap', () => {
    const { socket, store, flush } = setup();
    store.start();
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot: base });
    const delta = diffSnapshot(base, later, 2)!;
    expect(delta).not.toBeNull();
    socket.fire('delta', delta);
    socket.fire('delta', delta);
    flush();
    expect(store.state.snapshot!.totals.waiting).toBe(base.totals.waiting + 1);
    // longestWaitMs is left out of deltas (clients tick it from oldestQueuedTs); all else agrees.
    const counts = (x: Snapshot) => x.queues.map((q) => [q.id, q.waiting, q.oldestQueuedTs]);
    expect(counts(store.state.snapshot!)).toEqual(counts(later));

    socket.fire('delta', { ...diffSnapshot(later, base, 4)! });
    expect(socket.emits('resync')).toHaveLength(1);
    socket.fire('delta', { ...diffSnapshot(later, base, 5)! });
    expect(socket.emits('resync')).toHaveLength(1);
    expect(store.state.snapshot!.totals.waiting).toBe(later.totals.waiting);
    socket.fire('snapshot', { seq: 9, view: 'k', snapshot: base });
    expect(store.state.snapshot).toBe(base);
  });

  it('tells its listeners once per frame however many messages came', () => {
    const { socket, store, seen, flush } = setup();
    store.start();
    const before = seen.length;
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot: base });
    socket.fire('delta', diffSnapshot(base, later, 2)!);
    socket.fire('delta', diffSnapshot(later, base, 3)!);
    expect(seen.length).toBe(before);
    flush();
    expect(seen.length).toBe(before + 1);
  });

  it('says when the server is gone and from when its data is, and recovers from a fresh snapshot', () => {
    const { socket, clock, store, flush } = setup();
    store.start();
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot: base });
    vi.setSystemTime(NOW + 42_000);
    socket.disconnect();
    flush();
    expect(store.state.connection).toBe('reconnecting');
    expect(store.state.staleSinceTs).toBe(clock.now());
    expect(store.state.snapshot).toBe(base);

    socket.connect();
    expect(socket.emits('subscribe')).toHaveLength(2);
    socket.fire('delta', diffSnapshot(base, later, 2)!); // before the snapshot: ignored
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot: later });
    flush();
    expect(store.state).toMatchObject({ connection: 'live', staleSinceTs: null, snapshot: later });
  });

  it('takes the feed state the server pushes: down with the time of its data, catching up, live again', () => {
    const { socket, store, flush } = setup();
    const fetchSpy = vi.fn();
    vi.stubGlobal('fetch', fetchSpy);
    const withFeed = (x: Snapshot, state: FeedStatus['state'], sinceTs: number): Snapshot => ({
      ...x,
      feed: { state, sinceTs, reason: state === 'down' ? 'Connection is closed.' : null },
    });
    store.start();
    const down = withFeed(base, 'down', NOW - 5000);
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot: down });
    flush();
    expect(store.state).toMatchObject({ connection: 'feedDown', staleSinceTs: NOW - 5000 });

    // Deltas that leave the feed alone leave the connection alone.
    const downLater = withFeed(later, 'down', NOW - 5000);
    socket.fire('delta', diffSnapshot(down, downLater, 2)!);
    flush();
    expect(store.state).toMatchObject({ connection: 'feedDown', staleSinceTs: NOW - 5000, snapshot: { totals: { waiting: later.totals.waiting } } });

    const catching = withFeed(later, 'catchingUp', NOW + 1000);
    const delta = diffSnapshot(downLater, catching, 3)!;
    expect(Object.keys(delta.set)).toEqual(['feed']);
    socket.fire('delta', delta);
    flush();
    expect(store.state).toMatchObject({ connection: 'catchingUp', staleSinceTs: null });
    socket.fire('delta', diffSnapshot(catching, withFeed(later, 'standby', NOW + 1500), 4)!);
    flush();
    expect(store.state.connection).toBe('catchingUp');
    socket.fire('delta', diffSnapshot(catching, withFeed(later, 'live', NOW + 2000), 5)!);
    flush();
    expect(store.state).toMatchObject({ connection: 'live', staleSinceTs: null });
    // In sequence all along: no resync was needed, and nothing polled over HTTP.
    expect(socket.emits('resync')).toHaveLength(0);
    vi.advanceTimersByTime(60_000);
    expect(fetchSpy).not.toHaveBeenCalled();
  });

  it('keeps the time of the data when the server goes while its feed is down', () => {
    const { socket, store, flush } = setup();
    store.start();
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot: { ...base, feed: { state: 'down', sinceTs: NOW - 9000, reason: 'x' } } });
    vi.setSystemTime(NOW + 30_000);
    socket.disconnect();
    flush();
    expect(store.state).toMatchObject({ connection: 'reconnecting', staleSinceTs: NOW - 9000 });
    socket.connect();
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot: { ...later, feed: { state: 'live', sinceTs: NOW + 29_000, reason: null } } });
    flush();
    expect(store.state).toMatchObject({ connection: 'live', staleSinceTs: null });
  });

  it('follows another view and waits for its snapshot', () => {
    const { socket, store } = setup();
    store.start();
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot: base });
    store.setView({ team: 'B组', detail: true });
    expect(socket.emits('subscribe').at(-1)).toEqual([{ team: 'B组', detail: true }]);
    socket.fire('delta', diffSnapshot(base, later, 2)!);
    expect(store.state.snapshot).toBe(base);
  });

  it('keeps the view it had when the server refuses a new one, says so, and asks again later', async () => {
    const { socket, store, flush } = setup();
    store.start();
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot: base });
    store.setView({ team: 'B组' });
    socket.fire('refused', { reason: 'tooManyViews', message: 'too many views' });
    flush();
    expect(store.state.connection).toBe('refused');
    // The old view's deltas apply again.
    socket.fire('delta', diffSnapshot(base, later, 2)!);
    expect(store.state.snapshot!.totals.waiting).toBe(base.totals.waiting + 1);
    const asked = socket.emits('subscribe').length;
    await vi.advanceTimersByTimeAsync(5000);
    expect(socket.emits('subscribe').length).toBe(asked + 1);
    expect(socket.emits('subscribe').at(-1)).toEqual([{ team: 'B组' }]);
    socket.fire('snapshot', { seq: 1, view: 'k2', snapshot: later });
    flush();
    expect(store.state.connection).toBe('live');
  });

  it('lets go of every socket listener and timer when stopped', () => {
    const { socket, store } = setup();
    store.start();
    expect(socket.handlerCount).toBe(7);
    store.stop();
    expect(socket.handlerCount).toBe(0);
    expect(vi.getTimerCount()).toBe(0);
  });
  it('stops for good when the server revokes the display, and does not reconnect when it then drops the socket', () => {
    const { socket, store, flush } = setup();
    store.start();
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot: base });
    socket.fire('access', { reason: 'revoked' });
    // The server disconnects right after: an 'io server disconnect' the store would otherwise answer with connect().
    socket.fire('disconnect', 'io server disconnect');
    flush();
    expect(store.state.access).toBe('revoked');
    expect(socket.connected).toBe(false);
    expect(store.state.connection).toBe('live');
    const connects = socket.emits('subscribe').length;
    socket.fire('disconnect', 'io server disconnect');
    expect(socket.connected).toBe(false);
    expect(socket.emits('subscribe')).toHaveLength(connects);
    store.stop();
    expect(socket.handlerCount).toBe(0);
  });

  it('tells a signed-out session and a refused handshake apart from a network fault', () => {
    const signedOut = setup();
    signedOut.store.start();
    signedOut.socket.fire('access', { reason: 'signed-out' });
    signedOut.flush();
    expect(signedOut.store.state.access).toBe('signed-out');
    expect(signedOut.socket.connected).toBe(false);

    for (const [message, end] of [
      ['revoked', 'revoked'],
      ['unauthorized', 'unauthorized'],
      // Signed in but not allowed to read the board (a password still to change): the login page sorts it out.
      ['forbidden', 'unauthorized'],
    ] as const) {
      const { socket, store, flush } = setup();
      store.start();
      socket.fire('connect_error', new Error(message));
      flush();
      expect(store.state.access).toBe(end);
      expect(socket.connected).toBe(false);
    }

    // A network fault leaves the socket active: socket.io keeps retrying, and the screen keeps waiting.
    const { socket, store, flush } = setup();
    const active = socket as unknown as { active: boolean };
    active.active = true;
    store.start();
    socket.fire('connect_error', new Error('xhr poll error'));
    flush();
    expect(store.state.access).toBeNull();
    expect(vi.getTimerCount()).toBe(1);
    store.stop();
  });

  it('connects again by itself after the server could not check its credential for a while', async () => {
    const { socket, store } = setup();
    const active = socket as unknown as { active: boolean };
    store.start();
    socket.disconnect();
    // A refusal by the middleware leaves the socket inactive: socket.io does not retry it.
    active.active = false;
    socket.fire('connect_error', new Error('unavailable'));
    socket.fire('connect_error', new Error('unavailable'));
    expect(store.state.access).toBeNull();
    const subscribes = socket.emits('subscribe').length;
    await vi.advanceTimersByTimeAsync(4_999);
    expect(socket.connected).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(socket.connected).toBe(true);
    expect(socket.emits('subscribe')).toHaveLength(subscribes + 1);
    store.stop();
    expect(vi.getTimerCount()).toBe(0);
  });
});
