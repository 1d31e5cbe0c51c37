// The access API client against a real HTTP server on a random port: the CSRF token from the
// session goes on every state-changing request and never on a read, bodies are JSON, and every
// failure becomes the AccessError a page explains (throttling with its seconds to wait).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessApi } from './access-api.js';
import { AccessError } from './access-error.js';

interface Seen {
  method: string;
  url: string;
  csrf: string | undefined;
  contentType: string | undefined;
  body: string;
}

const seen: Seen[] = [];
let server: Server;
let base: string;

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => resolve(body));
  });

beforeAll(async () => {
  server = createServer((req, res) => {
    void read(req).then((body) => {
      const header = req.headers['x-csrf-token'];
      seen.push({ method: req.method ?? '', url: req.url ?? '', csrf: typeof header === 'string' ? header : undefined, contentType: req.headers['content-type'], body });
      const json = (status: number, value?: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(value === undefined ? undefined : JSON.stringify(value));
      };
      const session = { principal: { kind: 'user', name: 'wang', role: 'admin', teams: [], mustChangePassword: false }, csrfToken: 'tok-123' };
      switch (`${req.method} ${req.url}`) {
        case 'GET /api/v1/session':
        case 'POST /api/v1/session':
          return json(200, session);
        case 'POST /api/v1/displays':
          return json(201, {
            id: 'd1',
            name: 'Floor',
            view: {},
            link: 'http://x/pair/abc',
            createdBy: 'wang',
            createdTs: 1,
            lastSeenTs: null,
            lastAddress: null,
            connected: 0,
          });
        case 'DELETE /api/v1/displays/a%2Fb':
          return json(204);
        case 'GET /api/v1/displays':
          return json(200, { displays: [] });
        case 'GET /throttled-body':
          return json(429, { error: 'throttled', retryAfterS: 41.2 }, { 'retry-after': '99' });
        case 'GET /throttled-header':
          return json(429, { error: 'throttled' }, { 'retry-after': '17' });
        case 'GET /unauthorized':
          return json(401, { error: 'wrong name or password' });
        case 'GET /must-change':
          return json(403, { error: 'password change required' });
        case 'GET /forbidden':
          return json(403, { error: 'team not yours' });
        case 'GET /bad-gateway':
          res.writeHead(502, { 'content-type': 'text/html' });
          return res.end('<h1>Bad gateway</h1>');
        default:
          return json(404, { error: 'not found' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function failureOf(promise: Promise<unknown>): Promise<AccessError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AccessError);
  return error as AccessError;
}

// Reaches the private request() for the paths that only exist to answer with a failure.
const get = (api: AccessApi, path: string) => (api as unknown as { request(m: string, p: string): Promise<unknown> }).request('GET', path);

describe('AccessApi', () => {
  it("sends the session's CSRF token on every change and never on a read", async () => {
    seen.length = 0;
    const api = new AccessApi({ base });
    // Signing in needs no token (there is none yet); its answer brings one.
    await api.login('wang', 'pw');
    expect(seen[0]).toMatchObject({ method: 'POST', url: '/api/v1/session', csrf: undefined, contentType: 'application/json' });
    expect(JSON.parse(seen[0]!.body)).toEqual({ name: 'wang', password: 'pw' });
    await api.displays();
    await api.createDisplay('Floor', { team: 'A组', agentNames: false });
    await api.revokeDisplay('a/b');
    expect(seen.slice(1).map((s) => [s.method, s.url, s.csrf])).toEqual([
      ['GET', '/api/v1/displays', undefined],
      ['POST', '/api/v1/displays', 'tok-123'],
      ['DELETE', '/api/v1/displays/a%2Fb', 'tok-123'],
    ]);
    expect(JSON.parse(seen[2]!.body)).toEqual({ name: 'Floor', view: { team: 'A组', agentNames: false } });
    // A page that only read the session (a reload) has the token too.
    const reloaded = new AccessApi({ base });
    await reloaded.session();
    await reloaded.revokeDisplay('a/b');
    expect(seen.at(-1)!.csrf).toBe('tok-123');
  });

  it('turns every failure into the one the page explains', async () => {
    const api = new AccessApi({ base });
    expect(await failureOf(get(api, '/throttled-body'))).toMatchObject({ failure: 'throttled', status: 429, retryAfterS: 42 });
    expect(await failureOf(get(api, '/throttled-header'))).toMatchObject({ failure: 'throttled', retryAfterS: 17 });
    expect(await failureOf(get(api, '/unauthorized'))).toMatchObject({ failure: 'unauthorized', status: 401, detail: 'wrong name or password' });
    expect(await failureOf(get(api, '/must-change'))).toMatchObject({ failure: 'passwordChange', status: 403 });
    expect(await failureOf(get(api, '/forbidden'))).toMatchObject({ failure: 'forbidden', status: 403 });
    expect(await failureOf(get(api, '/nowhere'))).toMatchObject({ failure: 'notFound', status: 404 });
    expect(await failureOf(get(api, '/bad-gateway'))).toMatchObject({ failure: 'unreachable', status: 502 });
    // Nobody listening: the server is down.
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await failureOf(new AccessApi({ base: `http://127.0.0.1:${port}` }).session())).toMatchObject({ failure: 'unreachable', status: 0 });
  });
});
