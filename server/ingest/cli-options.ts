// `npm run ingest -- <adapter> [flags]`, parsed: pure, so bad input is tested without a
// process. Each adapter's flag table drives both parsing (node:util parseArgs) and --help.
import { parseArgs } from 'node:util';
import { DEFAULT_STREAM_KEY } from '../contract/constants.js';
import type { AdapterKind, FlagSpec } from './adapter.js';
import { defaultSourceName, parseSourceName } from './source-name.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

const COMMON_FLAGS = {
  source: { type: 'string', value: 'name', help: 'the source name, prefixed to call ids ("pbx1:1700000000.42") and shown on the board. Default: this host name' },
  stream: { type: 'string', value: 'key', help: 'the stream to append to. Default: STREAM_KEY, else wallboard:events' },
  help: { type: 'boolean', help: 'show this help' },
} as const satisfies Record<string, FlagSpec>;

export type IngestCommand = { kind: 'help'; text: string } | { kind: 'run'; adapter: AdapterKind; options: unknown; redisUrl: string; stream: string; source: string };

export function parseIngestCli(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  kinds: readonly AdapterKind[],
  hostname: string,
): IngestCommand {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') return { kind: 'help', text: overview(kinds) };
  const adapter = kinds.find((k) => k.name === name);
  if (!adapter) throw new UsageError(`unknown source kind "${name}"; one of: ${kinds.map((k) => k.name).join(', ')}`);
  const flags = { ...adapter.flags, ...COMMON_FLAGS };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: rest, options: flags, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values['help']) return { kind: 'help', text: adapterHelp(adapter) };
  let source: string;
  try {
    source = parseSourceName((values['source'] as string | undefined) ?? defaultSourceName(hostname));
  } catch (error) {
    throw new UsageError(`--source: ${(error as Error).message}`);
  }
  const parsed = adapter.schema.safeParse(adapter.fromFlags(values, env));
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((i) => `${i.path.length > 0 ? `--${flagName(i.path.join('.'))}` : name}: ${i.message}`).join('\n'));
  }
  const redisUrl = env['REDIS_URL']?.trim();
  if (!redisUrl)
    throw new UsageError(`REDIS_URL is not set. Point it at the Redis the server reads, e.g.\n  REDIS_URL=redis://127.0.0.1:6379 npm run ingest -- ${name} …`);
  const stream = (values['stream'] as string | undefined) ?? (env['STREAM_KEY']?.trim() || DEFAULT_STREAM_KEY);
  return { kind: 'run', adapter, options: parsed.data, redisUrl, stream, source };
}

/** The flag of an option: options are camelCase (as in the config file), flags kebab-case ("timeZone" → "time-zone"). */
function flagName(option: string): string {
  return option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function flagLines(flags: Record<string, FlagSpec>): string[] {
  const left = Object.entries(flags).map(([name, spec]) => `  --${name}${spec.value ? ` <${spec.value}>` : ''}`);
  const width = Math.max(...left.map((l) => l.length)) + 2;
  return Object.values(flags).map((spec, i) => `${left[i]!.padEnd(width)}${spec.help}`);
}

function overview(kinds: readonly AdapterKind[]): string {
  return [
    'Usage: npm run ingest -- <source kind> [flags]',
    '',
    'Feeds the wallboard from a PBX: appends contract events to the Redis stream the server reads.',
    '',
    'Source kinds:',
    ...kinds.map((k) => `  ${k.name.padEnd(12)}${k.summary}`),
    '',
    'npm run ingest -- <source kind> --help lists its flags.',
  ].join('\n');
}

function adapterHelp(adapter: AdapterKind): string {
  return [
    `Usage: npm run ingest -- ${adapter.name} [flags]`,
    '',
    adapter.summary,
    '',
    'Flags:',
    ...flagLines({ ...adapter.flags, ...COMMON_FLAGS }),
    '',
    'Environment:',
    '  REDIS_URL   Redis to write to (required), e.g. redis://127.0.0.1:6379',
    `  STREAM_KEY  stream to append to. Default: ${DEFAULT_STREAM_KEY}`,
    '  LOG_LEVEL   debug, info, warn or error. Default: info',
  ].join('\n');
}
