// Per-queue settings through the real servers and Redis: two nodes of one group start with the
// config file's names and thresholds; an admin's PUT reaches both nodes' snapshots and their
// screens with the next push, both judge the calls after it by the new threshold and those before
// it by the old one, and a restarted node keeps the settings. Only an admin may read or change them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import { encodeArgs, type EventInput } from '../../server/core/events.js';
import type { RunningServer } from '../../server/create-server.js';
import type { QueueSettingsReply } from '../../server/http/queue-settings-routes.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { ADMIN_AUTH, connectClient, getJson, snapshotOf, startTestServer } from '../support/server.js';
import { signIn } from '../support/sign-in.js';

const suite = useTestRedis();
const group = uniquePrefix('queue-settings');
const stream = `${group}:events`;
const core = { ...DEFAULT_CORE_CONFIG, queues: { billing: { name: { zh: '账务', en: 'Billing' } } } };
const overrides = { group, streams: [stream], core };
let a: RunningServer;
let b: RunningServer;
const SEC = 1000;

async function append(events: EventInput[]): Promise<void> {
  const p = suite.client.pipeline();
  for (const e of events) p.xadd(stream, '*', ...encodeArgs(e));
  await p.exec();
}

/** A call queued 17 s before now and answered now, in `queue`. */
const answeredAfter17s = (callId: string, queue: string): EventInput[] => {
  const now = Date.now();
  return [
    { type: 'call.queued', ts: now - 17 * SEC, callId, queue },
    { type: 'call.answered', ts: now, callId, queue, agentId: 'a1' },
  ];
};

async function put(base: string, body: unknown, headers: Record<string, string> = ADMIN_AUTH) {
  const res = await fetch(`${base}/api/v1/queue-settings`, { method: 'PUT', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as QueueSettingsReply & { error?: string } };
}

const billing = async (base: string) => (await snapshotOf(base)).queues.find((q) => q.id === 'billing');

beforeAll(async () => {
  a = await startTestServer(suite.redis.url, overrides);
  b = await startTestServer(suite.redis.url, overrides);
}, 30_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
});

describe('per-queue settings on two nodes', () => {
  it("start as the config file's, and only an admin reads or changes them", async () => {
    const got = await getJson<QueueSettingsReply>(`${a.url}/api/v1/queue-settings`);
    expect(got).toEqual({
      status: 200,
      body: { queues: core.queues, version: 0, source: 'config', appliedVersion: 0, defaults: { serviceLevelMs: 20_000, serviceLevelTarget: 0.8, shortAbandonMs: 0 } },
    });
    expect((await getJson(`${a.url}/api/v1/queue-settings`, {})).status).toBe(401);
    const lead = await signIn(a.url, { role: 'lead', name: 'lead-qs' });
    const asLead = { cookie: lead.cookie, 'x-csrf-token': lead.csrfToken };
    expect((await getJson(`${a.url}/api/v1/queue-settings`, asLead)).status).toBe(403);
    expect((await put(a.url, { queues: {} }, asLead)).status).toBe(403);
    const bad = await put(a.url, { queues: { billing: { serviceLevelTarget: 80 } } });
    expect(bad).toMatchObject({ status: 400, body: { error: 'queues.billing.serviceLevelTarget: a fraction 0..1' } });
  });

  it('an admin PUT reaches both nodes and their screens; calls before it keep their judgement', async () => {
    const screen = connectClient(b.url);
    await append(answeredAfter17s('c1', 'billing'));
    await waitFor(async () => (await billing(a.url))?.answered === 1 && (await billing(b.url))?.answered === 1, 'both nodes to count c1');
    expect((await snapshotOf(b.url)).queueNames).toEqual({ billing: { zh: '账务', en: 'Billing' } });

    const saved = await put(a.url, { queues: { billing: { name: { zh: '账务查询', en: 'Billing enquiries' }, serviceLevelMs: 15_000, serviceLevelTarget: 0.9 } } });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ version: 1, source: 'admin' });
    const names = { billing: { zh: '账务查询', en: 'Billing enquiries' } };
    for (const node of [a, b]) {
      await waitFor(async () => (await snapshotOf(node.url)).queueNames?.['billing']?.zh === '账务查询', `node ${node.port} to apply the settings`);
      expect((await getJson<QueueSettingsReply>(`${node.url}/api/v1/queue-settings`)).body).toMatchObject({ version: 1, appliedVersion: 1 });
    }
    await waitFor(() => screen.current()?.queueNames?.['billing']?.en === 'Billing enquiries', "node b's screen to be pushed the names");
    expect(screen.current()!.queueNames).toEqual(names);
    screen.close();

    await append(answeredAfter17s('c2', 'billing'));
    await waitFor(async () => (await billing(a.url))?.answered === 2 && (await billing(b.url))?.answered === 2, 'both nodes to count c2');
    // c1 (17 s) was within the 20 s in force then; c2 (17 s) is not within 15 s.
    const [onA, onB] = [await billing(a.url), await billing(b.url)];
    expect(onA).toMatchObject({ serviceLevel: 0.5, thresholds: { serviceLevelMs: 15_000, serviceLevelTarget: 0.9, shortAbandonMs: 0 } });
    expect(onB).toEqual({ ...onA, longestWaitMs: onB!.longestWaitMs });
  });

  it('survive a restart of both nodes', async () => {
    await a.stop();
    await b.stop();
    a = await startTestServer(suite.redis.url, overrides);
    b = await startTestServer(suite.redis.url, overrides);
    for (const node of [a, b]) {
      await waitFor(async () => (await billing(node.url))?.answered === 2, `restarted node ${node.port} to catch up`);
      expect(await billing(node.url)).toMatchObject({ serviceLevel: 0.5, thresholds: { serviceLevelMs: 15_000 } });
      expect((await snapshotOf(node.url)).queueNames).toEqual({ billing: { zh: '账务查询', en: 'Billing enquiries' } });
      expect((await getJson<QueueSettingsReply>(`${node.url}/api/v1/queue-settings`)).body).toMatchObject({ version: 1, source: 'admin', appliedVersion: 1 });
    }
  }, 30_000);
});
