// npm run bench:catchup: how fast a fresh server catches up on a backlog, printed as figures.
//
// Writes N entries (default 1,000,000) of a large floor (the load test's normal-day mix, every
// agent on duty) to a private Redis, with entry IDs at the events' own times, as a producer that
// wrote them through the day would have left them. Then, each in a new server process, with the
// production batch, BLOCK and checkpoint settings:
//   zero        a new consumer group and no checkpoint: every entry through XREADGROUP and XACK;
//   checkpoint  a restart: the checkpoint and the group stand at the middle of the stream, the
//               rest comes through XREADGROUP;
//   replay      a failover: the checkpoint stands at the middle, but the group had delivered
//               everything, so recovery re-reads the second half by XRANGE.
// Each scenario runs --runs times (default 3); the median events/s is printed with the
// consumer's CPU (100 % is one core) and the producer-alone rate measured on the same Redis, so
// figures from a busy machine compare by their ratio to it. Every run must end with the same
// checkpoint as the first run from zero: counts stay exact whatever the path.
// --baseline DIR runs the consumers of another tree too (`git archive <commit> | tar -x -C DIR`,
// with node_modules linked), alternating with this one's, and prints both: a before/after under
// the same load. Flags: --events N, --runs N, --agents N, --only zero,checkpoint,replay, --profile DIR (each
// consumer process writes .cpuprofile files in DIR/<group>; the largest is the main thread's;
// summarise it with test/bench/profile-top.ts).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import { startPrivateRedis } from '../../server/redis/private-redis.js';
import { keys } from '../../server/redis/keys.js';
import { floorEntries } from './floor-entries.js';

const SCENARIOS = ['zero', 'checkpoint', 'replay'] as const;
type Scenario = (typeof SCENARIOS)[number];

const { values: flags } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '3' },
    agents: { type: 'string', default: '2000' },
    only: { type: 'string', default: SCENARIOS.join(',') },
    profile: { type: 'string' },
    baseline: { type: 'string' },
  },
});
const EVENTS = Number(flags.events);
const RUNS = Number(flags.runs);
const AGENTS = Number(flags.agents);
const ONLY = flags.only.split(',') as Scenario[];
const STREAM = 'bench:catchup';
const WRITE_BATCH = 2000;

interface RunResult {
  events: number;
  seconds: number;
  cpuPercent: number;
  redisCpuPercent: number;
  rssMb: number;
  logLines: number;
  checkpoint: string;
  /** Redis's time per command of the run's most costly commands. */
  commands: string;
}

/** "xreadgroup 305 × 1.9 ms" for the commands that took Redis the most time in total. */
function commandStats(info: string): string {
  const stats = [...info.matchAll(/cmdstat_(\w+):calls=(\d+),usec=(\d+)/g)].map(([, name, calls, usec]) => ({ name: name!, calls: Number(calls), usec: Number(usec) }));
  return stats
    .sort((a, b) => b.usec - a.usec)
    .slice(0, 4)
    .map((c) => `${c.name} ${c.calls} × ${(c.usec / c.calls / 1000).toFixed(2)} ms`)
    .join(', ');
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const sha = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 12);

/** Writes the floor; returns every entry ID and the producer's rate (median over thirds of the stream, writes only). */
async function fill(redis: Redis): Promise<{ ids: string[]; producerRate: number }> {
  const ids: string[] = [];
  const rates: number[] = [];
  const third = Math.ceil(EVENTS / 3);
  let pending: { id: string; args: string[] }[] = [];
  let writeMs = 0;
  let inThird = 0;
  const flush = async () => {
    const started = performance.now();
    const p = redis.pipeline();
    for (const e of pending) p.xadd(STREAM, e.id, ...e.args);
    await p.exec();
    writeMs += performance.now() - started;
    inThird += pending.length;
    pending = [];
    if (inThird >= third || ids.length === EVENTS) {
      rates.push(inThird / (writeMs / 1000));
      inThird = 0;
      writeMs = 0;
    }
  };
  for (const entry of floorEntries(EVENTS, AGENTS)) {
    ids.push(entry.id);
    pending.push(entry);
    if (pending.length === WRITE_BATCH) await flush();
  }
  if (pending.length > 0) await flush();
  return { ids, producerRate: median(rates) };
}

function redisCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** One consumer process catching up on `group`; resolves with its figures once it reached the last entry and stopped. */
async function consume(root: string, group: string, lastId: string, redisUrl: string, redisPid: number, events: number, profileDir?: string): Promise<RunResult> {
  // A directory per run: tsx's loader thread writes a profile of its own beside the main thread's.
  const profile = profileDir ? ['--cpu-prof', '--cpu-prof-dir', join(profileDir, group)] : [];
  const child = spawn(process.execPath, [...profile, '--import', 'tsx', 'test/bench/catchup-consumer.ts', redisUrl, STREAM, group, lastId], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  let redisAtStart = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (redisAtStart === 0 && out.includes('"started"')) redisAtStart = redisCpuSeconds(redisPid);
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`consumer exited with ${code}: ${out}`);
  const result = JSON.parse(out.trim().split('\n').at(-1)!) as { seconds: number; cpuSeconds: number; rssMb: number; logLines: number };
  return {
    events,
    seconds: result.seconds,
    cpuPercent: (100 * result.cpuSeconds) / result.seconds,
    // Includes the final checkpoint after the timed part: an upper bound.
    redisCpuPercent: (100 * (redisCpuSeconds(redisPid) - redisAtStart)) / result.seconds,
    rssMb: result.rssMb,
    logLines: result.logLines,
    checkpoint: '',
    commands: '',
  };
}

/** What a run left behind: the checkpoint's core and its call records, hashed. */
async function checkpointOf(redis: Redis, group: string): Promise<string> {
  const core = (await redis.get(keys.checkpoint(group))) ?? '';
  const calls = await redis.hgetall(keys.checkpointCalls(group));
  const sorted = Object.keys(calls)
    .sort()
    .map((id) => calls[id]);
  return `${sha(core)}/${sha(sorted.join('\n'))} (${sorted.length} calls)`;
}

/** A copy of `from`'s checkpoint under `to`, with a group of `to` whose last delivered entry is `deliveredId`. */
async function stageGroup(redis: Redis, from: string, to: string, deliveredId: string): Promise<void> {
  await redis.copy(keys.checkpoint(from), keys.checkpoint(to));
  await redis.copy(keys.checkpointCalls(from), keys.checkpointCalls(to));
  await redis.xgroup('CREATE', STREAM, to, deliveredId);
}

/** Which code a consumer runs: this checkout, or a baseline tree (--baseline) for a comparison under the same load. */
interface Variant {
  name: string;
  root: string;
}

function summary(label: string, results: RunResult[], producerRate: number): string {
  const rate = median(results.map((r) => r.events / r.seconds));
  // Events per second of the consumer's own CPU time: what one core would do, less swayed by the machine's other work.
  const perCpuSecond = median(results.map((r) => r.events / ((r.seconds * r.cpuPercent) / 100)));
  return (
    `${label.padEnd(20)} median ${String(Math.round(rate)).padStart(6)} events/s = ${(rate / producerRate).toFixed(2)} x producer; ` +
    `consumer CPU ${median(results.map((r) => r.cpuPercent)).toFixed(0)} % of one core; ${Math.round(perCpuSecond)} events per consumer CPU-second`
  );
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wb-catchup-'));
  const own = await startPrivateRedis({ dataDir, persist: false });
  const redis = new Redis(own.url);
  const redisPid = Number((await redis.info('server')).match(/process_id:(\d+)/)![1]);
  const variants: Variant[] = [{ name: 'this', root: process.cwd() }];
  // Interleaved, so that both see the same moments of a shared machine.
  if (flags.baseline) variants.unshift({ name: 'baseline', root: resolve(flags.baseline) });
  const runs = new Map<string, RunResult[]>();
  try {
    console.log(
      `bench:catchup: node ${process.version}, ${cpus().length} cores, ${EVENTS} entries, ${AGENTS} agents, ${RUNS} runs each; compare medians and the ratio to the producer`,
    );
    const { ids, producerRate } = await fill(redis);
    const last = ids.at(-1)!;
    console.log(`producer  ${Math.round(producerRate)} events/s (pipelined XADD, ${WRITE_BATCH} a round trip, median of thirds)`);
    let reference = '';
    // The base checkpoint: a consumer stopped once past the middle (it stops at the end of a batch).
    let half = last;
    if (ONLY.includes('checkpoint') || ONLY.includes('replay')) {
      await consume(process.cwd(), 'base', ids[Math.floor(ids.length / 2)]!, own.url, redisPid, 0);
      half = (JSON.parse((await redis.get(keys.checkpoint('base')))!) as { cursors: [string, string][] }).cursors[0]![1];
    }
    const halfEvents = ids.length - ids.indexOf(half) - 1;
    for (const scenario of SCENARIOS.filter((s) => ONLY.includes(s))) {
      for (let run = 1; run <= RUNS; run++) {
        for (const variant of variants) {
          const group = `${scenario}-${variant.name}-${run}`;
          if (scenario === 'checkpoint') await stageGroup(redis, 'base', group, half);
          if (scenario === 'replay') await stageGroup(redis, 'base', group, last);
          await redis.config('RESETSTAT');
          const profileDir = flags.profile && join(resolve(flags.profile), variant.name);
          const result = await consume(variant.root, group, last, own.url, redisPid, scenario === 'zero' ? ids.length : halfEvents, profileDir);
          result.commands = commandStats(await redis.info('commandstats'));
          result.checkpoint = await checkpointOf(redis, group);
          reference ||= result.checkpoint;
          const same = result.checkpoint === reference ? 'same checkpoint' : `CHECKPOINT DIFFERS: ${result.checkpoint} vs ${reference}`;
          const label = `${scenario} ${variants.length > 1 ? variant.name + ' ' : ''}run ${run}`;
          console.log(
            `  ${label}: ${result.events} events in ${result.seconds.toFixed(2)} s = ${Math.round(result.events / result.seconds)} events/s, ` +
              `consumer CPU ${result.cpuPercent.toFixed(0)} %, redis CPU ${result.redisCpuPercent.toFixed(0)} %, rss ${result.rssMb} MB, ${result.logLines} log lines; ${same}`,
          );
          console.log(`  ${' '.repeat(label.length)}  redis: ${result.commands}`);
          runs.set(`${scenario} ${variant.name}`, [...(runs.get(`${scenario} ${variant.name}`) ?? []), result]);
        }
      }
    }
    console.log(`checkpoint ${reference}`);
    for (const [label, results] of runs) console.log(summary(variants.length > 1 ? label : label.replace(/ this$/, ''), results, producerRate));
    if ([...runs.values()].flat().some((r) => r.checkpoint !== reference)) process.exitCode = 1;
  } finally {
    redis.disconnect();
    await own.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
