// `npm run ingest -- ami …` parsed through the shared CLI with the registry, the stored state's
// schema, and the reconnect back-off.
import { describe, expect, it } from 'vitest';
import { ADAPTER_KINDS } from '../../server/ingest/adapter-registry.js';
import { parseIngestCli, UsageError } from '../../server/ingest/cli-options.js';
import { amiOptionsSchema } from '../../server/ingest/ami/ami-options.js';
import { emptyAmiState, parsePosition, serializePosition } from '../../server/ingest/ami/ami-state.js';
import { backoffDelay } from '../../server/ingest/ami/backoff.js';

const env = { REDIS_URL: 'redis://127.0.0.1:6379', AMI_SECRET: 's3cret-from-env' };
const parse = (argv: string[], e: Record<string, string> = env) => parseIngestCli(['ami', ...argv], e, ADAPTER_KINDS, 'pbx-01.example.com');

describe('ami command line', () => {
  it('takes host, port, user and the secret from AMI_SECRET, with the documented defaults', () => {
    const command = parse(['--host', 'pbx.local', '--port', '5039', '--user', 'wallboard']);
    expect(command).toMatchObject({ kind: 'run', source: 'pbx-01', stream: 'wallboard:events' });
    if (command.kind !== 'run') throw new Error('not run');
    expect(command.options).toEqual({
      host: 'pbx.local',
      port: 5039,
      user: 'wallboard',
      secret: 's3cret-from-env',
      holdCheckWindowMs: 5_000,
      pingIntervalMs: 20_000,
      reconnect: { baseMs: 500, maxMs: 30_000 },
      maxCalls: 5_000,
      maxAgents: 5_000,
      events: 'all',
      heartbeatMs: 5_000,
    });
  });

  it('takes --events holds, for a site whose queue_log adapter gives the calls, and refuses anything else', () => {
    const command = parse(['--host', 'h', '--user', 'u', '--events', 'holds']);
    expect(command).toMatchObject({ kind: 'run', options: { events: 'holds' } });
    expect(() => parse(['--host', 'h', '--user', 'u', '--events', 'calls'])).toThrow(/--events: must be all or holds/);
  });

  it('takes --secret over the environment, windows in seconds, and the port default 5038', () => {
    const command = parse(['--host', 'h', '--user', 'u', '--secret', 'flag', '--hold-check-window', '3', '--reconnect-max', '10', '--ping-interval', '2.5']);
    if (command.kind !== 'run') throw new Error('not run');
    expect(command.options).toMatchObject({ port: 5038, secret: 'flag', holdCheckWindowMs: 3_000, reconnect: { maxMs: 10_000 }, pingIntervalMs: 2_500 });
  });

  it('refuses a missing secret, a bad port, or a line break in the secret, and never echoes the secret', () => {
    expect(() => parse(['--host', 'h', '--user', 'u'], { REDIS_URL: 'redis://x' })).toThrow(/--secret: the AMI secret is required \(AMI_SECRET or --secret\)/);
    expect(() => parse(['--host', 'h', '--user', 'u', '--port', 'x'])).toThrow(UsageError);
    expect(() => parse(['--host', 'h', '--user', 'u', '--port', '70000'])).toThrow(/--port/);
    let message = '';
    try {
      parse(['--host', 'h', '--user', 'u', '--secret', 'hunter2\r\nAction: Originate']);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/--secret: the secret must not hold a line break/);
    expect(message).not.toContain('hunter2');
  });

  it('lists its flags in --help', () => {
    const help = parse(['--help']);
    expect(help.kind).toBe('help');
    if (help.kind !== 'help') return;
    for (const flag of ['--host', '--port', '--user', '--secret', '--hold-check-window', '--ping-interval', '--events', '--reconnect-max', 'AMI_SECRET'])
      expect(help.text).toContain(flag);
  });

  it('the same schema reads a config file section, with defaults', () => {
    expect(amiOptionsSchema.parse({ host: 'h', user: 'u', secret: 's' })).toMatchObject({ port: 5038, holdCheckWindowMs: 5_000 });
  });
});

describe('the stored state', () => {
  it('round-trips, and an unreadable one gives the reason instead of throwing', () => {
    const state = emptyAmiState();
    state.lostTs = 5;
    state.calls.set('1.1', { uid: '1.1', queue: '400', waiting: true, left: null, agentId: null, agentUid: null, held: false, unhold: null, touchedAt: 1 });
    const parsed = parsePosition(serializePosition(3, 7, state));
    expect(parsed).toEqual({ ok: true, position: { seq: 3, savedTs: 7, state } });
    expect(parsePosition('{"v":2}')).toMatchObject({ ok: false });
    expect(parsePosition('nope')).toMatchObject({ ok: false, reason: expect.stringMatching(/^not JSON/) as string });
  });
});

describe('reconnect back-off', () => {
  const options = { baseMs: 500, maxMs: 30_000 };
  it('doubles from the base, is capped, and keeps at least half of its ceiling (never a tight loop)', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, options, () => 0))).toEqual([250, 500, 1_000, 2_000]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, options, () => 0.999999))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(backoffDelay(50, options, () => 0.999999)).toBe(30_000);
    expect(backoffDelay(50, options, () => 0)).toBe(15_000);
  });
});
