// Who may post to /api/v1/events and how much, through the real server and a private Redis: off
// without a token, 401 without the right one, budgets shared by every server process (429 with
// Retry-After), 503 when the store fails, and the token in no log line.
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../../server/config.js';
import type { RunningServer } from '../../server/create-server.js';
import { INGEST_OFF_MESSAGE } from '../../server/http/ingest-route.js';
import { HTTP_INGEST_DEFAULTS, type HttpIngestConfig } from '../../server/ingest/http-ingest-config.js';
import { createLogger } from '../../server/log.js';
import { parseSourceStatus } from '../../server/ingest/source-status.js';
import { keys } from '../../server/redis/keys.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { startTestServer } from '../support/server.js';

const TOKEN = 'access-test-token-abcdefghijkl';
const suite = useTestRedis();
const running: RunningServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

async function start(http: Partial<HttpIngestConfig>, overrides: Partial<ServerConfig> = {}, lines?: string[]) {
  const stream = overrides.streams?.[0] ?? uniquePrefix('events');
  const log = lines ? createLogger({ format: 'json', level: 'debug', write: (line) => lines.push(line) }) : undefined;
  const server = await startTestServer(
    suite.redis.url,
    { streams: [stream], group: uniquePrefix('group'), ingest: { http: { ...HTTP_INGEST_DEFAULTS, enabled: true, token: TOKEN, ...http } }, ...overrides },
    log,
  );
  running.push(server);
  return { server, stream };
}

async function post(server: RunningServer, body: unknown, authorization: string | null = `Bearer ${TOKEN}`) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== null) headers['authorization'] = authorization;
  const res = await fetch(`${server.url}/api/v1/events`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, headers: res.headers, body: (await res.json()) as { error?: string; accepted?: number } };
}

const arrivals = (count: number) => Array.from({ length: count }, (_, i) => ({ type: 'call.arrived', callId: `c${i}`, ts: Date.now() }));

describe('without a token configured', () => {
  it('is off: 404 saying how to turn it on, and no source record', async () => {
    const { server, stream } = await start({ token: null, enabled: false });
    const reply = await post(server, arrivals(1));
    expect(reply.status).toBe(404);
    expect(reply.body.error).toBe(INGEST_OFF_MESSAGE);
    expect(reply.body.error).toContain('WALLBOARD_INGEST_TOKEN');
    expect(await suite.client.xlen(stream)).toBe(0);
    expect(await suite.client.hlen(keys.ingestSources(stream))).toBe(0);
  });
});

describe('the source record', () => {
  it('is rewritten on a heartbeat while no request comes, and marked down when the server stops', async () => {
    const { server, stream } = await start({ source: 'bridge' });
    const read = async () => parseSourceStatus((await suite.client.hget(keys.ingestSources(stream), 'bridge/http')) ?? '');
    const first = await waitFor(read, 'the first record');
    expect(first).toMatchObject({ adapter: 'http', link: 'up', events: 0 });
    await waitFor(async () => (await read())!.heartbeatTs > first.heartbeatTs, 'a heartbeat', 8000);
    await server.stop();
    running.splice(running.indexOf(server), 1);
    expect(await read()).toMatchObject({ link: 'down', linkReason: 'stopped' });
  });
});

describe('the credential', () => {
  it.each([
    ['no Authorization header', null, 'Bearer realm="wallboard"'],
    ['another scheme', `Basic ${TOKEN}`, 'Bearer realm="wallboard"'],
    ['a wrong token', 'Bearer access-test-token-abcdefghijkX', 'Bearer realm="wallboard", error="invalid_token"'],
    ['the token with a suffix', `Bearer ${TOKEN}x`, 'Bearer realm="wallboard", error="invalid_token"'],
    ['a prefix of the token', `Bearer ${TOKEN.slice(0, -1)}`, 'Bearer realm="wallboard", error="invalid_token"'],
  ])('refuses %s with 401 and WWW-Authenticate, appending nothing', async (_what, authorization, challenge) => {
    const { server, stream } = await start({});
    const reply = await post(server, arrivals(2), authorization);
    expect(reply.status).toBe(401);
    expect(reply.headers.get('www-authenticate')).toBe(challenge);
    expect(reply.body.error).toBe('send the ingest token as "Authorization: Bearer <token>"');
    expect(await suite.client.xlen(stream)).toBe(0);
  });

  it('takes the token in any case of the scheme name (RFC 6750)', async () => {
    const { server, stream } = await start({});
    expect((await post(server, arrivals(2), `bearer ${TOKEN}`)).status).toBe(200);
    expect(await suite.client.xlen(stream)).toBe(2);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After past the requests a second, and appends only what was let through', async () => {
    const { server, stream } = await start({ rate: { requestsPerSecond: 3, eventsPerSecond: 5000 } });
    // The window opens at the first request, so these all fall in one second.
    const replies = [];
    for (let i = 0; i < 6; i++) replies.push(await post(server, arrivals(1)));
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 429, 429, 429]);
    expect(replies[3]!.headers.get('retry-after')).toBe('1');
    expect(replies[3]!.body.error).toBe('too many requests a second: retry after 1 s');
    expect(await suite.client.xlen(stream)).toBe(3);
  });

  it('counts events, not only requests', async () => {
    const { server, stream } = await start({ maxEvents: 10, rate: { requestsPerSecond: 100, eventsPerSecond: 25 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(server, arrivals(10))).status);
    expect(statuses).toEqual([200, 200, 429]);
    expect(await suite.client.xlen(stream)).toBe(20);
  });

  it('counts unauthenticated requests against the address', async () => {
    const { server } = await start({ rate: { requestsPerSecond: 2, eventsPerSecond: 5000 } });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(server, arrivals(1), 'Bearer nope-nope-nope-nope-nope')).status);
    expect(statuses).toEqual([401, 401, 429]);
  });

  it('shares one budget between the server processes on one Redis', async () => {
    const stream = uniquePrefix('events');
    const rate = { requestsPerSecond: 4, eventsPerSecond: 5000 };
    const a = await start({ rate }, { streams: [stream] });
    const b = await start({ rate }, { streams: [stream] });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await post(a.server, arrivals(1))).status);
    for (let i = 0; i < 3; i++) statuses.push((await post(b.server, arrivals(1))).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
});

describe('when the store fails', () => {
  it('answers 503 with Retry-After, appends nothing, and logs the failure without the token', async () => {
    const lines: string[] = [];
    const stream = uniquePrefix('events');
    // A key of the wrong type makes the append fail the way a broken store would.
    await suite.client.set(stream, 'not a stream');
    const { server } = await start({}, { streams: [stream] }, lines);
    const reply = await post(server, arrivals(3));
    expect(reply.status).toBe(503);
    expect(reply.headers.get('retry-after')).toBe('1');
    expect(reply.body.error).toBe('could not append the events (the store is unavailable): retry with the same Idempotency-Key');
    expect(await suite.client.get(stream)).toBe('not a stream');
    await post(server, arrivals(1), 'Bearer some-other-wrong-token-123');
    const failures = lines.filter((l) => l.includes('http ingest failed'));
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain('WRONGTYPE');
    expect(lines.join('\n')).not.toContain(TOKEN);
    expect(lines.join('\n')).not.toContain('some-other-wrong-token-123');
  });
});
