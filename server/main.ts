// Composition root: the only place that reads the process's environment (variables, working
// directory, terminal, host and pid) and its clock, starts a private Redis when none is given,
// and turns signals into an orderly stop.
import { hostname } from 'node:os';
import { ConfigError, loadConfig, type ServerConfig } from './config.js';
import { createLogger } from './log.js';
import { leaseOwnerId } from './redis/lease.js';
import { RedisBinaryMissingError, startPrivateRedis, type PrivateRedis } from './redis/private-redis.js';
import { startServer, type RunningServer } from './create-server.js';

export interface StartedStack {
  config: ServerConfig;
  server: RunningServer;
  privateRedis: PrivateRedis | null;
  redisUrl: string;
  stop(): Promise<void>;
}

/** Starts the server as configured by the environment; used by main and by `npm start`. */
/** Starts the server as configured by the environment; `adjust` lets a launcher (the demo) add to the configuration. */
export async function startFromEnvironment(adjust: (config: ServerConfig) => ServerConfig = (c) => c): Promise<StartedStack> {
  const config = adjust(loadConfig({ env: process.env, cwd: process.cwd(), stdoutIsTTY: process.stdout.isTTY === true }));
  const now = Date.now; // the one clock: every part that tells the time is handed this
  const log = createLogger({ format: config.logFormat, level: config.logLevel, now });
  if (config.configFile) log.info('configuration loaded', { file: config.configFile });
  let privateRedis: PrivateRedis | null = null;
  let redisUrl = config.redisUrl;
  if (!redisUrl) {
    privateRedis = await startPrivateRedis({ dataDir: config.redisDataDir });
    redisUrl = privateRedis.url;
    log.info('started a private redis-server (REDIS_URL is unset)', { url: redisUrl, dataDir: privateRedis.dataDir });
  }
  const server = await startServer({ ...config, redisUrl }, log, {
    now,
    elapsed: () => performance.now(),
    random: Math.random,
    owner: leaseOwnerId(hostname(), process.pid),
    host: hostname(),
    pid: process.pid,
  });
  return {
    config,
    server,
    privateRedis,
    redisUrl,
    stop: async () => {
      await server.stop();
      await privateRedis?.stop();
    },
  };
}

/** Runs until SIGINT/SIGTERM; start-up errors are one clear message and exit code 1. */
export async function runUntilSignalled(start: () => Promise<{ stop(): Promise<void> }>): Promise<void> {
  let stack: { stop(): Promise<void> };
  try {
    stack = await start();
  } catch (error) {
    if (error instanceof ConfigError || error instanceof RedisBinaryMissingError) {
      process.stderr.write(`${error instanceof ConfigError ? 'Configuration error:\n' : ''}${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`${signal}: stopping\n`);
    stack.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`error while stopping: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  void runUntilSignalled(startFromEnvironment);
}
