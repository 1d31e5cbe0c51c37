// Adapters run inside the server process when its config file lists them under
// `ingest.adapters`, so a small site runs one process: each gets a Redis connection of its own
// and the server's logger, and its failure is logged without taking the server down.
import type { RedisConnection } from '../redis/connection.js';
import { z } from 'zod';
import type { Logger } from '../log.js';
import type { AdapterKind, RunningAdapter } from './adapter.js';
import { ADAPTER_KINDS } from './adapter-registry.js';
import { sourceNameSchema } from './source-name.js';

/** One entry of `ingest.adapters` as the config file has it: the adapter's kind, its source name, and its own options. */
export const configuredAdapterSchema = z.looseObject({
  kind: z.string().min(1),
  source: sourceNameSchema.optional(),
});

/** An adapter the server will start: its kind, its source (null: the host name) and its validated options. */
export interface ConfiguredAdapter {
  kind: AdapterKind;
  source: string | null;
  options: unknown;
}

/** Checks one `ingest.adapters` entry against its kind's schema; the error names the field. */
export function resolveConfiguredAdapter(
  entry: z.output<typeof configuredAdapterSchema>,
  where: string,
  kinds: readonly AdapterKind[] = ADAPTER_KINDS,
): ConfiguredAdapter {
  const kind = kinds.find((k) => k.name === entry.kind);
  if (!kind) throw new Error(`${where}.kind = "${entry.kind}": one of ${kinds.map((k) => k.name).join(', ') || '(none built in)'}`);
  const { kind: _kind, source, ...rest } = entry;
  const parsed = kind.schema.safeParse(rest);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${where}.${i.path.join('.') || '(entry)'}: ${i.message}`).join('\n'));
  return { kind, source: source ?? null, options: parsed.data };
}

export interface InProcessDeps {
  /** A new connection for one adapter. */
  connect: (name: string) => RedisConnection;
  stream: string;
  /** The source name of an entry that gives none. */
  defaultSource: string;
  log: Logger;
  now: () => number;
  host: string;
  pid: number;
}

/** Starts the configured adapters; the returned function stops them all. */
export function startInProcessAdapters(configured: readonly ConfiguredAdapter[], deps: InProcessDeps): { adapters: RunningAdapter[]; stop: () => Promise<void> } {
  const running: { adapter: RunningAdapter; redis: RedisConnection }[] = [];
  for (const { kind, source, options } of configured) {
    const name = source ?? deps.defaultSource;
    const redis = deps.connect(`wallboard-ingest-${kind.name}-${name}`);
    const log = deps.log.child({ component: 'ingest', adapter: kind.name, source: name });
    const adapter = kind.start(options, { redis, stream: deps.stream, source: name, log, now: deps.now, host: deps.host, pid: deps.pid });
    adapter.done.then(
      () => log.info('adapter finished', { summary: adapter.summary() }),
      (error: unknown) => log.error('adapter stopped on an error; the server goes on without it', { error: error as Error, summary: adapter.summary() }),
    );
    log.info('adapter started in the server process');
    running.push({ adapter, redis });
  }
  return {
    adapters: running.map((r) => r.adapter),
    stop: async () => {
      await Promise.all(running.map((r) => r.adapter.stop().catch(() => undefined)));
      for (const r of running) r.redis.disconnect();
    },
  };
}
