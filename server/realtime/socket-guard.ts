// Limits on what one screen's socket may cost the server: how fast it may ask for snapshots
// (subscribe, resync), and how much unsent data may pile up for it. A client that stops reading
// would otherwise keep every snapshot and delta it is sent in the server's memory.
import type { Socket } from 'socket.io';

export interface SocketLimits {
  /** Bytes a socket may have unsent (queued in Engine.IO plus the WebSocket's buffer) before it is dropped; it reconnects and gets a fresh snapshot. @default 4 MiB */
  maxBufferedBytes: number;
  /** `subscribe` and `resync` requests a socket may make per second, each, on average. @default 2 */
  requestsPerSecond: number;
  /** Requests a socket may make at once before the rate applies. @default 10 */
  requestBurst: number;
  /** Requests over the limit within 10 s after which the socket is disconnected. @default 20 */
  floodDisconnectAfter: number;
  /** Distinct views (rooms) this server serves at once; a subscription that would open one more is refused. A floor has tens (teams, queue sets, the lead view). @default 500 */
  maxViews: number;
  /**
   * Socket.IO connections one client address may hold; more are refused at the handshake. High,
   * because a floor behind one NAT or proxy shows up as one address with all its TVs and tablets;
   * it stops one runaway script, not a building. @default 200
   */
  maxConnectionsPerAddress: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  maxBufferedBytes: 4 * 1024 * 1024,
  requestsPerSecond: 2,
  requestBurst: 10,
  floodDisconnectAfter: 20,
  maxViews: 500,
  maxConnectionsPerAddress: 200,
};

const FLOOD_WINDOW_MS = 10_000;

/** What the guard has done since the server started, for the operator and the tests. */
export interface GuardCounters {
  /** Requests ignored because the socket was over its rate. */
  rateLimited: number;
  /** Sockets disconnected for flooding requests. */
  floodDisconnects: number;
  /** Sockets dropped because their unsent buffer passed maxBufferedBytes. */
  slowDrops: number;
  /** Subscriptions refused because they would have opened a view past maxViews. */
  viewsRefused: number;
  /** Handshakes refused because their address already held maxConnectionsPerAddress connections. */
  connectionsRefused: number;
}

/** A token bucket: `burst` tokens, refilled at `perSecond`. */
export class TokenBucket {
  private tokens: number;
  private at: number;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    now: number,
  ) {
    this.tokens = burst;
    this.at = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) / 1000) * this.perSecond);
    this.at = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The parts of Engine.IO's connection that hold unsent data; not in its public types. */
interface EngineConnection {
  writeBuffer?: { data?: unknown }[];
  transport?: { socket?: { bufferedAmount?: number; terminate?: () => void } };
}

/** Bytes queued for this socket and not yet handed to the kernel. */
export function unsentBytes(socket: Socket): number {
  const conn = socket.conn as unknown as EngineConnection;
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of conn.writeBuffer ?? []) {
    const data = packet.data;
    if (typeof data === 'string') bytes += data.length;
    else if (data instanceof Uint8Array) bytes += data.byteLength;
  }
  return bytes;
}

/** Closes the socket now, without waiting for its buffer to drain (it never may). */
function drop(socket: Socket): void {
  socket.disconnect(true);
  const conn = socket.conn as unknown as EngineConnection & { close(discard: boolean): void };
  conn.close(true);
  conn.transport?.socket?.terminate?.();
}

export interface RequestGate {
  /** Whether to serve this request; over the rate it is ignored, and a socket that keeps flooding is disconnected. */
  allow(event: 'subscribe' | 'resync' | 'acknowledge'): boolean;
}

/** The largest message a client may send, unless configured: the largest valid view (500 queue names of 128 characters) is about 66 KB of JSON. */
export const DEFAULT_MAX_MESSAGE_BYTES = 98_304;

export function createSocketGuard(limits: SocketLimits, now: () => number) {
  const counters: GuardCounters = { rateLimited: 0, floodDisconnects: 0, slowDrops: 0, viewsRefused: 0, connectionsRefused: 0 };
  return {
    counters,
    gate(socket: Socket): RequestGate {
      const buckets = {
        subscribe: new TokenBucket(limits.requestsPerSecond, limits.requestBurst, now()),
        resync: new TokenBucket(limits.requestsPerSecond, limits.requestBurst, now()),
        acknowledge: new TokenBucket(limits.requestsPerSecond, limits.requestBurst, now()),
      };
      let windowStart = now();
      let overInWindow = 0;
      return {
        allow(event) {
          const at = now();
          if (buckets[event].take(at)) return true;
          counters.rateLimited += 1;
          if (at - windowStart > FLOOD_WINDOW_MS) {
            windowStart = at;
            overInWindow = 0;
          }
          overInWindow += 1;
          if (overInWindow >= limits.floodDisconnectAfter && socket.connected) {
            counters.floodDisconnects += 1;
            drop(socket);
          }
          return false;
        },
      };
    },
    /** Drops the socket if its unsent buffer is past the limit; true when it did. */
    dropIfBacklogged(socket: Socket): boolean {
      if (unsentBytes(socket) <= limits.maxBufferedBytes) return false;
      counters.slowDrops += 1;
      drop(socket);
      return true;
    },
  };
}

export type SocketGuard = ReturnType<typeof createSocketGuard>;
