// Wires the real parts together for one server process: Redis connections, the aggregator and
// its stream consumer, the HTTP app and the Socket.IO push. main.ts calls it with the process's
// configuration; the integration tests call it with theirs.
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis, type RedisOptions } from 'ioredis';
import { Aggregator } from './aggregator.js';
import type { ServerConfig } from './config.js';
import { withFeedStatus } from './feed-status.js';
import { createApp } from './http/create-app.js';
import type { Logger } from './log.js';
import { createRealtime } from './realtime/create-realtime.js';
import { createCheckpointStore } from './redis/checkpoint-store.js';
import { createDeadLetterSink } from './redis/dead-letters.js';
import { createIoredisBlockingClient, createIoredisStreamsClient } from './redis/ioredis-streams-client.js';
import { createLease, leaseOwnerId } from './redis/lease.js';
import { StreamConsumer } from './redis/stream-consumer.js';

export interface RunningServer {
  url: string;
  port: number;
  aggregator: Aggregator;
  consumer: StreamConsumer;
  /** Stops serving and consuming (with a final checkpoint) and closes the Redis connections. */
  stop(): Promise<void>;
}

function connect(url: string, name: string, log: Logger, extra: RedisOptions = {}): Redis {
  const redis = new Redis(url, { connectionName: name, ...extra });
  let lastLogged = 0;
  redis.on('error', (error: Error) => {
    // ioredis reports every failed reconnect; one line per 5 s is enough to tell an operator.
    if (Date.now() - lastLogged < 5000) return;
    lastLogged = Date.now();
    log.warn('redis connection error', { connection: name, error });
  });
  return redis;
}

export async function startServer(config: ServerConfig & { redisUrl: string }, log: Logger): Promise<RunningServer> {
  const consumerName = leaseOwnerId();
  // A command Redis never answers fails after 10 s, so the consumer recovers instead of hanging.
  const redis = connect(config.redisUrl, 'wallboard-commands', log, { commandTimeout: 10_000 });
  const blockingConnections = new Set<Redis>();
  const aggregator = new Aggregator(config.core);
  const consumer = new StreamConsumer(
    { ...config, consumer: consumerName },
    {
      streams: createIoredisStreamsClient(redis),
      // Its own connection: a blocking read holds the connection, and an interrupted one must
      // fail rather than be silently re-sent after a reconnect (the watchdog handles the rest).
      createBlockingClient: () => {
        const c = connect(config.redisUrl, 'wallboard-stream-reader', log, { maxRetriesPerRequest: 1, autoResendUnfulfilledCommands: false });
        blockingConnections.add(c);
        c.once('end', () => blockingConnections.delete(c));
        return createIoredisBlockingClient(c);
      },
      aggregator,
      checkpoints: createCheckpointStore(redis, config.group, consumerName),
      deadLetters: createDeadLetterSink(redis, config.deadLetterMaxLen),
      lease: createLease(redis, config.group, consumerName, config.leaseMs),
      log: log.child({ component: 'consumer' }),
      now: Date.now,
    },
  );

  const startedAt = Date.now();
  const source = withFeedStatus(aggregator, consumer);
  const app = createApp({
    source,
    consumer,
    pingRedis: async () => {
      await redis.ping();
    },
    staticDir: config.staticDir,
    startedAt,
  });
  const http = createHttpServer(app);
  const realtime = createRealtime(http, source, { pushIntervalMs: config.pushIntervalMs }, log.child({ component: 'realtime' }));
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  consumer.start();
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  log.info('listening', { port, url: `http://${host}:${port}`, streams: config.streams, group: config.group, consumer: consumerName });

  return {
    url: `http://${host}:${port}`,
    port,
    aggregator,
    consumer,
    stop: async () => {
      await realtime.close();
      await consumer.stop();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      for (const c of blockingConnections) c.disconnect();
      redis.disconnect();
    },
  };
}
