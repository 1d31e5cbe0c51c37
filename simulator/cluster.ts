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
import { DEMO_ADMIN, ensureDemoAccess } from './demo-access.js';
import { startSimulation } from './run-simulation.js';

const NODES = 3;

async function ready(url: string, child: ChildProcess, what: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${what} exited with code ${child.exitCode} (see its log)`);
    try {
      if ((await fetch(`${url}/readyz`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} was not ready within 60 s`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  return exited.finally(() => clearTimeout(timer));
}

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
      await ready(url, child, `node${i}`);
      nodes.push({ url, port, child, log });
    }
    const port = Number(process.env['PORT'] ?? 3000);
    const haproxy = spawn('haproxy', ['-W', '-db', '-f', 'deploy/haproxy.cfg'], {
      env: {
        ...process.env,
        WB_BIND: `${config.host === '0.0.0.0' ? '' : config.host}:${port}`,
        ...Object.fromEntries(nodes.map((n, i) => [`WB_NODE${i + 1}`, `127.0.0.1:${n.port}`])),
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    haproxy.stderr.pipe(createWriteStream(resolve(dataDir, 'haproxy.log')));
    children.push(haproxy);
    const url = `http://localhost:${port}`;
    await ready(url, haproxy, 'haproxy');

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
