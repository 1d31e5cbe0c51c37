// Redis behind Sentinel: REDIS_SENTINELS lists the sentinels (host:port, comma-separated) and
// REDIS_MASTER_NAME the master they watch. ioredis asks the sentinels for the master, and after
// a failover finds the new one by itself; the server connects every one of its connections so.
import type { RedisOptions } from 'ioredis';

export interface SentinelConfig {
  sentinels: { host: string; port: number }[];
  /** The name the sentinels monitor the master under. */
  name: string;
}

/** Parses REDIS_SENTINELS; a reason for the first bad entry, or the list. */
export function parseSentinels(raw: string): { host: string; port: number }[] | string {
  const out: { host: string; port: number }[] = [];
  for (const part of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(part);
    const port = match ? Number(match[2]) : NaN;
    if (!match || port < 1 || port > 65535) return `"${part}": must be host:port`;
    out.push({ host: match[1]!, port });
  }
  return out.length > 0 ? out : 'no sentinel given';
}

/** ioredis options for a connection through the sentinels, merged with the connection's own. */
export function sentinelOptions(sentinel: SentinelConfig, options: RedisOptions): RedisOptions {
  return { ...options, sentinels: sentinel.sentinels, name: sentinel.name, role: 'master' };
}
