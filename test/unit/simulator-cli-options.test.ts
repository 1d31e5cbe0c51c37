// Flag parsing: what the documented flags turn into, and the messages for bad input.
import { describe, expect, it } from 'vitest';
import { FLAGS, helpText, parseArrivalRate, parseCli, parseSpan } from '../../simulator/cli-options.js';
import { SCENARIO_NAMES } from '../../simulator/scenarios/scenario-registry.js';

const env = { REDIS_URL: 'redis://127.0.0.1:6379' };

describe('simulator flags', () => {
  it('turns every flag into run options', () => {
    const command = parseCli(
      [
        '--scenario',
        'erlang-a',
        '--agents',
        '12',
        '--arrival-rate',
        '0.2',
        '--aht',
        '240',
        '--handle-dist',
        'lognormal',
        '--patience',
        '90',
        '--queues',
        'billing,vip',
        '--hold-forget',
        '0.25',
        '--seed',
        '7',
        '--speed',
        '4',
        '--backfill',
        '1h30m',
        '--live',
        '--duration',
        '10m',
        '--time-zone',
        'Europe/Paris',
        '--max-len',
        '100000',
      ],
      { ...env, STREAM_KEY: 'floor2:events' },
    );
    expect(command).toEqual({
      kind: 'run',
      dryRun: false,
      redisUrl: 'redis://127.0.0.1:6379',
      streamKey: 'floor2:events',
      maxLen: 100_000,
      run: {
        scenario: 'erlang-a',
        agents: 12,
        arrivalRate: { kind: 'flat', perSec: 0.2 },
        ahtMs: 240_000,
        handleDistribution: 'lognormal',
        patienceMs: 90_000,
        queues: ['billing', 'vip'],
        holdForgetShare: 0.25,
        seed: 7,
        speed: 4,
        backfillMs: 5_400_000,
        live: true,
        durationMs: 600_000,
        timeZone: 'Europe/Paris',
      },
    });
  });

  it('defaults to live mode on wallboard:events, and to a backfill that exits when --backfill is alone', () => {
    expect(parseCli([], env)).toMatchObject({ kind: 'run', streamKey: 'wallboard:events', run: { live: true } });
    const backfill = parseCli(['--backfill', '2h', '--end', '2025-06-02T18:00:00+08:00', '--patience', 'inf'], env);
    expect(backfill).toMatchObject({ run: { live: false, backfillMs: 7_200_000, endTs: Date.parse('2025-06-02T10:00:00Z'), patienceMs: 'inf' } });
  });

  it('says what to do when REDIS_URL is unset, unless it is a dry run', () => {
    expect(() => parseCli(['--scenario', 'mmn'], {})).toThrow(/REDIS_URL is not set.*\n.*REDIS_URL=redis:\/\/127\.0\.0\.1:6379 npm run simulate/s);
    expect(parseCli(['--dry-run', '--backfill', '10m'], {})).toMatchObject({ kind: 'run', dryRun: true, redisUrl: null });
  });

  it.each([
    [['--scenario', 'busy-monday'], /--scenario "busy-monday": choose one of normal-day, morning-surge/],
    [['--agents', '0'], /--agents "0": a whole number ≥ 1/],
    [['--arrival-rate', 'lots'], /--arrival-rate "lots"/],
    [['--patience=-3'], /--patience "-3": a number greater than zero/],
    [['--patience', '0'], /--patience "0": a number greater than zero/],
    [['--duration', '2 hours'], /--duration "2 hours": a time span/],
    [['--hold-forget', '1.5'], /--hold-forget "1.5"/],
    [['--queues', 'Billing'], /--queues "Billing"/],
    [['--live'], /--live only makes sense with --backfill/],
    [['--end', '2025-06-02'], /--end needs --backfill without --live/],
    [['--frobnicate'], /frobnicate/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseCli(argv, env)).toThrow(message);
  });

  it('reads spans and rates as documented', () => {
    expect(parseSpan('--backfill', '2h')).toBe(7_200_000);
    expect(parseSpan('--backfill', '1h30m')).toBe(5_400_000);
    expect(parseSpan('--duration', '45')).toBe(45_000);
    expect(parseSpan('--duration', '500ms')).toBe(500);
    expect(parseSpan('--duration', '1d')).toBe(86_400_000);
    expect(parseArrivalRate('profile')).toEqual({ kind: 'profile' });
    expect(parseArrivalRate('profile:0.4')).toEqual({ kind: 'profile', peakPerSec: 0.4 });
  });

  it('documents every flag and every scenario in --help', () => {
    const help = helpText();
    for (const flag of Object.keys(FLAGS)) expect(help).toContain(`--${flag}`);
    for (const name of SCENARIO_NAMES) expect(help).toContain(`  ${name} `);
    expect(help).toContain('REDIS_URL');
    expect(help).toContain('STREAM_KEY');
    expect(help.split('\n').every((line) => line.length <= 100)).toBe(true);
  });
});
