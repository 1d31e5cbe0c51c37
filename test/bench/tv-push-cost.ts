// What a push interval costs a wall TV, per second, on the real pipeline: for each interval given,
// a stack of its own (a private Redis, one node configured with that `pushIntervalMs`) fed the
// same simulated floor (same scenario and seed, faster than real time), and a paired TV display
// on each, all in one Chromium at 1920x1080 and measured over the same windows, so a shared
// machine's load falls on every interval alike. Per window it reads Chromium's own counters
// (Performance.getMetrics: task, script, layout and style time) and the deltas received, and
// prints the medians per second with each interval's ratio to the first.
//
// Run: npx tsx test/bench/tv-push-cost.ts [--intervals 200,150] [--windows 6] [--window 20s] [--agents 500] [--speed 20]
// With --baseline DIR (a tree of an older commit: `git archive <ref> | tar -x -C DIR`, node_modules
// linked), an interval written `200@base` is served by that tree's server and wallboard (built
// there first), so an older TV and this one are measured side by side.
// Writes test-artifacts/tv-push-cost.json. Issue 10 asks for a shorter interval "without raising
// the TV's render cost per second": this is that figure.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { CDPSession } from 'playwright-core';
import { build } from 'vite';
import { startSimulation } from '../../simulator/run-simulation.js';
import { startStack, type Stack } from '../../simulator/load/stack.js';
import { ARTIFACTS, launchBrowser } from '../e2e/support/browser.js';
import { median, openPairedTv, type PairedTv } from './paired-tv.js';

const { values } = parseArgs({
  options: {
    intervals: { type: 'string', default: '200,150' },
    windows: { type: 'string', default: '6' },
    window: { type: 'string', default: '20s' },
    warmup: { type: 'string', default: '20s' },
    agents: { type: 'string', default: '500' },
    speed: { type: 'string', default: '20' },
    baseline: { type: 'string' },
  },
});
const positive = (name: string, raw: string) => {
  const n = Number(raw.replace(/s$/, ''));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not ${raw}`);
  return n;
};
/** Each TV: its push interval and the tree that serves it (`@base`: --baseline's). */
const TVS = values.intervals.split(',').map((spec) => {
  const [ms, tree] = spec.split('@');
  if (tree !== undefined && (tree !== 'base' || !values.baseline)) throw new Error(`--intervals ${spec}: only @base, and only with --baseline DIR`);
  return { label: spec, interval: positive('intervals', ms!), cwd: tree ? values.baseline! : process.cwd() };
});
const WINDOWS = Math.round(positive('windows', values.windows));
const WINDOW_MS = positive('window', values.window) * 1000;
const WARMUP_MS = positive('warmup', values.warmup) * 1000;
const AGENTS = Math.round(positive('agents', values.agents));
const SPEED = positive('speed', values.speed);

/** Chromium's cumulative counters that say where a page's main thread went (seconds). */
const COUNTERS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'] as const;
type Counters = Record<(typeof COUNTERS)[number], number>;

interface Screen extends PairedTv {
  label: string;
}

interface Window {
  deltasPerSecond: number;
  /** Ms of each counter per second of wall time. */
  msPerSecond: Counters;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function counters(cdp: CDPSession): Promise<Counters> {
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  return Object.fromEntries(COUNTERS.map((c) => [c, metrics[c] ?? 0])) as Counters;
}

async function main(): Promise<void> {
  const log = (line: string) => console.log(`[tv-push-cost] ${line}`);
  log('building the wallboard');
  await build({ logLevel: 'warn' });
  // The baseline's own Vite config resolves against its own directory.
  if (TVS.some((t) => t.cwd !== process.cwd())) execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: values.baseline!, stdio: 'inherit' });
  const dirs: string[] = [];
  const stacks: Stack[] = [];
  const simulations: { stop(): Promise<unknown> }[] = [];
  const browser = await launchBrowser();
  const results = new Map<string, Window[]>(TVS.map((t) => [t.label, []]));
  try {
    const screens: Screen[] = [];
    for (const { label, interval, cwd } of TVS) {
      const dir = mkdtempSync(join(tmpdir(), 'wb-push-cost-'));
      dirs.push(dir);
      writeFileSync(join(dir, 'config.json'), JSON.stringify({ pushIntervalMs: interval }));
      const stack = await startStack({ cwd, log: (line) => log(`${label} ms: ${line}`), env: { CONFIG_FILE: join(dir, 'config.json') } });
      stacks.push(stack);
      // The same floor for every interval: same scenario, seed and pace.
      simulations.push(
        await startSimulation({
          redisUrl: stack.redis.url,
          scenario: 'normal-day',
          seed: 7,
          agents: AGENTS,
          arrivalRate: { kind: 'profile', peakPerSec: AGENTS / 400 },
          speed: SPEED,
          backfillMs: 3600_000,
          maxLen: 2_000_000,
        }),
      );
      screens.push({ label, ...(await openPairedTv(browser, stack, { name: `TV ${label} ms` })) });
    }
    log(`${screens.length} TVs showing; warming up for ${WARMUP_MS / 1000} s`);
    await sleep(WARMUP_MS);
    for (let w = 1; w <= WINDOWS; w++) {
      const start = await Promise.all(screens.map(async (s) => ({ at: performance.now(), deltas: s.deltas(), c: await counters(s.cdp) })));
      await sleep(WINDOW_MS);
      const line: string[] = [];
      for (const [i, s] of screens.entries()) {
        const end = { at: performance.now(), deltas: s.deltas(), c: await counters(s.cdp) };
        const seconds = (end.at - start[i]!.at) / 1000;
        const msPerSecond = Object.fromEntries(COUNTERS.map((k) => [k, round(((end.c[k] - start[i]!.c[k]) * 1000) / seconds)])) as Counters;
        const win: Window = { deltasPerSecond: round((end.deltas - start[i]!.deltas) / seconds), msPerSecond };
        results.get(s.label)!.push(win);
        line.push(`${s.label} ms: ${win.deltasPerSecond} deltas/s, task ${msPerSecond.TaskDuration} ms/s`);
      }
      log(`window ${w}/${WINDOWS}: ${line.join('; ')}`);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const s of screens) await s.page.screenshot({ path: join(ARTIFACTS, `tv-push-cost-${s.label}.png`) });
  } finally {
    await browser.close();
    for (const sim of simulations) await sim.stop();
    for (const stack of stacks) await stack.stop();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  }

  const summary = TVS.map(({ label }) => {
    const wins = results.get(label)!;
    return {
      label,
      deltasPerSecond: round(median(wins.map((w) => w.deltasPerSecond))),
      msPerSecond: Object.fromEntries(COUNTERS.map((k) => [k, round(median(wins.map((w) => w.msPerSecond[k])))])) as Counters,
      msPerDelta: round(median(wins.map((w) => w.msPerSecond.TaskDuration / Math.max(w.deltasPerSecond, 0.01)))),
    };
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(
    join(ARTIFACTS, 'tv-push-cost.json'),
    JSON.stringify({ agents: AGENTS, speed: SPEED, windowMs: WINDOW_MS, summary, results: Object.fromEntries(results) }, null, 2),
  );
  const base = summary[0]!;
  console.log(
    `\nA TV at 1920x1080, ${AGENTS} agents at ${SPEED}× speed; medians of ${WINDOWS} windows of ${WINDOW_MS / 1000} s (ms of the page's main thread per second):`,
  );
  console.log(' push ms  deltas/s  task ms/s  script  layout  style  task ms/delta  task vs first');
  for (const s of summary)
    console.log(
      [
        s.label.padStart(8),
        String(s.deltasPerSecond).padStart(9),
        String(s.msPerSecond.TaskDuration).padStart(10),
        String(s.msPerSecond.ScriptDuration).padStart(7),
        String(s.msPerSecond.LayoutDuration).padStart(7),
        String(s.msPerSecond.RecalcStyleDuration).padStart(6),
        String(s.msPerDelta).padStart(14),
        `${round(s.msPerSecond.TaskDuration / base.msPerSecond.TaskDuration)}×`.padStart(14),
      ].join(' '),
    );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
