// Rendering benchmark of the wallboard in Debian's Chromium: the time to apply one update with
// 50 queues, 500 agents and 100 held calls, and the heap after an hour of simulated updates.
// Run: npx tsx test/bench/render-bench.ts [--minutes 60] [--per-second 2] [--views tv,lead]
// With --compare <git ref>: the same updates on the wallboard of that commit and on this one,
// side by side in one browser, in alternating rounds (a shared machine's load hits both alike), updates and ticks of the clock.
// With --profile: an unminified build, a CPU profile of the 400 updates per view (written to
// test-artifacts/render-<view>.cpuprofile) and its top functions by self time, the ms per kind of trace event, and
// the p50 with each kind of component (or, with --ablate "sel;sel", what each selector matches) hidden; no hour.
// Each update is also timed by the renderer's main-thread clock (`...ThreadMs`, `thread`): its CPU time, which a
// busy machine's waits for a core do not inflate as they do the wall time.
// Writes test-artifacts/render-bench.json and prints a summary.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import type { Aggregator } from '../../server/aggregator.js';
import { encode, type EventInput } from '../../server/core/events.js';
import type { Snapshot } from '../../server/contract/snapshot.js';
import type { View } from '../../server/contract/view.js';
import { diffSnapshot, type Delta } from '../../server/contract/delta.js';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchBrowser } from '../e2e/support/browser.js';
import { floorScenario } from '../support/floor-scenario.js';
import { aggregatorOf } from '../support/snapshot-from-events.js';
import type { BenchData } from './render-harness.js';

const { values } = parseArgs({
  options: {
    views: { type: 'string', default: 'tv,lead' },
    minutes: { type: 'string', default: '60' },
    'per-second': { type: 'string', default: '2' },
    steps: { type: 'string', default: '600' },
    profile: { type: 'boolean', default: false },
    compare: { type: 'string' },
    ablate: { type: 'string', default: '' },
  },
});
const MINUTES = Number(values.minutes);
const PER_SECOND = Number(values['per-second']);
const STEPS = Number(values.steps);
const VIEWS = values.views.split(',');
const PROFILE = values.profile;
const COMPARE = values.compare;
/** With --profile, what to hide in turn (CSS selectors separated by `;`, matched through shadow roots); every kind of component by default. */
const ABLATE_SELECTORS = values.ablate ? values.ablate.split(';') : [];

const NOW = Date.now();
const QUEUES = Array.from({ length: 50 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`);

function rng(seed: number) {
  let a = seed;
  return () => (a = (a * 1664525 + 1013904223) >>> 0) / 4294967296;
}

/** A busy floor's changes, as one cycle of deltas per view. */
function generate(views: Record<string, View>): Record<string, BenchData> {
  const scenario = floorScenario({ now: NOW, queues: QUEUES, agentsPerQueue: 10, heldCalls: 100, hours: 2, callsPerBucket: 3 });
  const aggregator: Aggregator = aggregatorOf(scenario.events);
  const rand = rng(11);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;
  const first = Object.fromEntries(Object.entries(views).map(([k, v]) => [k, aggregator.snapshot(NOW, v)]));
  const prev = { ...first };
  const cycles: Record<string, Delta[]> = Object.fromEntries(Object.keys(views).map((k) => [k, []]));
  let waiting = aggregator.snapshot(NOW).queues.flatMap((q) => (q.waiting > 0 ? [q.id] : []));
  let n = 0;
  let id = 0;
  for (let step = 1; step <= STEPS; step++) {
    const ts = NOW + step * 500;
    const held = prev[Object.keys(views)[0]!]!.held;
    const events: EventInput[] = [];
    if (rand() < 0.5) {
      const queue = pick(QUEUES);
      events.push({ type: 'call.queued', ts, callId: `b${n++}`, queue });
      waiting.push(queue);
    }
    if (rand() < 0.5 && n > 0)
      events.push({ type: 'call.answered', ts, callId: `b${Math.floor(rand() * n)}`, queue: pick(waiting.length ? waiting : QUEUES), agentId: pick(scenario.agents).id });
    if (rand() < 0.4) events.push({ type: 'agent.state', ts, agentId: pick(scenario.agents).id, state: pick(['available', 'talking', 'acw', 'paused'] as const) });
    if (rand() < 0.6 && held.length) {
      const h = pick(held);
      events.push({ type: 'call.hold_check', ts, callId: h.callId, agentId: h.agentId });
    }
    waiting = waiting.slice(-200);
    aggregator.applyBatch(events.map((event) => ({ stream: 'wallboard:events', id: `${ts}-${id++}`, fields: encode(event) })));
    for (const [k, view] of Object.entries(views)) {
      const next = aggregator.snapshot(ts, view);
      const delta = diffSnapshot(prev[k]!, next, 0);
      if (delta) cycles[k]!.push(delta);
      prev[k] = next;
    }
  }
  for (const k of Object.keys(views)) {
    const back = diffSnapshot(prev[k]!, first[k]!, 0);
    if (back) cycles[k]!.push(back);
  }
  return Object.fromEntries(Object.keys(views).map((k) => [k, { snapshot: first[k]!, cycle: cycles[k]! }]));
}

const quantile = (xs: number[], q: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};
const round = (x: number) => Math.round(x * 100) / 100;
const stats = (xs: number[]) => ({
  n: xs.length,
  mean: round(xs.reduce((a, b) => a + b, 0) / xs.length),
  p50: round(quantile(xs, 0.5)),
  p95: round(quantile(xs, 0.95)),
  max: round(Math.max(...xs)),
});

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** The functions a CPU profile spent most of its own time in, one line each: share, ms, name and place. */
function topSelfTime(profile: CpuProfile, count: number): string {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples?.forEach((id, i) => {
    const dt = (profile.timeDeltas?.[i] ?? 0) / 1000;
    const f = byNode.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    if (f.functionName !== '(idle)') total += dt;
  });
  return [...self]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([k, ms]) => `${((100 * ms) / total).toFixed(1).padStart(5)}% ${ms.toFixed(0).padStart(6)} ms  ${k}`)
    .join('\n');
}

interface TraceEvent {
  name: string;
  ph: string;
  dur?: number;
  tid: number;
}

/** Total ms per kind of complete event in a trace, biggest first (nested kinds overlap). */
function traceTotals(trace: { traceEvents: TraceEvent[] }): string {
  const byName = new Map<string, number>();
  for (const e of trace.traceEvents) if (e.ph === 'X' && e.dur) byName.set(e.name, (byName.get(e.name) ?? 0) + e.dur / 1000);
  return [...byName]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 16)
    .map(([name, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${name}`)
    .join('\n');
}

interface MarkEvent {
  name: string;
  ph: string;
  pid: number;
  tts?: number;
}

/**
 * The renderer's main-thread CPU time of each of `count` updates, in ms: the thread clock (`tts`)
 * between two user-timing marks around every update. Unlike the wall time it leaves out the
 * moments the thread waited for a core, so on a shared 2-core machine it shows what an update
 * costs the page rather than what else ran. Null where Chromium records no thread clock.
 */
async function threadMsPerUpdate(browser: Browser, page: Page, count: number): Promise<number[] | null> {
  await browser.startTracing(page, { categories: ['blink.user_timing'] });
  await page.evaluate(async (n) => {
    const b = (window as unknown as { bench: { applyOne(): Promise<number> } }).bench;
    for (let i = 0; i < n; i++) {
      performance.mark('wb-update-start');
      await b.applyOne();
      performance.mark('wb-update-end');
    }
  }, count);
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: MarkEvent[] };
  const starts = traceEvents.filter((e) => e.name === 'wb-update-start');
  const ends = traceEvents.filter((e) => e.name === 'wb-update-end');
  if (starts.length !== count || ends.length !== count || starts.some((e) => e.tts === undefined)) return null;
  return starts.map((start, i) => (ends[i]!.tts! - start.tts!) / 1000);
}

// Each kind hidden and shown in alternating rounds (a shared machine's load drifts), compared by their medians: updates, and ticks of
// the clock alone (a second with no delta).
// With --ablate, the groups are the elements each selector matches (through shadow roots) instead of the kinds.
const ablate = (selectors: string[]) => `(async (selectors) => {
  const b = window.bench;
  const all = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.localName.startsWith('wb-') && !el.localName.endsWith('-view')) all.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  const deep = (sel, root = document) => [...root.querySelectorAll(sel), ...[...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? deep(sel, el.shadowRoot) : []))];
  const groups = selectors.length ? selectors.map((sel) => [sel, deep(sel)]) : [...new Set(all.map((el) => el.localName))].map((tag) => [tag, all.filter((el) => el.localName === tag)]);
  const median = (xs) => xs.sort((x, y) => x - y)[xs.length >> 1].toFixed(2);
  const lines = [];
  for (const [tag, those] of groups) {
    const shown = [];
    const hidden = [];
    const shownTick = [];
    const hiddenTick = [];
    const measure = async (updates, ticks) => {
      for (let i = 0; i < 20; i++) updates.push(await b.applyOne());
      for (let i = 0; i < 5; i++) ticks.push(...(await b.run(1, 0)));
    };
    for (let round = 0; round < 6; round++) {
      await measure(shown, shownTick);
      for (const el of those) el.style.display = 'none';
      await measure(hidden, hiddenTick);
      for (const el of those) el.style.display = '';
    }
    lines.push(tag + ' x' + those.length + ': update p50 shown ' + median(shown) + ' ms, hidden ' + median(hidden) + ' ms; clock tick p50 shown ' + median(shownTick) + ' ms, hidden ' + median(hiddenTick) + ' ms');
  }
  return lines.join('\\n');
})(${JSON.stringify(selectors)})`;

/** Where --compare puts the older commit's sources: inside the checkout (not under node_modules, which the build would not compile), so they resolve its node_modules. */
const BASE_DIR = join(process.cwd(), 'test-artifacts/render-bench-base');

/** Builds the page side of the benchmark from commit `ref` into `dir`/base.js. */
async function buildBase(ref: string, dir: string): Promise<void> {
  rmSync(BASE_DIR, { recursive: true, force: true });
  mkdirSync(BASE_DIR, { recursive: true });
  execFileSync('sh', [
    '-c',
    `git archive ${JSON.stringify(ref)} wallboard server test tsconfig.json tsconfig.base.json tsconfig.browser.json tsconfig.node.json | tar -x -C ${JSON.stringify(BASE_DIR)}`,
  ]);
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: dir,
      emptyOutDir: false,
      lib: { entry: join(BASE_DIR, 'test/bench/render-harness.ts'), formats: ['es'], fileName: () => 'base.js' },
      minify: true,
    },
    define: { 'process.env.NODE_ENV': '"production"' },
  });
}

async function main() {
  const t0 = Date.now();
  const data = generate({ tv: {}, lead: { detail: true } });
  const snap = (d: BenchData): Snapshot => d.snapshot;
  console.log(
    `generated in ${Date.now() - t0} ms: ${snap(data['tv']!).queues.length} queues, ${snap(data['tv']!).agentList.length} agents, ${snap(data['tv']!).held.length} held; cycle of ${data['tv']!.cycle.length} deltas`,
  );

  const dir = mkdtempSync(join(tmpdir(), 'wb-render-bench-'));
  await build({
    configFile: false,
    logLevel: 'warn',
    build: {
      outDir: dir,
      emptyOutDir: false,
      lib: { entry: join(process.cwd(), 'test/bench/render-harness.ts'), formats: ['es'], fileName: () => 'harness.js' },
      minify: !PROFILE,
    },
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  if (COMPARE) await buildBase(COMPARE, dir);
  const page = (script: string, html: string) =>
    `<!doctype html><html><head><meta charset="utf-8"><style>${readFileSync(html, 'utf8').match(/<style>([\s\S]*?)<\/style>/)![1]}</style></head><body><script type="module" src="${script}"></script></body></html>`;
  const index = page('/harness.js', 'wallboard/index.html');
  const http = createServer((req, res) => {
    if (req.url === '/harness.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(dir, 'harness.js')));
    else if (req.url === '/base.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(readFileSync(join(dir, 'base.js')));
    else if (req.url?.startsWith('/base/')) res.writeHead(200, { 'content-type': 'text/html' }).end(page('/base.js', join(BASE_DIR, 'wallboard/index.html')));
    else if (req.url?.startsWith('/data/')) res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(data[req.url.slice(6)]));
    else res.writeHead(200, { 'content-type': 'text/html' }).end(index);
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  const port = (http.address() as { port: number }).port;
  const browser = await launchBrowser();
  const report: Record<string, unknown> = { queues: 50, agents: 500, held: 100, simulatedMinutes: MINUTES, deltasPerSecond: PER_SECOND };
  try {
    for (const [name, path, width, height] of (
      [
        ['tv', '/tv', 1920, 1080],
        ['lead', '/lead', 1024, 768],
      ] as const
    ).filter(([n]) => VIEWS.includes(n))) {
      const page = await browser.newPage({ viewport: { width, height } });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(`http://127.0.0.1:${port}${path}`);
      await page.waitForFunction(() => 'bench' in window);
      await page.evaluate(
        async ([p, url]) => {
          const input: unknown = await (await fetch(url)).json();
          await (window as unknown as { bench: { init(d: unknown, p: string): Promise<void> } }).bench.init(input, p);
        },
        [path, `/data/${name}`] as const,
      );
      interface Bench {
        applyOne(): Promise<number>;
        run(s: number, p: number): Promise<number[]>;
        counts(): { elements: number; treeNodes: number; clockListeners: number; nodesByComponent: Record<string, number> };
      }
      await page.evaluate(async () => {
        const b = (window as unknown as { bench: Bench }).bench;
        for (let i = 0; i < 50; i++) await b.applyOne(); // warm-up
      });
      if (COMPARE) {
        const base = await browser.newPage({ viewport: { width, height } });
        await base.goto(`http://127.0.0.1:${port}/base${path}`);
        await base.waitForFunction(() => 'bench' in window);
        await base.evaluate(
          async ([p, url]) => {
            const input: unknown = await (await fetch(url)).json();
            await (window as unknown as { bench: { init(d: unknown, p: string): Promise<void> } }).bench.init(input, p);
          },
          [path, `/data/${name}`] as const,
        );
        const batch = (p: typeof page) =>
          p.evaluate(async () => {
            const b = (window as unknown as { bench: Bench }).bench;
            const out: number[] = [];
            for (let i = 0; i < 50; i++) out.push(await b.applyOne());
            return out;
          });
        // Ticks of the clock alone: a second with no delta, the times in state and countdowns moving on.
        const ticks = (p: typeof page) =>
          p.evaluate(async () => {
            const b = (window as unknown as { bench: Bench }).bench;
            const out: number[] = [];
            for (let i = 0; i < 10; i++) out.push(...(await b.run(1, 0)));
            return out;
          });
        await batch(base); // warm-up
        const times = { base: [] as number[], head: [] as number[], baseTick: [] as number[], headTick: [] as number[] };
        for (let r = 0; r < 8; r++) {
          await base.bringToFront();
          times.base.push(...(await batch(base)));
          times.baseTick.push(...(await ticks(base)));
          await page.bringToFront();
          times.head.push(...(await batch(page)));
          times.headTick.push(...(await ticks(page)));
        }
        // The same updates' main-thread CPU time, in alternating rounds too.
        const thread = { base: [] as number[], head: [] as number[] };
        for (let r = 0; r < 2; r++) {
          await base.bringToFront();
          thread.base.push(...((await threadMsPerUpdate(browser, base, 200)) ?? []));
          await page.bringToFront();
          thread.head.push(...((await threadMsPerUpdate(browser, page, 200)) ?? []));
        }
        const threadReport =
          thread.base.length && thread.head.length
            ? {
                [`${COMPARE} thread`]: stats(thread.base),
                'head thread': stats(thread.head),
                threadRatio: {
                  p50: round(quantile(thread.base, 0.5) / quantile(thread.head, 0.5)),
                  p95: round(quantile(thread.base, 0.95) / quantile(thread.head, 0.95)),
                },
              }
            : {};
        report[name] = {
          viewport: `${width}x${height}`,
          [COMPARE]: stats(times.base),
          head: stats(times.head),
          [`${COMPARE} tick`]: stats(times.baseTick),
          'head tick': stats(times.headTick),
          ratio: { p50: round(quantile(times.base, 0.5) / quantile(times.head, 0.5)), p95: round(quantile(times.base, 0.95) / quantile(times.head, 0.95)) },
          tickRatio: {
            p50: round(quantile(times.baseTick, 0.5) / quantile(times.headTick, 0.5)),
            p95: round(quantile(times.baseTick, 0.95) / quantile(times.headTick, 0.95)),
          },
          ...threadReport,
        };
        console.log(name, JSON.stringify(report[name]));
        await base.close();
        await page.close();
        continue;
      }
      if (PROFILE) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
        await cdp.send('Profiler.start');
      }
      const applyTimes = await page.evaluate(async () => {
        const b = (window as unknown as { bench: Bench }).bench;
        const out: number[] = [];
        for (let i = 0; i < 400; i++) out.push(await b.applyOne());
        return out;
      });
      const threadTimes = PROFILE ? null : await threadMsPerUpdate(browser, page, 400);
      if (PROFILE) {
        const { profile } = await cdp.send('Profiler.stop');
        mkdirSync(ARTIFACTS, { recursive: true });
        writeFileSync(join(ARTIFACTS, `render-${name}.cpuprofile`), JSON.stringify(profile));
        console.log(name, JSON.stringify(stats(applyTimes)));
        console.log(topSelfTime(profile, 40));
        // The same for ticks of the clock alone.
        await cdp.send('Profiler.start');
        const tickTimes = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.run(100, 0));
        const ticks = (await cdp.send('Profiler.stop')).profile;
        console.log(name, 'clock ticks', JSON.stringify(stats(tickTimes)));
        console.log(topSelfTime(ticks, 25));
        // Where the time outside JavaScript goes (style, layout, paint): a trace of 200 more updates.
        await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
        await page.evaluate(async () => {
          const b = (window as unknown as { bench: Bench }).bench;
          for (let i = 0; i < 200; i++) await b.applyOne();
        });
        console.log(traceTotals(JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }));
        await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
        await page.evaluate(() => (window as unknown as { bench: Bench }).bench.run(100, 0));
        console.log('100 clock ticks:');
        console.log(traceTotals(JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }));
        // What each kind of component costs the page outside its own script: the p50 with every one of that kind hidden.
        // Plain script text: tsx would wrap named functions in a helper the page does not have.
        console.log(await page.evaluate(ablate(ABLATE_SELECTORS)));
        await page.close();
        continue;
      }
      const measure = async () => {
        await cdp.send('HeapProfiler.collectGarbage');
        await cdp.send('HeapProfiler.collectGarbage');
        const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
        const metrics = await cdp.send('Performance.getMetrics');
        const m = Object.fromEntries(metrics.metrics.map((x) => [x.name, x.value]));
        const counts = await page.evaluate(() => (window as unknown as { bench: Bench }).bench.counts());
        return {
          heapUsedMB: round(heap.usedSize / 2 ** 20),
          domNodes: m['Nodes'],
          jsEventListeners: m['JSEventListeners'],
          elements: counts.elements,
          treeNodes: counts.treeNodes,
          clockListeners: counts.clockListeners,
          nodesByComponent: counts.nodesByComponent,
        };
      };
      // Five simulated minutes to settle caches, then the baseline, then the rest of the hour.
      const warm = await page.evaluate(([p]) => (window as unknown as { bench: Bench }).bench.run(300, p!), [PER_SECOND]);
      const before = await measure();
      const seconds: number[] = [...warm];
      const trend = [{ minute: 5, ...before }];
      for (let done = 5; done < MINUTES; done += 5) {
        seconds.push(...(await page.evaluate(([p]) => (window as unknown as { bench: Bench }).bench.run(300, p!), [PER_SECOND])));
        trend.push({ minute: done + 5, ...(await measure()) });
      }
      const after = trend.at(-1)!;
      // Which components' own trees grew over the hour (a leak shows here by name).
      const grew = Object.fromEntries(
        Object.entries(after.nodesByComponent).flatMap(([k, n]) => (n !== (before.nodesByComponent[k] ?? 0) ? [[k, n - (before.nodesByComponent[k] ?? 0)]] : [])),
      );
      report[name] = {
        viewport: `${width}x${height}`,
        applyOneUpdateMs: stats(applyTimes),
        ...(threadTimes ? { applyOneUpdateThreadMs: stats(threadTimes) } : {}),
        simulatedSecondMs: stats(seconds),
        afterWarmUp: { ...before, nodesByComponent: undefined },
        afterHour: { ...after, nodesByComponent: undefined },
        treeNodesGrownByComponent: grew,
        trend: trend.map((t) => `${t.minute}m ${t.heapUsedMB} MB ${t.domNodes} nodes (${t.treeNodes} in the tree)`),
      };
      console.log(name, JSON.stringify(report[name], null, 1));
      await page.close();
    }
  } finally {
    await browser.close();
    http.close();
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, 'render-bench.json'), JSON.stringify(report, null, 2));
  console.log(`wrote ${join(ARTIFACTS, 'render-bench.json')} in ${Math.round((Date.now() - t0) / 1000)} s`);
}

await main();
