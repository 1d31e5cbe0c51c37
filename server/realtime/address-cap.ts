// How many Socket.IO connections one client address may hold. Counted on Engine.IO's
// connections (every transport, before any Socket.IO packet) and refused at the handshake, so a
// runaway script cannot open thousands of connections the server must keep. The count rises
// when Engine.IO accepts a connection and falls when it closes.
import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Which proxies to believe: Express's `trust proxy` setting made into proxy-addr's test, by Express's own rules. */
export type TrustProxy = boolean | number | string;
export type TrustTest = (address: string, hop: number) => boolean;

export function trustTest(setting: TrustProxy): TrustTest {
  if (setting === true) return () => true;
  if (typeof setting === 'number') return (_address, hop) => hop < setting;
  if (setting === false || setting === '') return () => false;
  return proxyaddr.compile(setting.split(',').map((s) => s.trim()));
}

/**
 * The address a request came from, as the per-address limits, the refusal log and a display's
 * last-seen address count it: the TCP peer, or the client a trusted proxy names in
 * X-Forwarded-For (the same answer Express gives as `req.ip`).
 */
export function clientAddress(req: IncomingMessage, trust: TrustTest = () => false): string {
  // proxy-addr reads the peer from req.connection, which a closed socket may no longer have.
  const address = (req.socket.remoteAddress === undefined ? undefined : proxyaddr(req, trust)) ?? 'unknown';
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

export function createAddressCap(maxPerAddress: number, trust: TrustTest = () => false): AddressCap {
  const open = new Map<string, number>();
  return {
    allows: (req) => (open.get(clientAddress(req, trust)) ?? 0) < maxPerAddress,
    track(connection) {
      const address = clientAddress(connection.request, trust);
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
