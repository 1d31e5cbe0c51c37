// Starts and owns a private redis-server: used by the server when REDIS_URL is unset, and by
// the tests (each suite gets its own on a free port). Append-only persistence with an fsync
// every second by default, so a machine that loses power loses at most a second of the stream.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';

export interface PrivateRedisOptions {
  /** Directory for the append-only file and dumps; created when missing. */
  dataDir: string;
  /** Port to listen on; a free one when 0. @default 0 */
  port?: number;
  /** The redis-server binary. @default "redis-server" */
  binary?: string;
  /** Persist with appendonly; off for throwaway test servers. @default true */
  persist?: boolean;
  /** When the append-only file is fsynced: "always" makes every write durable before its reply. @default "everysec" */
  appendfsync?: AppendFsync;
}

export type AppendFsync = 'always' | 'everysec' | 'no';

export interface PrivateRedis {
  url: string;
  port: number;
  dataDir: string;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s) and waits for it to exit. */
  stop(): Promise<void>;
  /** Kills the server at once, as a crash would. */
  kill(): Promise<void>;
}

export class RedisBinaryMissingError extends Error {
  override name = 'RedisBinaryMissingError';
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}

function checkBinary(binary: string): void {
  const probe = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new RedisBinaryMissingError(
      `Cannot run "${binary}": REDIS_URL is unset, so the server starts a private Redis, and that needs ` +
        `the redis-server binary (Debian/Ubuntu: "apt-get install redis-server", macOS: "brew install redis"). ` +
        `Or set REDIS_URL to an existing Redis 6.2 or newer.`,
    );
  }
}

export async function startPrivateRedis(options: PrivateRedisOptions): Promise<PrivateRedis> {
  const binary = options.binary ?? 'redis-server';
  checkBinary(binary);
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  await stopOrphan(dataDir);
  const port = options.port || (await freePort());
  const persist = options.persist ?? true;
  const args = [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--dir',
    dataDir,
    '--save',
    '',
    '--appendonly',
    persist ? 'yes' : 'no',
    '--appendfsync',
    options.appendfsync ?? 'everysec',
    '--protected-mode',
    'yes',
    '--loglevel',
    'warning',
    '--pidfile',
    resolve(dataDir, 'redis.pid'),
    '--daemonize',
    'no',
  ];
  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));

  await waitForPort(port, child, () => output);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    dataDir,
    stop: () => stopWith('SIGTERM'),
    kill: () => stopWith('SIGKILL'),
  };
}

/** The process of a private redis-server running on this data directory, if one is. */
function runningPid(dataDir: string): number | null {
  const pidFile = resolve(dataDir, 'redis.pid');
  if (!existsSync(pidFile)) return null;
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!(pid > 0)) return null;
  try {
    process.kill(pid, 0);
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server') ? pid : null;
  } catch {
    return null;
  }
}

/**
 * The URL of the private redis-server a running server started on this data directory (read from
 * its command line), so a command-line tool works on the same data while the server runs.
 */
export function runningPrivateRedisUrl(dataDir: string): string | null {
  const pid = runningPid(resolve(dataDir));
  if (pid === null) return null;
  const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  const port = args[args.indexOf('--port') + 1];
  return port && /^\d+$/.test(port) ? `redis://127.0.0.1:${port}` : null;
}

/**
 * A server killed with SIGKILL leaves its redis-server running; two servers on one append-only
 * file would corrupt it, so an orphan found through the pidfile is stopped first.
 */
async function stopOrphan(dataDir: string): Promise<void> {
  const pidFile = resolve(dataDir, 'redis.pid');
  const pid = runningPid(dataDir);
  const alive = () => runningPid(dataDir) === pid;
  if (pid !== null) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 5000;
    while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (alive()) process.kill(pid, 'SIGKILL');
  }
  rmSync(pidFile, { force: true });
}

async function waitForPort(port: number, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with code ${child.exitCode}: ${output().trim()}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not listen on port ${port} within 10 s: ${output().trim()}`);
}

async function canConnect(port: number): Promise<boolean> {
  const { connect } = await import('node:net');
  return new Promise((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.once('error', () => done(false));
  });
}
