// Who may open the board from a browser: a Socket.IO handshake from a foreign page's Origin is
// refused, the server's own origin and the configured ones are let in, and a client that sends
// no Origin (a script, these tests) is not a browser page and is let in too. Every response
// carries the security headers, and none grants another origin CORS access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import { ConfigError, loadConfig } from '../../server/config.js';
import type { RunningServer } from '../../server/create-server.js';
import { useTestRedis } from '../support/redis.js';
import { ADMIN_AUTH, startTestServer, TEST_ADMIN_TOKEN } from '../support/server.js';

const CONFIGURED = 'https://wall.example.org';

/** Resolves 'connected' or the handshake's error message. */
function handshake(url: string, transport: 'polling' | 'websocket', origin: string | undefined): Promise<string> {
  const socket = io(url, {
    auth: { token: TEST_ADMIN_TOKEN },
    transports: [transport],
    reconnection: false,
    timeout: 5000,
    ...(origin === undefined ? {} : { extraHeaders: { origin } }),
  });
  return new Promise<string>((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => resolve(error.message));
  }).finally(() => socket.close());
}

describe('Socket.IO origin check and security headers', () => {
  const suite = useTestRedis();
  let server: RunningServer;

  beforeAll(async () => {
    server = await startTestServer(suite.redis.url, { streams: ['origin:events'], group: 'origin', allowedOrigins: [CONFIGURED] });
  });
  afterAll(() => server.stop());

  describe.each(['polling', 'websocket'] as const)('over %s', (transport) => {
    it('refuses a foreign Origin at the handshake', async () => {
      expect(await handshake(server.url, transport, 'https://evil.example.com')).not.toBe('connected');
      // The same host on another port or scheme is another origin.
      expect(await handshake(server.url, transport, `http://127.0.0.1:${server.port + 1}`)).not.toBe('connected');
      expect(await handshake(server.url, transport, 'null')).not.toBe('connected');
    });

    it('lets in its own origin, a configured one, and a client without an Origin', async () => {
      expect(await handshake(server.url, transport, `http://127.0.0.1:${server.port}`)).toBe('connected');
      expect(await handshake(server.url, transport, CONFIGURED)).toBe('connected');
      expect(await handshake(server.url, transport, undefined)).toBe('connected');
    });
  });

  it('sends no CORS grant to a foreign page, on the handshake or the REST API', async () => {
    const headers = { origin: 'https://evil.example.com' };
    const polling = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { headers });
    expect(polling.status).toBe(403);
    expect(polling.headers.get('access-control-allow-origin')).toBeNull();
    const rest = await fetch(`${server.url}/api/v1/snapshot`, { headers: { ...headers, ...ADMIN_AUTH } });
    expect(rest.status).toBe(200);
    expect(rest.headers.get('access-control-allow-origin')).toBeNull();
  });

  it.each(['/', '/tv', '/lead', '/api/v1/snapshot', '/healthz'])('%s carries the security headers', async (path) => {
    const res = await fetch(server.url + path);
    const csp = res.headers.get('content-security-policy') ?? '';
    const directives = new Map(
      csp
        .split(';')
        .map((d) => d.trim().split(/\s+/) as [string, ...string[]])
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('x-powered-by')).toBeNull();
    // Plain HTTP: HSTS belongs to whatever terminates TLS.
    expect(res.headers.get('strict-transport-security')).toBeNull();
  });
});

describe('ALLOWED_ORIGINS', () => {
  const load = (env: Record<string, string>) => loadConfig({ env, cwd: process.cwd(), stdoutIsTTY: false });

  it('is read comma-separated, and none are allowed by default', () => {
    expect(load({ ALLOWED_ORIGINS: ' https://wall.example.org , http://10.0.0.5:8080' }).allowedOrigins).toEqual(['https://wall.example.org', 'http://10.0.0.5:8080']);
    expect(load({}).allowedOrigins).toEqual([]);
  });

  it('refuses at start-up something that is not an origin', () => {
    expect(() => load({ ALLOWED_ORIGINS: 'wall.example.org' })).toThrow(ConfigError);
    expect(() => load({ ALLOWED_ORIGINS: 'wall.example.org' })).toThrow(/ALLOWED_ORIGINS/);
  });
});
