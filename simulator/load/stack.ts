// The stack under test, started from scratch on loopback: a private redis-server in a temp
// directory, and the server as its own process (node --import tsx server/main.ts, so the pid
// is the server's own and /proc tells its CPU and memory).
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { freePort, startPrivateRedis, type PrivateRedis } from '../../server/redis/private-redis.js';

export interface Stack {
  redis: PrivateRedis;
  serverUrl: string;
  /** The admin token the server was started with (WALLBOARD_ADMIN_TOKEN): the clients' credential. */
  token: string;
  serverPid: number;
  /** The server's last log lines, for error reports. */
  serverLog(): string[];
  stop(): Promise<void>;
}

export interface StackOptions {
  /** Repository root (where server/main.ts is). */
  cwd: string;
  log: (line: string) => void;
  /** How long the server may take to become ready. @default 60000 */
  readyTimeoutMs?: number;
}

export async function startStack(options: StackOptions): Promise<Stack> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wb-bench-'));
  const redis = await startPrivateRedis({ dataDir, persist: false });
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: options.cwd,
    env: { ...process.env, REDIS_URL: redis.url, PORT: String(port), HOST: '127.0.0.1', LOG_FORMAT: 'json', WALLBOARD_ADMIN_TOKEN: token },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let listening = false;
  const keep = (line: string) => {
    lines.push(line);
    if (lines.length > 200) lines.shift();
  };
  createInterface({ input: child.stdout }).on('line', (line) => {
    keep(line);
    try {
      if ((JSON.parse(line) as { msg?: string }).msg === 'listening') listening = true;
    } catch {
      // not JSON: kept for the report all the same
    }
  });
  createInterface({ input: child.stderr }).on('line', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const serverUrl = `http://127.0.0.1:${port}`;
  const cleanup = async () => {
    await stopChild(child, exited);
    await redis.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(child, serverUrl, () => listening, options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await cleanup();
    throw new Error(`${(error as Error).message}\n--- server output ---\n${lines.slice(-30).join('\n')}`, { cause: error });
  }
  options.log(`stack up: redis ${redis.url}, server ${serverUrl} (pid ${child.pid})`);
  return { redis, serverUrl, token, serverPid: child.pid!, serverLog: () => lines.slice(), stop: cleanup };
}

async function waitUntilReady(child: ChildProcess, url: string, listening: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode} while starting`);
    if (listening()) {
      try {
        if ((await fetch(`${url}/readyz`)).status === 200) return;
      } catch {
        // not accepting connections yet
      }
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the server was not ready (GET /readyz = 200) within ${timeoutMs / 1000} s`);
}

async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
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
