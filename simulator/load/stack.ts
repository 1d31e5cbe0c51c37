// The stack under test, started from scratch on loopback: a private redis-server in a temp
// directory, and one server process, or three behind HAProxy with the repo's deploy/haproxy.cfg
// (node --import tsx server/main.ts, so each pid is the server's own and /proc tells its CPU and
// memory).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { freePort, startPrivateRedis, type PrivateRedis } from '../../server/redis/private-redis.js';
import { keys } from '../../server/redis/keys.js';
import { stopChild, waitUntilReady } from '../child-processes.js';
import { spawnHaproxy } from '../haproxy.js';

export interface StackNode {
  url: string;
  pid: number;
  /** True until it exits. */
  alive(): boolean;
  /** kill -9, as a crash would. */
  kill(): Promise<void>;
  /** The node's last log lines, for error reports. */
  log(): string[];
}

export interface Stack {
  redis: PrivateRedis;
  /** Where screens connect: HAProxy in front of the nodes, or the one node. */
  url: string;
  /** The admin token the nodes were started with (WALLBOARD_ADMIN_TOKEN). */
  token: string;
  nodes: StackNode[];
  /** HAProxy's pid when there is more than one node. */
  haproxyPid: number | null;
  /** The node holding the consumer group's lease now, if one does. */
  leaseHolder(): Promise<StackNode | null>;
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Repository root (where server/main.ts is). */
  cwd: string;
  log: (line: string) => void;
  /** Server processes; more than one are put behind HAProxy (deploy/haproxy.cfg). @default 1 */
  nodes?: number;
  /** How long each node may take to become ready. @default 60000 */
  readyTimeoutMs?: number;
  /** Extra environment for every node (e.g. CONFIG_FILE). @default {} */
  env?: Record<string, string>;
  /** Extra Node flags for every node (e.g. --cpu-prof, which NODE_OPTIONS refuses). @default [] */
  nodeFlags?: string[];
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wb-bench-'));
  const redis = await startPrivateRedis({ dataDir, persist: false });
  const token = randomBytes(24).toString('hex');
  const count = options.nodes ?? 1;
  const children: ChildProcess[] = [];
  const nodes: StackNode[] = [];
  const cleanup = async () => {
    await Promise.all(children.map(stopChild));
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const env: Record<string, string> = {
        REDIS_URL: redis.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_FORMAT: 'json',
        LOG_LEVEL: 'warn',
        WALLBOARD_ADMIN_TOKEN: token,
        ...options.env,
      };
      // Behind HAProxy a screen's address comes from X-Forwarded-For, which only the proxy on loopback may set.
      if (count > 1) env['TRUST_PROXY'] = 'loopback';
      const { node, child } = await startNode(options, `http://127.0.0.1:${port}`, env);
      children.push(child);
      nodes.push(node);
    }
    let url = nodes[0]!.url;
    let haproxyPid: number | null = null;
    if (count > 1) {
      const port = await freePort();
      const child = spawnHaproxy(
        `127.0.0.1:${port}`,
        nodes.map((n) => new URL(n.url).host),
        ['ignore', 'ignore', 'inherit'],
        options.cwd,
      );
      children.push(child);
      url = `http://127.0.0.1:${port}`;
      haproxyPid = child.pid!;
      await waitUntilReady(child, url, 'HAProxy', options.readyTimeoutMs ?? 60_000);
    }
    options.log(`stack up: redis ${redis.url}, ${count} node(s) ${nodes.map((n) => `${n.url} (pid ${n.pid})`).join(', ')}${haproxyPid ? `, HAProxy ${url}` : ''}`);
    const admin = new Redis(redis.url);
    return {
      redis,
      url,
      token,
      nodes,
      haproxyPid,
      async leaseHolder() {
        const holder = await admin.get(keys.lease('wallboard'));
        const pid = holder ? Number(holder.split('/')[1]) : NaN;
        return nodes.find((n) => n.pid === pid) ?? null;
      },
      stop: async () => {
        admin.disconnect();
        await cleanup();
      },
    };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function startNode(options: StackOptions, url: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [...(options.nodeFlags ?? []), '--import', 'tsx', 'server/main.ts'], {
    cwd: options.cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > 200) lines.shift();
  };
  createInterface({ input: child.stdout }).on('line', keep);
  createInterface({ input: child.stderr }).on('line', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await waitUntilReady(child, url, 'the server', options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- server output ---\n${lines.slice(-30).join('\n')}`, { cause: error });
  }
  const node: StackNode = {
    url,
    pid: child.pid!,
    alive: () => child.exitCode === null && child.signalCode === null,
    kill: async () => {
      if (node.alive()) child.kill('SIGKILL');
      await exited;
    },
    log: () => lines.slice(),
  };
  return { node, child };
}

/** CPU seconds used so far and resident memory of a process, from /proc. */
export interface ProcessSample {
  atMs: number;
  cpuSeconds: number;
  rssBytes: number;
}

let clockTicks: number | null = null;

export function sampleProcess(pid: number): ProcessSample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after "pid (comm) ": state is the first, utime the 12th, stime the 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    clockTicks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
    const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / clockTicks;
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { atMs: Date.now(), cpuSeconds, rssBytes: rss ? Number(rss[1]) * 1024 : 0 };
  } catch {
    return null; // not Linux, or the process is gone
  }
}

/** CPU use between two samples, in per cent of one core. */
export function cpuPercent(from: ProcessSample, to: ProcessSample): number {
  return ((to.cpuSeconds - from.cpuSeconds) / Math.max(0.001, (to.atMs - from.atMs) / 1000)) * 100;
}
