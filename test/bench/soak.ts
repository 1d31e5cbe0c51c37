// Soak benchmark of a wall TV: the real server (a private Redis, one node), the simulator's busy
// floor running faster than real time, and a paired TV display in Debian's Chromium, left open
// for a long run at the full push rate. Every minute it collects garbage and reads the page's
// heap, DOM nodes and event listeners; it prints the trend and compares the end with the start
// (medians of five samples each, after a warm-up), against the target of flat within 5 %. With --midnight the server's time
// zone is chosen so that the board's day ends during the run, and the TV lives through the
// rollover too. The TV's watchdog stays on: a reload would show in the report.
//
// Run: npm run bench:soak [-- --minutes 30 --speed 20 --agents 500 --warmup 3 --midnight]
// Writes test-artifacts/soak.json and test-artifacts/soak-tv-end.png.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'vite';
import { startSimulation } from '../../simulator/run-simulation.js';
import { startStack } from '../../simulator/load/stack.js';
import { ARTIFACTS, launchBrowser } from '../e2e/support/browser.js';
import { median, openPairedTv } from './paired-tv.js';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    speed: { type: 'string', default: '20' },
    agents: { type: 'string', default: '500' },
    warmup: { type: 'string', default: '3' },
    midnight: { type: 'boolean', default: false },
  },
});
const number = (name: string, raw: string) => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number, not ${raw}`);
  return n;
};
const SPEED = number('speed', values.speed);
const AGENTS = Math.round(number('agents', values.agents));
const WARMUP_MIN = number('warmup', values.warmup);
const TARGET = 0.05;
const WINDOW = 5;

/** An Etc/GMT zone whose midnight is the next whole UTC hour, and how many minutes away that is. */
function zoneWithMidnightAtNextHour(now: number): { zone: string; minutesAway: number } {
  const next = Math.ceil((now + 60_000) / 3600_000) * 3600_000;
  const utcHour = new Date(next).getUTCHours();
  // Local midnight at UTC hour H means an offset of -H hours (or 24 - H); Etc/GMT signs are inverted.
  const offset = utcHour <= 12 ? -utcHour : 24 - utcHour;
  const zone = offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  return { zone, minutesAway: (next - now) / 60_000 };
}

interface Sample {
  minute: number;
  heapUsedMB: number;
  domNodes: number;
  listeners: number;
  deltas: number;
  reloads: number;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** The median of each figure over a few samples, dated by the last of them. */
function medianSample(list: Sample[]): Sample {
  const of = (key: keyof Sample) => median(list.map((s) => s[key]));
  return {
    minute: list.at(-1)!.minute,
    heapUsedMB: round(of('heapUsedMB')),
    domNodes: of('domNodes'),
    listeners: of('listeners'),
    deltas: of('deltas'),
    reloads: of('reloads'),
  };
}

async function main(): Promise<void> {
  const log = (line: string) => console.log(`[soak] ${line}`);
  const t0 = Date.now();
  let minutes = number('minutes', values.minutes);
  const dir = mkdtempSync(join(tmpdir(), 'wb-soak-'));
  const env: Record<string, string> = {};
  let zone: string | null = null;
  if (values.midnight) {
    const next = zoneWithMidnightAtNextHour(Date.now());
    zone = next.zone;
    minutes = Math.max(minutes, Math.ceil(next.minutesAway + 10));
    env['CONFIG_FILE'] = join(dir, 'config.json');
    writeFileSync(env['CONFIG_FILE'], JSON.stringify({ timeZone: zone }));
    log(`time zone ${zone}: the board's day ends in ${round(next.minutesAway, 1)} min; running ${minutes} min`);
  }

  log('building the wallboard');
  await build({ logLevel: 'warn' });
  const stack = await startStack({ cwd: process.cwd(), log, env });
  const simulation = await startSimulation({
    redisUrl: stack.redis.url,
    scenario: 'normal-day',
    agents: AGENTS,
    arrivalRate: { kind: 'profile', peakPerSec: AGENTS / 400 },
    speed: SPEED,
    backfillMs: 2 * 3600_000,
    maxLen: 2_000_000,
    ...(zone ? { timeZone: zone } : {}),
    log: (line) => log(`simulator: ${line}`),
  });
  const browser = await launchBrowser();
  const samples: Sample[] = [];
  const errors: string[] = [];
  try {
    let reloads = -1; // the first load is not a reload
    const { page, cdp, deltas } = await openPairedTv(browser, stack, {
      name: 'Soak TV',
      beforeLoad(page) {
        page.on('pageerror', (error) => errors.push(error.message));
        page.on('framenavigated', (frame) => {
          if (frame === page.mainFrame()) reloads += 1;
        });
      },
    });
    const startedAt = Date.now();
    const measure = async (minute: number): Promise<Sample> => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
      return {
        minute,
        heapUsedMB: round(heap.usedSize / 2 ** 20),
        domNodes: metrics['Nodes'] ?? 0,
        listeners: metrics['JSEventListeners'] ?? 0,
        deltas: deltas(),
        reloads,
      };
    };
    for (let minute = 1; minute <= minutes; minute++) {
      await new Promise((resolve) => setTimeout(resolve, startedAt + minute * 60_000 - Date.now()));
      const sample = await measure(minute);
      samples.push(sample);
      log(`${minute} min: heap ${sample.heapUsedMB} MB, ${sample.domNodes} DOM nodes, ${sample.listeners} listeners, ${sample.deltas} deltas, ${sample.reloads} reloads`);
    }
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, 'soak-tv-end.png') });
  } finally {
    await browser.close();
    await simulation.stop();
    await stack.stop();
    rmSync(dir, { recursive: true, force: true });
  }

  // The DOM follows what is on screen (rows of queues, held calls), ±10 % from minute to minute, so
  // the start and the end are each the median of five samples: the first after the warm-up, the last.
  const after = samples.filter((s) => s.minute >= WARMUP_MIN);
  const window = Math.min(WINDOW, Math.floor(after.length / 2)) || 1;
  const start = medianSample(after.slice(0, window));
  const end = medianSample(after.slice(-window));
  const change = (key: 'heapUsedMB' | 'domNodes' | 'listeners') => round((end[key] - start[key]) / start[key], 4);
  const changes = { heapUsedMB: change('heapUsedMB'), domNodes: change('domNodes'), listeners: change('listeners') };
  const flat = Object.values(changes).every((c) => Math.abs(c) <= TARGET);
  const last = samples.at(-1)!;
  const first = after[0]!;
  const deltasPerSecond = round((last.deltas - first.deltas) / ((last.minute - first.minute) * 60));
  const report = {
    minutes,
    speed: SPEED,
    agents: AGENTS,
    timeZone: zone,
    start,
    end,
    changes,
    flat,
    deltasPerSecond,
    reloads: last.reloads,
    pageErrors: errors,
    samples,
  };
  writeFileSync(join(ARTIFACTS, 'soak.json'), JSON.stringify(report, null, 2));
  const pct = (c: number) => `${c >= 0 ? '+' : ''}${round(c * 100, 1)} %`;
  console.log(
    [
      '',
      `TV soak, ${minutes} min at ${SPEED}× speed, ${AGENTS} agents${zone ? `, crossing midnight (${zone})` : ''}: ${deltasPerSecond} deltas/s, ${last.reloads} reloads, ${errors.length} page errors`,
      `  medians of ${window} samples, the first after ${WARMUP_MIN} min of warm-up and the last:`,
      `  heap       ${start.heapUsedMB} → ${end.heapUsedMB} MB (${pct(changes.heapUsedMB)})`,
      `  DOM nodes  ${start.domNodes} → ${end.domNodes} (${pct(changes.domNodes)})`,
      `  listeners  ${start.listeners} → ${end.listeners} (${pct(changes.listeners)})`,
      `  ${flat ? 'flat' : 'NOT flat'} within ${TARGET * 100} % (minutes ${first.minute}–${start.minute} vs ${end.minute - window + 1}–${end.minute}); wrote ${join(ARTIFACTS, 'soak.json')} in ${Math.round((Date.now() - t0) / 1000)} s`,
    ].join('\n'),
  );
}

await main();
