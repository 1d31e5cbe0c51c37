// A Redis master, its replica and three sentinels (Debian's redis-server and redis-sentinel) on
// loopback, each on a free port in a temporary directory, for the failover tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from '../../server/redis/private-redis.js';
import { waitFor } from './redis.js';

export const MASTER_NAME = 'wallboard-test';

export interface SentinelSet {
  /** REDIS_SENTINELS's value. */
  sentinels: string;
  masterPort: number;
  replicaPort: number;
  /** Kills the current master's process (SIGKILL). */
  killMaster(): Promise<void>;
  /** The port the sentinels call master now. */
  masterPortNow(): Promise<number>;
  stop(): Promise<void>;
}

function run(binary: string, args: string[]): { child: ChildProcess; exited: Promise<void> } {
  const child = spawn(binary, args, { stdio: 'ignore' });
  return { child, exited: new Promise((r) => child.once('exit', () => r())) };
}

async function answers(port: number): Promise<boolean> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

export async function startSentinelSet(): Promise<SentinelSet> {
  const dir = mkdtempSync(join(tmpdir(), 'wb-sentinel-'));
  const [masterPort, replicaPort, ...sentinelPorts] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const common = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'no'];
  const servers = new Map<number, ReturnType<typeof run>>();
  // A directory each: a replica's full sync writes files a master beside it would share.
  const dirOf = (port: number) => {
    const d = join(dir, String(port));
    mkdirSync(d);
    return d;
  };
  servers.set(masterPort, run('redis-server', ['--port', String(masterPort), '--dir', dirOf(masterPort), ...common]));
  servers.set(replicaPort, run('redis-server', ['--port', String(replicaPort), '--dir', dirOf(replicaPort), '--replicaof', '127.0.0.1', String(masterPort), ...common]));
  await waitFor(async () => (await answers(masterPort)) && (await answers(replicaPort)), 'master and replica up');
  await waitFor(
    async () => {
      const client = new Redis({ port: replicaPort, host: '127.0.0.1' });
      try {
        return (await client.info('replication')).includes('master_link_status:up');
      } finally {
        client.disconnect();
      }
    },
    'the replica in sync',
    15_000,
  );
  const sentinels: ReturnType<typeof run>[] = [];
  for (const port of sentinelPorts) {
    const file = join(dir, `sentinel-${port}.conf`);
    writeFileSync(
      file,
      [
        `port ${port}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${masterPort} 2`,
        `sentinel down-after-milliseconds ${MASTER_NAME} 1000`,
        `sentinel failover-timeout ${MASTER_NAME} 5000`,
        `sentinel parallel-syncs ${MASTER_NAME} 1`,
      ].join('\n') + '\n',
    );
    sentinels.push(run('redis-sentinel', [file]));
  }
  await waitFor(async () => (await Promise.all(sentinelPorts.map(answers))).every(Boolean), 'the sentinels up');
  const ask = async (): Promise<number> => {
    const client = new Redis({ port: sentinelPorts[0], host: '127.0.0.1' });
    try {
      const [, port] = (await client.call('SENTINEL', 'get-master-addr-by-name', MASTER_NAME)) as [string, string];
      return Number(port);
    } finally {
      client.disconnect();
    }
  };
  // The sentinels have found the replica (and each other) before a failover can choose it.
  await waitFor(
    async () => {
      const client = new Redis({ port: sentinelPorts[0], host: '127.0.0.1' });
      try {
        const replicas = (await client.call('SENTINEL', 'replicas', MASTER_NAME)) as unknown[];
        return replicas.length === 1;
      } finally {
        client.disconnect();
      }
    },
    'the sentinels to know the replica',
    15_000,
  );
  return {
    sentinels: sentinelPorts.map((p) => `127.0.0.1:${p}`).join(','),
    masterPort: masterPort,
    replicaPort: replicaPort,
    masterPortNow: ask,
    killMaster: async () => {
      const server = servers.get(await ask())!;
      server.child.kill('SIGKILL');
      await server.exited;
    },
    stop: async () => {
      for (const p of [...sentinels, ...servers.values()]) {
        if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
        await p.exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
