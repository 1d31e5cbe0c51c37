// Alarms through Redis and the real server: raised by the lease holder into the alarm stream,
// acknowledged by a lead over the socket (and again, idempotently, over REST), cleared, still in
// the log after a restart; with two nodes both show it and the stream holds exactly one raise; a
// rule on the whole floor's totals raises on the floor while no queue reaches its own level.
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../../server/config.js';
import type { RunningServer } from '../../server/create-server.js';
import { encode, encodeArgs, maskPhoneNumbers, type EventInput } from '../../server/core/events.js';
import { Aggregator } from '../../server/aggregator.js';
import { createAlarmEngine } from '../../server/alarms/alarm-engine.js';
import { createAlarmRulesStore } from '../../server/alarms/alarm-rules-store.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import { silentLogger } from '../../server/log.js';
import type { AlarmAckAnswer } from '../../server/contract/protocol.js';
import type { Alarm } from '../../server/contract/snapshot.js';
import { keys } from '../../server/redis/keys.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { ADMIN_AUTH, connectClient, getJson, snapshotOf, startTestServer, type WallboardClient } from '../support/server.js';
import { signIn } from '../support/sign-in.js';

const suite = useTestRedis();
const servers: RunningServer[] = [];
const clients: WallboardClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) await s.stop();
});

/** Only the "waiting" rule, raised at one caller held 300 ms, cleared at none held 300 ms. */
const ONLY_WAITING: ServerConfig['alarms'] = {
  rules: {
    waiting: { warning: { raise: 1, clear: 0 }, critical: { raise: 3, clear: 1 }, minMs: 300 },
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

function setup(name: string, alarms: ServerConfig['alarms'] = ONLY_WAITING) {
  const stream = `${uniquePrefix(name)}:events`;
  const overrides: Partial<ServerConfig> = { streams: [stream], group: uniquePrefix('g'), alarms };
  const start = async () => {
    const server = await startTestServer(suite.redis.url, overrides);
    servers.push(server);
    return server;
  };
  const add = (event: EventInput) => suite.client.xadd(stream, '*', ...encodeArgs(event));
  const alarmEntries = async () =>
    (await suite.client.xrange(keys.alarms(stream), '-', '+')).map(([, f]) =>
      Object.fromEntries(f.reduce<[string, string][]>((out, v, i, a) => (i % 2 ? out : [...out, [v, a[i + 1]!]]), [])),
    );
  return { stream, start, add, alarmEntries };
}

const alarmsOf = async (url: string) => (await getJson<{ active: Alarm[]; log: Alarm[] }>(`${url}/api/v1/alarms`)).body;

describe('alarms through the server', () => {
  it('raises, is acknowledged by a lead over the socket, clears, and is still in the log after a restart', async () => {
    const { start, add, alarmEntries } = setup('life');
    const server = await start();
    // A login with a run of digits like a phone number's: stored masked, and still this lead's own acknowledgement.
    const lead = await signIn(server.url, { role: 'lead', teams: ['A'], name: 'lead.13800138000' });
    const shownAs = 'lead.138****8000';
    expect(maskPhoneNumbers(lead.name)).toBe(shownAs);
    const client = connectClient(server.url, {}, { cookie: lead.cookie });
    clients.push(client);
    const now = Date.now();
    await add({ type: 'call.queued', ts: now, callId: 'c1', queue: 'billing' });
    const raised = await waitFor(() => client.current()?.alarms?.active.find((a) => a.rule === 'waiting' && a.scope === 'billing'), 'the alarm on the screen');
    expect(raised).toMatchObject({ severity: 'warning', value: 1, threshold: 1, acknowledgedBy: null, clearedTs: null });
    expect(raised.id).toBe(`waiting:billing:${raised.raisedTs}`);

    const ack = (id: string) => new Promise<AlarmAckAnswer>((resolve) => client.socket.emit('alarm:acknowledge', id, resolve));
    const first = await ack(raised.id);
    expect(first).toMatchObject({ ok: true, already: false, alarm: { id: raised.id, acknowledgedBy: shownAs } });
    expect(await ack(raised.id)).toMatchObject({ ok: true, already: true, alarm: { acknowledgedBy: shownAs } });
    expect(await ack('waiting:nowhere:1')).toEqual({ ok: false, error: 'no alarm "waiting:nowhere:1"' });
    // Over REST too, idempotent: nothing more is written.
    const rest = await fetch(`${server.url}/api/v1/alarms/${encodeURIComponent(raised.id)}/ack`, { method: 'POST', headers: ADMIN_AUTH });
    expect(rest.status).toBe(200);
    expect(await rest.json()).toMatchObject({ ok: true, already: true });
    await waitFor(() => client.current()?.alarms?.active[0]?.acknowledgedBy === shownAs, 'the acknowledgement on the screen');

    await add({ type: 'call.answered', ts: now + 1000, callId: 'c1', queue: 'billing', agentId: 'a1' });
    const cleared = await waitFor(() => client.current()?.alarms?.log.find((a) => a.id === raised.id && a.clearedTs !== null), 'the clear');
    expect(client.current()!.alarms!.active).toEqual([]);
    expect((await alarmEntries()).map((e) => e['type'])).toEqual(['alarm.raised', 'alarm.acknowledged', 'alarm.cleared']);

    await server.stop();
    servers.splice(servers.indexOf(server), 1);
    const again = await start();
    const log = await waitFor(async () => (await alarmsOf(again.url)).log.find((a) => a.id === raised.id), 'the log after a restart');
    expect(log).toEqual(cleared);
  });

  it('keeps an active, acknowledged alarm through a restart: still active, still acknowledged, not raised again', async () => {
    const { start, add, alarmEntries } = setup('restart-active');
    const server = await start();
    await add({ type: 'call.queued', ts: Date.now(), callId: 'c1', queue: 'billing' });
    const alarm = await waitFor(async () => (await alarmsOf(server.url)).active[0], 'the alarm');
    const acked = await fetch(`${server.url}/api/v1/alarms/${encodeURIComponent(alarm.id)}/ack`, { method: 'POST', headers: ADMIN_AUTH });
    expect(await acked.json()).toMatchObject({ ok: true, already: false });
    const before = await waitFor(async () => (await alarmsOf(server.url)).active.find((a) => a.acknowledgedBy !== null), 'the acknowledgement');

    await server.stop();
    servers.splice(servers.indexOf(server), 1);
    const again = await start();
    const after = await waitFor(async () => (await alarmsOf(again.url)).active[0], 'the alarm after the restart');
    expect(after).toEqual(before);
    // The condition still holds on the restarted node: it evaluates, and writes nothing new.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await alarmEntries()).map((e) => e['type'])).toEqual(['alarm.raised', 'alarm.acknowledged']);
    expect((await alarmsOf(again.url)).active).toEqual([before]);
  });

  it('refuses an acknowledgement from a read-only script, and from a lead over REST without the CSRF token', async () => {
    const { start, add } = setup('refuse');
    const server = await start();
    await add({ type: 'call.queued', ts: Date.now(), callId: 'c1', queue: 'billing' });
    const alarm = await waitFor(async () => (await alarmsOf(server.url)).active[0], 'the alarm');
    const lead = await signIn(server.url, { role: 'lead', teams: ['A'], name: 'lead.li' });
    const noCsrf = await fetch(`${server.url}/api/v1/alarms/${encodeURIComponent(alarm.id)}/ack`, {
      method: 'POST',
      headers: { cookie: lead.cookie, origin: server.url },
    });
    expect(noCsrf.status).toBe(403);
    const ok = await fetch(`${server.url}/api/v1/alarms/${encodeURIComponent(alarm.id)}/ack`, {
      method: 'POST',
      headers: { cookie: lead.cookie, origin: server.url, 'x-csrf-token': lead.csrfToken },
    });
    expect(await ok.json()).toMatchObject({ ok: true, already: false, alarm: { acknowledgedBy: lead.name } });
    // A script that may read the board may not acknowledge, over REST or the socket.
    const created = await fetch(`${server.url}/api/v1/tokens`, {
      method: 'POST',
      headers: { ...ADMIN_AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'reader', role: 'automation' }),
    });
    const { token } = (await created.json()) as { token: string };
    const byScript = await fetch(`${server.url}/api/v1/alarms/${encodeURIComponent(alarm.id)}/ack`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(byScript.status).toBe(403);
    const client = connectClient(server.url, {}, { token });
    clients.push(client);
    await waitFor(() => client.current(), 'the script reads the board');
    expect(await new Promise((resolve) => client.socket.emit('alarm:acknowledge', alarm.id, resolve))).toEqual({
      ok: false,
      error: 'this screen may not acknowledge alarms',
    });
  });

  it('with two nodes: both show the alarm, and the alarm stream holds exactly one raise', async () => {
    const { start, add, alarmEntries } = setup('two');
    const a = await start();
    const b = await start();
    await waitFor(
      () => [a, b].some((s) => s.consumer.status.role === 'active') && [a, b].some((s) => s.consumer.status.role === 'following'),
      'one holder, one follower',
    );
    await add({ type: 'call.queued', ts: Date.now(), callId: 'c1', queue: 'billing' });
    const onA = await waitFor(async () => (await alarmsOf(a.url)).active[0], 'the alarm on node a');
    const onB = await waitFor(async () => (await alarmsOf(b.url)).active[0], 'the alarm on node b');
    expect(onB).toEqual(onA);
    // Several more evaluations on both nodes write nothing more.
    await new Promise((r) => setTimeout(r, 2500));
    expect((await alarmEntries()).filter((e) => e['type'] === 'alarm.raised')).toHaveLength(1);
  });

  it('writes transitions only from the lease holder: a follower evaluates the same and writes nothing', async () => {
    const stream = `${uniquePrefix('gate')}:events`;
    const aggregator = new Aggregator(DEFAULT_CORE_CONFIG);
    const now = Date.now();
    aggregator.applyBatch([{ stream, id: `${now}-0`, fields: encode({ type: 'call.queued', ts: now, callId: 'c1', queue: 'billing' }) }]);
    const engineOf = (holder: boolean) =>
      createAlarmEngine(
        { rules: { ...ONLY_WAITING, rules: { ...ONLY_WAITING.rules, waiting: { warning: { raise: 1, clear: 0 }, critical: null, minMs: 0 } } } },
        {
          redis: suite.client,
          source: aggregator,
          alarms: () => aggregator.alarms(),
          isLeaseHolder: () => holder,
          isLive: () => true,
          stream: keys.alarms(stream),
          store: createAlarmRulesStore(suite.client, uniquePrefix('g')),
          log: silentLogger,
          now: () => now + 1000,
        },
      );
    await engineOf(false).tick();
    expect(await suite.client.xlen(keys.alarms(stream))).toBe(0);
    await engineOf(true).tick();
    expect(await suite.client.xlen(keys.alarms(stream))).toBe(1);
  });

  it('lets an admin replace the rules, validated, and every node takes them', async () => {
    const { start, add } = setup('rules');
    const a = await start();
    const b = await start();
    const put = (body: unknown) =>
      fetch(`${a.url}/api/v1/alarm-rules`, { method: 'PUT', headers: { ...ADMIN_AUTH, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const bad = await put({ rules: { waiting: { warning: { raise: 1, clear: 5 } } } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'rules.waiting.warning: clear must be at or below raise (hysteresis)' });
    const rules = { ...ONLY_WAITING, rules: { ...ONLY_WAITING.rules, waiting: { warning: { raise: 2, clear: 0 }, critical: null, minMs: 0 } } };
    expect((await put(rules)).status).toBe(200);
    const onB = await waitFor(async () => {
      const got = (await getJson<{ source: string; rules: typeof rules }>(`${b.url}/api/v1/alarm-rules`)).body;
      return got.source === 'admin' ? got : null;
    }, 'node b has the rules');
    expect(onB.rules.rules.waiting).toEqual({ warning: { raise: 2, clear: 0 }, critical: null, minMs: 0 });
    const lead = await signIn(a.url, { role: 'lead' });
    expect((await getJson(`${a.url}/api/v1/alarm-rules`, { cookie: lead.cookie })).status).toBe(403);
    // One caller no longer raises; two do.
    await add({ type: 'call.queued', ts: Date.now(), callId: 'c1', queue: 'billing' });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await alarmsOf(a.url)).active).toEqual([]);
    await add({ type: 'call.queued', ts: Date.now(), callId: 'c2', queue: 'billing' });
    await waitFor(async () => (await alarmsOf(b.url)).active[0]?.threshold === 2, 'the alarm at the new level');
  });
});

describe('alarms on the whole floor’s totals through the server', () => {
  it('raises on the floor’s callers waiting while no queue reaches its own level, shows it to a view of one queue, and clears', async () => {
    // Each queue alarms at 3 waiting; the floor, once the admin turns it on, at 4 in all.
    const { start, add, alarmEntries } = setup('floor-total', {
      ...ONLY_WAITING,
      rules: { ...ONLY_WAITING.rules, waiting: { warning: { raise: 3, clear: 1 }, critical: null, minMs: 300 } },
    });
    const server = await start();
    const client = connectClient(server.url, { queues: ['billing'] });
    clients.push(client);
    const now = Date.now();
    for (const [i, queue] of ['billing', 'billing', 'sales', 'sales'].entries()) await add({ type: 'call.queued', ts: now + i, callId: `f${i}`, queue });
    await waitFor(async () => (await snapshotOf(server.url)).totals.waiting === 4, 'four callers waiting on the floor');
    // Off by default: nothing is raised, on the floor or in either queue.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await alarmsOf(server.url)).active).toEqual([]);

    const put = (body: unknown) =>
      fetch(`${server.url}/api/v1/alarm-rules`, { method: 'PUT', headers: { ...ADMIN_AUTH, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    // The same schema as the config file's, its checks naming the floor's rule.
    const bad = await put({ ...ONLY_WAITING, floor: { waiting: { warning: { raise: 4, clear: 5 } } } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'floor.waiting.warning: clear must be at or below raise (hysteresis)' });
    const floor = { ...ONLY_WAITING.floor, waiting: { warning: { raise: 4, clear: 1 }, critical: { raise: 8, clear: 6 }, minMs: 300 } };
    expect(
      (await put({ ...ONLY_WAITING, rules: { ...ONLY_WAITING.rules, waiting: { warning: { raise: 3, clear: 1 }, critical: null, minMs: 300 } }, floor })).status,
    ).toBe(200);

    const raised = await waitFor(() => client.current()?.alarms?.active.find((a) => a.scope === 'floor'), 'the floor alarm on a view of billing only');
    expect(raised).toMatchObject({ rule: 'waiting', scope: 'floor', severity: 'warning', value: 4, threshold: 4, clearedTs: null });
    expect(raised.id).toBe(`waiting:floor:${raised.raisedTs}`);
    expect((await alarmsOf(server.url)).active.map((a) => a.id)).toEqual([raised.id]);

    for (const [i, queue] of ['billing', 'sales', 'sales'].entries())
      await add({ type: 'call.answered', ts: now + 1000 + i, callId: `f${i + 1}`, queue, agentId: `a${i}` });
    await waitFor(() => client.current()?.alarms?.log.find((a) => a.id === raised.id && a.clearedTs !== null), 'the floor alarm cleared');
    expect(client.current()!.alarms!.active).toEqual([]);
    const entries = await alarmEntries();
    expect(entries.map((e) => [e['type'], e['alarmId']])).toEqual([
      ['alarm.raised', raised.id],
      ['alarm.cleared', raised.id],
    ]);
    expect(entries[0]).toMatchObject({ rule: 'waiting', scope: 'floor' });
  });
});
