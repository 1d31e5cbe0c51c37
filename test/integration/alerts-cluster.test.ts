// Alerts out across server processes on one Redis: two nodes and one transition make one
// delivery; a node killed (SIGKILL) while its request hangs at the receiver leaves the transition
// pending, and the other node takes it over after the visibility timeout and delivers it once,
// without sending again to the hook the dead node had already served.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTransition, type AlarmTransition } from '../../server/alerts/alarm-transition.js';
import { keys } from '../../server/redis/keys.js';
import { ALERTS_GROUP } from '../../server/alerts/alert-stream.js';
import { alertKeys, type DeliveryRecord } from '../../server/alerts/delivery-log.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { getJson, spawnServer, type ChildServer } from '../support/server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const suite = useTestRedis();
const group = uniquePrefix('alerts-cluster');
const stream = `${group}:events`;
const VISIBILITY_MS = 2000;
let receiver: WebhookReceiver;
const nodes: ChildServer[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const dir = mkdtempSync(join(tmpdir(), 'wb-alerts-'));
  const configFile = join(dir, 'wallboard.config.json');
  const alerts = {
    hooks: [
      { id: 'gen', kind: 'generic', url: `${receiver.url}/gen`, secret: 'cluster-secret-0123456789' },
      { id: 'wx', kind: 'wecom', url: `${receiver.url}/wx` },
    ],
    visibilityTimeoutMs: VISIBILITY_MS,
    // Long enough that a hanging request is still hanging when its node is killed.
    requestTimeoutMs: 30_000,
    baseDelayMs: 50,
    maxDelayMs: 200,
  };
  // The nodes' own alarm rules are off: the test writes the transitions, and an evaluating node
  // would clear its alarm (nothing waits on this board) and send that too.
  writeFileSync(configFile, JSON.stringify({ leaseMs: 2000, alerts, alarms: { enabled: false } }));
  const env = { REDIS_URL: suite.redis.url, STREAM_KEYS: stream, CONSUMER_GROUP: group, CONFIG_FILE: configFile };
  // One at a time: two tsx start-ups at once on a busy machine can outlast the readiness wait.
  for (let i = 0; i < 2; i++) nodes.push(await spawnServer(env));
}, 60_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.kill()));
  await receiver.close();
});

async function write(transition: AlarmTransition): Promise<string> {
  return (await suite.client.xadd(keys.alarms(stream), '*', ...Object.entries(encodeTransition(transition)).flat()))!;
}

const raised = (alarmId: string): AlarmTransition => ({
  v: '1',
  type: 'alarm.raised',
  alarmId,
  rule: 'no-agent',
  scope: 'floor',
  severity: 'critical',
  value: 4,
  threshold: 1,
  ts: Date.now(),
});

async function pending(): Promise<[id: string, consumer: string][]> {
  return ((await suite.client.xpending(keys.alarms(stream), ALERTS_GROUP, '-', '+', 100)) as [string, string][]).map(([id, consumer]) => [id, consumer]);
}

const forKey = (key: string) => receiver.requests.filter((r) => r.headers['idempotency-key'] === key);

describe('alerts out on two server processes', () => {
  it('one transition, two nodes: exactly one delivery per hook', async () => {
    const id = await write(raised('one'));
    await waitFor(
      async () => forKey(`${id}:gen`).length === 1 && forKey(`${id}:wx`).length === 1 && (await pending()).length === 0,
      'the transition delivered and acknowledged',
    );
    // Past a visibility timeout: no node sends it again.
    await new Promise((r) => setTimeout(r, VISIBILITY_MS + 500));
    expect(forKey(`${id}:gen`)).toHaveLength(1);
    expect(forKey(`${id}:wx`)).toHaveLength(1);
  });

  it('a node killed mid-delivery: the other takes the transition over and delivers it once', async () => {
    receiver.answer = (r) => (r.path === '/gen' && forKey(String(r.headers['idempotency-key'])).length === 1 ? 'hang' : { status: 200 });
    const id = await write(raised('killed'));
    const key = `${id}:gen`;
    // The WeCom hook served and recorded as served (a kill between its answer and that record is the one duplicate left, which the idempotency key covers).
    await waitFor(
      async () => forKey(key).length === 1 && (await suite.client.sismember(alertKeys.sent(group, id), 'wx')) === 1,
      'the generic hook hanging and the WeCom hook recorded as served',
    );
    const [[, consumer]] = (await pending()) as [[string, string]];
    const holder = nodes.find((n) => consumer.includes(`/${n.process.pid}/`))!;
    const other = nodes.find((n) => n !== holder)!;
    const killedAt = Date.now();
    await holder.kill('SIGKILL');
    await waitFor(async () => forKey(key).some((r) => r.answered === 200) && (await pending()).length === 0, 'the other node to deliver it', 15_000);
    const deliveredAt = forKey(key).find((r) => r.answered === 200)!.at;
    expect(deliveredAt - killedAt).toBeGreaterThanOrEqual(VISIBILITY_MS - 600);
    expect(deliveredAt - killedAt).toBeLessThan(VISIBILITY_MS * 3);
    expect(forKey(key)).toHaveLength(2);
    expect(forKey(`${id}:wx`)).toHaveLength(1);
    const { body } = await getJson<{ deliveries: DeliveryRecord[] }>(`${other.url}/api/v1/alerts/deliveries`);
    const attempts = body.deliveries.filter((d) => d.entry === id && d.hook === 'gen');
    expect(attempts).toHaveLength(1);
    expect(attempts[0]).toMatchObject({ outcome: 'delivered', attempt: 1, status: 200 });
    expect(holder.output()).not.toContain('cluster-secret');
    expect(other.output()).not.toContain('cluster-secret');
  });
});
