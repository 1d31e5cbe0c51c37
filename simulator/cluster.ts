// `npm run cluster`: three server nodes behind HAProxy (deploy/haproxy.cfg) on one Redis, with
// simulated traffic, to try the board's high availability on one machine: open the printed link,
// kill -9 a node (its pid is printed) and watch the screens move to the others.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { createAccess } from '../server/auth/access.js';
import { ConfigError, loadConfig } from '../server/config.js';
import { silentLogger } from '../server/log.js';
import { runUntilSignalled } from '../server/main.js';
import { freePort, startPrivateRedis } from '../server/redis/private-redis.js';
import { stopChild, waitUntilReady } from './child-processes.js';
import { DEMO_ADMIN, ensureDemoAccess } from './demo-access.js';
import { spawnHaproxy } from './haproxy.js';
import { startSimulation } from './run-simulation.js';

const NODES = 3;

void runUntilSignalled(async () => {
  if (spawnSync('haproxy', ['-v']).error) {
    throw new ConfigError('npm run cluster needs HAProxy: apt-get install haproxy (Debian/Ubuntu) or brew install haproxy (macOS)');
  }
  const config = loadConfig({ env: process.env, cwd: process.cwd(), stdoutIsTTY: false });
  const dataDir = resolve(process.env['DATA_DIR'] ?? '.data', 'cluster');
  mkdirSync(dataDir, { recursive: true });
  const privateRedis = config.redisUrl ? null : await startPrivateRedis({ dataDir: resolve(dataDir, 'redis') });
  const redisUrl = config.redisUrl ?? privateRedis!.url;
  const children: ChildProcess[] = [];
  const stopAll = async () => {
    await Promise.all(children.map(stopChild));
    await privateRedis?.stop();
  };
  try {
    const nodes: { url: string; port: number; child: ChildProcess; log: string }[] = [];
    for (let i = 1; i <= NODES; i++) {
      const port = await freePort();
      const log = resolve(dataDir, `node${i}.log`);
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        // TRUST_PROXY: HAProxy on loopback tells each node a screen's own address (X-Forwarded-For).
        env: { ...process.env, REDIS_URL: redisUrl, PORT: String(port), HOST: '127.0.0.1', LOG_FORMAT: 'json', TRUST_PROXY: 'loopback' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const out = createWriteStream(log);
      child.stdout.pipe(out);
      child.stderr.pipe(out);
      children.push(child);
      const url = `http://127.0.0.1:${port}`;
      // One after the other: the first takes the lease, the others follow the stream.
      await waitUntilReady(child, url, `node${i}`, 60_000);
      nodes.push({ url, port, child, log });
    }
    const port = Number(process.env['PORT'] ?? 3000);
    const haproxy = spawnHaproxy(
      `${config.host === '0.0.0.0' ? '' : config.host}:${port}`,
      nodes.map((n) => `127.0.0.1:${n.port}`),
      ['ignore', 'ignore', 'pipe'],
    );
    haproxy.stderr!.pipe(createWriteStream(resolve(dataDir, 'haproxy.log')));
    children.push(haproxy);
    const url = `http://localhost:${port}`;
    await waitUntilReady(haproxy, url, 'haproxy', 60_000);

    const simulation = await startSimulation({
      redisUrl,
      streamKey: config.streams[0]!,
      scenario: 'normal-day',
      arrivalRate: { kind: 'profile', peakPerSec: 0.5 },
      agents: 200,
      backfillMs: 0,
      log: (line) => process.stdout.write(`[simulator] ${line}\n`),
    });
    const redis = new Redis(redisUrl);
    const demo = await ensureDemoAccess(await createAccess(redis, config.group, config.access, silentLogger, Date.now), url);
    redis.disconnect();
    process.stdout.write(
      `\n  Cluster: HAProxy at ${url} in front of ${NODES} nodes (logs in ${dataDir})\n` +
        nodes.map((n, i) => `    node${i + 1}  ${n.url}  pid ${n.child.pid}   (try: kill -9 ${n.child.pid})\n`).join('') +
        `  Wall TV (demo display): ${demo.displayLink}\n` +
        `  Team lead and admin: ${url}/login  user "${DEMO_ADMIN}"${demo.adminPassword ? `, one-time password ${demo.adminPassword}` : ' with the password you chose'}\n\n`,
    );
    return {
      stop: async () => {
        await simulation.stop();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
});
