// Pause reasons from the PBX to the board: the queue_log adapter following a real file, and the
// AMI adapter on a real TCP socket, each writing to a real Redis that the real server reads. The
// reason arrives masked (a phone number typed into it) and bounded, with the time the pause began.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningAdapter } from '../../server/ingest/adapter.js';
import { amiAdapter } from '../../server/ingest/ami/ami-adapter.js';
import { amiOptionsSchema } from '../../server/ingest/ami/ami-options.js';
import type { RunningServer } from '../../server/create-server.js';
import { silentLogger } from '../../server/log.js';
import type { AgentRow } from '../../server/contract/snapshot.js';
import { ql, startQueueLog, todaySec } from '../fixtures/queue-log/harness.js';
import { amiMessage, FakeAmi } from '../support/fake-ami.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { snapshotOf, startTestServer } from '../support/server.js';

const suite = useTestRedis();
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function server(stream: string): Promise<RunningServer> {
  const running = await startTestServer(suite.redis.url, { streams: [stream], group: uniquePrefix('group') });
  cleanup.push(() => running.stop());
  return running;
}

async function agentOnBoard(running: RunningServer, id: string, until: (a: AgentRow) => boolean): Promise<AgentRow> {
  let row: AgentRow | undefined;
  await waitFor(async () => {
    row = (await snapshotOf(running.url)).agentList.find((a) => a.id === id);
    return row !== undefined && until(row);
  }, `agent ${id} on the board`);
  return row!;
}

/** Every value the stream holds, as text: what the adapter stored. */
async function storedText(stream: string): Promise<string> {
  return JSON.stringify(await suite.client.xrange(stream, '-', '+'));
}

describe('pause reasons from the PBX', () => {
  it('queue_log: PAUSEALL with its reason (a "|" kept, a phone number masked, cut to 256), then UNPAUSEALL', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-pause-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'queue_log');
    const stream = uniquePrefix('events');
    const sec = todaySec();
    appendFileSync(
      file,
      [ql(sec, 'NONE', 'sales', 'PJSIP/2004', 'ADDMEMBER', ''), ql(sec + 10, 'NONE', 'NONE', 'PJSIP/2004', 'PAUSEALL', 'Callback 138 1234 5678 | desk 4')].join('\n') +
        '\n',
    );
    appendFileSync(file, ql(sec + 11, 'NONE', 'NONE', 'PJSIP/2005', 'PAUSEALL', 'x'.repeat(400)) + '\n');
    const adapter: RunningAdapter = startQueueLog(suite.redis.url, file, { stream });
    cleanup.push(() => adapter.stop());
    const board = await server(stream);

    const paused = await agentOnBoard(board, '2004', (a) => a.state === 'paused');
    expect(paused).toMatchObject({ reason: 'Callback 138****5678 | desk 4', sinceTs: (sec + 10) * 1000 });
    expect((await agentOnBoard(board, '2005', (a) => a.state === 'paused')).reason).toBe('x'.repeat(256));
    expect(await storedText(stream)).not.toMatch(/1234/);

    appendFileSync(file, ql(sec + 70, 'NONE', 'NONE', 'PJSIP/2004', 'UNPAUSEALL', '') + '\n');
    expect(await agentOnBoard(board, '2004', (a) => a.state === 'available')).toMatchObject({ reason: null, sinceTs: (sec + 70) * 1000 });
  });

  it('AMI: QueueMemberPause with Reason (PausedReason empty, as Asterisk 16 sends it) and with PausedReason, then the unpause', async () => {
    const fake = await FakeAmi.start({ user: 'wallboard', secret: 'Wb-s3cret-9f27' });
    cleanup.push(() => fake.close());
    fake.state.members = [{ queue: '400', location: 'PJSIP/2007', name: 'Dong Mei', status: 1 }];
    const stream = uniquePrefix('events');
    const redis = suite.client.duplicate();
    const options = amiOptionsSchema.parse({
      host: '127.0.0.1',
      port: fake.port,
      user: 'wallboard',
      secret: 'Wb-s3cret-9f27',
      heartbeatMs: 200,
      reconnect: { baseMs: 50, maxMs: 400 },
    });
    const adapter = amiAdapter.start(options, { redis, stream, source: 'pbx1', log: silentLogger, now: Date.now, host: 'test', pid: 1 });
    cleanup.push(async () => {
      await adapter.stop();
      redis.disconnect();
    });
    const board = await server(stream);
    await agentOnBoard(board, '2007', (a) => a.state === 'available');

    const pause = (paused: 0 | 1, reasons: Record<string, string>) =>
      amiMessage({
        Event: 'QueueMemberPause',
        Queue: '400',
        MemberName: 'Dong Mei',
        Interface: 'PJSIP/2007',
        StateInterface: 'PJSIP/2007',
        InCall: 0,
        Status: 1,
        Paused: paused,
        ...reasons,
      });
    const before = Date.now();
    await fake.play(pause(1, { PausedReason: '', Reason: 'Call back +86 138-1234-5678' }));
    const first = await agentOnBoard(board, '2007', (a) => a.state === 'paused');
    expect(first.reason).toBe('Call back 861******5678'); // first 3 and last 4 digits kept, as maskCaller keeps them
    expect(first.sinceTs).toBeGreaterThanOrEqual(before);
    await fake.play(pause(1, { PausedReason: 'Training' }));
    // A new reason for the same pause: the reason changes, the time in pause goes on.
    expect(await agentOnBoard(board, '2007', (a) => a.reason === 'Training')).toMatchObject({ state: 'paused', sinceTs: first.sinceTs });
    await fake.play(pause(0, { PausedReason: '' }));
    expect(await agentOnBoard(board, '2007', (a) => a.state === 'available')).toMatchObject({ reason: null });
    expect(await storedText(stream)).not.toMatch(/1234/);
  });
});
