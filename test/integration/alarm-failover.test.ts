// A failover with an alarm active, through two server processes on one Redis and a webhook
// receiver on loopback: the lease holder raises an alarm (two callers waiting, above a low
// threshold) and is killed (SIGKILL); the other node takes the lease within the lease time, does
// not raise the alarm a second time (its replica has it from the alarm stream), writes the one
// clear when the callers are answered, and the receiver gets the raise once and the clear once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeArgs, type EventInput } from '../../server/core/events.js';
import type { Alarm } from '../../server/contract/snapshot.js';
import { ALERTS_GROUP } from '../../server/alerts/alert-stream.js';
import { keys } from '../../server/redis/keys.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { getJson, spawnServer, type ChildServer } from '../support/server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const suite = useTestRedis();
const group = uniquePrefix('alarm-failover');
const stream = `${group}:events`;
const alarmStream = keys.alarms(stream);
const LEASE_MS = 2000;
let receiver: WebhookReceiver;
const nodes: ChildServer[] = [];

/** Only "callers waiting", raised at two (no minimum time), cleared at none. */
const alarms = {
  rules: {
    waiting: { warning: { raise: 2, clear: 0 }, critical: null, minMs: 0 },
    'longest-wait': false,
    'service-level': false,
    'no-agent': false,
    'hold-check-overdue': false,
    'kpi-missed': false,
    'source-quiet': false,
  },
  // The floor's totals are on by default for these two, and queued calls nobody serves would raise no-agent.
  floor: { 'service-level': false, 'no-agent': false },
};

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const dir = mkdtempSync(join(tmpdir(), 'wb-alarm-failover-'));
  const configFile = join(dir, 'wallboard.config.json');
  const alerts = { hooks: [{ id: 'ops', kind: 'generic', url: `${receiver.url}/ops`, secret: 'failover-secret-0123456789' }], visibilityTimeoutMs: 2000 };
  writeFileSync(configFile, JSON.stringify({ leaseMs: LEASE_MS, alerts, alarms }));
  const env = { REDIS_URL: suite.redis.url, STREAM_KEYS: stream, CONSUMER_GROUP: group, CONFIG_FILE: configFile };
  // One at a time, so the first holds the lease.
  for (let i = 0; i < 2; i++) nodes.push(await spawnServer(env));
}, 60_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.kill()));
  await receiver.close();
});

const add = (event: EventInput) => suite.client.xadd(stream, '*', ...encodeArgs(event));
async function transitions(): Promise<string[]> {
  return (await suite.client.xrange(alarmStream, '-', '+')).map(([, f]) => f[f.indexOf('type') + 1]!);
}
const activeOn = async (node: ChildServer) => (await getJson<{ active: Alarm[] }>(`${node.url}/api/v1/alarms`)).body.active;
/** What the receiver was sent, in order: each generic body's transition type. */
const received = () => receiver.delivered().map((r) => (JSON.parse(r.body) as { transition: { type: string } }).transition.type);
const holds = (node: ChildServer) => node.output().includes('holding the aggregation lease');
/** The transitions a node logged writing. */
const written = (node: ChildServer) =>
  node
    .output()
    .split('\n')
    .filter((l) => l.includes('"alarm transition written"'))
    .map((l) => (JSON.parse(l) as { type: string }).type);

describe('failover with an alarm active', () => {
  it('the new holder neither raises it again nor loses it: one raise, one clear, each sent once', async () => {
    const [holder, other] = nodes as [ChildServer, ChildServer];
    await waitFor(() => holds(holder) && !holds(other), 'the first node holding the lease');
    const now = Date.now();
    await add({ type: 'call.queued', ts: now, callId: 'f1', queue: 'billing' });
    await add({ type: 'call.queued', ts: now + 10, callId: 'f2', queue: 'billing' });
    const [alarm] = await waitFor(async () => {
      const active = await activeOn(other);
      return active.length === 1 && received().length === 1 ? active : null;
    }, 'the alarm raised, on the other node too, and sent');
    expect(alarm).toMatchObject({ rule: 'waiting', scope: 'billing', severity: 'warning', value: 2 });
    expect(written(holder)).toEqual(['alarm.raised']);
    await waitFor(async () => (await suite.client.xpending(alarmStream, ALERTS_GROUP))[0] === 0, 'the raise acknowledged in the alerts group');

    const killedAt = Date.now();
    await holder.kill('SIGKILL');
    await waitFor(() => holds(other), 'the other node taking the lease', LEASE_MS * 3);
    const tookOverMs = Date.now() - killedAt;
    // The lease lapses at most LEASE_MS after its last renewal, and a standby tries every third of it.
    expect(tookOverMs).toBeLessThanOrEqual(LEASE_MS + LEASE_MS / 3 + 500);
    // Several evaluations on the new holder with the callers still waiting: the alarm stays, not raised again.
    await new Promise((r) => setTimeout(r, 3000));
    expect(await transitions()).toEqual(['alarm.raised']);
    expect((await activeOn(other)).map((a) => a.id)).toEqual([alarm!.id]);

    await add({ type: 'call.answered', ts: Date.now(), callId: 'f1', queue: 'billing', agentId: 'a1' });
    await add({ type: 'call.answered', ts: Date.now(), callId: 'f2', queue: 'billing', agentId: 'a2' });
    await waitFor(async () => (await transitions()).length === 2 && received().length === 2, 'the clear written and sent');
    // Past a takeover time: nothing more is written or sent.
    await new Promise((r) => setTimeout(r, 2500));
    expect(await transitions()).toEqual(['alarm.raised', 'alarm.cleared']);
    expect(written(other)).toEqual(['alarm.cleared']);
    expect(received()).toEqual(['alarm.raised', 'alarm.cleared']);
    expect(receiver.requests).toHaveLength(2);
    expect(await activeOn(other)).toEqual([]);
    console.info(`lease taken over ${tookOverMs} ms after the kill (lease ${LEASE_MS} ms)`);
  });
});
