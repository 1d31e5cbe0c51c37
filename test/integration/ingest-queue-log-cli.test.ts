// `npm run ingest -- queue-log` as an operator runs it: a child process with REDIS_URL. A kill -9
// at random moments while it appends a large file, then a restart, leaves every event in the
// stream exactly once; a replay moves the times to now and exits 0; --help lists every flag.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_LOG_FLAGS } from '../../server/ingest/queue-log/queue-log-options.js';
import { keys } from '../../server/redis/keys.js';
import { generateQueueLog } from '../fixtures/queue-log/generate-queue-log.js';
import { expectedFields, midnightSec, ql, storedPosition, streamFields, todaySec } from '../fixtures/queue-log/harness.js';
import { runCli, type CliProcess } from '../support/cli-process.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';

const suite = useTestRedis();
const SAMPLE = new URL('../fixtures/queue-log/sample-day.queue_log', import.meta.url).pathname;
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'wb-queue-log-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ingest = (args: string[], env: Record<string, string | undefined> = {}): CliProcess =>
  runCli('server/ingest/cli.ts', args, { REDIS_URL: undefined, STREAM_KEY: undefined, LOG_LEVEL: 'warn', ...env });

describe('queue-log: kill -9 and restart', () => {
  it('appends every event of a large file exactly once across kills at random moments', async () => {
    const stream = uniquePrefix('events');
    const file = join(dir, 'queue_log-kill');
    const { lines } = generateQueueLog({ startSec: todaySec(), spanSec: 240, calls: 4000, seed: 7 });
    writeFileSync(file, lines.map((l) => l + '\n').join(''));
    const size = statSync(file).size;
    const expected = expectedFields(lines, 'pbx1', midnightSec() * 1000);
    const env = { REDIS_URL: suite.redis.url, STREAM_KEY: stream };
    const args = ['queue-log', '--file', file, '--source', 'pbx1', '--batch-lines', '40', '--poll-ms', '50'];
    const killedAt: number[] = [];
    for (let kill = 0; kill < 3; kill++) {
      const run = ingest(args, env);
      // Somewhere in the next stretch of the file, at a moment the test does not choose.
      const threshold = Math.floor(expected.length * (0.1 + 0.25 * kill + Math.random() * 0.2));
      await waitFor(async () => (await suite.client.xlen(stream)) >= threshold, `the adapter to append ${threshold} events (run ${kill + 1})`, 60_000);
      run.kill('SIGKILL');
      await run.exit;
      killedAt.push(await suite.client.xlen(stream));
    }
    const last = ingest(args, env);
    await waitFor(async () => (await storedPosition(suite.client, stream))?.offset === size, 'the restarted adapter to reach the end of the file', 60_000);
    last.kill('SIGINT');
    expect(await last.exit).toBe(0);
    expect(last.stderr()).toMatch(/queue-log pbx1 .*: [\d,]+ lines read, [\d,]+ events appended/);
    const fields = await streamFields(suite.client, stream);
    // Every event once, in the file's order: nothing lost at a kill, nothing appended twice after it.
    expect(fields.length, `killed after ${killedAt.join(', ')} of ${expected.length} events`).toBe(expected.length);
    expect(fields).toEqual(expected);
    // Counted by call and type as well: the same number of each in the stream as in the file's mapping.
    const tally = (list: Record<string, string>[]) => {
      const counts = new Map<string, number>();
      for (const f of list) counts.set(`${f['callId'] ?? f['agentId']} ${f['type']}`, (counts.get(`${f['callId'] ?? f['agentId']} ${f['type']}`) ?? 0) + 1);
      return counts;
    };
    expect(tally(fields)).toEqual(tally(expected));
  }, 180_000);
});

describe('queue-log --replay', () => {
  it('appends the whole file with its times moved so the latest line lands now, under call ids of its own, and exits 0', async () => {
    const stream = uniquePrefix('events');
    const env = { REDIS_URL: suite.redis.url, STREAM_KEY: stream };
    const before = Date.now();
    const run = ingest(['queue-log', '--file', SAMPLE, '--replay', '--source', 'pbx1'], env);
    expect(await run.exit).toBe(0);
    const after = Date.now();
    expect(run.stderr()).toMatch(
      /queue-log-replay pbx1 .*sample-day\.queue_log: 37 lines read, \d+ events appended, 7 ignored, 3 skipped \(unknown event CUSTOMSURVEY: 1, unparsable line: 1, unknown event JOINEMPTY: 1\)/,
    );
    const expected = expectedFields(readLines(SAMPLE));
    const fields = await streamFields(suite.client, stream);
    expect(fields.length).toBe(expected.length);
    const latest = Math.max(...fields.map((f) => Number(f['ts'])));
    expect(latest).toBeGreaterThanOrEqual(before);
    expect(latest).toBeLessThanOrEqual(after);
    const shift = latest - Math.max(...expected.map((f) => Number(f['ts'])));
    const tag = /^pbx1:(replay-[0-9a-z]+):/.exec(fields.find((f) => f['callId'])!['callId']!)![1]!;
    // The same events, every time moved by one offset, every call id tagged with the run.
    expect(fields).toEqual(
      expected.map((f) => ({ ...f, ts: String(Number(f['ts']) + shift), ...(f['callId'] ? { callId: f['callId'].replace('pbx1:', `pbx1:${tag}:`) } : {}) })),
    );
    // The live adapter's position is not touched, and a finished replay leaves no source behind for the board to miss.
    expect(await suite.client.exists(keys.ingestPosition(stream, 'pbx1', 'queue-log'))).toBe(0);
    expect(await suite.client.hgetall(keys.ingestSources(stream))).toEqual({});
    // A second replay gets call ids of its own.
    const again = ingest(['queue-log', '--file', SAMPLE, '--replay', '--source', 'pbx1'], env);
    expect(await again.exit).toBe(0);
    const second = (await streamFields(suite.client, stream)).slice(expected.length);
    expect(second.length).toBe(expected.length);
    expect(second.some((f) => f['callId']?.includes(tag))).toBe(false);
  });

  it('at --speed N, takes the span of the file over N; the last event lands when it is appended, none later than that', async () => {
    const stream = uniquePrefix('events');
    const file = join(dir, 'queue_log-speed');
    const t = 1795400000;
    writeFileSync(file, [0, 1, 2, 3, 4].map((s) => ql(t + s * 2, 'NONE', 'NONE', `SIP/${2001 + s}`, 'AGENTLOGIN', '')).join('\n') + '\n');
    const run = ingest(['queue-log', '--file', file, '--replay', '--speed', '8'], { REDIS_URL: suite.redis.url, STREAM_KEY: stream });
    expect(await run.exit).toBe(0);
    const entries = await suite.client.xrange(stream, '-', '+');
    expect(entries.length).toBe(5);
    const appendedAt = entries.map(([id]) => Number(id.split('-')[0]));
    const ts = entries.map(([, f]) => Number(f[f.indexOf('ts') + 1]));
    // 8 s of file at 8× real time: about a second from the first append to the last (unpaced it
    // would be a few ms). The schedule runs from the replay's start, so a first append delayed on
    // a loaded machine shortens the span a little: 885 ms was seen.
    expect(appendedAt[4]! - appendedAt[0]!).toBeGreaterThanOrEqual(750);
    expect(appendedAt[4]! - appendedAt[0]!).toBeLessThan(3000);
    expect(ts[4]! - ts[0]!).toBe(8000);
    // One offset for all, so the waits are kept; the clock of the last append is the last event's time.
    expect(Math.abs(ts[4]! - appendedAt[4]!)).toBeLessThan(1000);
    for (let i = 0; i < 5; i++) expect(ts[i]!).toBeLessThanOrEqual(appendedAt[i]! + 100);
  });
});

describe('queue-log flags', () => {
  it('--help lists every flag, and the command list names queue-log', async () => {
    const run = ingest(['queue-log', '--help']);
    expect(await run.exit).toBe(0);
    for (const flag of [...Object.keys(QUEUE_LOG_FLAGS), 'source', 'stream', 'help']) expect(run.stdout()).toMatch(new RegExp(`^  --${flag}\\b`, 'm'));
    const overview = ingest(['--help']);
    expect(await overview.exit).toBe(0);
    expect(overview.stdout()).toMatch(/^ {2}queue-log\s+follows Asterisk's queue_log/m);
  });

  it('refuses bad flags by their name, exit code 2', async () => {
    const env = { REDIS_URL: suite.redis.url };
    const speed = ingest(['queue-log', '--file', SAMPLE, '--speed', '2'], env);
    expect(await speed.exit).toBe(2);
    expect(speed.stderr()).toContain('--speed: only with --replay');
    const zone = ingest(['queue-log', '--file', SAMPLE, '--time-zone', 'Mars/Olympus'], env);
    expect(await zone.exit).toBe(2);
    expect(zone.stderr()).toContain('--time-zone: not a time zone');
    const none = ingest(['queue-log'], env);
    expect(await none.exit).toBe(2);
    expect(none.stderr()).toContain('--file: give the path of the queue_log');
  });
});

function readLines(path: string): string[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '');
}
