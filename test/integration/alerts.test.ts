// Alerts out through the real server and a real Redis: transitions written to the alarm stream in
// the documented shape reach a real HTTP receiver on loopback, once per hook; a receiver that
// fails, then hangs, then recovers gets the transition exactly once after it recovers, with every
// attempt in the delivery log; two nodes on one Redis deliver each transition once.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { alertsConfig, type AlertsFile } from '../../server/alerts/alert-config.js';
import { encodeTransition, type AlarmRaised, type AlarmTransition } from '../../server/alerts/alarm-transition.js';
import { keys } from '../../server/redis/keys.js';
import { ALERTS_GROUP } from '../../server/alerts/alert-stream.js';
import type { DeliveryRecord } from '../../server/alerts/delivery-log.js';
import type { HookSummary } from '../../server/alerts/alert-config.js';
import type { RunningServer } from '../../server/create-server.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { ADMIN_AUTH, getJson, startTestServer } from '../support/server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const suite = useTestRedis();
const SECRET = 'test-generic-secret-0123456789';
let receiver: WebhookReceiver;
let servers: RunningServer[] = [];

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(async () => {
  await receiver.close();
});
afterEach(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  servers = [];
  receiver.requests.length = 0;
  receiver.answer = () => ({ status: 200, body: '{"errcode":0,"errmsg":"ok"}' });
});

/** Quick retries, so a test sees a whole back-off sequence in a second or two. */
const FAST: AlertsFile = { baseDelayMs: 50, maxDelayMs: 200, requestTimeoutMs: 400, visibilityTimeoutMs: 2000, maxAttempts: 4 };

async function board(name: string, alerts: AlertsFile): Promise<{ server: RunningServer; stream: string; group: string }> {
  const group = uniquePrefix(name);
  const stream = `${group}:events`;
  const server = await start(stream, group, alerts);
  return { server, stream, group };
}

/**
 * A server node of the board (each its own name in the consumer groups). Its own alarm rules are
 * off: the tests write the transitions, and an evaluating node would clear their alarms (nothing
 * waits on this board) and send that too.
 */
async function start(stream: string, group: string, alerts: AlertsFile): Promise<RunningServer> {
  const server = await startTestServer(suite.redis.url, { streams: [stream], group, alerts: alertsConfig({ ...FAST, ...alerts }), alarms: { enabled: false } });
  servers.push(server);
  return server;
}

async function write(stream: string, transition: AlarmTransition): Promise<string> {
  return (await suite.client.xadd(keys.alarms(stream), '*', ...Object.entries(encodeTransition(transition)).flat()))!;
}

const raised = (alarmId: string, severity: 'warning' | 'critical' = 'critical'): AlarmRaised => ({
  v: '1',
  type: 'alarm.raised',
  alarmId,
  rule: 'longest-wait',
  scope: 'billing',
  severity,
  value: 95,
  threshold: 60,
  ts: Date.now(),
});

async function pendingOf(stream: string): Promise<number> {
  const [count] = (await suite.client.xpending(keys.alarms(stream), ALERTS_GROUP)) as [number];
  return count;
}

async function deliveries(url: string): Promise<{ hooks: HookSummary[]; deliveries: DeliveryRecord[] }> {
  const { status, body } = await getJson<{ hooks: HookSummary[]; deliveries: DeliveryRecord[] }>(`${url}/api/v1/alerts/deliveries`);
  expect(status).toBe(200);
  return body;
}

describe('alerts out', () => {
  it('sends a raise to each hook once, logs it, counts it, and never tells a secret or a robot URL', async () => {
    const { server, stream } = await board('once', {
      hooks: [
        { id: 'gen', kind: 'generic', url: `${receiver.url}/gen`, secret: SECRET },
        { id: 'wx', kind: 'wecom', url: `${receiver.url}/wx?key=robot-key-123` },
      ],
    });
    const id = await write(stream, raised('a1'));
    await waitFor(() => receiver.delivered().length === 2 && pendingOf(stream).then((n) => n === 0), 'both hooks served and the entry acknowledged');
    expect(receiver.requests.map((r) => [r.path, r.headers['idempotency-key']]).sort()).toEqual([
      ['/gen', `${id}:gen`],
      ['/wx', `${id}:wx`],
    ]);
    const log = await deliveries(server.url);
    expect(log.deliveries.map((d) => [d.hook, d.entry, d.transition, d.attempt, d.outcome, d.status]).sort()).toEqual([
      ['gen', id, 'alarm.raised', 1, 'delivered', 200],
      ['wx', id, 'alarm.raised', 1, 'delivered', 200],
    ]);
    const shown = JSON.stringify(log);
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain('robot-key-123');
    expect(log.hooks.find((h) => h.id === 'gen')).toMatchObject({ kind: 'generic', signed: true });
    expect((await getJson(`${server.url}/api/v1/alerts/deliveries`, {})).status).toBe(401);
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: ADMIN_AUTH })).text();
    expect(metrics).toContain('wallboard_alert_deliveries_total{hook="gen",outcome="delivered"} 1');

    // The acknowledge names the alarm it belongs to (found from the raise) and who acknowledged.
    await write(stream, { v: '1', type: 'alarm.acknowledged', alarmId: 'a1', by: 'lead.li', ts: Date.now() });
    await waitFor(() => receiver.delivered().length === 4, 'the acknowledge delivered');
    const ack = receiver.requests.find((r) => r.path === '/wx' && r.body.includes('已确认'));
    expect(ack?.body).toContain('lead.li');
    expect(ack?.body).toContain('最长等待');
  });

  it('a hook that answers 500, then hangs, then recovers gets the transition exactly once after recovery, every attempt logged', async () => {
    const { server, stream } = await board('recover', { hooks: [{ id: 'gen', kind: 'generic', url: `${receiver.url}/gen`, secret: SECRET }] });
    receiver.answer = (_r, i) => (i === 0 ? { status: 500, body: 'down' } : i === 1 ? 'hang' : { status: 200 });
    const id = await write(stream, raised('a2'));
    await waitFor(async () => (await pendingOf(stream)) === 0 && receiver.delivered().length === 1, 'the entry delivered and acknowledged');
    // Longer than the longest retry wait: nothing more comes.
    await new Promise((r) => setTimeout(r, 600));
    expect(receiver.requests).toHaveLength(3);
    expect(receiver.delivered()).toHaveLength(1);
    expect(new Set(receiver.requests.map((r) => r.headers['idempotency-key']))).toEqual(new Set([`${id}:gen`]));
    const log = (await deliveries(server.url)).deliveries.reverse();
    expect(log.map((d) => [d.attempt, d.outcome, d.status, d.error])).toEqual([
      [1, 'failed', 500, 'HTTP 500'],
      [2, 'failed', null, 'timed out after 400 ms'],
      [3, 'delivered', 200, null],
    ]);
    // The waits between attempts back off: the second wait is at least the first's fixed half.
    const [first, second, third] = receiver.requests.map((r) => r.at);
    expect(second! - first!).toBeGreaterThanOrEqual(25);
    expect(third! - second!).toBeGreaterThanOrEqual(400 + 50);
  });

  it('gives up after maxAttempts, logs and counts it, and acknowledges the transition', async () => {
    const { server, stream } = await board('giveup', { hooks: [{ id: 'gen', kind: 'generic', url: `${receiver.url}/gen`, secret: SECRET }] });
    receiver.answer = () => ({ status: 503 });
    await write(stream, raised('a3'));
    await waitFor(async () => (await pendingOf(stream)) === 0 && receiver.requests.length === 4, 'four attempts and the entry acknowledged');
    const log = (await deliveries(server.url)).deliveries;
    expect(log.map((d) => d.outcome)).toEqual(['gave-up', 'failed', 'failed', 'failed']);
    const metrics = await (await fetch(`${server.url}/metrics`, { headers: ADMIN_AUTH })).text();
    expect(metrics).toContain('wallboard_alert_deliveries_total{hook="gen",outcome="gave-up"} 1');
    expect(metrics).toContain('wallboard_alert_deliveries_total{hook="gen",outcome="failed"} 3');
  });

  it('sends a hook only the transitions and severities it asked for', async () => {
    const { stream } = await board('filter', {
      hooks: [
        { id: 'crit', kind: 'wecom', url: `${receiver.url}/crit`, transitions: ['alarm.raised'], severities: ['critical'] },
        { id: 'all', kind: 'wecom', url: `${receiver.url}/all` },
      ],
    });
    await write(stream, raised('w1', 'warning'));
    await write(stream, raised('c1', 'critical'));
    await write(stream, { v: '1', type: 'alarm.cleared', alarmId: 'c1', ts: Date.now() });
    await waitFor(async () => (await pendingOf(stream)) === 0 && receiver.delivered().length === 4, 'every transition handled');
    expect(receiver.requests.filter((r) => r.path === '/crit')).toHaveLength(1);
    expect(receiver.requests.filter((r) => r.path === '/all')).toHaveLength(3);
  });

  it('POST /api/v1/alerts/test/:hookId sends a test message, logged; an unknown hook is 404', async () => {
    const { server } = await board('test', { hooks: [{ id: 'ding', kind: 'dingtalk', url: `${receiver.url}/ding?access_token=t`, secret: 'SECtest', lang: 'en' }] });
    const res = await fetch(`${server.url}/api/v1/alerts/test/ding`, { method: 'POST', headers: ADMIN_AUTH });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, status: 200 });
    expect(receiver.requests[0]?.body).toContain('Test message');
    expect(receiver.requests[0]?.query.has('sign')).toBe(true);
    expect((await deliveries(server.url)).deliveries[0]).toMatchObject({ hook: 'ding', transition: 'test', outcome: 'delivered' });
    expect((await fetch(`${server.url}/api/v1/alerts/test/nope`, { method: 'POST', headers: ADMIN_AUTH })).status).toBe(404);
  });

  it('two nodes on one Redis deliver each of 20 transitions exactly once', async () => {
    const hooks: AlertsFile['hooks'] = [{ id: 'gen', kind: 'generic', url: `${receiver.url}/gen`, secret: SECRET }];
    const { stream, group } = await board('two', { hooks });
    await start(stream, group, { hooks });
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await write(stream, raised(`t${i}`)));
    await waitFor(async () => (await pendingOf(stream)) === 0 && receiver.delivered().length >= 20, 'all 20 delivered');
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.requests.map((r) => r.headers['idempotency-key']).sort()).toEqual(ids.map((id) => `${id}:gen`).sort());
    // Both nodes read the group (each its own consumer); which delivered what is in the log.
    const consumers = (await suite.client.xinfo('CONSUMERS', keys.alarms(stream), ALERTS_GROUP)) as unknown[][];
    expect(consumers).toHaveLength(2);
  });
  it('a node retrying longer than the visibility timeout keeps its transition: the other node does not take it over', async () => {
    const hooks: AlertsFile['hooks'] = [{ id: 'gen', kind: 'generic', url: `${receiver.url}/gen`, secret: SECRET }];
    const slow = { hooks, visibilityTimeoutMs: 1000, maxAttempts: 30 };
    const { server, stream, group } = await board('renew', slow);
    await start(stream, group, slow);
    let firstAt = 0;
    receiver.answer = (r) => {
      firstAt ||= r.at;
      return r.at - firstAt < 2500 ? { status: 500 } : { status: 200 };
    };
    const id = await write(stream, raised('r1'));
    await waitFor(async () => (await pendingOf(stream)) === 0 && receiver.delivered().length === 1, 'delivered after 2.5 s of failures', 15_000);
    const attempts = (await deliveries(server.url)).deliveries.filter((d) => d.entry === id);
    expect(attempts.length).toBeGreaterThan(5);
    expect(new Set(attempts.map((d) => d.node)).size).toBe(1);
    expect(attempts.map((d) => d.attempt).sort((a, b) => a - b)).toEqual(attempts.map((_d, i) => i + 1));
    expect(receiver.delivered()).toHaveLength(1);
  });
  it('sends nothing for a repeat (a raise or acknowledge written twice) and sends an escalation', async () => {
    const { server, stream } = await board('repeats', { hooks: [{ id: 'wx', kind: 'wecom', url: `${receiver.url}/wx` }] });
    const raisedTs = Date.now();
    const alarmId = `longest-wait:billing:${raisedTs}`;
    const warning: AlarmTransition = { ...raised(alarmId, 'warning'), ts: raisedTs };
    await write(stream, warning);
    await write(stream, warning);
    await write(stream, { v: '1', type: 'alarm.acknowledged', alarmId, by: 'lead.li', ts: Date.now() });
    await write(stream, { v: '1', type: 'alarm.acknowledged', alarmId, by: 'lead.wang', ts: Date.now() });
    await write(stream, { ...raised(alarmId, 'critical'), value: 130, threshold: 120 });
    await waitFor(async () => (await pendingOf(stream)) === 0 && receiver.delivered().length === 3, 'the three transitions that change something');
    await new Promise((r) => setTimeout(r, 300));
    const contents = receiver.requests.map((r) => (JSON.parse(r.body) as { markdown: { content: string } }).markdown.content);
    // Transitions are delivered side by side: their order at the receiver is not the stream's.
    expect(contents).toHaveLength(3);
    expect(contents.filter((c) => c.includes('【警告】告警：最长等待'))).toHaveLength(1);
    expect(contents.filter((c) => c.includes('确认人：lead.li'))).toHaveLength(1);
    const escalation = contents.filter((c) => c.includes('【严重】告警升级：最长等待'));
    expect(escalation).toHaveLength(1);
    expect(escalation[0]).toContain('当前：130 秒（阈值 120 秒）');
    expect((await deliveries(server.url)).deliveries).toHaveLength(3);
  });
});
