// `npm run bench:load`: the floor at scale on loopback. Starts a private Redis and one server
// node, or three behind HAProxy; pairs a TV display; opens thousands of bare screens in several
// worker processes (screen-fleet.ts) and a few full checking screens; offers events at each rate
// and prints a row per screens × rate: every event's latency from its append to the first delta
// that shows it on each screen, deltas lost, each node's CPU and memory, and the harness's own
// CPU. Then, optionally, a node killed with -9 (the lease holder) and a reconnect storm of every
// screen: how long until every screen has a fresh snapshot, and the nodes' peak CPU.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import type { Snapshot } from '../../server/contract/snapshot.js';
import { parseSpan } from '../cli-options.js';
import { connectCheckingScreens, type CheckingScreens } from './checking-screens.js';
import { addMoves, bucketPercentile, createAppendIndex, createLatencyHistogram, type AppendIndex } from './event-latency.js';
import { createLoadGenerator, type LoadGenerator } from './load-generator.js';
import { eventTable, incidentTable, type EventRow, type IncidentRow } from './load-report.js';
import { nodeStep, scrapeNode } from './node-metrics.js';
import { pinHarness, pinServer } from './cpu-pinning.js';
import { pairDisplay } from './pair-display.js';
import { startScreenFleet, type ScreenFleet } from './screen-fleet.js';
import { cpuPercent, sampleProcess, startStack, type ProcessSample, type Stack, type StackNode } from './stack.js';

const FLAGS = {
  nodes: { type: 'string', default: '1' },
  screens: { type: 'string', default: '200,2000' },
  rates: { type: 'string', default: '1000,10000' },
  step: { type: 'string', default: '20s' },
  drain: { type: 'string', default: '15s' },
  workers: { type: 'string', default: '4' },
  checking: { type: 'string', default: '5' },
  agents: { type: 'string', default: '300' },
  'push-ms': { type: 'string', default: '' },
  'cpu-prof': { type: 'string', default: '' },
  kill: { type: 'boolean', default: false },
  storm: { type: 'boolean', default: false },
  pin: { type: 'boolean', default: false },
  'max-events': { type: 'string', default: '2000000' },
  seed: { type: 'string', default: '1' },
  help: { type: 'boolean', default: false },
} as const;

const HELP = `Usage: npm run bench:load -- [flags]

Starts a private redis-server and the server on 127.0.0.1 (one node, or three behind HAProxy with
deploy/haproxy.cfg), pairs a whole-floor TV display, opens bare WebSocket screens as that display
in worker processes plus a few full Socket.IO screens that apply every delta, and offers
simulator events at each rate.

  --nodes 1|3          server nodes (3: behind HAProxy). Default: 1
  --screens <list>     screens to hold, in order (a fresh fleet each). Default: 200,2000
  --rates <list>       events per second to offer with each fleet. Default: 1000,10000
  --step <span>        how long to offer each rate. Default: 20s
  --drain <span>       after each step, wait at most this long for the stream to drain. Default: 15s
  --workers <n>        screen processes. Default: 4
  --checking <n>       full screens that apply every delta and are checked against the server. Default: 5
  --agents <n>         agents on the simulated floor. Default: 300
  --push-ms <ms>        the nodes' pushIntervalMs (through a config file). Default: the server's, 150
  --cpu-prof <dir>     write each node's CPU profile (node --cpu-prof) to this directory when it stops
  --kill               with 3 nodes: kill -9 the lease holder during a step at the last rate, with the last fleet
  --storm              drop every screen's connection at once during a step at the last rate, with the last fleet
  --pin                the nodes (and HAProxy) alone on the first core, Redis and the harness on the others
                       (Linux taskset), so the harness cannot take the server's core in turns
  --max-events <n>     offer no more than this many events in all. Default: 2000000
  --seed <n>           simulator seed. Default: 1

Latency is every event's: for each screen, the time from an event's XADD (its entry ID) to the
first delta that screen received whose stream cursor covers it. "lost" counts deltas a screen
missed (gaps in seq). CPU is % of one core over the step; "harness" is the busiest screen worker
and the producer process. "push ms" is the node's own mean push (every screen's write included)
and "lag ms" its event-loop delay p99, from its /metrics; "worker lag" is the laggiest screen
worker's: a screen is stamped when its worker gets to the frame, so push → screen includes it.`;

const STREAM_KEY = 'wallboard:events';
const GROUP = 'wallboard';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

/** CPU and memory of every node over a span, with the peak over half-second windows. */
function watchNodes(nodes: readonly StackNode[]) {
  const first = nodes.map((n) => sampleProcess(n.pid));
  let last: (ProcessSample | null)[] = first;
  const peak = nodes.map(() => 0);
  const rss = nodes.map(() => 0);
  const timer = setInterval(() => {
    const now = nodes.map((n) => sampleProcess(n.pid));
    now.forEach((sample, i) => {
      const before = last[i];
      if (sample && before) peak[i] = Math.max(peak[i]!, cpuPercent(before, sample));
      if (sample) rss[i] = Math.max(rss[i]!, sample.rssBytes);
    });
    last = now;
  }, 500);
  return {
    stop() {
      clearInterval(timer);
      const end = nodes.map((n) => sampleProcess(n.pid));
      return nodes.map((_, i) => {
        const a = first[i];
        const b = end[i] ?? last[i];
        return { cpu: a && b ? cpuPercent(a, b) : null, peakCpu: peak[i]!, rssMb: Math.max(rss[i]!, b?.rssBytes ?? 0) / 1024 / 1024 };
      });
    },
  };
}

interface Run {
  stack: Stack;
  redis: Redis;
  generator: LoadGenerator;
  index: AppendIndex;
  maxEvents: number;
  sent: number;
  log: (line: string) => void;
}

/** Offers `rate` events/s for `ms`, calling `during` once at half time; resolves with what was sent and how long it took. */
async function offer(run: Run, rate: number, ms: number, during?: () => Promise<void>): Promise<{ sent: number; seconds: number }> {
  const began = Date.now();
  let sent = 0;
  let midway = during ? false : true;
  const inFlight = new Set<Promise<void>>();
  const failed: { error: Error | null } = { error: null };
  while (Date.now() - began < ms && run.sent < run.maxEvents && failed.error === null) {
    if (!midway && Date.now() - began >= ms / 2) {
      midway = true;
      void during!().catch((error: unknown) => (failed.error = error as Error));
    }
    const due = Math.floor((rate * (Date.now() - began)) / 1000) - sent;
    const batch = Math.min(due, Math.ceil(rate / 20), run.maxEvents - run.sent);
    if (batch > 0 && inFlight.size < 3) {
      const write: Promise<void> = run.generator.write(batch).then(
        (ids) => {
          for (const id of ids) run.index.add(id);
          inFlight.delete(write);
        },
        (error: unknown) => void (failed.error = error instanceof Error ? error : new Error(String(error))),
      );
      inFlight.add(write);
      sent += batch;
      run.sent += batch;
    } else if (inFlight.size >= 3) {
      await Promise.race(inFlight);
    } else {
      await sleep(5);
    }
  }
  await Promise.all(inFlight);
  if (failed.error !== null) throw failed.error;
  return { sent, seconds: (Date.now() - began) / 1000 };
}

async function drain(run: Run, limitMs: number): Promise<boolean> {
  const start = Date.now();
  while (Date.now() - start < limitMs) {
    const now = await groupLag(run.redis);
    if (now.lag === 0 && now.pending === 0) return true;
    await sleep(100);
  }
  return false;
}

async function truthOf(url: string, token: string): Promise<Snapshot> {
  const res = await fetch(`${url}/api/v1/snapshot`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET /api/v1/snapshot: HTTP ${res.status}`);
  return (await res.json()) as Snapshot;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: FLAGS, strict: true });
  if (values.help) {
    process.stdout.write(HELP + '\n');
    return 0;
  }
  const nodes = count('nodes', values.nodes, 1);
  const screenCounts = values.screens.split(',').map((s) => count('screens', s.trim(), 1));
  const rates = values.rates.split(',').map((r) => count('rates', r.trim(), 1));
  const stepMs = parseSpan('--step', values.step);
  const drainMs = parseSpan('--drain', values.drain);
  const workers = count('workers', values.workers, 1);
  const checkingCount = count('checking', values.checking, 0);
  if (values.kill && nodes < 2) throw new Error('--kill needs --nodes 3');
  const log = (line: string) => process.stderr.write(`${new Date().toISOString()} ${line}\n`);

  const rows: EventRow[] = [];
  const incidents: IncidentRow[] = [];
  let stack: Stack | null = null;
  let redis: Redis | null = null;
  let fleet: ScreenFleet | null = null;
  let checking: CheckingScreens | null = null;
  let configDir: string | null = null;
  try {
    const env: Record<string, string> = {};
    if (values['push-ms'] !== '') {
      configDir = mkdtempSync(join(tmpdir(), 'wb-load-config-'));
      env['CONFIG_FILE'] = join(configDir, 'wallboard.config.json');
      writeFileSync(env['CONFIG_FILE'], JSON.stringify({ pushIntervalMs: count('push-ms', values['push-ms'], 50) }));
    }
    const nodeFlags = values['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${values['cpu-prof']}`] : [];
    // Before anything starts, so Redis and every worker inherit the harness's cores.
    const pinning = values.pin ? pinHarness() : null;
    stack = await startStack({ cwd: process.cwd(), log, nodes, env, nodeFlags });
    if (pinning) {
      pinServer([...stack.nodes.map((n) => n.pid), ...(stack.haproxyPid ? [stack.haproxyPid] : [])], pinning);
      log(`pinned: server on core ${pinning.server}, Redis and the harness on ${pinning.harness}`);
    }
    redis = new Redis(stack.redis.url);
    const run: Run = {
      stack,
      redis,
      generator: createLoadGenerator(redis, STREAM_KEY, count('agents', values.agents, 1), count('seed', values.seed, 0)),
      index: createAppendIndex(),
      maxEvents: count('max-events', values['max-events'], 1),
      sent: 0,
      log,
    };
    const { cookie } = await pairDisplay(stack.url, stack.token, 'Load test TV');
    // A first event, so every screen's snapshot carries a cursor to measure from.
    for (const id of await run.generator.write(1)) run.index.add(id);
    await drain(run, drainMs);
    const live = stack;
    for (const [s, screens] of screenCounts.entries()) {
      const last = s === screenCounts.length - 1;
      fleet = startScreenFleet({
        url: live.url,
        cookie,
        token: null,
        screens,
        workers: Math.min(workers, screens),
        screensPerAddress: 150,
        rampMs: Math.max(2000, screens),
      });
      checking = checkingCount > 0 ? connectCheckingScreens(live.url, live.token, checkingCount) : null;
      await fleet.ready(60_000 + screens * 10);
      await checking?.ready(30_000);
      log(`${screens} screens and ${checkingCount} checking screens have their snapshot`);
      for (const [r, rate] of rates.entries()) {
        if (run.sent >= run.maxEvents) break;
        await fleet.collect(); // start afresh
        const metrics0 = await Promise.all(live.nodes.map((n) => scrapeNode(n.url, live.token)));
        const watch = watchNodes(live.nodes);
        const producer0 = process.cpuUsage();
        const { sent, seconds } = await offer(run, rate, stepMs);
        const usage = watch.stop();
        const producerCpu = process.cpuUsage(producer0);
        const metrics1 = await Promise.all(live.nodes.map((n) => scrapeNode(n.url, live.token)));
        const steps = live.nodes.map((_, i) => {
          const [a, b] = [metrics0[i], metrics1[i]];
          return a && b ? nodeStep(a, b, seconds) : null;
        });
        const drained = await drain(run, drainMs);
        await sleep(500); // the last push after the drain
        const seen = await fleet.collect();
        const histogram = createLatencyHistogram();
        addMoves(histogram, run.index, seen.moves);
        const verdict = checking ? await checking.check(() => truthOf(live.url, live.token), 10_000) : null;
        const row: EventRow = {
          nodes,
          screens,
          rate,
          offeredPerSec: sent / seconds,
          drained,
          p50Ms: histogram.percentile(50),
          p99Ms: histogram.percentile(99),
          shown: histogram.count,
          fanoutP99Ms: bucketPercentile(seen.fanout, 99),
          deltasPerScreenPerSec: seen.deltas / screens / seconds,
          lost: seen.missed,
          nodeCpu: usage.map((u) => u.cpu),
          nodeRssMb: usage.map((u) => u.rssMb),
          nodePushMs: steps.map((st) => st?.pushMs ?? null),
          nodeLagP99Ms: steps.map((st) => st?.loopLagP99Ms ?? null),
          workerCpu: seen.maxWorkerCpuMs / 10 / seconds,
          workerLagP99Ms: seen.maxWorkerLagMs,
          producerCpu: (producerCpu.user + producerCpu.system) / 10_000 / seconds,
          checked: verdict ? `${verdict.screens - verdict.differing}/${verdict.screens}` : '-',
        };
        rows.push(row);
        process.stdout.write(eventTable([row], r === 0 && s === 0) + '\n');
      }
      if (last && values.kill) incidents.push(await incident(run, 'kill -9 the lease holder', rates.at(-1)!, stepMs, drainMs, fleet, checking, screens));
      if (last && values.storm) incidents.push(await incident(run, 'every screen reconnects', rates.at(-1)!, stepMs, drainMs, fleet, checking, screens));
      checking?.close();
      checking = null;
      await fleet.close();
      fleet = null;
    }
    if (incidents.length > 0) process.stdout.write('\n' + incidentTable(incidents) + '\n');
    log(`done: ${run.sent} events offered in all`);
    return 0;
  } catch (error) {
    log(`failed: ${(error as Error).stack ?? String(error)}`);
    for (const node of stack?.nodes ?? []) log(`node ${node.pid} last lines:\n${node.log().slice(-10).join('\n')}`);
    return 1;
  } finally {
    checking?.close();
    await fleet?.close();
    redis?.disconnect();
    await stack?.stop();
    if (configDir) rmSync(configDir, { recursive: true, force: true });
  }
}

/** A node killed or every screen dropped, mid-step: time until every screen is back with a snapshot, peak CPU, counts still exact. */
async function incident(
  run: Run,
  what: 'kill -9 the lease holder' | 'every screen reconnects',
  rate: number,
  stepMs: number,
  drainMs: number,
  fleet: ScreenFleet,
  checking: CheckingScreens | null,
  screens: number,
): Promise<IncidentRow> {
  await fleet.collect();
  const survivors: StackNode[] = [];
  let at = 0;
  let leaseBackMs: number | null = null;
  let victim: StackNode | null = null;
  const watch = watchNodes(run.stack.nodes);
  await offer(run, rate, stepMs, async () => {
    at = Date.now();
    if (what === 'every screen reconnects') {
      fleet.drop();
      return;
    }
    victim = await run.stack.leaseHolder();
    if (!victim) throw new Error('no node holds the lease');
    at = Date.now();
    await victim.kill();
    survivors.push(...run.stack.nodes.filter((n) => n !== victim));
    while (Date.now() - at < 30_000) {
      const holder = await run.stack.leaseHolder();
      if (holder && holder !== victim) {
        leaseBackMs = Date.now() - at;
        break;
      }
      await sleep(50);
    }
  });
  // Wait for the last screens to come back, at most 30 s after the incident.
  const recoveries: number[] = [];
  let lastBack: number | null = null;
  let lost = 0;
  const reasons: Record<string, number> = {};
  for (;;) {
    const seen = await fleet.collect();
    for (const [reason, n] of Object.entries(seen.lostReasons)) reasons[reason] = (reasons[reason] ?? 0) + n;
    recoveries.push(...seen.recoveries);
    lost += seen.missed;
    if (seen.lastRecoveredAt !== null) lastBack = Math.max(lastBack ?? 0, seen.lastRecoveredAt);
    if (seen.lostNow === 0 || Date.now() - at > 30_000) break;
    await sleep(500);
  }
  const usage = watch.stop();
  run.log(`${what}: connections lost, by reason: ${JSON.stringify(reasons)}`);
  const drained = await drain(run, drainMs);
  await sleep(500);
  const truthFrom = survivors[0]?.url ?? run.stack.url;
  const verdict = checking ? await checking.check(() => truthOf(truthFrom, run.stack.token), 10_000) : null;
  recoveries.sort((a, b) => a - b);
  return {
    what,
    screens,
    rate,
    screensBack: recoveries.length,
    allBackMs: lastBack !== null ? lastBack - at : null,
    p50BackMs: recoveries.length ? recoveries[Math.floor(recoveries.length / 2)]! : null,
    leaseBackMs,
    lostOnOthers: lost,
    peakCpu: usage.map((u, i) => (run.stack.nodes[i]!.alive() ? u.peakCpu : null)),
    drained,
    checked: verdict ? `${verdict.screens - verdict.differing}/${verdict.screens}` : '-',
  };
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench:load: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
