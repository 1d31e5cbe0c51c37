// Served over HTTPS (TLS_CERT/TLS_KEY): HSTS is sent, the session cookie is Secure, Socket.IO
// runs over wss. Behind a reverse proxy, `trust proxy` decides whose address the server sees.
import { request } from 'node:https';
import { readFileSync } from 'node:fs';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/create-server.js';
import { uniquePrefix, useTestRedis } from '../support/redis.js';
import { ADMIN_AUTH, startTestServer, TEST_ADMIN_TOKEN, testConfig } from '../support/server.js';

const cert = readFileSync('test/fixtures/tls/cert.pem', 'utf8');
const suite = useTestRedis();

function httpsCall(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, ca: cert, headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

describe('over TLS', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer(suite.redis.url, {
      streams: [uniquePrefix('events')],
      group: uniquePrefix('tls'),
      tls: { certFile: 'test/fixtures/tls/cert.pem', keyFile: 'test/fixtures/tls/key.pem' },
      access: { ...testConfig(suite.redis.url).access, secureCookies: true },
    });
  });
  afterAll(() => server.stop());

  it('serves HTTPS with HSTS, a Secure session cookie, and Socket.IO over wss', async () => {
    expect(server.url).toMatch(/^https:\/\//);
    const health = await httpsCall(`${server.url}/healthz`, 'GET', {});
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    const made = await fetch(`http://127.0.0.1:${server.port}/healthz`).catch((e: unknown) => e);
    expect(made).toBeInstanceOf(Error); // no plain HTTP on the TLS port

    const created = await new Promise<string>((resolve, reject) => {
      const req = request(`${server.url}/api/v1/users`, { method: 'POST', ca: cert, headers: { ...ADMIN_AUTH, 'content-type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve((JSON.parse(text) as { password: string }).password));
      });
      req.on('error', reject);
      req.end(JSON.stringify({ name: 'tls-lead', role: 'lead' }));
    });
    const login = await httpsCall(`${server.url}/api/v1/session`, 'POST', {}, { name: 'tls-lead', password: created });
    expect(login.status).toBe(200);
    const cookie = ([] as string[]).concat(login.headers['set-cookie'] ?? []).find((c) => c.startsWith('wb.sid='));
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);

    const socket = io(server.url, { transports: ['websocket'], reconnection: false, ca: cert, auth: { token: TEST_ADMIN_TOKEN } });
    const outcome = await new Promise<string>((resolve) => {
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (e) => resolve(e.message));
    }).finally(() => socket.close());
    expect(outcome).toBe('connected');
  });
});

describe('behind a reverse proxy', () => {
  it('believes X-Forwarded-For only when trust proxy says so', async () => {
    const addressesSeen = async (trustProxy: boolean | number) => {
      const server = await startTestServer(suite.redis.url, { streams: [uniquePrefix('events')], group: uniquePrefix('proxy'), trustProxy });
      try {
        await fetch(`${server.url}/api/v1/snapshot`, { headers: { 'x-forwarded-for': '10.9.8.7' } });
        const res = await fetch(`${server.url}/api/v1/refusals`, { headers: ADMIN_AUTH });
        return ((await res.json()) as { refusals: { address: string }[] }).refusals.map((r) => r.address);
      } finally {
        await server.stop();
      }
    };
    expect(await addressesSeen(1)).toEqual(['10.9.8.7']);
    expect(await addressesSeen(false)).toEqual([expect.stringMatching(/127\.0\.0\.1/)]);
  });
});
