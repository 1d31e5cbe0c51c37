// Access control on Socket.IO: the handshake is authenticated like a REST request (the session
// cookie through express-session on the engine, or `auth: { token }`), before the socket joins any
// room. Connected screens are checked again every sweep, so a revoked display or an ended session
// is turned away within seconds on every server process, not only on the one that revoked it.
import type { IncomingMessage } from 'node:http';
import type { Server, Socket } from 'socket.io';
import type { Access, SessionRequest } from '../auth/access.js';
import { can, type Principal } from '../auth/principal.js';
import type { Logger } from '../log.js';

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

export interface SocketAccess {
  /** Screens connected to this process, by display id. */
  connectedDisplays(): ReadonlyMap<string, number>;
  /** Turns away this process's screens of a revoked display now. */
  displayRevoked(id: string): void;
  stop(): void;
}

export function attachSocketAccess(io: Server, access: Access, log: Logger, now: () => number, addressOfRequest: (req: IncomingMessage) => string): SocketAccess {
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

  function displayRevoked(id: string): void {
    for (const socket of io.sockets.sockets.values()) {
      const p = (socket.data as SocketAccessData).principal;
      if (p?.kind === 'display' && p.id === id) turnAway(socket, 'revoked');
    }
  }

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
    connectedDisplays: () => {
      const counts = new Map<string, number>();
      for (const socket of io.sockets.sockets.values()) {
        const p = (socket.data as SocketAccessData).principal;
        if (p?.kind === 'display') counts.set(p.id, (counts.get(p.id) ?? 0) + 1);
      }
      return counts;
    },
    displayRevoked,
    stop: () => clearInterval(timer),
  };
}
