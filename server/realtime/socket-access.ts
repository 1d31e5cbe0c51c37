// Access control on Socket.IO: the handshake is authenticated like a REST request (the session
// cookie through express-session on the engine, or `auth: { token }`), before the socket joins any
// room. A revoked display, a removed user or token: the node that handled the admin's request
// tells every node through the cluster bus, and each turns away its own screens at once.
// Connected screens are also checked again every sweep: the safety net for a node that missed
// that message (a Redis blip drops pub/sub messages) and for an ended session (logout, expiry).
import type { IncomingMessage } from 'node:http';
import type { Socket as IoSocket } from 'socket.io';
import type { Access, SessionRequest } from '../auth/access.js';
import { can, type Principal } from '../auth/principal.js';
import { mergeRefusals, type Refusal } from '../auth/refusal-log.js';
import type { Logger } from '../log.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../contract/protocol.js';
import type { AccessChange, BusServer, ClusterBus, InterServerEvents } from './cluster-bus.js';

export interface SocketAccessData {
  principal?: Principal;
  /** The session the socket was opened with (cookie principals). */
  sessionId?: string;
  /** Last time this socket's display was recorded as seen. */
  seenTs?: number;
}

/** The reason a refused handshake gives the client (`connect_error`'s message). */
export type HandshakeRefusal = 'unauthorized' | 'revoked' | 'forbidden';

/** How often a connected display's last-seen time is written. */
const SEEN_EVERY_MS = 60_000;

/** Something gathered from every node; partial when some node did not answer in time. */
export interface FromEveryNode<T> {
  value: T;
  partial: boolean;
}

export interface SocketAccess {
  /** Screens connected to every node, by display id. */
  connectedDisplays(): Promise<FromEveryNode<ReadonlyMap<string, number>>>;
  /** Turns away the screens of a revoked display, a removed user or token, on every node now. */
  accessChanged(change: AccessChange): void;
  /** Every node's recent refusals, newest first. */
  refusals(): Promise<FromEveryNode<Refusal[]>>;
  stop(): void;
}

type Socket = IoSocket<ClientToServerEvents, ServerToClientEvents, InterServerEvents>;

export function attachSocketAccess(
  io: BusServer,
  bus: ClusterBus,
  access: Access,
  log: Logger,
  now: () => number,
  addressOfRequest: (req: IncomingMessage) => string,
): SocketAccess {
  const addressOf = (socket: Socket) => addressOfRequest(socket.request);
  io.engine.use(access.session);
  io.use((socket: Socket, next) => {
    const raw: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.['token'];
    const bearer = typeof raw === 'string' && raw !== '' ? raw : null;
    const req = socket.request as SessionRequest;
    const refuse = (reason: HandshakeRefusal, why: string, name: string | null = null) => {
      access.refuse('handshake', { address: addressOf(socket), path: 'socket.io', reason: why, name });
      next(new Error(reason));
    };
    access.authenticate(req, bearer).then(
      (auth) => {
        if (!auth.ok) return refuse(auth.reason === 'revoked' ? 'revoked' : 'unauthorized', `no valid credential (${auth.reason})`);
        const { principal } = auth;
        if (principal.kind !== 'display' && !can(principal, 'read-board')) return refuse('forbidden', 'this credential may not read the board', principal.name);
        const data = socket.data as SocketAccessData;
        data.principal = principal;
        data.sessionId = bearer === null ? req.sessionID : undefined;
        if (principal.kind === 'display') {
          data.seenTs = now();
          void access.displays.touch(principal.id, { ts: now(), address: addressOf(socket) }).catch(() => undefined);
        }
        next();
      },
      (error: unknown) => {
        log.warn('could not authenticate a socket', { error });
        next(new Error('unavailable'));
      },
    );
  });

  const turnAway = (socket: Socket, reason: 'revoked' | 'signed-out') => {
    socket.emit('access', { reason });
    socket.disconnect(true);
  };

  /** This node's screens that the change turns away. */
  function apply(change: AccessChange): void {
    for (const socket of io.sockets.sockets.values()) {
      const p = (socket.data as SocketAccessData).principal;
      if (!p || p.kind !== change.kind) continue;
      switch (change.kind) {
        case 'display':
          if (p.kind === 'display' && p.id === change.id) turnAway(socket, 'revoked');
          break;
        case 'token':
          if (p.kind === 'token' && p.id === change.id) turnAway(socket, 'revoked');
          break;
        case 'user':
          if (p.kind === 'user' && p.name === change.name) turnAway(socket, 'signed-out');
          break;
        default: {
          const never: never = change;
          return never;
        }
      }
    }
  }
  io.on('access-changed', apply);

  function localDisplayCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const socket of io.sockets.sockets.values()) {
      const p = (socket.data as SocketAccessData).principal;
      if (p?.kind === 'display') counts.set(p.id, (counts.get(p.id) ?? 0) + 1);
    }
    return counts;
  }
  io.on('connected-displays', (ack) => ack(Object.fromEntries(localDisplayCounts())));
  io.on('refusals', (ack) => ack(access.refusals.list()));

  async function sweep(): Promise<void> {
    const sockets = [...io.sockets.sockets.values()];
    const displayIds = new Set<string>();
    const sessions = new Map<string, string>(); // session id → user name
    for (const socket of sockets) {
      const data = socket.data as SocketAccessData;
      if (data.principal?.kind === 'display') displayIds.add(data.principal.id);
      else if (data.principal?.kind === 'user' && data.sessionId) sessions.set(data.sessionId, data.principal.name);
    }
    const liveDisplays = await access.displays.existing([...displayIds]);
    const liveSessions = new Set<string>();
    await Promise.all(
      [...sessions].map(async ([sid, name]) => {
        const owner = await access.sessionOwner(sid);
        if (owner?.kind === 'user' && owner.name === name && (await access.users.get(name))) liveSessions.add(sid);
      }),
    );
    const at = now();
    for (const socket of sockets) {
      const data = socket.data as SocketAccessData;
      const p = data.principal;
      if (p?.kind === 'display') {
        if (!liveDisplays.has(p.id)) turnAway(socket, 'revoked');
        else if (at - (data.seenTs ?? 0) >= SEEN_EVERY_MS) {
          data.seenTs = at;
          void access.displays.touch(p.id, { ts: at, address: addressOf(socket) }).catch(() => undefined);
        }
      } else if (p?.kind === 'user' && data.sessionId && !liveSessions.has(data.sessionId)) turnAway(socket, 'signed-out');
    }
  }

  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    sweep()
      .catch((error: unknown) => log.warn('access sweep failed', { error }))
      .finally(() => (running = false));
  }, access.config.sweepMs);
  timer.unref();

  return {
    connectedDisplays: async () => {
      const counts = localDisplayCounts();
      const others = await bus.gather('connected-displays');
      for (const answer of others.values) for (const [id, n] of Object.entries(answer)) counts.set(id, (counts.get(id) ?? 0) + n);
      return { value: counts, partial: others.partial };
    },
    accessChanged: (change) => {
      apply(change);
      bus.tell(change);
    },
    refusals: async () => {
      const others = await bus.gather('refusals');
      return { value: mergeRefusals([access.refusals.list(), ...others.values]), partial: others.partial };
    },
    stop: () => clearInterval(timer),
  };
}
