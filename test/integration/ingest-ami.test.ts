// The AMI adapter against the fake AMI server on a real TCP socket, writing to a real private
// Redis: a call's whole life with a hold check, partial packets, a dropped link and a PBX restart
// with the resync that repairs the board, a refused login retried without hammering, and a
// half-open link found by the keepalive.
import { afterEach, describe, expect, it } from 'vitest';
import { decode, fieldsFromArray, type QueueEvent } from '../../server/core/events.js';
import type { RunningAdapter } from '../../server/ingest/adapter.js';
import { amiAdapter } from '../../server/ingest/ami/ami-adapter.js';
import { amiOptionsSchema, type AmiOptions } from '../../server/ingest/ami/ami-options.js';
import { parseSourceStatus } from '../../server/ingest/source-status.js';
import { createLogger } from '../../server/log.js';
import { keys } from '../../server/redis/keys.js';
import { FakeAmi, loadAmiFixture } from '../support/fake-ami.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';

const suite = useTestRedis();
const life = loadAmiFixture('call-life.ami');
const SECRET = 'Wb-s3cret-9f27';
const cleanup: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function fakeAmi(secret = SECRET): Promise<FakeAmi> {
  const fake = await FakeAmi.start({ user: 'wallboard', secret });
  fake.state.members = [{ queue: '400', location: 'Local/2004@from-queue/n', name: 'Alice Wang', status: 1 }];
  cleanup.push(() => fake.close());
  return fake;
}

interface Running {
  adapter: RunningAdapter;
  stream: string;
  logs: string[];
  events(): Promise<QueueEvent[]>;
  types(): Promise<string[]>;
}

function startAdapter(fake: FakeAmi, options: Partial<AmiOptions> = {}, stream = uniquePrefix('events')): Running {
  const logs: string[] = [];
  const log = createLogger({ format: 'json', level: 'debug', write: (line) => logs.push(line) });
  const redis = suite.client.duplicate();
  const parsed = amiOptionsSchema.parse({
    host: '127.0.0.1',
    port: fake.port,
    user: 'wallboard',
    secret: SECRET,
    holdCheckWindowMs: 400,
    pingIntervalMs: 500,
    reconnect: { baseMs: 50, maxMs: 400 },
    heartbeatMs: 200,
    ...options,
  });
  const adapter = amiAdapter.start(parsed, { redis, stream, source: 'pbx1', log, now: Date.now, host: 'test', pid: 1 });
  cleanup.push(async () => {
    await adapter.stop();
    redis.disconnect();
  });
  const events = async () =>
    (await suite.client.xrange(stream, '-', '+')).map(([, f]) => {
      const result = decode(fieldsFromArray(f));
      if (!result.ok) throw new Error(result.reason);
      return result.event;
    });
  return { adapter, stream, logs, events, types: async () => (await events()).map((e) => e.type) };
}

const CALL = 'pbx1:1700000000.16';

/** Logged in and resynced (the member the fake lists is in the stream): events played now come after the snapshot. */
async function ready(run: Running): Promise<void> {
  await waitFor(async () => run.adapter.reporter.current.link === 'up' && (await run.types()).includes('agent.state'), 'login and resync');
}

describe('AMI adapter on TCP and Redis', () => {
  it("writes a call's whole life once, with the hold check, the caller masked and the source status", async () => {
    const fake = await fakeAmi();
    const run = startAdapter(fake);
    await ready(run);
    await fake.play(life['join']! + life['ring']! + life['connect']!);
    await fake.play(life['hold']!);
    await fake.play(life['unhold']! + life['hold']!); // back on hold within the window: a check
    await waitFor(async () => (await run.types()).includes('call.hold_check'), 'the hold check');
    await fake.play(life['unhold']!);
    await waitFor(async () => (await run.types()).includes('call.resumed'), 'the resume once the window passed');
    await fake.play(life['complete']!);
    await waitFor(async () => (await run.types()).includes('call.ended'), 'the end');
    const events = await run.events();
    const calls = events.filter((e) => e.type !== 'agent.state');
    expect(calls.map((e) => e.type)).toEqual(['call.arrived', 'call.queued', 'call.answered', 'call.held', 'call.hold_check', 'call.resumed', 'call.ended']);
    expect(calls.every((e) => 'callId' in e && e.callId === CALL)).toBe(true);
    expect(calls[0]).toMatchObject({ caller: '138****1234' });
    const agentStates = events.flatMap((e) => (e.type === 'agent.state' ? [e.state] : []));
    expect(agentStates).toEqual(['available', 'ringing', 'talking', 'hold', 'talking', 'available']);
    await run.adapter.stop();
    const status = parseSourceStatus((await suite.client.hget(keys.ingestSources(run.stream), 'pbx1/ami'))!);
    expect(status).toMatchObject({ source: 'pbx1', adapter: 'ami', link: 'down', linkReason: 'stopped', events: events.length });
    const position = (await suite.client.get(keys.ingestPosition(run.stream, 'pbx1', 'ami')))!;
    expect(JSON.parse(position)).toMatchObject({ v: 1, calls: [] });
    expect(run.adapter.summary()).toMatch(/appended 13 events \(1 hold checks\), resynced 1 times with 1 corrections, ignored 4 other AMI events, skipped 0/);
    expect(run.logs.join('\n')).not.toContain(SECRET);
    expect(JSON.stringify(status)).not.toContain(SECRET);
  });

  it('reads events split into tiny TCP pieces, with "\\n" line ends, as it reads them whole', async () => {
    const fake = await fakeAmi();
    const run = startAdapter(fake);
    await ready(run);
    const text = life['join']! + life['connect']! + life['complete']!;
    await fake.play(text.replaceAll('\r\n', '\n'), { cuts: 7 });
    await waitFor(async () => (await run.types()).includes('call.ended'), 'the call, piece by piece');
    const whole = await fakeAmi();
    const reference = startAdapter(whole);
    await ready(reference);
    await whole.play(text);
    await waitFor(async () => (await reference.types()).includes('call.ended'), 'the call, whole');
    const strip = (events: QueueEvent[]) => events.map(({ ts: _ts, ...rest }) => rest);
    expect(strip(await run.events())).toEqual(strip(await reference.events()));
    expect(run.adapter.reporter.current.skipped).toEqual({});
  });

  it('after a dropped link: down with the reason, reconnects, and the resync adds the caller who joined and ends the one who left', async () => {
    const fake = await fakeAmi();
    const run = startAdapter(fake);
    await ready(run);
    await fake.play(life['join']!);
    await waitFor(async () => (await run.types()).includes('call.queued'), 'the first caller waiting');
    // While the link is down, .16 hangs up and .90 joins queue 400.
    fake.state.entries = [{ queue: '400', uid: '1700000000.90', channel: 'PJSIP/trunk-00000090', callerNum: '13811112222', wait: 20 }];
    fake.state.channels = [{ uid: '1700000000.90', channel: 'PJSIP/trunk-00000090' }];
    const droppedAt = Date.now();
    fake.dropAll();
    await waitFor(() => fake.logins.filter((l) => l.ok).length === 2 && run.adapter.reporter.current.link === 'up', 'the reconnect');
    await waitFor(async () => (await run.types()).length >= 6, 'the resync');
    const events = (await run.events()).filter((e) => e.type !== 'agent.state');
    expect(events.slice(2).map((e) => [e.type, 'callId' in e ? e.callId : null])).toEqual([
      ['call.arrived', 'pbx1:1700000000.90'],
      ['call.queued', 'pbx1:1700000000.90'],
      ['call.ended', CALL],
    ]);
    expect(events[4]).toMatchObject({ reason: 'left the queue while the adapter was away' });
    expect(events[4]!.ts).toBeGreaterThanOrEqual(droppedAt);
    expect(Math.abs(events[2]!.ts - (Date.now() - 20_000))).toBeLessThan(3_000);
    expect(run.logs.some((l) => l.includes('AMI link down') && l.includes('connection closed by the PBX'))).toBe(true);
    expect(run.adapter.summary()).toMatch(/resynced 2 times with 3 corrections/);
  });

  it('across a PBX restart: ECONNREFUSED while it is away, then logged in again and resynced', async () => {
    const fake = await fakeAmi();
    const run = startAdapter(fake);
    await waitFor(() => run.adapter.reporter.current.link === 'up', 'login');
    await fake.close();
    await waitFor(() => run.adapter.reporter.current.linkReason === `connect ECONNREFUSED 127.0.0.1:${fake.port}`, 'the refused reconnects');
    const status = parseSourceStatus(await waitFor(async () => suite.client.hget(keys.ingestSources(run.stream), 'pbx1/ami'), 'the status'));
    expect(status?.link).toBe('down');
    fake.state.members[0]!.status = 5; // Alice's phone did not come back with the PBX
    await fake.listen();
    await waitFor(() => run.adapter.reporter.current.link === 'up', 'logged in again');
    await waitFor(async () => (await run.events()).some((e) => e.type === 'agent.state' && e.state === 'offline'), 'the resynced member');
  });

  it('a refused login: link down with the reason, retried with growing waits capped by the back-off, then up once the secret is right', async () => {
    const fake = await fakeAmi('another-secret');
    const run = startAdapter(fake, { reconnect: { baseMs: 100, maxMs: 400 } });
    await waitFor(() => fake.logins.length >= 6, 'six refused logins', 15_000);
    expect(run.adapter.reporter.current).toMatchObject({ link: 'down', linkReason: 'login refused: Authentication failed' });
    const gaps = fake.logins.slice(1, 6).map((l, i) => l.at - fake.logins[i]!.at);
    // Waits are 50–100, 100–200, 200–400, then 200–400 ms: half the ceiling at least, never a tight loop.
    expect(gaps[0]).toBeGreaterThanOrEqual(45);
    for (const gap of gaps.slice(2)) expect(gap).toBeGreaterThanOrEqual(190);
    expect(fake.logins.every((l) => !l.ok)).toBe(true);
    (fake.options as { secret: string }).secret = SECRET;
    await waitFor(() => run.adapter.reporter.current.link === 'up', 'logged in with the right secret');
    expect(run.logs.join('\n')).not.toContain(SECRET);
    expect(run.logs.some((l) => l.includes('login refused: Authentication failed'))).toBe(true);
  });

  it('finds a half-open link by its unanswered Ping, and reconnects', async () => {
    const fake = await fakeAmi();
    const run = startAdapter(fake, { pingIntervalMs: 150 });
    await waitFor(() => run.adapter.reporter.current.link === 'up', 'login');
    fake.answerPings = false;
    await waitFor(() => run.logs.some((l) => l.includes('no answer to keepalive ping')), 'the keepalive to give up');
    fake.answerPings = true;
    await waitFor(() => fake.logins.filter((l) => l.ok).length >= 2 && run.adapter.reporter.current.link === 'up', 'the reconnect');
  });

  it('counts what it could not read, and keeps going', async () => {
    const fake = await fakeAmi();
    const run = startAdapter(fake);
    await ready(run);
    await fake.play(
      'Event: QueueCallerJoin\r\nUniqueid: 1.1\r\nno colon here\r\n\r\nEvent: QueueCallerJoin\r\nQueue: 400\r\n\r\n' +
        `Event: VarSet\r\nValue: ${'x'.repeat(70_000)}\r\n\r\n`,
    );
    await fake.play(life['join']!);
    await waitFor(async () => (await run.types()).includes('call.queued'), 'the next call');
    await waitFor(() => run.adapter.reporter.skippedTotal === 4, 'the skips counted');
    expect(run.adapter.reporter.current.skipped).toEqual({
      'AMI line without "Key:"': 1,
      'AMI message over the size limit': 1,
      'QueueCallerJoin without Queue': 1,
      'QueueCallerJoin without Uniqueid': 1,
    });
  });
});
