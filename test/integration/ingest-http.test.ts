// POST /api/v1/events through the real server and a private Redis: what is appended (and masked),
// the per-event reply, the limits that refuse a whole request, Idempotency-Key replays (also
// under a race), the source record, and hostile bodies that must get a clear 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsFromArray } from '../../server/core/events.js';
import { HTTP_INGEST_DEFAULTS, type HttpIngestConfig } from '../../server/ingest/http-ingest-config.js';
import { parseSourceStatus } from '../../server/ingest/source-status.js';
import { keys } from '../../server/redis/keys.js';
import type { RunningServer } from '../../server/create-server.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { getJson, snapshotOf, startTestServer } from '../support/server.js';

const TOKEN = 'ingest-test-token-0123456789';
const suite = useTestRedis();
let server: RunningServer;
let stream: string;

interface Reply {
  status: number;
  headers: Headers;
  body: { accepted?: number; rejected?: number; results?: Record<string, unknown>[]; error?: string };
  text: string;
}

async function post(body: unknown, options: { key?: string; raw?: string; contentType?: string } = {}): Promise<Reply> {
  const headers: Record<string, string> = { 'content-type': options.contentType ?? 'application/json', authorization: `Bearer ${TOKEN}` };
  if (options.key !== undefined) headers['idempotency-key'] = options.key;
  const res = await fetch(`${server.url}/api/v1/events`, { method: 'POST', headers, body: options.raw ?? JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: JSON.parse(text) as Reply['body'], text };
}

const entries = async () => (await suite.client.xrange(stream, '-', '+')).map(([id, f]) => ({ id, fields: fieldsFromArray(f) }));
const length = () => suite.client.xlen(stream);
const ids = (reply: Reply) => reply.body.results!.filter((r) => r['ok']).map((r) => r['id']);
let n = 0;
const callId = () => `c${++n}`;

beforeAll(async () => {
  stream = uniquePrefix('events');
  const http: HttpIngestConfig = { ...HTTP_INGEST_DEFAULTS, enabled: true, token: TOKEN, source: 'cti', maxEvents: 50, maxBytes: 256 * 1024 };
  server = await startTestServer(suite.redis.url, { streams: [stream], group: uniquePrefix('group'), ingest: { http } });
});
afterAll(async () => {
  await server.stop();
});

describe('POST /api/v1/events', () => {
  it('appends valid events in order, in the contract string form, with the caller masked, and the board counts them', async () => {
    const now = Date.now();
    const c = callId();
    const reply = await post([
      { type: 'call.arrived', callId: c, ts: now, caller: '+86 138 1234 5678', tier: 'gold' },
      { v: '1', type: 'call.queued', callId: c, queue: 'billing', ts: String(now + 1) },
      { v: 1, type: 'call.answered', callId: c, queue: 'billing', agentId: 'a1', ts: now + 2 },
      { type: 'call.ended', callId: c, agentId: 'a1', resolved: true, ts: now + 3, reason: null },
    ]);
    expect(reply.status).toBe(200);
    const stored = await entries();
    expect(reply.body).toEqual({
      accepted: 4,
      rejected: 0,
      results: stored.map(({ id }, index) => ({ index, ok: true, id })),
    });
    expect(stored.map((e) => e.fields)).toEqual([
      { v: '1', type: 'call.arrived', callId: c, ts: String(now), caller: '861******5678', tier: 'gold' },
      { v: '1', type: 'call.queued', callId: c, queue: 'billing', ts: String(now + 1) },
      { v: '1', type: 'call.answered', callId: c, queue: 'billing', agentId: 'a1', ts: String(now + 2) },
      { v: '1', type: 'call.ended', callId: c, agentId: 'a1', resolved: '1', ts: String(now + 3) },
    ]);
    expect(JSON.stringify(await suite.client.xrange(stream, '-', '+'))).not.toContain('13812345678');
    const snapshot = await waitFor(async () => {
      const s = await snapshotOf(server.url);
      return s.totals.answered >= 1 ? s : null;
    }, 'the snapshot to count the call');
    expect(snapshot.totals).toMatchObject({ arrived: 1, queued: 1, answered: 1 });
    expect(snapshot.queues.find((q) => q.id === 'billing')).toMatchObject({ queued: 1, answered: 1 });
  });

  it('answers a mixed batch per event, appending only the valid ones, in order', async () => {
    const before = await length();
    const now = Date.now();
    const [a, b] = [callId(), callId()];
    const reply = await post([
      { type: 'call.arrived', callId: a, ts: now },
      { type: 'call.teleported', callId: a, ts: now },
      { type: 'call.queued', callId: a, ts: now },
      'call.arrived',
      { type: 'call.arrived', callId: a, ts: now, queue: 'billing' },
      { type: 'call.arrived', callId: a, ts: now, dnis: { nested: ['junk'] } },
      { type: 'call.queued', callId: a, queue: 'billing', ts: -5 },
      { type: 'call.arrived', callId: b, ts: now + 1 },
    ]);
    expect(reply.status).toBe(200);
    expect(reply.body.accepted).toBe(2);
    expect(reply.body.rejected).toBe(6);
    expect(reply.body.results!.map(({ id: _id, ...r }) => r)).toEqual([
      { index: 0, ok: true },
      { index: 1, ok: false, reason: 'unknown type "call.teleported"' },
      { index: 2, ok: false, reason: 'missing field "queue"' },
      { index: 3, ok: false, reason: 'an event must be a JSON object' },
      { index: 4, ok: false, reason: 'field "queue" is not part of call.arrived' },
      { index: 5, ok: false, reason: 'field "dnis": must be a string, number or boolean' },
      { index: 6, ok: false, reason: 'field "ts": must be epoch milliseconds (digits only)' },
      { index: 7, ok: true },
    ]);
    const added = (await entries()).slice(before);
    expect(added.map((e) => e.id)).toEqual(ids(reply));
    expect(added.map((e) => e.fields['callId'])).toEqual([a, b]);
  });

  it('answers 422 with the same shape when no event is valid, and appends nothing', async () => {
    const before = await length();
    const reply = await post([{ type: 'call.queued', callId: callId(), ts: Date.now() }]);
    expect(reply.status).toBe(422);
    expect(reply.body).toEqual({ accepted: 0, rejected: 1, results: [{ index: 0, ok: false, reason: 'missing field "queue"' }] });
    expect(await length()).toBe(before);
  });

  it('refuses a body over the byte limit and a batch over the count limit with 413, appending nothing', async () => {
    const before = await length();
    const big = await post([{ type: 'call.arrived', callId: callId(), ts: Date.now(), dnis: 'x'.repeat(300 * 1024) }]);
    expect(big.status).toBe(413);
    expect(big.body.error).toBe(`the body is larger than ${256 * 1024} bytes: split the batch`);
    const many = await post(Array.from({ length: 51 }, () => ({ type: 'call.arrived', callId: callId(), ts: Date.now() })));
    expect(many.status).toBe(413);
    expect(many.body.error).toBe('at most 50 events per request (got 51): split the batch');
    expect(await length()).toBe(before);
    const fifty = await post(Array.from({ length: 50 }, () => ({ type: 'call.arrived', callId: callId(), ts: Date.now() })));
    expect(fifty.status).toBe(200);
  });
});

describe('Idempotency-Key', () => {
  const batch = () => {
    const c = callId();
    return [
      { type: 'call.arrived', callId: c, ts: Date.now() },
      { type: 'call.blocked', callId: c, ts: 'soon' },
      { type: 'call.blocked', callId: c, ts: Date.now(), reason: 'trunks busy' },
    ];
  };

  it('appends a retried request once and replays the first reply, status and body', async () => {
    const body = batch();
    const before = await length();
    const first = await post(body, { key: 'retry-1' });
    expect(first.status).toBe(200);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    const again = await post(body, { key: 'retry-1' });
    expect(again.status).toBe(200);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await length()).toBe(before + 2);
    // The same body under another key is another request.
    expect((await post(body, { key: 'retry-2' })).status).toBe(200);
    expect(await length()).toBe(before + 4);
  });

  it('replays a 422 as a 422', async () => {
    const body = [{ type: 'call.queued', callId: callId(), ts: Date.now() }];
    const first = await post(body, { key: 'all-rejected' });
    const again = await post(body, { key: 'all-rejected' });
    expect([first.status, again.status]).toEqual([422, 422]);
    expect(again.text).toBe(first.text);
  });

  it('appends once when identical requests race', async () => {
    const body = batch();
    const before = await length();
    const replies = await Promise.all(Array.from({ length: 8 }, () => post(body, { key: 'race-1' })));
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(new Set(replies.map((r) => r.text)).size).toBe(1);
    expect(replies.filter((r) => r.headers.get('idempotent-replayed') === null)).toHaveLength(1);
    expect(await length()).toBe(before + 2);
  });

  it('refuses the same key with another body (422), appending nothing', async () => {
    await post(batch(), { key: 'reused' });
    const before = await length();
    const other = await post(batch(), { key: 'reused' });
    expect(other.status).toBe(422);
    expect(other.body).toEqual({ error: 'Idempotency-Key reused with a different body' });
    expect(await length()).toBe(before);
  });

  it('keeps the key out of Redis key names and sets its expiry', async () => {
    await post(batch(), { key: 'call 13812345678 at noon' });
    const names = await suite.client.keys('*idempotency*');
    expect(names.join('\n')).not.toContain('13812345678');
    // The client's key is the long-lived one; a request without a key leaves one of the server's for a minute.
    const ttl = Math.max(...(await Promise.all(names.map((n) => suite.client.pttl(n)))));
    expect(ttl).toBeGreaterThan(HTTP_INGEST_DEFAULTS.idempotencyTtlMs - 60_000);
    expect(ttl).toBeLessThanOrEqual(HTTP_INGEST_DEFAULTS.idempotencyTtlMs);
  });

  it.each([
    ['too long', 'k'.repeat(129)],
    ['not ASCII', 'clé'],
  ])('refuses a key that is %s with 400', async (_what, key) => {
    const before = await length();
    const reply = await post(batch(), { key });
    expect(reply.status).toBe(400);
    expect(reply.body.error).toBe('Idempotency-Key: 1–128 printable ASCII characters');
    expect(await length()).toBe(before);
  });
});

describe('hostile bodies', () => {
  const cases: [string, string, string, number, string][] = [
    ['not JSON', '{"type": "call.arrived",', 'application/json', 400, 'the body is not valid JSON (send a JSON array of events)'],
    ['a bare string', '"call.arrived"', 'application/json', 400, 'the body is not valid JSON (send a JSON array of events)'],
    ['an object instead of an array', '{"type":"call.arrived","callId":"x","ts":1}', 'application/json', 400, 'the body must be a JSON array of events (got an object)'],
    ['an empty array', '[]', 'application/json', 400, 'the array holds no events'],
    ['another content type', '[]', 'text/plain', 415, 'send the events with "Content-Type: application/json"'],
  ];
  it.each(cases)('%s → a clear 4xx', async (_what, raw, contentType, status, error) => {
    const before = await length();
    const reply = await post(null, { raw, contentType });
    expect(reply.status).toBe(status);
    expect(reply.body).toEqual({ error });
    expect(await length()).toBe(before);
  });

  it('rejects nested junk, a 100 KB string and prototype-pollution keys per event, and stays up', async () => {
    const before = await length();
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    const raw = `[${deep}, {"type":"call.arrived","callId":"${'x'.repeat(100 * 1024)}","ts":1},
      {"__proto__":{"polluted":"yes"},"type":"call.arrived","callId":"p1","ts":1},
      {"type":"constructor","callId":"p2","ts":1}, {"type":"__proto__","ts":1}, {"type":{"nested":true}}]`;
    const reply = await post(null, { raw });
    expect(reply.status).toBe(422);
    expect(reply.body.results!.map((r) => r['reason'])).toEqual([
      'an event must be a JSON object',
      'field "callId": longer than 128 characters',
      'field "__proto__" is not part of call.arrived',
      'unknown type "constructor"',
      'unknown type "__proto__"',
      'missing field "type" (a string)',
    ]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(await length()).toBe(before);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('answers other methods with 405 and Allow: POST', async () => {
    const res = await fetch(`${server.url}/api/v1/events`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });
});

describe('source record', () => {
  it('lists the HTTP ingest under its source name with what it accepted and rejected', async () => {
    const read = async () => parseSourceStatus((await suite.client.hget(keys.ingestSources(stream), 'cti/http')) ?? '');
    // Only the HTTP ingest writes this stream: once the record has caught up, it counts every entry.
    const settled = async () => {
      const [s, len] = [await read(), await length()];
      return s && s.events === len ? s : null;
    };
    const before = await waitFor(settled, 'the record to count every entry');
    expect(before).toMatchObject({ source: 'cti', adapter: 'http', link: 'up', linkReason: null });
    const tooMany = 'request refused: 413 too many events';
    expect((await post(Array.from({ length: 51 }, () => ({ type: 'call.arrived', callId: callId(), ts: 1 })))).status).toBe(413);
    const reason = 'invalid call.queued: missing field "queue"';
    const settledAt = (ts: number) => async () => {
      const s = await settled();
      return s && s.lastEventTs === ts ? s : null;
    };
    const ts = Date.now() + 5;
    const body = [
      { type: 'call.arrived', callId: callId(), ts },
      { type: 'call.queued', callId: callId(), ts },
    ];
    expect((await post(body, { key: 'record-1' })).status).toBe(200);
    // Written with the request, not only on the 5 s heartbeat.
    const after = await waitFor(settledAt(ts), 'the record to count the request', 1500);
    expect(after.events).toBe(before.events + 1);
    expect(after.skipped[reason]).toBe((before.skipped[reason] ?? 0) + 1);
    expect(after.skipped[tooMany]).toBe((before.skipped[tooMany] ?? 0) + 1);
    // A replay counts nothing: after it and one more event, the rejection is still counted once.
    expect((await post(body, { key: 'record-1' })).headers.get('idempotent-replayed')).toBe('true');
    await post([{ type: 'call.arrived', callId: callId(), ts: ts + 1 }]);
    const later = await waitFor(settledAt(ts + 1), 'the record to count the next request', 1500);
    expect(later.events).toBe(before.events + 2);
    expect(later.skipped[reason]).toBe(after.skipped[reason]);
    // The board lists it like a PBX adapter: in the snapshot's feed status and at /api/v1/sources.
    const listed = await waitFor(
      async () => (await snapshotOf(server.url)).feed?.sources?.find((f) => f.source === 'cti' && f.lastEventTs === ts + 1),
      'the snapshot to list the source',
    );
    expect(listed).toMatchObject({ adapter: 'http', state: 'live', reason: null });
    const details = (await getJson<{ sources: { source: string; skipped: Record<string, number> }[] }>(`${server.url}/api/v1/sources`)).body.sources;
    expect(details.find((d) => d.source === 'cti')?.skipped[reason]).toBe(later.skipped[reason]);
  });
});

describe('a dropped Redis connection', () => {
  it('appends each request once, with or without a key, when the server loses its connection mid-append', async () => {
    const killer = suite.client.duplicate();
    const before = await length();
    let kills = 0;
    let accepted = 0;
    const sent: string[] = [];
    for (let r = 0; r < 60; r++) {
      const now = Date.now();
      const events = Array.from({ length: 50 }, () => ({ type: 'call.arrived', callId: callId(), ts: now }));
      sent.push(...events.map((e) => e.callId));
      const reply = post(events, r % 3 === 0 ? { key: `drop-${r}-${now}` } : {});
      // Cut the server's command connection while the request's append is on its way or its reply is.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 6));
      const clients = String(await killer.client('LIST'));
      const id = clients
        .split('\n')
        .find((l) => l.includes('name=wallboard-commands'))
        ?.match(/id=(\d+)/)?.[1];
      if (id) kills += Number(await killer.client('KILL', 'ID', id).catch(() => 0));
      const done = await reply;
      if (done.status === 200) accepted += done.body.accepted!;
      else expect(done.status).toBe(503);
    }
    expect(kills).toBeGreaterThan(20);
    const appended = (await entries()).slice(before).map((e) => e.fields['callId']!);
    // Nothing twice, and every event the server said it accepted is there.
    expect(appended).toHaveLength(new Set(appended).size);
    expect(appended.length).toBeGreaterThanOrEqual(accepted);
    expect(appended.every((c) => sent.includes(c))).toBe(true);
    killer.disconnect();
  });
});
