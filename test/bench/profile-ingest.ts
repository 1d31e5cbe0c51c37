// Where ingest time goes: decode, apply, checkpoint and restore timed separately on one pre-built list.
import { Aggregator } from '../../server/aggregator.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import { decode, encode, type EventInput } from '../../server/core/events.js';
import { trafficBatch } from '../support/traffic.js';

const N = Number(process.env['BENCH_EVENTS'] ?? 300_000);
const list: EventInput[] = [];
for (let b = 0; list.length < N; b++) list.push(...trafficBatch(b, Date.now()));
const base = Date.now();
const raw = list.slice(0, N).map((e, i) => ({ stream: 's', id: `${base + Math.floor(i / 100)}-${i % 100}`, fields: encode(e) }));

let t = performance.now();
for (const r of raw) decode(r.fields);
const decodeMs = performance.now() - t;

const aggregator = new Aggregator(DEFAULT_CORE_CONFIG);
t = performance.now();
for (let i = 0; i < raw.length; i += 1000) aggregator.applyBatch(raw.slice(i, i + 1000));
const applyMs = performance.now() - t;

t = performance.now();
const full = aggregator.checkpointParts();
const fullMs = performance.now() - t;
const fullMb = ([...full.calls.values()].reduce((n, c) => n + (c?.length ?? 0), 0) + full.core.length) / 1048576;
// Recovery: the full checkpoint read back, as a restarted server does.
const stored = { core: full.core, calls: [...full.calls.values()].filter((c) => c !== null) };
t = performance.now();
new Aggregator(DEFAULT_CORE_CONFIG).restore(stored);
const restoreMs = performance.now() - t;
// A second of traffic at 5,000 events/s, then the incremental checkpoint it leaves behind.
aggregator.applyBatch(raw.slice(0, 5000).map((r, i) => ({ ...r, id: `${base + 5000 + Math.floor(i / 5)}-${i % 5}`, fields: { ...r.fields, callId: `n${i}` } })));
t = performance.now();
const incremental = aggregator.checkpointParts();
const incrementalMs = performance.now() - t;
t = performance.now();
aggregator.snapshot(Date.now());
const snapshotMs = performance.now() - t;

const perSec = (ms: number) => Math.round(N / (ms / 1000));
console.log(`decode only        ${decodeMs.toFixed(0)} ms  (${perSec(decodeMs)} events/s)`);
console.log(`decode + apply     ${applyMs.toFixed(0)} ms  (${perSec(applyMs)} events/s)`);
console.log(`full checkpoint    ${fullMs.toFixed(0)} ms for ${fullMb.toFixed(1)} MB (${full.calls.size} calls)`);
console.log(`restore            ${restoreMs.toFixed(0)} ms from the full checkpoint`);
console.log(`incremental       ${incrementalMs.toFixed(1)} ms after 5,000 more events (${incremental.calls.size} calls)`);
console.log(`one snapshot       ${snapshotMs.toFixed(1)} ms`);
