// A Redis Cluster of three masters (no replicas) on loopback, each redis-server on a free port in
// a temporary directory, joined by `redis-cli --cluster create`, for the Cluster tests.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { freePort } from '../../server/redis/private-redis.js';
import { waitFor } from './redis.js';

export interface TestRedisCluster {
  /** REDIS_CLUSTER_NODES's value. */
  nodes: string;
  ports: number[];
  /** The port of the master that serves `key`'s slot. */
  portOf(key: string): Promise<number>;
  /** CLUSTER KEYSLOT of `key`. */
  slotOf(key: string): Promise<number>;
  stop(): Promise<void>;
}

function client(port: number): Redis {
  const redis = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  return redis;
}

async function ask<T>(port: number, command: (redis: Redis) => Promise<T>): Promise<T | null> {
  const redis = client(port);
  try {
    await redis.connect();
    return await command(redis);
  } catch {
    return null;
  } finally {
    redis.disconnect();
  }
}

export async function startRedisCluster(): Promise<TestRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'wb-redis-cluster-'));
  const ports = await Promise.all([freePort(), freePort(), freePort()]);
  const servers: { child: ChildProcess; exited: Promise<void> }[] = [];
  const stop = async () => {
    for (const { child, exited } of servers) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const port of ports) {
      // A directory each: every node writes its own nodes.conf.
      const nodeDir = join(dir, String(port));
      mkdirSync(nodeDir);
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', nodeDir, '--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'];
      const child = spawn('redis-server', [...args, '--appendonly', 'no', '--save', '', '--protected-mode', 'no'], { stdio: 'ignore' });
      servers.push({ child, exited: new Promise((r) => child.once('exit', () => r())) });
    }
    await waitFor(async () => (await Promise.all(ports.map((p) => ask(p, (r) => r.ping())))).every((a) => a === 'PONG'), 'the cluster nodes up');
    await promisify(execFile)('redis-cli', ['--cluster', 'create', ...ports.map((p) => `127.0.0.1:${p}`), '--cluster-replicas', '0', '--cluster-yes'], {
      timeout: 20_000,
    });
    await waitFor(
      async () => (await Promise.all(ports.map((p) => ask(p, (r) => r.cluster('INFO'))))).every((info) => info?.includes('cluster_state:ok')),
      'cluster_state:ok on every node',
      20_000,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  const slotOf = async (key: string) => Number(await ask(ports[0], (r) => r.cluster('KEYSLOT', key)));
  return {
    nodes: ports.map((p) => `127.0.0.1:${p}`).join(','),
    ports,
    slotOf,
    portOf: async (key) => {
      const slot = await slotOf(key);
      const ranges = (await ask(ports[0], (r) => r.cluster('SLOTS'))) as [number, number, [string, number, ...unknown[]], ...unknown[]][] | null;
      const owner = ranges?.find(([from, to]) => slot >= from && slot <= to);
      if (!owner) throw new Error(`no master serves slot ${slot}`);
      return owner[2][1];
    },
    stop,
  };
}
