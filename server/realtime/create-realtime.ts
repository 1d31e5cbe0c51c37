// Socket.IO push: a screen subscribes to a view (some queues, a team, or all) and joins that
// view's room; it gets a full snapshot, then numbered deltas. Deltas are computed once per
// room, at most every pushIntervalMs however fast events arrive, and only when something a
// client shows changed.
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { Snapshot } from '../contract/snapshot.js';
import type { View } from '../contract/view.js';
import { parseView, viewKey } from '../contract/view.js';
import type { Logger } from '../log.js';
import { diffSnapshot } from '../contract/delta.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../contract/protocol.js';
import { createOriginCheck } from './origin-check.js';
import type { Access } from '../auth/access.js';
import { socketViewOf } from '../contract/display-view.js';
import { projectForDisplay, type DisplayProjection } from '../core/display-projection.js';
import { attachSocketAccess, type SocketAccess, type SocketAccessData } from './socket-access.js';
import { createSocketGuard, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_SOCKET_LIMITS, type GuardCounters, type SocketLimits } from './socket-guard.js';

export interface SnapshotSource {
  snapshot(now: number, view: View): Snapshot;
  /** Changes whenever the state changes. */
  readonly version: number;
}

export interface RealtimeOptions {
  /** Deltas to a room at most this often. @default 200 */
  pushIntervalMs: number;
  /** Re-evaluate rooms at least this often even without events (overdue checks, expiry). @default 1000 */
  idleRecheckMs?: number;
  /** Browser origins allowed besides the server's own. @default [] */
  allowedOrigins?: string[];
  /** Largest message a client may send: the largest valid view fits (500 queue names of 128 characters, about 66 KB of JSON). @default 98304 */
  maxMessageBytes?: number;
  /** Per-socket rate and buffer limits. @default DEFAULT_SOCKET_LIMITS */
  limits?: SocketLimits;
}

interface Room {
  view: View;
  /** Set for displays' rooms: what a TV is served of the snapshot. */
  projection: DisplayProjection | null;
  seq: number;
  last: Snapshot;
}

type SocketData = { room?: string } & SocketAccessData;
type WallboardSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeDeps {
  /** What the rooms show. */
  source: SnapshotSource;
  log: Logger;
  /** The server's clock: snapshot times, push pacing, and the answer to a screen's clock check. */
  now: () => number;
  /** Who may connect, and what a display may see. */
  access: Access;
}

export interface Realtime {
  /** What the per-socket limits have done. */
  readonly counters: GuardCounters;
  /** Connected displays, and turning away a revoked one. */
  readonly access: Omit<SocketAccess, 'stop'>;
  close(): Promise<void>;
}

export function createRealtime(httpServer: HttpServer, options: RealtimeOptions, deps: RealtimeDeps): Realtime {
  const { source, log, now } = deps;
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, {
    serveClient: false,
    // No CORS headers: a foreign page is refused at the handshake rather than allowed by them.
    allowRequest: createOriginCheck(options.allowedOrigins ?? []),
    maxHttpBufferSize: options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES,
  });
  const socketAccess = attachSocketAccess(io, deps.access, log, now);
  const guard = createSocketGuard(options.limits ?? DEFAULT_SOCKET_LIMITS, now);
  const rooms = new Map<string, Room>();
  let pushedVersion = -1;
  let lastFullCheck = 0;
  const idleRecheckMs = options.idleRecheckMs ?? 1000;

  const snapshotFor = (at: number, room: Pick<Room, 'view' | 'projection'>) => {
    const snapshot = source.snapshot(at, room.view);
    return room.projection ? projectForDisplay(snapshot, room.projection) : snapshot;
  };

  function subscribe(socket: WallboardSocket, rawView: unknown): void {
    const principal = socket.data.principal;
    let view: View;
    let projection: DisplayProjection | null = null;
    if (principal?.kind === 'display') {
      // A display is served its own view whatever it asks for.
      view = socketViewOf(principal.view);
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
    if (socket.data.room && socket.data.room !== name) void socket.leave(socket.data.room);
    socket.data.room = name;
    void socket.join(name);
    let room = rooms.get(name);
    if (!room) {
      room = { view, projection, seq: 0, last: snapshotFor(now(), { view, projection }) };
      rooms.set(name, room);
    }
    if (guard.dropIfBacklogged(socket)) return;
    // The room's last snapshot is exactly what the next delta (seq + 1) applies to.
    socket.emit('snapshot', { seq: room.seq, view: key, snapshot: room.last });
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
        Math.ceil(1000 / (options.limits ?? DEFAULT_SOCKET_LIMITS).requestsPerSecond),
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
  });

  function push(): void {
    const at = now();
    const changed = source.version !== pushedVersion;
    if (!changed && at - lastFullCheck < idleRecheckMs) return;
    pushedVersion = source.version;
    lastFullCheck = at;
    for (const [name, room] of rooms) {
      if (!io.sockets.adapter.rooms.get(name)?.size) {
        rooms.delete(name);
        continue;
      }
      const next = snapshotFor(at, room);
      const delta = diffSnapshot(room.last, next, room.seq + 1);
      if (!delta) continue;
      room.seq = delta.seq;
      room.last = next;
      // A screen still holding unsent data past the limit is dropped before more is queued.
      for (const id of [...(io.sockets.adapter.rooms.get(name) ?? [])]) {
        const member = io.sockets.sockets.get(id);
        if (member) guard.dropIfBacklogged(member);
      }
      io.to(name).emit('delta', delta);
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
    close: async () => {
      clearInterval(timer);
      socketAccess.stop();
      await io.close();
    },
  };
}
