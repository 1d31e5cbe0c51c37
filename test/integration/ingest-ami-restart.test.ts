// `npm run ingest -- ami` as an operator runs it, killed with kill -9 and started again: the
// stored state (written in the same MULTI as the events) means no call arrives twice and a hold
// check that was pending across the kill is still made; what happened while it was dead is
// repaired by the resync.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { decode, fieldsFromArray, type QueueEvent } from '../../server/core/events.js';
import { keys } from '../../server/redis/keys.js';
import { amiMessage, FakeAmi, loadAmiFixture } from '../support/fake-ami.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';

const suite = useTestRedis();
const life = loadAmiFixture('call-life.ami');
const SECRET = 'restart-s3cret';
const children: ChildProcess[] = [];
let fake: FakeAmi | null = null;

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await fake?.close();
  fake = null;
});

interface Cli {
  child: ChildProcess;
  exit: Promise<number | null>;
  stderr(): string;
}

function ingest(port: number, stream: string, extra: string[] = []): Cli {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/ingest/cli.ts', 'ami', '--host', '127.0.0.1', '--port', String(port), '--user', 'wallboard', '--source', 'pbx1', ...extra],
    {
      cwd: process.cwd(),
      env: { ...process.env, REDIS_URL: suite.redis.url, STREAM_KEY: stream, AMI_SECRET: SECRET, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  children.push(child);
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return { child, exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))), stderr: () => err };
}

async function kill9(cli: Cli): Promise<void> {
  cli.child.kill('SIGKILL');
  await cli.exit;
}

async function events(stream: string): Promise<QueueEvent[]> {
  return (await suite.client.xrange(stream, '-', '+')).map(([, f]) => {
    const result = decode(fieldsFromArray(f));
    if (!result.ok) throw new Error(result.reason);
    return result.event;
  });
}

const ofCall = (all: QueueEvent[], callId: string, type: string) => all.filter((e) => e.type === type && 'callId' in e && e.callId === callId).length;

describe('ami ingest killed with kill -9 and restarted', () => {
  it('neither repeats the arrival nor loses the hold check that was pending, and picks up the caller who joined meanwhile', async () => {
    fake = await FakeAmi.start({ user: 'wallboard', secret: SECRET });
    fake.state.members = [{ queue: '400', location: 'Local/2004@from-queue/n', name: 'Alice Wang', status: 1 }];
    const stream = uniquePrefix('events');
    const call = 'pbx1:1700000000.16';
    const first = ingest(fake.port, stream, ['--hold-check-window', '30']);
    await waitFor(async () => (await events(stream)).some((e) => e.type === 'agent.state'), 'the first start and its resync', 20_000);
    await fake.play(life['join']! + life['ring']! + life['connect']! + life['hold']!);
    await waitFor(async () => ofCall(await events(stream), call, 'call.held') === 1, 'the hold');
    await fake.play(life['unhold']!);
    const positionKey = keys.ingestPosition(stream, 'pbx1', 'ami');
    await waitFor(
      async () => (JSON.parse((await suite.client.get(positionKey)) ?? '{}') as { calls?: Array<{ unhold: unknown }> }).calls?.[0]?.unhold,
      'the pending unhold stored',
    );
    await kill9(first);

    // While it is dead: caller .90 joins; .16 is still up, bridged with Alice.
    fake.state.entries = [{ queue: '400', uid: '1700000000.90', channel: 'PJSIP/trunk-00000090', callerNum: '13811112222', wait: 3 }];
    fake.state.channels = [
      { uid: '1700000000.16', channel: 'PJSIP/trunk-00000010', bridgeId: 'b1' },
      { uid: '1700000000.17', channel: 'Local/2004@from-queue-00000005;1', bridgeId: 'b1' },
      { uid: '1700000000.90', channel: 'PJSIP/trunk-00000090' },
    ];
    const second = ingest(fake.port, stream, ['--hold-check-window', '30']);
    await waitFor(async () => ofCall(await events(stream), 'pbx1:1700000000.90', 'call.queued') === 1, 'the resync after the restart', 20_000);
    await fake.play(life['hold']!); // back on hold within the window that began before the kill
    await fake.play(life['complete']!);
    await waitFor(async () => ofCall(await events(stream), call, 'call.ended') === 1, 'the end');
    second.child.kill('SIGTERM');
    expect(await second.exit).toBe(0);
    const all = await events(stream);
    expect(['call.arrived', 'call.queued', 'call.answered', 'call.held', 'call.hold_check', 'call.resumed', 'call.ended'].map((t) => ofCall(all, call, t))).toEqual([
      1, 1, 1, 1, 1, 0, 1,
    ]);
    expect(ofCall(all, 'pbx1:1700000000.90', 'call.arrived')).toBe(1);
    expect(second.stderr()).toContain('resuming from the stored state');
    expect(second.stderr()).toMatch(/ami pbx1: appended \d+ events \(1 hold checks\), resynced 1 times/);
    expect(first.stderr() + second.stderr()).not.toContain(SECRET);
  });

  it('killed at three instants while callers keep joining: every caller arrives exactly once', async () => {
    fake = await FakeAmi.start({ user: 'wallboard', secret: SECRET });
    const stream = uniquePrefix('events');
    const join = (i: number) => {
      const uid = `1700000100.${i}`;
      fake!.state.entries.push({ queue: '400', uid, channel: `PJSIP/trunk-${i}`, callerNum: `1390000${String(i).padStart(4, '0')}`, wait: 0 });
      return amiMessage({
        Event: 'QueueCallerJoin',
        Privilege: 'agent,all',
        Channel: `PJSIP/trunk-${i}`,
        CallerIDNum: '13900000000',
        Uniqueid: uid,
        Linkedid: uid,
        Queue: '400',
        Position: 1,
        Count: 1,
      });
    };
    const kills = new Set([8, 17, 25]);
    let cli = ingest(fake.port, stream);
    await waitFor(() => fake!.clients === 1, 'login', 20_000);
    for (let i = 0; i < 32; i++) {
      await fake.play(join(i));
      await new Promise((r) => setTimeout(r, 5 + ((i * 37) % 23)));
      if (kills.has(i)) {
        await kill9(cli);
        cli = ingest(fake.port, stream);
        // Callers join while it starts: those it misses come back through its resync.
        for (let j = 0; j < 3 && i < 31; j++) await fake.play(join(++i));
        await waitFor(() => fake!.clients === 1, 'login after the restart', 20_000);
      }
    }
    await waitFor(async () => (await events(stream)).filter((e) => e.type === 'call.arrived').length >= 32, 'every caller', 20_000);
    await new Promise((r) => setTimeout(r, 300));
    const all = await events(stream);
    const arrived = all.filter((e) => e.type === 'call.arrived').map((e) => ('callId' in e ? e.callId : ''));
    expect(arrived).toHaveLength(32);
    expect(new Set(arrived).size).toBe(32);
    expect(all.filter((e) => e.type === 'call.queued')).toHaveLength(32);
    await kill9(cli);
  });
});
