// The load test's screens: thousands of bare screens spread over several worker processes
// (screen-worker.ts), so the side that measures is never what limits the measurement. Each
// worker's CPU is reported with the figures, to show it.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Collected, OpenOrder, WorkerOrder, WorkerReport } from './screen-worker.js';

export interface FleetOptions {
  url: string;
  cookie: string | null;
  token: string | null;
  screens: number;
  workers: number;
  /** Loopback source addresses per worker, each holding at most this many screens (the server's per-address cap is 200). */
  screensPerAddress: number;
  rampMs: number;
}

/** What every worker collected, summed: a worker's Collected with the busiest worker's CPU and the laggiest one's loop delay in place of its own. */
export type FleetCollection = Omit<Collected, 'type' | 'cpuMs' | 'loopLagP99Ms'> & {
  /** CPU of the busiest worker since the last collection, ms. */
  maxWorkerCpuMs: number;
  /** The highest of the workers' event-loop delay p99 since the last collection, ms. */
  maxWorkerLagMs: number;
};

export interface ScreenFleet {
  readonly pids: number[];
  /** Resolves when every screen has its first snapshot; rejects after `timeoutMs`. */
  ready(timeoutMs: number): Promise<void>;
  collect(): Promise<FleetCollection>;
  /** Every screen loses its connection at once. */
  drop(): void;
  close(): Promise<void>;
}

const WORKER = fileURLToPath(new URL('./screen-worker.ts', import.meta.url));

export function startScreenFleet(options: FleetOptions): ScreenFleet {
  const workers: { child: ChildProcess; ready: number; pending: ((c: Collected) => void)[] }[] = [];
  let nextAddress = 0;
  for (let w = 0; w < options.workers; w++) {
    const screens = Math.floor(options.screens / options.workers) + (w < options.screens % options.workers ? 1 : 0);
    if (screens === 0) continue;
    const addresses: string[] = [];
    for (let n = 0; n < Math.ceil(screens / options.screensPerAddress); n++) addresses.push(`127.0.${Math.floor(nextAddress / 250)}.${(nextAddress++ % 250) + 2}`);
    const child = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const worker = { child, ready: 0, pending: [] as ((c: Collected) => void)[] };
    child.on('message', (report: WorkerReport) => {
      if (report.type === 'progress') worker.ready = report.ready;
      else worker.pending.shift()?.(report);
    });
    const order: OpenOrder = { type: 'open', url: options.url, cookie: options.cookie, token: options.token, screens, addresses, rampMs: options.rampMs };
    child.send(order);
    workers.push(worker);
  }
  const tell = (order: WorkerOrder) => {
    for (const { child } of workers) if (child.connected) child.send(order);
  };
  return {
    pids: workers.map((w) => w.child.pid!),
    async ready(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const ready = workers.reduce((n, w) => n + w.ready, 0);
        if (ready >= options.screens) return;
        if (Date.now() > deadline) throw new Error(`${ready} of ${options.screens} screens had a snapshot after ${timeoutMs / 1000} s`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async collect() {
      const parts = await Promise.all(
        workers.map(
          (w) =>
            new Promise<Collected>((resolve) => {
              w.pending.push(resolve);
              w.child.send({ type: 'collect' } satisfies WorkerOrder);
            }),
        ),
      );
      const lostReasons: Record<string, number> = {};
      for (const part of parts) for (const [reason, n] of Object.entries(part.lostReasons)) lostReasons[reason] = (lostReasons[reason] ?? 0) + n;
      return {
        moves: parts.flatMap((p) => p.moves),
        deltas: sum(parts.map((p) => p.deltas)),
        missed: sum(parts.map((p) => p.missed)),
        snapshots: sum(parts.map((p) => p.snapshots)),
        lostNow: sum(parts.map((p) => p.lostNow)),
        recoveries: parts.flatMap((p) => p.recoveries),
        lastRecoveredAt: parts.reduce<number | null>(
          (max, p) => (p.lastRecoveredAt !== null && (max === null || p.lastRecoveredAt > max) ? p.lastRecoveredAt : max),
          null,
        ),
        lostReasons,
        fanout: parts[0]!.fanout.map((_, i) => sum(parts.map((p) => p.fanout[i]!))),
        maxWorkerCpuMs: Math.max(0, ...parts.map((p) => p.cpuMs)),
        maxWorkerLagMs: Math.max(0, ...parts.map((p) => p.loopLagP99Ms)),
      };
    },
    drop: () => tell({ type: 'drop' }),
    async close() {
      await Promise.all(
        workers.map(
          ({ child }) =>
            new Promise<void>((resolve) => {
              if (child.exitCode !== null) return resolve();
              const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
              child.once('exit', () => {
                clearTimeout(timer);
                resolve();
              });
              if (child.connected) child.send({ type: 'close' } satisfies WorkerOrder);
              else child.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
