// Which browser pages may open a Socket.IO connection: the server's own origin (the Host the
// request was sent to) and the configured ones. Another site's page must not read the board
// through a visitor's browser. A request without an Origin is not from a browser page (a
// script or a server-side client) and is let through: an origin check protects browsers only.
import type { IncomingMessage } from 'node:http';

/** The origin part (scheme, host, port) of a URL, or null when it is not one. */
export function normaliseOrigin(value: string): string | null {
  try {
    const url = new URL(value);
    return url.origin === 'null' ? null : url.origin;
  } catch {
    return null;
  }
}

export function originAllowed(origin: string | undefined, host: string | undefined, allowed: ReadonlySet<string>): boolean {
  if (origin === undefined) return true;
  const normal = normaliseOrigin(origin);
  if (normal === null) return false;
  if (allowed.has(normal)) return true;
  return host !== undefined && new URL(normal).host === host.toLowerCase();
}

/** Socket.IO's allowRequest: refuses the handshake of a foreign Origin. */
export function createOriginCheck(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins.map((o) => normaliseOrigin(o)).filter((o): o is string => o !== null));
  return (req: IncomingMessage, callback: (err: string | null | undefined, success: boolean) => void): void => {
    const ok = originAllowed(req.headers.origin, req.headers.host, allowed);
    callback(ok ? null : 'origin not allowed', ok);
  };
}
