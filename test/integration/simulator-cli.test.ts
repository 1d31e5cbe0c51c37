// `npm run simulate` as a user runs it: a child process with flags and environment.
import { describe, expect, it } from 'vitest';
import { runCli, type CliProcess } from '../support/cli-process.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';

const suite = useTestRedis();

const cli = (args: string[], env: Record<string, string | undefined>): CliProcess =>
  runCli('simulator/cli.ts', args, { REDIS_URL: undefined, STREAM_KEY: undefined, ...env });

describe('simulate CLI', () => {
  it('prints the help and exits 0', async () => {
    const run = cli(['--help'], {});
    expect(await run.exit).toBe(0);
    expect(run.stdout()).toMatch(/^Usage: npm run simulate -- \[flags\]/);
    expect(run.stdout()).toContain('--backfill <span>');
  });

  it('explains what to do when REDIS_URL is unset, exit code 2', async () => {
    const run = cli(['--scenario', 'normal-day'], {});
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toContain('REDIS_URL is not set');
    expect(run.stderr()).toContain('--dry-run');
  });

  it.each(['SIGINT', 'SIGTERM'] as const)('stops cleanly on %s with a summary, leaving the entries in STREAM_KEY', async (signal) => {
    const streamKey = uniquePrefix('cli');
    const run = cli(['--seed', '3', '--speed', '10'], { REDIS_URL: suite.redis.url, STREAM_KEY: streamKey });
    await waitFor(async () => (await suite.client.xlen(streamKey)) > 100, 'the simulator to write its opening roster', 15_000);
    run.kill(signal);
    expect(await run.exit).toBe(0);
    // Not a terminal: plain log lines, then the summary.
    expect(run.stderr()).toContain(`${signal}: stopping`);
    const summary = run.stderr().match(/normal-day \(seed 3\): ([\d,]+) entries/);
    expect(summary).not.toBeNull();
    expect(Number(summary![1]!.replace(/,/g, ''))).toBe(await suite.client.xlen(streamKey));
    expect(run.stderr()).not.toContain('\r');
  });

  it('prints a dry run as JSON lines and the Erlang C check for mmn', async () => {
    const run = cli(['--dry-run', '--scenario', 'mmn', '--backfill', '12h', '--end', '2025-06-02T12:00:00+08:00', '--seed', '1'], {});
    expect(await run.exit).toBe(0);
    const lines = run.stdout().trim().split('\n');
    expect(lines.length).toBeGreaterThan(1000);
    expect(JSON.parse(lines[0]!)).toMatchObject({ v: '1', type: 'agent.state', agentId: 'a001' });
    expect(run.stderr()).toMatch(/Erlang C \(M\/M\/N\) check/);
    expect(run.stderr()).toMatch(/P\(wait > 0\)\s+0\.\d{4}\s+0\.\d{4}/);
  });
});
