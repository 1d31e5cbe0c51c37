// Socket.IO push: a screen subscribes to a view (some queues, a team, or all) and joins that
// view's room; it gets a full snapshot, then numbered deltas. Deltas are computed once per
// room, at most every pushIntervalMs however fast events arrive, and only when something a
// client shows changed. Each push takes one frame from the source and projects every room's
// view from it, and remembers fingerprints and list changes, so rooms that share rows and
// lists serialise and compare them once. The number of rooms and of connections per address are capped.
// With several nodes, rooms and their seq are per node: data goes to this node's sockets only
// (`io.local`), and only control goes to every node (cluster-bus.ts).
import type { Server as HttpServer } from 'node:http';
import type { Cluster, Redis } from 'ioredis';
import { Server, type Socket } from 'socket.io';
import type { Snapshot } from '../contract/snapshot.js';
import type { View } from '../contract/view.js';
import { parseView, viewKey } from '../contract/view.js';
import type { Logger } from '../log.js';
import { diffSnapshot, type Delta } from '../contract/delta.js';
import type { AlarmAckAnswer, ClientToServerEvents, ServerToClientEvents } from '../contract/protocol.js';
import { can } from '../auth/principal.js';
import { createAddressCap, clientAddress, trustTest, type TrustProxy } from './address-cap.js';
import { createOriginCheck } from './origin-check.js';
import type { Access } from '../auth/access.js';
import { socketViewsOf } from '../contract/display-view.js';
import { projectForDisplay, type DisplayProjection } from '../core/display-projection.js';
import { attachClusterBus, SINGLE_NODE, type ClusterBusOptions, type InterServerEvents } from './cluster-bus.js';
import { attachSocketAccess, type SocketAccess, type SocketAccessData } from './socket-access.js';
import { getOrCreate } from '../core/map-utils.js';
import { createRememberingCompare } from './remembering-compare.js';
import { createSocketGuard, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_SOCKET_LIMITS, type GuardCounters, type SocketLimits } from './socket-guard.js';

/** One moment's shared computation: every view's snapshot at that moment, projected from it. */
export interface SnapshotFrame {
  view(view: View): Snapshot;
}

export interface SnapshotSource {
  snapshot(now: number, view: View): Snapshot;
  /** The frame of this moment; valid until the version changes. */
  frame(now: number): SnapshotFrame;
  /** Changes whenever the state changes. */
  readonly version: number;
}

export interface RealtimeOptions {
  /** Deltas to a room at most this often. @default 200 */
  pushIntervalMs: number;
  /** Re-evaluate rooms at least this often even without events (overdue checks, expiry). @default 1000 */
  idleRecheckMs?: number;
  /**
   * A room that had nothing to send for this long gets an empty delta, so a screen on a quiet floor
   * can still tell a live feed from a dead one (its watchdog reloads a page that hears nothing). @default 15000
   */
  heartbeatMs?: number;
  /** Browser origins allowed besides the server's own. @default [] */
  allowedOrigins?: string[];
  /** Largest message a client may send: the largest valid view fits (500 queue names of 128 characters, about 66 KB of JSON). @default 98304 */
  maxMessageBytes?: number;
  /** Per-socket rate and buffer limits, and the caps on views and on connections per address. @default DEFAULT_SOCKET_LIMITS */
  limits?: SocketLimits;
  /** Which proxies' X-Forwarded-For to believe for a client's address (Express's `trust proxy`). @default false */
  trustProxy?: TrustProxy;
  /** The cluster bus's channel prefix and how long a question to every node may wait. @default { key: 'socket.io', requestsTimeoutMs: 1000 } */
  cluster?: ClusterBusOptions;
}

interface Room {
  view: View;
  /** Set for displays' rooms: what a TV is served of the snapshot. */
  projection: DisplayProjection | null;
  seq: number;
  last: Snapshot;
  /** When this room was last sent a delta (or made), for the heartbeat. */
  sentAt: number;
}

type SocketData = { room?: string } & SocketAccessData;
type WallboardSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface RealtimeDeps {
  /** What the rooms show. */
  source: SnapshotSource;
  log: Logger;
  /** The server's clock: snapshot times, push pacing, and the answer to a screen's clock check. */
  now: () => number;
  /** Who may connect, and what a display may see. */
  access: Access;
  /** Told of every push that computed a frame: its duration and the deltas it sent (the metrics). */
  onPush?: (ms: number, deltas: number) => void;
  /** The server's Redis connection, whose duplicates carry the cluster bus (the Socket.IO Redis adapter). Without it this node is alone. */
  redis?: Redis | Cluster;
  /** Acknowledging alarms from a screen, and hearing that another node saved new alarm rules. Without it, an acknowledgement is refused. */
  alarms?: RealtimeAlarms;
}

/** What the push needs of the alarm engine (alarm-engine.ts). */
export interface RealtimeAlarms {
  acknowledge(alarmId: string, by: string): Promise<AlarmAckAnswer>;
  reloadRules(): Promise<void>;
}

export interface Realtime {
  /** What the per-socket limits and the caps have done. */
  readonly counters: GuardCounters;
  /** Distinct views served now. */
  readonly views: number;
  /** Socket.IO connections to this process now. */
  readonly connected: number;
  /** Every node's connected displays and refusals, and turning away ended access on every node. */
  readonly access: Omit<SocketAccess, 'stop'>;
  /** Tells every other node that the alarm rules changed. */
  alarmRulesChanged(): void;
  close(): Promise<void>;
}

export function createRealtime(httpServer: HttpServer, options: RealtimeOptions, deps: RealtimeDeps): Realtime {
  const { source, log, now } = deps;
  const limits = options.limits ?? DEFAULT_SOCKET_LIMITS;
  const originCheck = createOriginCheck(options.allowedOrigins ?? []);
  const trust = trustTest(options.trustProxy ?? false);
  const addressCap = createAddressCap(limits.maxConnectionsPerAddress, trust);
  const refusals = refusalLog(log, now);
  const guard = createSocketGuard(limits, now);
  const io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(httpServer, {
    serveClient: false,
    // No CORS headers: a foreign page is refused at the handshake rather than allowed by them.
    allowRequest: (req, callback) =>
      originCheck(req, (err, ok) => {
        if (!ok) return callback(err, false);
        if (addressCap.allows(req)) return callback(null, true);
        guard.counters.connectionsRefused += 1;
        refusals.note('connections', 'refused a connection: its address holds the most connections allowed', {
          address: clientAddress(req, trust),
          maxConnectionsPerAddress: limits.maxConnectionsPerAddress,
        });
        callback('too many connections from this address', false);
      }),
    maxHttpBufferSize: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
  });
  io.engine.on('connection', (connection: Parameters<typeof addressCap.track>[0]) => addressCap.track(connection));
  const bus = deps.redis ? attachClusterBus(io, deps.redis, options.cluster ?? {}, log, now) : SINGLE_NODE;
  const socketAccess = attachSocketAccess(io, bus, deps.access, log, now, (req) => clientAddress(req, trust));
  const alarms = deps.alarms;
  if (alarms) {
    io.on('alarm-rules-changed', () => {
      alarms.reloadRules().catch((error: unknown) => log.warn('could not reload the alarm rules', { error }));
    });
  }
  const compare = createRememberingCompare();
  const rooms = new Map<string, Room>();
  let pushedVersion = -1;
  let lastFullCheck = 0;
  const idleRecheckMs = options.idleRecheckMs ?? 1000;
  const heartbeatMs = options.heartbeatMs ?? 15_000;

  const project = (room: Pick<Room, 'projection'>, snapshot: Snapshot) => (room.projection ? projectForDisplay(snapshot, room.projection) : snapshot);

  function subscribe(socket: WallboardSocket, rawView: unknown): void {
    const principal = socket.data.principal;
    let view: View;
    let projection: DisplayProjection | null = null;
    if (principal?.kind === 'display') {
      // A display is served its own view (or, with a playlist, the page it asks for) whatever it asks for.
      const allowed = socketViewsOf(principal.view);
      const asked = parseView(rawView);
      view = (asked.ok && allowed.find((v) => viewKey(v) === viewKey(asked.view))) || allowed[0]!;
      projection = { agentNames: principal.view.agentNames ?? true };
    } else {
      const parsed = parseView(rawView);
      if (!parsed.ok) {
        log.warn('rejected a subscription with an invalid view', { socket: socket.id, reason: parsed.reason });
        socket.disconnect(true);
        return;
      }
      view = parsed.view;
    }
    const key = viewKey(view);
    const name = projection ? `display:${projection.agentNames ? 1 : 0}:${key}` : `view:${key}`;
    if (!rooms.has(name) && liveRooms(socket.data.room) >= limits.maxViews) {
      // Refused rather than served: the rooms already open keep their pace, and this screen its old view.
      guard.counters.viewsRefused += 1;
      refusals.note('views', 'refused a subscription: the server serves the most distinct views allowed', { socket: socket.id, maxViews: limits.maxViews });
      socket.emit('refused', { reason: 'tooManyViews', message: `this server already serves ${limits.maxViews} distinct views; choose a view another screen shows` });
      return;
    }
    if (socket.data.room && socket.data.room !== name) void socket.leave(socket.data.room);
    socket.data.room = name;
    void socket.join(name);
    let room = rooms.get(name);
    if (!room) {
      room = { view, projection, seq: 0, last: project({ projection }, source.snapshot(now(), view)), sentAt: now() };
      rooms.set(name, room);
    }
    if (guard.dropIfBacklogged(socket)) return;
    snapshotSoon(socket.id, name, key);
  }

  // Snapshots for the screens that subscribed in one turn of the event loop go out as one local
  // broadcast per room: encoded once, not once a screen, so a reconnect storm of thousands costs
  // one serialisation per view. A socket that subscribes again before the flush gets only its latest.
  const pendingSnapshots = new Map<string, { room: string; key: string }>();
  let flushScheduled = false;
  function snapshotSoon(socketId: string, room: string, key: string): void {
    pendingSnapshots.set(socketId, { room, key });
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(flushSnapshots);
  }
  function flushSnapshots(): void {
    flushScheduled = false;
    if (pendingSnapshots.size === 0) return;
    const byRoom = new Map<string, { key: string; ids: string[] }>();
    for (const [id, { room, key }] of pendingSnapshots) getOrCreate(byRoom, room, () => ({ key, ids: [] as string[] })).ids.push(id);
    pendingSnapshots.clear();
    for (const [name, { key, ids }] of byRoom) {
      const room = rooms.get(name);
      // The room's last snapshot is exactly what the next delta (seq + 1) applies to.
      if (room) io.local.to(ids).emit('snapshot', { seq: room.seq, view: key, snapshot: room.last });
    }
  }

  /** Rooms with a member, not counting one that `leaving` would empty; forgets the empty ones. */
  function liveRooms(leaving: string | undefined): number {
    let live = 0;
    for (const name of rooms.keys()) {
      const size = io.sockets.adapter.rooms.get(name)?.size ?? 0;
      if (size === 0) rooms.delete(name);
      else if (!(name === leaving && size === 1)) live += 1;
    }
    return live;
  }

  io.on('connection', (socket: WallboardSocket) => {
    const gate = guard.gate(socket);
    // Over the rate a subscription is not lost but deferred, the latest one winning, so a lead
    // who taps through teams quickly ends on the team they tapped last.
    let deferred: { view: unknown } | null = null;
    let deferTimer: NodeJS.Timeout | null = null;
    socket.on('subscribe', (view) => {
      if (gate.allow('subscribe')) {
        deferred = null;
        subscribe(socket, view);
        return;
      }
      deferred = { view };
      deferTimer ??= setTimeout(
        () => {
          deferTimer = null;
          const latest = deferred;
          deferred = null;
          if (latest && socket.connected) subscribe(socket, latest.view);
        },
        Math.ceil(1000 / limits.requestsPerSecond),
      );
    });
    socket.on('disconnect', () => {
      if (deferTimer) clearTimeout(deferTimer);
    });
    socket.on('resync', () => {
      if (!gate.allow('resync')) return;
      const room = socket.data.room ? rooms.get(socket.data.room) : undefined;
      subscribe(socket, room?.view ?? {});
    });
    socket.on('clock', (ack) => {
      if (typeof ack === 'function') ack(now());
    });
    socket.on('alarm:acknowledge', (alarmId, ack) => {
      if (typeof ack !== 'function') return;
      const principal = socket.data.principal;
      if (!gate.allow('acknowledge')) return ack({ ok: false, error: 'too many requests' });
      if (!principal || !can(principal, 'acknowledge-alarms')) return ack({ ok: false, error: 'this screen may not acknowledge alarms' });
      if (typeof alarmId !== 'string' || alarmId.length === 0 || alarmId.length > 128) return ack({ ok: false, error: 'an alarm id is 1–128 characters' });
      if (!alarms) return ack({ ok: false, error: 'alarms are not served here' });
      const by = principal.kind === 'user' ? principal.name : `token:${principal.name}`;
      alarms.acknowledge(alarmId, by).then(
        (answer) => ack(answer.ok ? answer : { ok: false, error: answer.error }),
        (error: unknown) => {
          log.warn('acknowledging an alarm failed', { error, alarmId });
          ack({ ok: false, error: 'the acknowledgement could not be written; try again' });
        },
      );
    });
  });

  function push(): void {
    // Snapshots owed go first, so each is the state the next delta applies to.
    flushSnapshots();
    const at = now();
    const changed = source.version !== pushedVersion;
    if (!changed && at - lastFullCheck < idleRecheckMs) return;
    pushedVersion = source.version;
    lastFullCheck = at;
    const started = performance.now();
    let frame: SnapshotFrame | null = null;
    let deltas = 0;
    for (const [name, room] of rooms) {
      if (!io.sockets.adapter.rooms.get(name)?.size) {
        rooms.delete(name);
        continue;
      }
      frame ??= source.frame(at);
      const next = project(room, frame.view(room.view));
      const delta = diffSnapshot(room.last, next, room.seq + 1, compare) ?? (at - room.sentAt >= heartbeatMs ? emptyDelta(room.seq + 1, next.serverTs) : null);
      if (!delta) continue;
      room.seq = delta.seq;
      room.sentAt = at;
      room.last = next;
      // A screen still holding unsent data past the limit is dropped before more is queued.
      for (const id of [...(io.sockets.adapter.rooms.get(name) ?? [])]) {
        const member = io.sockets.sockets.get(id);
        if (member) guard.dropIfBacklogged(member);
      }
      // This node's screens only: every node sends its own delta, with its own seq, to its own.
      io.local.to(name).emit('delta', delta);
      deltas += 1;
    }
    // What a push costs, for `npm run bench:views` and an operator chasing a slow board (LOG_LEVEL=debug).
    if (frame) {
      const ms = performance.now() - started;
      log.debug('pushed', { rooms: rooms.size, deltas, ms: Math.round(ms * 100) / 100 });
      deps.onPush?.(ms, deltas);
    }
  }

  const timer = setInterval(() => {
    try {
      push();
    } catch (error) {
      log.error('push failed', { error });
    }
  }, options.pushIntervalMs);
  timer.unref();

  return {
    counters: guard.counters,
    access: socketAccess,
    alarmRulesChanged: () => bus.tellAlarmRulesChanged(),
    get views() {
      return liveRooms(undefined);
    },
    get connected() {
      return io.engine.clientsCount;
    },
    close: async () => {
      clearInterval(timer);
      socketAccess.stop();
      await io.close();
      bus.close();
    },
  };
}

/** Logs the first refusal of a kind, then at most one line a minute with how many since, so a flood cannot fill the log. */
function refusalLog(log: Logger, now: () => number) {
  const kinds = new Map<string, { loggedAt: number; since: number }>();
  return {
    note(kind: string, message: string, fields: Record<string, unknown>): void {
      const at = now();
      const seen = kinds.get(kind);
      if (seen && at - seen.loggedAt < 60_000) {
        seen.since += 1;
        return;
      }
      log.warn(message, seen ? { ...fields, refusedSinceLastLine: seen.since } : fields);
      kinds.set(kind, { loggedAt: at, since: 0 });
    },
  };
}

/** A heartbeat: nothing changed, but the screen hears that the feed is alive, and of the server's time. */
function emptyDelta(seq: number, serverTs: number): Delta {
  return { seq, serverTs, set: {}, lists: {} };
}
