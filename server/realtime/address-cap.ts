// How many Socket.IO connections one client address may hold. Counted on Engine.IO's
// connections (every transport, before any Socket.IO packet) and refused at the handshake, so a
// runaway script cannot open thousands of connections the server must keep. The count rises
// when Engine.IO accepts a connection and falls when it closes.
import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from, as the per-address limits count it. The TCP peer for now:
 * behind a reverse proxy every client is the proxy, which is why the default cap is high. The
 * one place to teach `trust proxy` (X-Forwarded-For from a trusted hop) when the server learns it.
 */
export function clientAddress(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? 'unknown';
  // An IPv4 client on a dual-stack socket: the same client as its IPv4 address.
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/** What the cap needs of an Engine.IO connection: the request that opened it, and its end. */
export interface CountedConnection {
  request: IncomingMessage;
  once(event: 'close', listener: () => void): unknown;
}

export interface AddressCap {
  /** Whether a new connection from this request's address is allowed now. */
  allows(req: IncomingMessage): boolean;
  /** Counts an accepted connection until it closes. */
  track(connection: CountedConnection): void;
  /** Open connections from one address (for tests and the operator). */
  openFrom(address: string): number;
}

export function createAddressCap(maxPerAddress: number): AddressCap {
  const open = new Map<string, number>();
  return {
    allows: (req) => (open.get(clientAddress(req)) ?? 0) < maxPerAddress,
    track(connection) {
      const address = clientAddress(connection.request);
      open.set(address, (open.get(address) ?? 0) + 1);
      connection.once('close', () => {
        const left = (open.get(address) ?? 1) - 1;
        if (left > 0) open.set(address, left);
        else open.delete(address);
      });
    },
    openFrom: (address) => open.get(address) ?? 0,
  };
}
