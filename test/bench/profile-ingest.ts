// Where ingest time goes, stage by stage, on one pre-built list of a large floor's entries (the
// entries of `npm run bench:catchup`): field maps from the flat reply, decode, apply, the
// checkpoints a catch-up takes, then a full checkpoint, its restore and a snapshot. Each stage is
// the fastest of 5 trials, so that a busy machine sways it less. Profile one stage with
//   node --cpu-prof --import tsx test/bench/profile-ingest.ts
// Flags (environment): BENCH_EVENTS (default 300,000), BENCH_AGENTS (default 2,000).
import { Aggregator, type RawEntry } from '../../server/aggregator.js';
import { apply } from '../../server/core/apply.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import { decode, fieldsFromArray, type QueueEvent } from '../../server/core/events.js';
import { initialState } from '../../server/core/state.js';
import { floorEntries } from './floor-entries.js';

const N = Number(process.env['BENCH_EVENTS'] ?? 300_000);
const AGENTS = Number(process.env['BENCH_AGENTS'] ?? 2000);
const BATCH = 1000;
/** Entries between two checkpoints during a catch-up: about a second's worth. */
const CHECKPOINT_EVERY = 50_000;

const flat = [...floorEntries(N, AGENTS)];
const raw: RawEntry[] = flat.map((e) => ({ stream: 's', id: e.id, fields: fieldsFromArray(e.args) }));

/** The fastest of 5 trials: the machine's other work only ever adds time. */
function best(run: () => void): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    run();
    fastest = Math.min(fastest, performance.now() - t);
  }
  return fastest;
}

const line = (label: string, ms: number, extra = '') =>
  console.log(
    `${label.padEnd(28)} ${ms.toFixed(0).padStart(6)} ms  ${String(Math.round(N / (ms / 1000))).padStart(8)} events/s  ${((ms * 1000) / N).toFixed(2)} µs/event${extra}`,
  );

line(
  'field maps from replies',
  best(() => flat.forEach((e) => fieldsFromArray(e.args))),
);
line(
  'decode',
  best(() => raw.forEach((r) => decode(r.fields))),
);

const events: QueueEvent[] = raw.map((r) => {
  const d = decode(r.fields);
  if (!d.ok) throw new Error(`floor entry ${r.id} does not decode: ${d.reason}`);
  return d.event;
});
line(
  'apply (decoded)',
  best(() => {
    const state = initialState();
    for (let i = 0; i < raw.length; i++) apply(state, { stream: 's', id: raw[i]!.id, event: events[i]! }, DEFAULT_CORE_CONFIG);
  }),
);
line(
  'decode + apply (applyBatch)',
  best(() => {
    const aggregator = new Aggregator(DEFAULT_CORE_CONFIG);
    for (let i = 0; i < raw.length; i += BATCH) aggregator.applyBatch(raw.slice(i, i + BATCH));
  }),
);
let checkpoints = 0;
let checkpointBytes = 0;
const withCheckpoints = best(() => {
  const aggregator = new Aggregator(DEFAULT_CORE_CONFIG);
  checkpoints = 0;
  checkpointBytes = 0;
  for (let i = 0; i < raw.length; i += BATCH) {
    aggregator.applyBatch(raw.slice(i, i + BATCH));
    if ((i + BATCH) % CHECKPOINT_EVERY === 0) {
      const parts = aggregator.checkpointParts();
      checkpoints += 1;
      checkpointBytes += parts.core.length + [...parts.calls.values()].reduce((n, c) => n + (c?.length ?? 0), 0);
    }
  }
});
line('+ checkpoint parts', withCheckpoints, `  (${checkpoints} checkpoints, ${(checkpointBytes / checkpoints / 1048576).toFixed(2)} MB each)`);

const aggregator = new Aggregator(DEFAULT_CORE_CONFIG);
for (let i = 0; i < raw.length; i += BATCH) aggregator.applyBatch(raw.slice(i, i + BATCH));
let t = performance.now();
const full = aggregator.checkpointParts();
const fullMs = performance.now() - t;
const fullMb = ([...full.calls.values()].reduce((n, c) => n + (c?.length ?? 0), 0) + full.core.length) / 1048576;
// Recovery: the full checkpoint read back, as a restarted server does.
const stored = { core: full.core, calls: [...full.calls.values()].filter((c) => c !== null) };
t = performance.now();
new Aggregator(DEFAULT_CORE_CONFIG).restore(stored);
const restoreMs = performance.now() - t;
t = performance.now();
aggregator.snapshot(Number(raw.at(-1)!.id.split('-')[0]));
const snapshotMs = performance.now() - t;
console.log(`full checkpoint              ${fullMs.toFixed(0).padStart(6)} ms for ${fullMb.toFixed(1)} MB (${full.calls.size} calls)`);
console.log(`restore                      ${restoreMs.toFixed(0).padStart(6)} ms from the full checkpoint`);
console.log(`one snapshot                 ${snapshotMs.toFixed(1).padStart(6)} ms`);
