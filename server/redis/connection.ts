// The one place that knows the three shapes of the board's Redis: a single server (REDIS_URL), a
// master found through Sentinel (REDIS_SENTINELS), or a Redis Cluster (REDIS_CLUSTER_NODES). Every
// part of the server takes a RedisConnection and issues the same commands on any of them; keys
// that one script or MULTI writes together share a hash tag (keys.ts), so they share a slot.
import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';
import type { Logger } from '../log.js';
import type { HostPort } from './host-ports.js';
import { sentinelOptions, type SentinelConfig } from './sentinel-config.js';

/** A connection to the board's Redis; ioredis gives a Cluster the same commands as a single server. */
export type RedisConnection = Redis | Cluster;

/** Where the board's Redis is: exactly one of the three shapes. */
export type RedisTarget = { kind: 'server'; url: string } | { kind: 'sentinel'; sentinel: SentinelConfig } | { kind: 'cluster'; nodes: HostPort[] };

/** Options for one connection; each shape takes them where it takes them. */
export interface ConnectOptions {
  /** CLIENT SETNAME, so an operator can tell the server's connections apart in CLIENT LIST. */
  name: string;
  /** Failed reconnects are logged here, one line per 5 s at most. */
  log: Logger;
  now: () => number;
  /** ioredis options for this connection (timeouts, retries); on a Cluster they apply to each node's connection. @default {} */
  options?: RedisOptions;
}

function clusterOptions(options: RedisOptions): ClusterOptions {
  const { enableOfflineQueue, retryStrategy: _r, ...redisOptions } = options;
  // A command for a slot whose master is failing over waits for the new one rather than fail at once.
  return { redisOptions, ...(enableOfflineQueue === undefined ? {} : { enableOfflineQueue }), retryDelayOnFailover: 200, retryDelayOnClusterDown: 500 };
}

function logErrors(connection: RedisConnection, name: string, log: Logger, now: () => number): RedisConnection {
  let lastLogged = 0;
  connection.on('error', (error: Error) => {
    // ioredis reports every failed reconnect; one line per 5 s is enough to tell an operator.
    if (now() - lastLogged < 5000) return;
    lastLogged = now();
    log.warn('redis connection error', { connection: name, error });
  });
  return connection;
}

/** Opens a connection to the target: a Redis, a Redis through the sentinels, or a Cluster. */
export function connectRedis(target: RedisTarget, { name, log, now, options = {} }: ConnectOptions): RedisConnection {
  const withName: RedisOptions = { ...options, connectionName: name };
  let connection: RedisConnection;
  switch (target.kind) {
    case 'server':
      connection = new Redis(target.url, withName);
      break;
    case 'sentinel':
      connection = new Redis(sentinelOptions(target.sentinel, withName));
      break;
    case 'cluster':
      connection = new Cluster(target.nodes, clusterOptions(withName));
      break;
    default: {
      const never: never = target;
      return never;
    }
  }
  return logErrors(connection, name, log, now);
}

/**
 * A second connection like `connection`, under another name: for pub/sub (a subscribed connection
 * takes no other command) or a blocking read. A Cluster's duplicate is a Cluster of its own.
 */
export function duplicateConnection(connection: RedisConnection, { name, log, now }: Omit<ConnectOptions, 'options'>): RedisConnection {
  const duplicate =
    connection instanceof Cluster
      ? connection.duplicate([], { redisOptions: { ...connection.options.redisOptions, connectionName: name } })
      : connection.duplicate({ connectionName: name });
  return logErrors(duplicate, name, log, now);
}

/** The target the configuration names: a Cluster or Sentinel when given, else the URL. */
export function redisTarget(config: { redisUrl: string; redisSentinel: SentinelConfig | null; redisCluster: HostPort[] | null }): RedisTarget {
  if (config.redisCluster) return { kind: 'cluster', nodes: config.redisCluster };
  if (config.redisSentinel) return { kind: 'sentinel', sentinel: config.redisSentinel };
  return { kind: 'server', url: config.redisUrl };
}
