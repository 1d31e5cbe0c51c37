// `npm run bench:load`: starts a private Redis and the server, connects hundreds of Socket.IO
// clients on loopback, offers events at rising rates and prints a row per rate: offered and
// applied events/s, stream lag, event-to-client latency, dropped and late deltas, server CPU
// and memory. Bounded: each step lasts --step, each drain at most --drain, and no more than
// --max-events are written in all; then everything it started is stopped and removed.
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { parseSpan } from '../cli-options.js';
import { connectFleet, percentile } from './client-fleet.js';
import { createLoadGenerator } from './load-generator.js';
import { table, tableHeader, tableRow, type LoadRow } from './load-report.js';
import { cpuPercent, sampleProcess, startStack, type Stack } from './stack.js';

const FLAGS = {
  rates: { type: 'string', default: '1000,5000,10000,20000' },
  step: { type: 'string', default: '10s' },
  drain: { type: 'string', default: '10s' },
  clients: { type: 'string', default: '200' },
  agents: { type: 'string', default: '300' },
  'late-ms': { type: 'string', default: '1000' },
  'max-events': { type: 'string', default: '1000000' },
  seed: { type: 'string', default: '1' },
  help: { type: 'boolean', default: false },
} as const;

const HELP = `Usage: npm run bench:load -- [flags]

Starts a private redis-server and the server (node --import tsx server/main.ts) on 127.0.0.1,
connects Socket.IO clients to the whole-floor view, and offers simulator events at each rate.

  --rates <list>       events per second to offer, in order. Default: 1000,5000,10000,20000
  --step <span>        how long to offer each rate. Default: 10s
  --drain <span>       after each step, wait at most this long for the server to catch up. Default: 10s
  --clients <n>        Socket.IO clients connected throughout. Default: 200
  --agents <n>         agents in the simulated floor (all on duty). Default: 300
  --late-ms <ms>       a delta arriving later than this after its newest event counts as late. Default: 1000
  --max-events <n>     stop offering after this many events in all. Default: 1000000
  --seed <n>           simulator seed. Default: 1

Columns: offered/applied events/s; stream lag (entries not yet read by the "wallboard" group)
at the step's end and its maximum; entries read but not acknowledged; seconds to drain; latency
from XADD to a client receiving the delta (p50/p95/p99); deltas per client per second; deltas
dropped (gaps in seq) and late; server CPU (% of one core) and resident memory; the bench's
own CPU, to tell when the load generator, not the server, is the limit.`;

const STREAM_KEY = 'wallboard:events';
const GROUP = 'wallboard';

function count(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`--${name} "${text}": a whole number ≥ ${min}`);
  return value;
}

async function groupLag(redis: Redis): Promise<{ lag: number; pending: number }> {
  const groups = (await redis.xinfo('GROUPS', STREAM_KEY)) as unknown[][];
  for (const group of groups) {
    const info: Record<string, unknown> = {};
    for (let i = 0; i + 1 < group.length; i += 2) info[String(group[i])] = group[i + 1];
    if (info['name'] === GROUP) return { lag: Number(info['lag'] ?? 0), pending: Number(info['pending'] ?? 0) };
  }
  return { lag: 0, pending: 0 };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<number> {
  const { values } = parseArgs({ options: FLAGS, strict: true });
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const rates = values.rates.split(',').map((r) => count('rates', r.trim(), 1));
  const stepMs = parseSpan('--step', values.step);
  const drainMs = parseSpan('--drain', values.drain);
  const clients = count('clients', values.clients, 1);
  const agents = count('agents', values.agents, 1);
  const lateMs = count('late-ms', values['late-ms'], 1);
  const maxEvents = count('max-events', values['max-events'], 1);
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

  let stack: Stack | null = null;
  let stopping = false;
  const onSignal = () => {
    if (stopping) process.exit(130);
    stopping = true;
    log('interrupted: finishing the current step and cleaning up (again to quit at once)');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  const rows: LoadRow[] = [];
  let redis: Redis | null = null;
  let fleet: ReturnType<typeof connectFleet> | null = null;
  try {
    stack = await startStack({ cwd: process.cwd(), log });
    redis = new Redis(stack.redis.url);
    fleet = connectFleet(stack.serverUrl, stack.token, clients, lateMs);
    await Promise.race([fleet.ready, sleep(30_000).then(() => Promise.reject(new Error(`not all ${clients} clients got a snapshot within 30 s`)))]);
    log(`${clients} clients subscribed; offering ${rates.join(', ')} events/s for ${stepMs / 1000} s each`);
    const generator = createLoadGenerator(redis, STREAM_KEY, agents, count('seed', values.seed, 0));
    process.stdout.write(tableHeader() + '\n');
    let total = 0;
    for (const rate of rates) {
      if (stopping || total >= maxEvents) break;
      fleet.nextStep();
      const appliedBefore = fleet.ingest()?.applied ?? 0;
      const server0 = sampleProcess(stack.serverPid);
      const bench0 = process.cpuUsage();
      const began = Date.now();
      let sent = 0;
      let lagMax = 0;
      let lastLagCheck = began;
      // Offer at the target rate in writes of at most a twentieth of a second's worth, up to
      // three in flight: the next batch is generated while Redis stores the previous one (one
      // connection, so entries still land in order).
      const inFlight = new Set<Promise<void>>();
      // A holder, not a variable: the write's callback sets it, which control flow analysis cannot see.
      const failed: { error: Error | null } = { error: null };
      while (!stopping && Date.now() - began < stepMs && total < maxEvents && failed.error === null) {
        const due = Math.floor((rate * (Date.now() - began)) / 1000) - sent;
        const batch = Math.min(due, Math.ceil(rate / 20), maxEvents - total);
        if (batch > 0 && inFlight.size < 3) {
          const write: Promise<void> = generator.write(batch).then(
            () => void inFlight.delete(write),
            (error: unknown) => void (failed.error = error instanceof Error ? error : new Error(String(error))),
          );
          inFlight.add(write);
          sent += batch;
          total += batch;
        } else if (inFlight.size >= 3) {
          await Promise.race(inFlight);
        } else {
          await sleep(5);
        }
        if (Date.now() - lastLagCheck >= 500) {
          lastLagCheck = Date.now();
          lagMax = Math.max(lagMax, (await groupLag(redis)).lag);
        }
      }
      await Promise.all(inFlight);
      if (failed.error !== null) throw failed.error;
      const seconds = (Date.now() - began) / 1000;
      const end = await groupLag(redis);
      const server1 = sampleProcess(stack.serverPid);
      const benchCpu = process.cpuUsage(bench0);
      const appliedAfter = fleet.ingest()?.applied ?? appliedBefore;
      const metrics = fleet.nextStep();
      // Let the server catch up before the next rate, so each row stands on its own.
      const drainStart = Date.now();
      let drainSeconds: number | null = null;
      while (Date.now() - drainStart < drainMs) {
        const now = await groupLag(redis);
        if (now.lag === 0 && now.pending === 0) {
          drainSeconds = (Date.now() - drainStart) / 1000;
          break;
        }
        await sleep(100);
      }
      const row: LoadRow = {
        targetPerSec: rate,
        offeredPerSec: sent / seconds,
        appliedPerSec: (appliedAfter - appliedBefore) / seconds,
        lagEnd: end.lag,
        lagMax: Math.max(lagMax, end.lag),
        pendingEnd: end.pending,
        drainSeconds,
        p50Ms: percentile(metrics.latencies, 50),
        p95Ms: percentile(metrics.latencies, 95),
        p99Ms: percentile(metrics.latencies, 99),
        deltasPerClientPerSec: metrics.deltas / clients / seconds,
        dropped: metrics.dropped,
        late: metrics.late,
        serverCpuPercent: server0 && server1 ? cpuPercent(server0, server1) : null,
        serverRssMb: server1 ? server1.rssBytes / 1024 / 1024 : null,
        benchCpuPercent: ((benchCpu.user + benchCpu.system) / 1000 / (seconds * 1000)) * 100,
      };
      rows.push(row);
      process.stdout.write(tableRow(row) + '\n');
    }
    log(`done: ${total} events offered in all`);
    if (!process.stdout.isTTY) return 0;
    process.stdout.write('\n' + table(rows) + '\n');
    return 0;
  } catch (error) {
    log(`failed: ${(error as Error).message}`);
    return 1;
  } finally {
    fleet?.close();
    redis?.disconnect();
    await stack?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:load: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
