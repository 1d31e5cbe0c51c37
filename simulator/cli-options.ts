// The simulator's command line: one table of flags drives both parsing (node:util parseArgs)
// and --help, so the help cannot drift from what is accepted. Pure: argv and env are passed
// in, and bad input fails with the flag, the value and what would be accepted.
import { parseArgs } from 'node:util';
import { HANDLE_DISTRIBUTIONS, type HandleDistributionKind } from './model/distributions.js';
import { SCENARIOS, SCENARIO_NAMES, isScenarioName } from './scenarios/scenario-registry.js';
import type { ArrivalRateSpec } from './scenarios/scenario-types.js';
import type { RunOptions } from './run-simulation.js';
import { DEFAULT_STREAM_KEY } from './publisher.js';

interface FlagSpec {
  type: 'string' | 'boolean';
  value?: string;
  help: string;
}

export const FLAGS = {
  scenario: { type: 'string', value: 'name', help: 'named scenario (see below). Default: normal-day' },
  agents: {
    type: 'string',
    value: 'n',
    help: 'agents on the roster (a001…); they work 9-hour shifts staffed to the profile, except in mmn/erlang-a where all are on duty. Default: 100 (20 in mmn/erlang-a)',
  },
  'arrival-rate': {
    type: 'string',
    value: 'rate',
    help: 'calls per second, flat (e.g. 0.3); "profile" for the time-of-day profile; "profile:0.4" for the profile peaking at 0.4/s. Default: profile peaking at 0.25/s (flat 0.1/s in mmn/erlang-a)',
  },
  aht: { type: 'string', value: 'seconds', help: 'mean talk time (the service time in mmn/erlang-a). Default: 180' },
  'handle-dist': { type: 'string', value: 'kind', help: 'handle-time distribution: exponential or lognormal (cv 0.8). Default: lognormal, exponential in mmn/erlang-a' },
  patience: { type: 'string', value: 'seconds|inf', help: 'mean caller patience in queue; "inf" for callers who never hang up. Default: 150 (120 in erlang-a)' },
  queues: { type: 'string', value: 'list', help: 'comma-separated queue ids; "vip" is the VIP queue. Default: billing,tech,mobile,broadband,vip' },
  'hold-forget': { type: 'string', value: 'share', help: 'share of agents who forget callers on hold, 0..1. Default: 0.03 (0.3 in hold-heavy)' },
  seed: { type: 'string', value: 'n', help: 'random seed; the same seed, flags and start give the same entries. Default: random (logged)' },
  duration: { type: 'string', value: 'span', help: 'simulated time to run in live mode (e.g. 30m, 2h); until Ctrl-C when absent' },
  speed: { type: 'string', value: 'x', help: 'live mode runs this many times faster than real time (durations shrink likewise). Default: 1' },
  backfill: { type: 'string', value: 'span', help: 'write this much history ending now, as fast as Redis takes it (e.g. 2h), then exit' },
  live: { type: 'boolean', help: 'with --backfill: continue in live mode afterwards instead of exiting' },
  end: { type: 'string', value: 'time', help: 'with --backfill and no --live: end the span here (ISO 8601) instead of now, to reproduce a run' },
  'time-zone': { type: 'string', value: 'zone', help: 'IANA time zone of the profile and shifts. Default: Asia/Shanghai' },
  'max-len': { type: 'string', value: 'n', help: 'trim the stream to about n entries (XADD MAXLEN ~). Default: no trimming' },
  'dry-run': { type: 'boolean', help: 'print the entries as JSON lines on standard output instead of writing to Redis' },
  help: { type: 'boolean', help: 'show this help' },
} as const satisfies Record<string, FlagSpec>;

export class UsageError extends Error {
  override name = 'UsageError';
}

export type CliCommand = { kind: 'help' } | { kind: 'run'; run: RunOptions; dryRun: boolean; redisUrl: string | null; streamKey: string; maxLen: number | undefined };

export function parseCli(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): CliCommand {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: [...argv], options: FLAGS, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values['help']) return { kind: 'help' };
  const text = (name: keyof typeof FLAGS) => values[name] as string | undefined;
  const run: RunOptions = {};
  const scenario = text('scenario');
  if (scenario !== undefined) {
    if (!isScenarioName(scenario)) throw new UsageError(`--scenario "${scenario}": choose one of ${SCENARIO_NAMES.join(', ')}`);
    run.scenario = scenario;
  }
  const agents = text('agents');
  if (agents !== undefined) run.agents = wholeNumber('--agents', agents, 1);
  const rate = text('arrival-rate');
  if (rate !== undefined) run.arrivalRate = parseArrivalRate(rate);
  const aht = text('aht');
  if (aht !== undefined) run.ahtMs = positive('--aht', aht) * 1000;
  const dist = text('handle-dist');
  if (dist !== undefined) {
    if (!(HANDLE_DISTRIBUTIONS as readonly string[]).includes(dist)) throw new UsageError(`--handle-dist "${dist}": choose ${HANDLE_DISTRIBUTIONS.join(' or ')}`);
    run.handleDistribution = dist as HandleDistributionKind;
  }
  const patience = text('patience');
  if (patience !== undefined) run.patienceMs = patience === 'inf' ? 'inf' : positive('--patience', patience) * 1000;
  const queues = text('queues');
  if (queues !== undefined) run.queues = parseQueues(queues);
  const forget = text('hold-forget');
  if (forget !== undefined) {
    const share = Number(forget);
    if (!(share >= 0 && share <= 1)) throw new UsageError(`--hold-forget "${forget}": a share within 0..1, e.g. 0.2`);
    run.holdForgetShare = share;
  }
  const seed = text('seed');
  if (seed !== undefined) run.seed = wholeNumber('--seed', seed, 0);
  const duration = text('duration');
  if (duration !== undefined) run.durationMs = parseSpan('--duration', duration);
  const speed = text('speed');
  if (speed !== undefined) run.speed = positive('--speed', speed);
  const backfill = text('backfill');
  if (backfill !== undefined) run.backfillMs = parseSpan('--backfill', backfill);
  run.live = backfill === undefined || values['live'] === true;
  if (values['live'] && backfill === undefined) throw new UsageError('--live only makes sense with --backfill (live mode is the default)');
  const end = text('end');
  if (end !== undefined) {
    if (run.live) throw new UsageError('--end needs --backfill without --live (a live run ends in the future)');
    const endTs = Date.parse(end);
    if (!Number.isFinite(endTs)) throw new UsageError(`--end "${end}": an ISO 8601 time, e.g. 2025-06-02T18:00:00+08:00`);
    run.endTs = endTs;
  }
  const zone = text('time-zone');
  if (zone !== undefined) run.timeZone = zone;
  const maxLenText = text('max-len');
  const maxLen = maxLenText === undefined ? undefined : wholeNumber('--max-len', maxLenText, 1);
  const dryRun = values['dry-run'] === true;
  const redisUrl = env['REDIS_URL']?.trim() || null;
  if (!dryRun && !redisUrl) {
    throw new UsageError(
      'REDIS_URL is not set. Point it at the Redis the server reads, e.g.\n' +
        '  REDIS_URL=redis://127.0.0.1:6379 npm run simulate -- --scenario normal-day\n' +
        '(npm start runs the server and a simulator together), or use --dry-run to print entries instead.',
    );
  }
  return { kind: 'run', run, dryRun, redisUrl, streamKey: env['STREAM_KEY']?.trim() || DEFAULT_STREAM_KEY, maxLen };
}

/** "2h", "90m", "1h30m", "45s", "500ms"; a bare number is seconds. */
export function parseSpan(flag: string, text: string): number {
  const trimmed = text.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed) * 1000;
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000 };
  const parts = [...trimmed.matchAll(/(\d+(?:\.\d+)?)(ms|min|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== trimmed) {
    throw new UsageError(`${flag} "${text}": a time span such as 90s, 30m, 2h or 1h30m`);
  }
  const ms = parts.reduce((sum, p) => sum + Number(p[1]) * units[p[2]!]!, 0);
  if (!(ms > 0)) throw new UsageError(`${flag} "${text}": must be longer than zero`);
  return ms;
}

export function parseArrivalRate(text: string): ArrivalRateSpec {
  if (text === 'profile') return { kind: 'profile' };
  if (text.startsWith('profile:')) return { kind: 'profile', peakPerSec: positive('--arrival-rate', text.slice('profile:'.length)) };
  if (/^\d+(\.\d+)?$/.test(text)) return { kind: 'flat', perSec: positive('--arrival-rate', text) };
  throw new UsageError(`--arrival-rate "${text}": calls per second (e.g. 0.3), "profile", or "profile:<peak per second>"`);
}

function parseQueues(text: string): string[] {
  const ids = text
    .split(',')
    .map((q) => q.trim())
    .filter((q) => q.length > 0);
  const bad = ids.find((q) => !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(q));
  if (ids.length === 0 || bad !== undefined) throw new UsageError(`--queues "${text}": comma-separated ids of lower-case letters, digits, - or _`);
  if (ids.every((q) => q === 'vip')) throw new UsageError('--queues: needs at least one queue besides "vip"');
  return [...new Set(ids)];
}

function positive(flag: string, text: string): number {
  const value = Number(text);
  if (!(value > 0) || !Number.isFinite(value)) throw new UsageError(`${flag} "${text}": a number greater than zero`);
  return value;
}

function wholeNumber(flag: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) throw new UsageError(`${flag} "${text}": a whole number ≥ ${min}`);
  return value;
}

export function helpText(): string {
  const width = Math.max(...Object.entries(FLAGS).map(([name, spec]) => flagLabel(name, spec).length));
  const flags = Object.entries(FLAGS).map(([name, spec]) => wrap(`  ${flagLabel(name, spec).padEnd(width)}  `, spec.help));
  const scenarios = SCENARIO_NAMES.map((name) => wrap(`  ${name.padEnd(15)}`, SCENARIOS[name].summary));
  return [
    'Usage: npm run simulate -- [flags]',
    '',
    "Writes call-centre events in the contract's shape (docs/event-contract.md) into a Redis",
    'stream, live (event times = wall clock) or as a backfill of recent history.',
    '',
    'Flags:',
    ...flags,
    '',
    'Scenarios:',
    ...scenarios,
    '',
    'Environment:',
    '  REDIS_URL   Redis to write to (required unless --dry-run), e.g. redis://127.0.0.1:6379',
    `  STREAM_KEY  stream to append to. Default: ${DEFAULT_STREAM_KEY}`,
    '',
    'Examples:',
    '  npm run simulate -- --backfill 2h --live              a full board now, then live traffic',
    '  npm run simulate -- --scenario trunk-outage --speed 5',
    '  npm run simulate -- --scenario mmn --agents 10 --arrival-rate 0.05 --backfill 48h',
  ].join('\n');
}

/** The text after `lead`, wrapped at 100 columns and indented under its first line. */
function wrap(lead: string, text: string, columns = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && lead.length + line.length + 1 + word.length > columns) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.map((l, i) => (i === 0 ? lead : ' '.repeat(lead.length)) + l).join('\n');
}

function flagLabel(name: string, spec: FlagSpec): string {
  return spec.value ? `--${name} <${spec.value}>` : `--${name}`;
}
