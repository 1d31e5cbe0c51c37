// npm run bench:views: what views cost the server. Starts a private Redis and the server as its
// own process, feeds it steady simulated traffic, and connects light Socket.IO clients from two
// child processes (view-clients.ts): first all on the whole-floor view, then each on a view of
// its own. For both it prints the server's CPU (% of one core), the deltas each client receives
// per second, and how long a push takes (wall time, from the server's debug line "pushed"; and
// the server's CPU time divided by its pushes, steadier when the machine is busy). Figures vary
// on a shared machine: it repeats the whole run (--runs) and prints the medians.
//
//   npm run bench:views -- [--clients 1000] [--seconds 15] [--rate 100] [--runs 3]
//
// BENCH_SERVER_DIR runs the server from another checkout (an older build, to compare); a
// server from before the caps on views and connections is given no cap settings.
// The server gets the tests' admin token (WALLBOARD_ADMIN_TOKEN); the clients send it.
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import type { ManagerOptions, SocketOptions } from 'socket.io-client';
import { viewKey, type View } from '../../server/contract/view.js';
import { freePort, startPrivateRedis } from '../../server/redis/private-redis.js';
import { createLoadGenerator } from '../../simulator/load/load-generator.js';
import { cpuPercent, sampleProcess } from '../../simulator/load/stack.js';
import { snapshotOf, TEST_ADMIN_TOKEN } from '../support/server.js';
import { waitFor } from '../support/redis.js';
import type { ClientsReport, FromClients, ToClients } from './view-clients.js';

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    seconds: { type: 'string', default: '15' },
    rate: { type: 'string', default: '100' },
    runs: { type: 'string', default: '3' },
    agents: { type: 'string', default: '300' },
  },
});
const CLIENTS = Number(values.clients);
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const RUNS = Number(values.runs);
const AGENTS = Number(values.agents);
const WORKERS = 2;
const STREAM = 'wallboard:events';
const serverDir = resolve(process.env['BENCH_SERVER_DIR'] ?? process.cwd());
/** The admin token the server is started with and the clients and the floor's reads send. */
const token = TEST_ADMIN_TOKEN;
/** Extra node flags for the server, e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to see where a push goes. */
const nodeArgs = (process.env['BENCH_SERVER_NODE_ARGS'] ?? '').split(' ').filter(Boolean);

/** The connect options of every bench client: where a credential goes once the server asks for one. */
function clientOptions(): Partial<ManagerOptions & SocketOptions> {
  return { transports: ['websocket'], reconnectionDelay: 200, auth: { token } };
}

interface Phase {
  serverCpu: number;
  deltasPerClientPerSec: number;
  pushMsMedian: number;
  pushMsP95: number;
  pushesPerSec: number;
  /** Server CPU time per push (ingest included): steadier than the push's wall time on a busy machine. */
  cpuMsPerPush: number;
  clientsCpu: number[];
  gaps: number;
  refused: number;
}

const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const p95 = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.max(0, Math.ceil(0.95 * xs.length) - 1)] ?? NaN;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Distinct views a floor could have: sets of its queues, each alone and with a team, with and without detail. */
function distinctViews(queues: string[], teams: string[], count: number): View[] {
  const out = new Map<string, View>();
  const subsets = Array.from({ length: 2 ** Math.min(queues.length, 10) - 1 }, (_, m) => queues.filter((_, j) => (m + 1) & (1 << j)));
  for (let i = 0; out.size < count && i < count * 4; i++) {
    const subset = subsets[i % subsets.length]!;
    const team = Math.floor(i / subsets.length) % (teams.length + 1);
    const view: View = { queues: subset, detail: Math.floor(i / (subsets.length * (teams.length + 1))) % 2 === 1 };
    if (team > 0) view.team = teams[team - 1]!;
    out.set(viewKey(view), view);
  }
  // A floor too small for that many: queues nobody serves make up the rest.
  for (let i = 0; out.size < count; i++) out.set(`x${i}`, { queues: [`spare-${i}`] });
  return [...out.values()].slice(0, count);
}

class Workers {
  private readonly children: ChildProcess[] = [];
  private readonly inbox: FromClients[][] = [];

  constructor() {
    for (let i = 0; i < WORKERS; i++) {
      const child = fork(join(import.meta.dirname, 'view-clients.ts'), [], { execArgv: ['--import', 'tsx'] });
      this.inbox.push([]);
      child.on('message', (m: FromClients) => this.inbox[i]!.push(m));
      this.children.push(child);
    }
  }

  /** Sends each worker its message and waits for every worker's answer of `reply` type. */
  async ask<T extends FromClients['type']>(messages: (i: number) => ToClients, reply: T, timeoutMs = 60_000): Promise<Extract<FromClients, { type: T }>[]> {
    this.children.forEach((c, i) => c.send(messages(i)));
    const out: Extract<FromClients, { type: T }>[] = [];
    for (let i = 0; i < this.children.length; i++) {
      await waitFor(() => this.inbox[i]!.some((m) => m.type === reply), `clients ${i}: ${reply}`, timeoutMs);
      const at = this.inbox[i]!.findIndex((m) => m.type === reply);
      out.push(this.inbox[i]!.splice(at, 1)[0] as Extract<FromClients, { type: T }>);
    }
    return out;
  }

  tell(message: ToClients): void {
    for (const c of this.children) c.send(message);
  }

  close(): void {
    for (const c of this.children) if (c.connected) c.send({ type: 'close' } satisfies ToClients);
  }
}

async function run(runIndex: number): Promise<{ one: Phase; distinct: Phase }> {
  const dir = mkdtempSync(join(tmpdir(), 'wb-bench-views-'));
  const redisServer = await startPrivateRedis({ dataDir: dir, persist: false });
  const redis = new Redis(redisServer.url);
  // Caps high enough for the bench's own clients (all from 127.0.0.1) and views.
  const withCaps = existsSync(join(serverDir, 'server/realtime/address-cap.ts'));
  const configFile = join(dir, 'bench.config.json');
  writeFileSync(configFile, JSON.stringify(withCaps ? { socket: { maxViews: CLIENTS * 2, maxConnectionsPerAddress: CLIENTS * 2 } } : {}));
  const port = await freePort();
  const server = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      REDIS_URL: redisServer.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'debug',
      CONFIG_FILE: configFile,
      WALLBOARD_ADMIN_TOKEN: token,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pushes: { at: number; ms: number }[] = [];
  createInterface({ input: server.stdout }).on('line', (line) => {
    if (!line.includes('"pushed"')) return;
    const { ms } = JSON.parse(line) as { ms: number };
    pushes.push({ at: Date.now(), ms });
  });
  const url = `http://127.0.0.1:${port}`;
  const workers = new Workers();
  const generator = createLoadGenerator(redis, STREAM, AGENTS, runIndex + 1);
  let feeding = true;
  try {
    await waitFor(async () => (await fetch(`${url}/readyz`).catch(() => null))?.status === 200, 'the server to be ready', 60_000);
    // A floor with some history, then steady traffic in tenths of a second.
    await generator.write(20_000);
    const feed = (async () => {
      const began = Date.now();
      let sent = 0;
      while (feeding) {
        const due = Math.floor((RATE * (Date.now() - began)) / 1000) - sent;
        if (due > 0) await generator.write(due);
        sent += Math.max(0, due);
        await sleep(100);
      }
    })();
    await waitFor(async () => (await snapshotOf(url)).ingest.applied >= 20_000, 'the history to be applied', 60_000);
    const floor = await snapshotOf(url);
    const views = distinctViews(
      floor.queues.map((q) => q.id),
      floor.teams,
      CLIENTS,
    );
    const per = Math.ceil(CLIENTS / WORKERS);
    await workers.ask((i) => ({ type: 'connect', url, count: Math.min(per, CLIENTS - i * per), options: clientOptions() }), 'connected', 120_000);

    const phase = async (assign: (i: number) => View[]): Promise<Phase> => {
      await workers.ask((i) => ({ type: 'subscribe', views: assign(i) }), 'subscribed', 120_000);
      await sleep(3000);
      workers.tell({ type: 'measure' });
      const from = sampleProcess(server.pid!)!;
      const pushesFrom = Date.now();
      await sleep(SECONDS * 1000);
      const to = sampleProcess(server.pid!)!;
      const reports = (await workers.ask(() => ({ type: 'report' }), 'report')).map((r) => r.report);
      const window = pushes.filter((p) => p.at >= pushesFrom).map((p) => p.ms);
      const sum = (f: (r: ClientsReport) => number) => reports.reduce((n, r) => n + f(r), 0);
      return {
        serverCpu: cpuPercent(from, to),
        deltasPerClientPerSec: sum((r) => r.deltas) / CLIENTS / SECONDS,
        pushMsMedian: median(window),
        pushMsP95: p95(window),
        pushesPerSec: window.length / SECONDS,
        cpuMsPerPush: window.length > 0 ? (cpuPercent(from, to) * 10 * SECONDS) / window.length : NaN,
        clientsCpu: reports.map((r) => (r.cpuMs / r.ms) * 100),
        gaps: sum((r) => r.gaps),
        refused: sum((r) => r.refused),
      };
    };
    const one = await phase(() => [{}]);
    const distinct = await phase((i) => views.slice(i * per, (i + 1) * per));
    feeding = false;
    await feed;
    return { one, distinct };
  } finally {
    feeding = false;
    workers.close();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    redis.disconnect();
    await redisServer.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function line(name: string, p: Phase): string {
  return (
    `${name.padEnd(18)} server CPU ${p.serverCpu.toFixed(0).padStart(3)} %   deltas/s per client ${p.deltasPerClientPerSec.toFixed(2).padStart(5)}   ` +
    `push ${p.pushMsMedian.toFixed(1)} ms (p95 ${p.pushMsP95.toFixed(1)}, ${p.pushesPerSec.toFixed(1)}/s, CPU ${p.cpuMsPerPush.toFixed(0)} ms a push)   clients CPU ${p.clientsCpu.map((c) => c.toFixed(0)).join(' + ')} %   gaps ${p.gaps} refused ${p.refused}`
  );
}

const results: { one: Phase; distinct: Phase }[] = [];
console.log(`bench:views: ${CLIENTS} clients, ${RATE} events/s, ${AGENTS} agents, ${SECONDS} s a phase, ${RUNS} runs; server from ${serverDir}`);
for (let r = 0; r < RUNS; r++) {
  const result = await run(r);
  results.push(result);
  console.log(`run ${r + 1}`);
  console.log(line('  one view', result.one));
  console.log(line('  distinct views', result.distinct));
}
const med = (pick: (r: { one: Phase; distinct: Phase }) => Phase): Phase => {
  const phases = results.map(pick);
  const m = (f: (p: Phase) => number) => median(phases.map(f));
  return {
    serverCpu: m((p) => p.serverCpu),
    deltasPerClientPerSec: m((p) => p.deltasPerClientPerSec),
    pushMsMedian: m((p) => p.pushMsMedian),
    pushMsP95: m((p) => p.pushMsP95),
    pushesPerSec: m((p) => p.pushesPerSec),
    cpuMsPerPush: m((p) => p.cpuMsPerPush),
    clientsCpu: phases[0]!.clientsCpu.map((_, i) => median(phases.map((p) => p.clientsCpu[i]!))),
    gaps: m((p) => p.gaps),
    refused: m((p) => p.refused),
  };
};
console.log(`median of ${RUNS}`);
console.log(
  line(
    '  one view',
    med((r) => r.one),
  ),
);
console.log(
  line(
    '  distinct views',
    med((r) => r.distinct),
  ),
);
