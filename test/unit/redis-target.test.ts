// Where the server's Redis is: REDIS_URL, REDIS_SENTINELS or REDIS_CLUSTER_NODES, as loadConfig
// reads them and redisTarget turns them into the one shape the connection factory builds.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';
import { redisTarget } from '../../server/redis/connection.js';

const cwd = mkdtempSync(join(tmpdir(), 'wb-redis-target-'));
const load = (env: Record<string, string>) => loadConfig({ env, cwd, stdoutIsTTY: false });
const targetOf = (env: Record<string, string>) => {
  const config = load(env);
  return redisTarget({ ...config, redisUrl: config.redisUrl ?? 'redis://private' });
};

describe('REDIS_CLUSTER_NODES', () => {
  it('is unset by default: REDIS_URL, else a private Redis', () => {
    expect(load({}).redisCluster).toBeNull();
    expect(load({}).redisUrl).toBeNull();
    expect(targetOf({ REDIS_URL: 'redis://10.0.0.5:6379' })).toEqual({ kind: 'server', url: 'redis://10.0.0.5:6379' });
  });

  it('takes host:port pairs, IPv6 in brackets, and keeps the private Redis off', () => {
    const config = load({ REDIS_CLUSTER_NODES: 'redis-a:7000, 10.0.0.2:7001,[::1]:7002' });
    expect(config.redisCluster).toEqual([
      { host: 'redis-a', port: 7000 },
      { host: '10.0.0.2', port: 7001 },
      { host: '::1', port: 7002 },
    ]);
    expect(config.redisUrl).not.toBeNull();
    expect(targetOf({ REDIS_CLUSTER_NODES: 'redis-a:7000', REDIS_URL: 'redis://ignored:6379' })).toEqual({ kind: 'cluster', nodes: [{ host: 'redis-a', port: 7000 }] });
  });

  it.each([
    ['redis-a', '"redis-a": must be host:port'],
    ['redis-a:0', '"redis-a:0": must be host:port'],
    ['redis-a:7000,redis-b:70000', '"redis-b:70000": must be host:port'],
    [',', 'no host:port given'],
  ])('rejects %j, naming the variable and the entry', (value, reason) => {
    expect(() => load({ REDIS_CLUSTER_NODES: value })).toThrow(ConfigError);
    expect(() => load({ REDIS_CLUSTER_NODES: value })).toThrow(`environment: REDIS_CLUSTER_NODES: ${reason}`);
  });

  it('refuses REDIS_SENTINELS beside it', () => {
    expect(() => load({ REDIS_CLUSTER_NODES: 'redis-a:7000', REDIS_SENTINELS: 's1:26379' })).toThrow('REDIS_CLUSTER_NODES and REDIS_SENTINELS: set one');
  });

  it('takes streams that share a hash tag, and refuses streams a single read could not take on a Cluster', () => {
    const cluster = { REDIS_CLUSTER_NODES: 'redis-a:7000' };
    expect(load({ ...cluster, STREAM_KEYS: 'wallboard:events:{wb}:q1,wallboard:events:{wb}:q2' }).streams).toHaveLength(2);
    expect(() => load({ ...cluster, STREAM_KEYS: 'wallboard:events:{q1},wallboard:events:{q2}' })).toThrow(
      'on Redis Cluster the streams are read in one command, so they must share a hash tag',
    );
    // On one Redis (or through Sentinel) any streams go together.
    expect(load({ STREAM_KEYS: 'wallboard:events:{q1},wallboard:events:{q2}' }).streams).toHaveLength(2);
  });
});

describe('REDIS_SENTINELS', () => {
  it('is the target when set, with the master name', () => {
    expect(targetOf({ REDIS_SENTINELS: 's1:26379,s2:26379', REDIS_MASTER_NAME: 'board' })).toEqual({
      kind: 'sentinel',
      sentinel: {
        sentinels: [
          { host: 's1', port: 26379 },
          { host: 's2', port: 26379 },
        ],
        name: 'board',
      },
    });
    expect(() => load({ REDIS_SENTINELS: ',' })).toThrow('environment: REDIS_SENTINELS: no sentinel given');
  });
});
