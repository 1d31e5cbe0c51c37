// Dead nodes' consumers in the `alerts` group are deleted, never one with entries pending: three
// server processes on one Redis; one killed while idle leaves a consumer (Redis makes one when it
// first hands a node an entry) the others delete once it has been idle past
// consumerPruneAfterMs; one killed while its delivery hangs leaves a consumer with an entry
// pending, which stays until the entry is taken over (after the visibility timeout) and
// delivered, and only then goes.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTransition } from '../../server/alerts/alarm-transition.js';
import { ALERTS_GROUP } from '../../server/alerts/alert-stream.js';
import { keys } from '../../server/redis/keys.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { spawnServer, type ChildServer } from '../support/server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const suite = useTestRedis();
const group = uniquePrefix('alerts-prune');
const stream = `${group}:events`;
const alarmStream = keys.alarms(stream);
// The visibility timeout is long enough that an upkeep pass (every third of it) falls between
// the prune bound and the takeover.
const PRUNE_MS = 2000;
const VISIBILITY_MS = 9000;
let receiver: WebhookReceiver;
const nodes: ChildServer[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const dir = mkdtempSync(join(tmpdir(), 'wb-alerts-prune-'));
  const configFile = join(dir, 'wallboard.config.json');
  const alerts = {
    hooks: [{ id: 'gen', kind: 'generic', url: `${receiver.url}/gen`, secret: 'prune-secret-0123456789' }],
    visibilityTimeoutMs: VISIBILITY_MS,
    consumerPruneAfterMs: PRUNE_MS,
    requestTimeoutMs: 30_000,
  };
  // The test writes the transitions: the nodes' own evaluation is off.
  writeFileSync(configFile, JSON.stringify({ leaseMs: 2000, alerts, alarms: { enabled: false } }));
  const env = { REDIS_URL: suite.redis.url, STREAM_KEYS: stream, CONSUMER_GROUP: group, CONFIG_FILE: configFile };
  for (let i = 0; i < 3; i++) nodes.push(await spawnServer(env));
}, 90_000);

afterAll(async () => {
  await Promise.all(nodes.map((n) => n.kill()));
  await receiver.close();
});

interface ConsumerInfo {
  name: string;
  pending: number;
  idle: number;
}

async function consumers(): Promise<ConsumerInfo[]> {
  const raw = (await suite.client.xinfo('CONSUMERS', alarmStream, ALERTS_GROUP)) as (string | number)[][];
  return raw.map((flat) => {
    const f = new Map<string, string | number>();
    for (let i = 0; i + 1 < flat.length; i += 2) f.set(String(flat[i]), flat[i + 1]!);
    return { name: String(f.get('name')), pending: Number(f.get('pending')), idle: Number(f.get('idle')) };
  });
}

const pruneLines = (node: ChildServer) =>
  node
    .output()
    .split('\n')
    .filter((l) => l.includes('idle alerts consumer deleted'));

async function write(alarmId: string): Promise<string> {
  const fields = encodeTransition({
    v: '1',
    type: 'alarm.raised',
    alarmId,
    rule: 'waiting',
    scope: 'billing',
    severity: 'warning',
    value: 12,
    threshold: 10,
    ts: Date.now(),
  });
  return (await suite.client.xadd(alarmStream, '*', ...Object.entries(fields).flat()))!;
}

const delivered = (id: string) => receiver.requests.some((r) => r.answered === 200 && r.headers['idempotency-key'] === `${id}:gen`);
const alive = () => nodes.filter((n) => n.process.exitCode === null && n.process.signalCode === null);

describe('pruning the alerts group', () => {
  it('a node killed while idle: its consumer (nothing pending) is deleted once idle past the bound, and it is logged', async () => {
    // A node's consumer exists once the group has handed it an entry.
    const id = await write('idle');
    await waitFor(async () => delivered(id) && (await suite.client.xpending(alarmStream, ALERTS_GROUP))[0] === 0, 'the transition delivered');
    const [info] = (await consumers()).filter((c) => nodes.some((n) => c.name.includes(`/${n.process.pid}/`)));
    const dead = nodes.find((n) => info!.name.includes(`/${n.process.pid}/`))!;
    expect(info!.pending).toBe(0);
    const killedAt = Date.now();
    await dead.kill('SIGKILL');
    await waitFor(async () => !(await consumers()).some((c) => c.name === info!.name), 'the dead consumer deleted', 15_000);
    expect(Date.now() - killedAt).toBeGreaterThanOrEqual(PRUNE_MS - 1000);
    // The node logs the deletion after the script's answer reaches it: waited for, not read at once.
    await waitFor(
      async () =>
        Promise.resolve(
          alive()
            .flatMap(pruneLines)
            .some((l) => l.includes(info!.name)),
        ),
      'the deletion logged',
      5_000,
    );
  });

  it('a node killed with an entry pending: its consumer stays until the entry is taken over, then goes', async () => {
    receiver.answer = (r) =>
      r.headers['idempotency-key']?.includes(':gen') && receiver.requests.filter((x) => x.headers['idempotency-key'] === r.headers['idempotency-key']).length === 1
        ? 'hang'
        : { status: 200 };
    const id = await write('pending');
    const holderInfo = await waitFor(async () => {
      const holding = (await consumers()).filter((c) => c.pending === 1);
      return holding.length === 1 && receiver.requests.some((r) => r.headers['idempotency-key'] === `${id}:gen`) ? holding[0] : null;
    }, 'a node holding the hanging delivery');
    const holder = nodes.find((n) => holderInfo.name.includes(`/${n.process.pid}/`))!;
    await holder.kill('SIGKILL');
    // Well past the prune bound (and an upkeep pass), short of the visibility timeout: still there, still pending.
    const held = await waitFor(async () => {
      const c = (await consumers()).find((x) => x.name === holderInfo.name);
      if (c === undefined) return { name: 'deleted', pending: -1, idle: 0 };
      return c.idle >= PRUNE_MS + VISIBILITY_MS / 3 + 500 ? c : null;
    }, 'the dead holder idle past the bound');
    expect(held).toMatchObject({ name: holderInfo.name, pending: 1 });
    // Taken over and delivered by the survivor; then the dead consumer goes.
    await waitFor(() => delivered(id), 'the survivor delivering it', 20_000);
    await waitFor(async () => !(await consumers()).some((c) => c.name === holderInfo.name), 'the dead holder deleted', 15_000);
    expect(
      alive()
        .flatMap(pruneLines)
        .some((l) => l.includes(holderInfo.name)),
    ).toBe(true);
    await waitFor(async () => (await suite.client.xpending(alarmStream, ALERTS_GROUP))[0] === 0, 'the survivor acknowledging it');
  });
});
