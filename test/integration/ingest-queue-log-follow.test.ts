// The live queue_log adapter on real files and a real Redis: it follows while the test writes,
// through logrotate both ways, through a restart after a rotation, a last line written in two
// goes, a file that goes missing, and lines it does not understand.
import { appendFileSync, copyFileSync, mkdtempSync, openSync, renameSync, rmSync, truncateSync, unlinkSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningAdapter } from '../../server/ingest/adapter.js';
import { PositionConflictError } from '../../server/ingest/position-writer.js';
import { answeredCall, expectedFields, midnightSec, ql, sourceStatus, startQueueLog, storedPosition, streamFields, todaySec } from '../fixtures/queue-log/harness.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';

const suite = useTestRedis();
let dir: string;
let file: string;
let stream: string;
const running: RunningAdapter[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'wb-queue-log-'));
  file = join(dir, 'queue_log');
  stream = uniquePrefix('events');
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((a) => a.stop()));
  rmSync(dir, { recursive: true, force: true });
});

function start(options: Record<string, unknown> = {}, source = 'pbx1'): RunningAdapter {
  const adapter = startQueueLog(suite.redis.url, file, { stream, options, source });
  running.push(adapter);
  return adapter;
}

const write = (path: string, lines: string[]) => appendFileSync(path, lines.map((l) => l + '\n').join(''));
const calls = (from: number, count: number, sec = todaySec()) => Array.from({ length: count }, (_, i) => answeredCall(sec + i, `${sec}.${from + i}`)).flat();

/** Waits until the stream holds exactly what `lines` map to, and checks nothing more arrives. */
async function expectStreamToBe(lines: string[]): Promise<void> {
  const expected = expectedFields(lines);
  await waitFor(async () => (await suite.client.xlen(stream)) >= expected.length, `${expected.length} events in the stream`);
  await new Promise((r) => setTimeout(r, 200));
  expect(await streamFields(suite.client, stream)).toEqual(expected);
}

describe('following a queue_log', () => {
  it('appends what is already there, then each line as the test writes it', async () => {
    const first = calls(0, 3);
    write(file, first);
    const adapter = start();
    await expectStreamToBe(first);
    const more = calls(3, 2);
    write(file, more.slice(0, 2));
    await expectStreamToBe([...first, ...more.slice(0, 2)]);
    write(file, more.slice(2));
    await expectStreamToBe([...first, ...more]);
    const status = await sourceStatus(suite.client, stream);
    // Five calls: arrived, queued, answered, agent talking, ended, agent available.
    expect(status).toMatchObject({ link: 'up', events: 30, skipped: {} });
    await adapter.stop();
    expect(adapter.summary()).toMatch(/^queue-log pbx1 .*queue_log: 15 lines read, 30 events appended, 0 ignored, 0 skipped$/);
    expect(await sourceStatus(suite.client, stream)).toMatchObject({ link: 'down', linkReason: 'stopped' });
  });

  it('reads a last line written in two goes once, when it is whole', async () => {
    const sec = todaySec();
    const enter = ql(sec, `${sec}.1`, 'sales', 'NONE', 'ENTERQUEUE', '', '13812345678', 1);
    write(file, [ql(sec, 'NONE', 'sales', 'SIP/2001', 'ADDMEMBER', '')]);
    appendFileSync(file, enter.slice(0, 25));
    start();
    await expectStreamToBe([ql(sec, 'NONE', 'sales', 'SIP/2001', 'ADDMEMBER', '')]);
    // Several polls go by with the half line there: nothing is read of it.
    await new Promise((r) => setTimeout(r, 300));
    expect(await suite.client.xlen(stream)).toBe(1);
    appendFileSync(file, enter.slice(25) + '\n');
    await expectStreamToBe([ql(sec, 'NONE', 'sales', 'SIP/2001', 'ADDMEMBER', ''), enter]);
  });

  it('follows a rename-and-create rotation: the old file to its end (written after the rename too), then the new one', async () => {
    const before = calls(0, 2);
    write(file, before);
    start();
    await expectStreamToBe(before);
    // Asterisk keeps its descriptor to the renamed file until `logger reload`.
    const asterisk = openSync(file, 'a');
    renameSync(file, `${file}.1`);
    const late = calls(2, 1);
    writeSync(asterisk, late.map((l) => l + '\n').join(''));
    writeFileSync(file, ''); // logrotate's `create`
    await expectStreamToBe([...before, ...late]);
    const lastOld = calls(3, 1);
    writeSync(asterisk, lastOld.map((l) => l + '\n').join(''));
    closeSync(asterisk);
    const after = calls(4, 2);
    write(file, after);
    await expectStreamToBe([...before, ...late, ...lastOld, ...after]);
    expect(await storedPosition(suite.client, stream)).toMatchObject({ gen: 1 });
  });

  it('takes the unfinished last line of a rotated file as it is, once the new file has begun', async () => {
    const before = calls(0, 1);
    const sec = todaySec();
    const cut = ql(sec, `${sec}.9`, 'sales', 'NONE', 'ENTERQUEUE', '', '13812345678', 1);
    write(file, before);
    appendFileSync(file, cut);
    start();
    await expectStreamToBe(before);
    renameSync(file, `${file}.1`);
    const after = calls(1, 1);
    write(file, after);
    await expectStreamToBe([...before, cut, ...after]);
  });

  it('follows a copytruncate rotation, reading from the copy what it had not read before the truncation', async () => {
    const before = calls(0, 2);
    write(file, before);
    start();
    await expectStreamToBe(before);
    // All in one turn of the event loop: the adapter sees the file only after the truncation.
    const unread = calls(2, 1);
    write(file, unread);
    copyFileSync(file, `${file}.1`);
    truncateSync(file, 0);
    const after = calls(3, 1);
    write(file, after);
    await expectStreamToBe([...before, ...unread, ...after]);
    const position = await storedPosition(suite.client, stream);
    expect(position?.gen).toBeGreaterThanOrEqual(1);
  });

  it('after a copytruncate whose copy is gone, reads the file again from its start', async () => {
    const before = calls(0, 3);
    write(file, before);
    start();
    await expectStreamToBe(before);
    truncateSync(file, 0);
    const after = calls(3, 1);
    write(file, after);
    await expectStreamToBe([...before, ...after]);
  });

  it('after a restart, finishes the rotated file it was reading (rotated while it was down) before the new one', async () => {
    const before = calls(0, 2);
    write(file, before);
    const first = start();
    await expectStreamToBe(before);
    await first.stop();
    const rest = calls(2, 2);
    write(file, rest);
    renameSync(file, join(dir, 'queue_log-20261130'));
    const after = calls(4, 1);
    write(file, after);
    start();
    await expectStreamToBe([...before, ...rest, ...after]);
    expect(await storedPosition(suite.client, stream)).toMatchObject({ gen: 1 });
  });

  it('says the file is missing (link down with the reason) while it is, and reads it when it comes back', async () => {
    start();
    await waitFor(async () => (await sourceStatus(suite.client, stream))?.linkReason?.startsWith('file missing'), 'the status to say the file is missing');
    const lines = calls(0, 1);
    write(file, lines);
    await expectStreamToBe(lines);
    expect(await sourceStatus(suite.client, stream)).toMatchObject({ link: 'up', linkReason: null });
    unlinkSync(file);
    await waitFor(async () => (await sourceStatus(suite.client, stream))?.link === 'down', 'the link to go down');
    const more = calls(1, 1);
    write(file, more);
    await expectStreamToBe([...lines, ...more]);
  });

  it('counts and skips unknown and vendor events and broken lines, by reason, and goes on', async () => {
    const sec = todaySec();
    const lines = [
      ...calls(0, 1, sec),
      ql(sec, `${sec}.7`, 'sales', 'NONE', 'JOINEMPTY', ''),
      ql(sec, `${sec}.8`, 'sales', 'NONE', 'CUSTOMSURVEY', 5),
      ql(sec, `${sec}.9`, 'sales', 'NONE', 'JOINEMPTY', ''),
      'garbage that is no queue_log line',
      ql(sec, 'NONE', 'NONE', 'NONE', 'CONFIGRELOAD'),
      ...calls(1, 1, sec),
    ];
    write(file, lines);
    const adapter = start();
    await expectStreamToBe(lines);
    await waitFor(async () => (await sourceStatus(suite.client, stream))?.skipped['unparsable line'] === 1, 'the skips in the status');
    expect((await sourceStatus(suite.client, stream))!.skipped).toEqual({ 'unknown event JOINEMPTY': 2, 'unknown event CUSTOMSURVEY': 1, 'unparsable line': 1 });
    await adapter.stop();
    expect(adapter.summary()).toContain('1 ignored, 4 skipped (unknown event JOINEMPTY: 2, unknown event CUSTOMSURVEY: 1, unparsable line: 1)');
  });

  it("on a first start, appends today's part of the file; yesterday's only tells it who is logged in", async () => {
    const midnight = midnightSec();
    const yesterday = [
      ql(midnight - 3600, 'NONE', 'sales', 'SIP/2001', 'ADDMEMBER', ''),
      ql(midnight - 3000, 'NONE', 'NONE', 'SIP/2001', 'PAUSEALL', 'Break'),
      ql(midnight - 2000, 'NONE', 'sales', 'SIP/2002', 'ADDMEMBER', ''),
      ...answeredCall(midnight - 1000, `${midnight - 1000}.1`, 'sales', 'SIP/2002'),
    ];
    const today = calls(10, 2);
    write(file, [...yesterday, ...today]);
    const adapter = start();
    const expected = expectedFields([...yesterday, ...today], 'pbx1', midnight * 1000);
    await waitFor(async () => (await suite.client.xlen(stream)) >= expected.length, 'the events');
    const fields = await streamFields(suite.client, stream);
    expect(fields).toEqual(expected);
    // The agents as they were at midnight, with their own times; no event of yesterday's call.
    expect(fields.slice(0, 2)).toEqual([
      { v: '1', type: 'agent.state', agentId: '2001', state: 'paused', reason: 'Break', queues: 'sales', ts: String((midnight - 3000) * 1000) },
      { v: '1', type: 'agent.state', agentId: '2002', state: 'available', queues: 'sales', ts: String((midnight - 1000 + 65) * 1000) },
    ]);
    expect(fields.some((f) => f['callId']?.includes(`${midnight - 1000}.1`))).toBe(false);
    await adapter.stop();
    expect(adapter.summary()).toContain(`${yesterday.length} before today`);
  });

  it('refuses to go on when another adapter moves the position of the same source', async () => {
    const first = calls(0, 1);
    const more = calls(1, 3);
    write(file, first);
    const a = start();
    await expectStreamToBe(first);
    // Reading in other batches, its positions differ from the first one's (identical ones would be taken for a retry).
    const b = start({ batchLines: 1 });
    await new Promise((r) => setTimeout(r, 200));
    write(file, more);
    const failed = await Promise.race([
      a.done.then(
        () => null,
        (e: unknown) => e,
      ),
      b.done.then(
        () => null,
        (e: unknown) => e,
      ),
    ]);
    expect(failed).toBeInstanceOf(PositionConflictError);
    expect((failed as Error).message).toMatch(/another adapter running for this source/);
    await expectStreamToBe([...first, ...more]);
  });
});
