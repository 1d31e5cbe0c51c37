// npm run bench:ingest-http: throughput of POST /api/v1/events, printed as figures (not a test).
//
// A private Redis and the real server, the server in a child process so that the harness's own
// CPU (building requests, reading replies) is not the server's. A few clients post pre-built
// batches of 100 or 500 events (a hotline mix, in the contract's string form) as fast as the server
// answers, for BENCH_SECONDS; events accepted per second, median of BENCH_RUNS runs, with the CPU
// time the server, Redis and the harness spent, so a reader can see which one was the limit.
// The rate limits are raised so they do not cap the figure, but they still run on every request.
// The server also consumes what it ingests (that is the deployment); between runs it catches up
// and the stream is trimmed, so one run's backlog does not weigh on the next.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { encode } from '../../server/core/events.js';
import { startPrivateRedis } from '../../server/redis/private-redis.js';
import { waitFor } from '../support/redis.js';
import { spawnServer, type ChildServer } from '../support/server.js';
import { trafficBatch } from '../support/traffic.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const CLIENTS = Number(process.env['BENCH_CLIENTS'] ?? 4);
const TOKEN = 'bench-ingest-token-0123456789abcdef';
const STREAM = 'bench:http-ingest';

/** Distinct pre-serialised bodies of `size` events each; the harness only sends them. */
function bodies(size: number, count: number): string[] {
  const events: Record<string, string>[] = [];
  const now = Date.now();
  for (let b = 0; events.length < size * count; b++) for (const e of trafficBatch(b, now)) events.push(encode(e));
  return Array.from({ length: count }, (_, i) => JSON.stringify(events.slice(i * size, (i + 1) * size)));
}

const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });

function post(port: number, body: string, key: string | null): Promise<{ status: number; accepted: number }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      authorization: `Bearer ${TOKEN}`,
    };
    if (key) headers['idempotency-key'] = key;
    const req = request({ host: '127.0.0.1', port, path: '/api/v1/events', method: 'POST', agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const parsed = JSON.parse(Buffer.concat(chunks).toString()) as { accepted?: number };
        resolve({ status: res.statusCode ?? 0, accepted: parsed.accepted ?? 0 });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** CPU seconds (user + system) a process has used, from /proc. */
function cpuOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100 on Linux)
}

async function redisCpu(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  const get = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
  return get('used_cpu_sys') + get('used_cpu_user');
}

interface RunResult {
  eventsPerSecond: number;
  requests: number;
  refused: number;
  serverCpu: number;
  redisCpu: number;
  harnessCpu: number;
  seconds: number;
}

async function run(server: ChildServer, redis: Redis, list: string[], withKeys: boolean, label: string): Promise<RunResult> {
  await waitFor(async () => (await fetch(`${server.url}/readyz`)).status === 200, 'the server to catch up', 120_000);
  await redis.xtrim(STREAM, 'MAXLEN', 0);
  const cpu0 = { server: cpuOf(server.process.pid!), redis: await redisCpu(redis), harness: process.cpuUsage() };
  const started = performance.now();
  const until = started + SECONDS * 1000;
  let accepted = 0;
  let requests = 0;
  let refused = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      while (performance.now() < until) {
        const i = next++;
        const reply = await post(server.port, list[i % list.length]!, withKeys ? `${label}-${client}-${i}` : null);
        requests += 1;
        if (reply.status === 200) accepted += reply.accepted;
        else refused += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const harness = process.cpuUsage(cpu0.harness);
  return {
    eventsPerSecond: accepted / seconds,
    requests,
    refused,
    seconds,
    serverCpu: cpuOf(server.process.pid!) - cpu0.server,
    redisCpu: (await redisCpu(redis)) - cpu0.redis,
    harnessCpu: (harness.user + harness.system) / 1e6,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (cpu: number, seconds: number) => `${cpu.toFixed(1)} s (${Math.round((100 * cpu) / seconds)} % of a core)`;

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wb-bench-http-'));
  const own = await startPrivateRedis({ dataDir, persist: false });
  const redis = new Redis(own.url);
  const configFile = join(dataDir, 'wallboard.config.json');
  writeFileSync(configFile, JSON.stringify({ ingest: { http: { rate: { requestsPerSecond: 1_000_000, eventsPerSecond: 100_000_000 } } } }));
  const server = await spawnServer({
    REDIS_URL: own.url,
    STREAM_KEYS: STREAM,
    CONSUMER_GROUP: 'bench-http',
    WALLBOARD_INGEST_TOKEN: TOKEN,
    CONFIG_FILE: configFile,
    LOG_LEVEL: 'warn',
  });
  console.log(
    `bench:ingest-http: node ${process.version}, ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at start; ${CLIENTS} clients, ${SECONDS} s a run, median of ${RUNS}. A shared machine: compare medians, not single runs.`,
  );
  try {
    const cases: [string, number, boolean][] = [
      ['100 events/request', 100, false],
      ['500 events/request', 500, false],
      ['100 events/request + Idempotency-Key', 100, true],
    ];
    for (const [label, size, withKeys] of cases) {
      const list = bodies(size, Math.ceil(20_000 / size));
      const results: RunResult[] = [];
      for (let r = 0; r < RUNS; r++) {
        const result = await run(server, redis, list, withKeys, `${size}-${r}`);
        results.push(result);
        console.log(
          `  ${label} run ${r + 1}: ${Math.round(result.eventsPerSecond)} events/s, ${result.requests} requests (${result.refused} refused); ` +
            `CPU server ${pct(result.serverCpu, result.seconds)}, redis ${pct(result.redisCpu, result.seconds)}, harness ${pct(result.harnessCpu, result.seconds)}`,
        );
      }
      const m = results.find((x) => x.eventsPerSecond === median(results.map((y) => y.eventsPerSecond)))!;
      console.log(
        `${label}: median ${Math.round(m.eventsPerSecond)} events/s accepted (${Math.round(m.requests / m.seconds)} requests/s); ` +
          `CPU server ${pct(m.serverCpu, m.seconds)}, redis ${pct(m.redisCpu, m.seconds)}, harness ${pct(m.harnessCpu, m.seconds)}`,
      );
    }
  } finally {
    agent.destroy();
    await server.kill('SIGTERM');
    redis.disconnect();
    await own.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
