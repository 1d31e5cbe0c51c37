// `npm run ingest -- <adapter> [flags]`: the composition root of the adapters, and the only
// module of them that reads process.env, argv, the clock and the host name. Ctrl-C (SIGINT) or
// SIGTERM stops after the write in flight and prints the summary; a second signal exits at once.
import { hostname } from 'node:os';
import { Redis } from 'ioredis';
import { createLogger, LOG_LEVELS, type LogLevel } from '../log.js';
import { ADAPTER_KINDS } from './adapter-registry.js';
import { parseIngestCli, UsageError, type IngestCommand } from './cli-options.js';

async function main(): Promise<number> {
  let command: IngestCommand;
  try {
    command = parseIngestCli(process.argv.slice(2), process.env, ADAPTER_KINDS, hostname());
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`ingest: ${error.message}\n(npm run ingest -- --help lists the source kinds and their flags)\n`);
      return 2;
    }
    throw error;
  }
  if (command.kind === 'help') {
    process.stdout.write(command.text + '\n');
    return 0;
  }
  const level = LOG_LEVELS.find((l) => l === process.env['LOG_LEVEL']) ?? ('info' satisfies LogLevel);
  const log = createLogger(
    { format: process.stderr.isTTY ? 'pretty' : 'json', level, write: (line) => process.stderr.write(line + '\n') },
    {
      adapter: command.adapter.name,
      source: command.source,
    },
  );
  // Commands wait while Redis is away rather than fail: the adapter retries its batch when it is back.
  const redis = new Redis(command.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  redis.on('error', (error: Error) => log.debug('redis connection error', { error: error.message }));
  const adapter = command.adapter.start(command.options, {
    redis,
    stream: command.stream,
    source: command.source,
    log,
    now: Date.now,
    host: hostname(),
    pid: process.pid,
  });
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals++;
    if (signals > 1) process.exit(130);
    log.info(`${signal}: stopping after the write in flight (again to quit at once)`);
    void adapter.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    await adapter.done;
    process.stderr.write(adapter.summary() + '\n');
    return 0;
  } catch (error) {
    log.error('failed', { error: (error as Error).message });
    process.stderr.write(adapter.summary() + '\n');
    return 1;
  } finally {
    redis.disconnect();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`ingest: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
