// Runs the real server for tests: in-process (startTestServer) or as a child process that a
// test can kill at any instant (spawnServer).
import { spawn, type ChildProcess } from 'node:child_process';
import { hostname } from 'node:os';
import { io, type Socket } from 'socket.io-client';
import { loadConfig, type ServerConfig } from '../../server/config.js';
import { silentLogger, type Logger } from '../../server/log.js';
import { startServer, type RunningServer, type ServerRuntime } from '../../server/create-server.js';
import { leaseOwnerId } from '../../server/redis/lease.js';
import { freePort } from '../../server/redis/private-redis.js';
import { applyDelta, type Delta } from '../../server/contract/delta.js';
import type { ClientToServerEvents, ServerToClientEvents, SnapshotMessage } from '../../server/contract/protocol.js';
import type { Snapshot } from '../../server/contract/snapshot.js';
import type { View } from '../../server/contract/view.js';
import { waitFor } from './redis.js';

/** The admin token every test server accepts (WALLBOARD_ADMIN_TOKEN); the helpers below send it. */
export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';
/** The header a script sends with it. */
export const ADMIN_AUTH = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` } as const;

export function testConfig(redisUrl: string, overrides: Partial<ServerConfig> = {}): ServerConfig & { redisUrl: string } {
  const loaded = loadConfig({ env: { LOG_FORMAT: 'json', WALLBOARD_ADMIN_TOKEN: TEST_ADMIN_TOKEN }, cwd: process.cwd(), stdoutIsTTY: false });
  return {
    ...loaded,
    // Today's history record at the same brisk pace as the checkpoints, for the tests that read it.
    history: { ...loaded.history, writeIntervalMs: 100 },
    port: 0,
    host: '127.0.0.1',
    blockMs: 100,
    checkpointIntervalMs: 100,
    pushIntervalMs: 50,
    leaseMs: 2000,
    ...overrides,
    redisUrl,
  };
}

/** What main.ts would pass: the real clock, and a name that is this process's (each server its own). */
export function testRuntime(): ServerRuntime {
  return { now: Date.now, owner: leaseOwnerId(hostname(), process.pid), host: hostname(), pid: process.pid };
}

export async function startTestServer(redisUrl: string, overrides: Partial<ServerConfig> = {}, log: Logger = silentLogger): Promise<RunningServer> {
  return startServer(testConfig(redisUrl, overrides), log, testRuntime());
}

/** GET with the test admin token (or the headers given instead). */
export async function getJson<T = unknown>(url: string, headers: Record<string, string> = ADMIN_AUTH): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers });
  return { status: res.status, body: (await res.json()) as T };
}

export async function snapshotOf(baseUrl: string, query = ''): Promise<Snapshot> {
  const { status, body } = await getJson<Snapshot>(`${baseUrl}/api/v1/snapshot${query}`);
  if (status !== 200) throw new Error(`snapshot answered ${status}`);
  return body;
}

/** A real Socket.IO client that keeps a snapshot current from the server's deltas. */
export interface WallboardClient {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  current(): Snapshot | null;
  snapshots: SnapshotMessage[];
  deltas: Delta[];
  gaps: number;
  close(): void;
}

/** Connects with the test admin token, unless `auth` says otherwise (`{}` for none, `{ token }`, or extraHeaders for a cookie). */
export function connectClient(
  baseUrl: string,
  view: View = {},
  credential: { token?: string; cookie?: string } = { token: TEST_ADMIN_TOKEN },
  /** Reconnection pacing; the wallboard's own is 1000 ms (±50 %) doubling up to 5000. @default 100, up to 500 */
  reconnect: { delay: number; max: number } = { delay: 100, max: 500 },
): WallboardClient {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(baseUrl, {
    transports: ['websocket'],
    reconnectionDelay: reconnect.delay,
    reconnectionDelayMax: reconnect.max,
    auth: credential.token ? { token: credential.token } : {},
    extraHeaders: credential.cookie ? { cookie: credential.cookie } : {},
  });
  let seq = -1;
  let snapshot: Snapshot | null = null;
  const client: WallboardClient = {
    socket,
    current: () => snapshot,
    snapshots: [],
    deltas: [],
    gaps: 0,
    close: () => socket.close(),
  };
  socket.on('connect', () => socket.emit('subscribe', view));
  socket.on('snapshot', (message) => {
    client.snapshots.push(message);
    seq = message.seq;
    snapshot = message.snapshot;
  });
  socket.on('delta', (delta) => {
    client.deltas.push(delta);
    if (snapshot === null || delta.seq !== seq + 1) {
      client.gaps += 1;
      socket.emit('resync');
      return;
    }
    seq = delta.seq;
    snapshot = applyDelta(snapshot, delta);
  });
  return client;
}

export interface ChildServer {
  port: number;
  url: string;
  process: ChildProcess;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** The server as its own process (node --import tsx server/main.ts), ready when /readyz says so. */
export async function spawnServer(env: Record<string, string>, options: { waitReady?: boolean } = {}): Promise<ChildServer> {
  const port = await freePort();
  let out = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: process.cwd(),
    env: { ...process.env, LOG_FORMAT: 'json', PORT: String(port), HOST: '127.0.0.1', WALLBOARD_ADMIN_TOKEN: TEST_ADMIN_TOKEN, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: ChildServer = {
    port,
    url: `http://127.0.0.1:${port}`,
    process: child,
    output: () => out,
    kill: async (signal = 'SIGKILL') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  if (options.waitReady ?? true) {
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${out}`);
        return (await fetch(`${server.url}/readyz`)).status === 200;
      },
      'the server to be ready',
      20_000,
    ).catch((error: Error) => {
      child.kill('SIGKILL');
      throw new Error(`${error.message}\n--- server output ---\n${out}`);
    });
  }
  return server;
}
