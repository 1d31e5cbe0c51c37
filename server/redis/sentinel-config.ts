// Redis behind Sentinel: REDIS_SENTINELS lists the sentinels (host:port, comma-separated) and
// REDIS_MASTER_NAME the master they watch. ioredis asks the sentinels for the master, and after
// a failover finds the new one by itself; the server connects every one of its connections so.
import type { RedisOptions } from 'ioredis';
import { parseHostPorts } from './host-ports.js';

export interface SentinelConfig {
  sentinels: { host: string; port: number }[];
  /** The name the sentinels monitor the master under. */
  name: string;
}

/** Parses REDIS_SENTINELS; a reason for the first bad entry, or the list. */
export function parseSentinels(raw: string): { host: string; port: number }[] | string {
  const parsed = parseHostPorts(raw);
  return parsed === 'no host:port given' ? 'no sentinel given' : parsed;
}

/** ioredis options for a connection through the sentinels, merged with the connection's own. */
export function sentinelOptions(sentinel: SentinelConfig, options: RedisOptions): RedisOptions {
  return { ...options, sentinels: sentinel.sentinels, name: sentinel.name, role: 'master' };
}
