// npm run bench: ingest throughput and event-to-client latency, printed as figures (not a test).
//
// 1. Backlog: a stream pre-filled with N events of a hotline mix; time for a fresh server to
//    apply them all (range reads + aggregation + checkpoints).
// 2. Live: the server consumes through its consumer group (XREADGROUP, XACK) while a producer
//    appends as fast as Redis takes it; events/s applied.
// 3. Latency: a steady 5,000 events/s for 20 s with a Socket.IO client subscribed; for every
//    event, the time from its XADD to the delta that shows it on the client. The server runs in
//    its own process so the producer and client do not share its event loop.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { encodeArgs, type EventInput } from '../../server/core/events.js';
import { startPrivateRedis } from '../../server/redis/private-redis.js';
import { connectClient, snapshotOf, spawnServer, startTestServer } from '../support/server.js';
import { waitFor } from '../support/redis.js';
import { trafficBatch } from '../support/traffic.js';

const BACKLOG_EVENTS = Number(process.env['BENCH_BACKLOG'] ?? 300_000);
const LIVE_EVENTS = Number(process.env['BENCH_LIVE'] ?? 300_000);
const LATENCY_RATE = Number(process.env['BENCH_RATE'] ?? 5000);
const LATENCY_SECONDS = Number(process.env['BENCH_SECONDS'] ?? 20);

function events(count: number, now: number): EventInput[] {
  const out: EventInput[] = [];
  for (let b = 0; out.length < count; b++) out.push(...trafficBatch(b, now));
  return out.slice(0, count);
}

async function fill(redis: Redis, stream: string, list: EventInput[]): Promise<void> {
  for (let i = 0; i < list.length; i += 2000) {
    const p = redis.pipeline();
    for (const e of list.slice(i, i + 2000)) p.xadd(stream, '*', ...encodeArgs(e));
    await p.exec();
  }
}

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(0)} MB`;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

function rssOf(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line?.match(/\d+/)?.[0] ?? 0) * 1024;
}

async function backlog(redisUrl: string, redis: Redis): Promise<void> {
  const stream = 'bench:backlog';
  await fill(redis, stream, events(BACKLOG_EVENTS, Date.now()));
  const last = (await redis.xrevrange(stream, '+', '-', 'COUNT', 1))[0]![0];
  const started = performance.now();
  const server = await startTestServer(redisUrl, { streams: [stream], group: 'bench-backlog', checkpointIntervalMs: 1000 });
  await waitFor(() => server.aggregator.cursor(stream) === last, 'the backlog to be applied', 600_000);
  const seconds = (performance.now() - started) / 1000;
  const mem = process.memoryUsage();
  console.log(
    `backlog   ${BACKLOG_EVENTS} events in ${seconds.toFixed(2)} s = ${Math.round(BACKLOG_EVENTS / seconds)} events/s  (rss ${mb(mem.rss)}, heap ${mb(mem.heapUsed)})`,
  );
  await server.stop();
}

async function live(redisUrl: string, redis: Redis): Promise<void> {
  const stream = 'bench:live';
  const server = await startTestServer(redisUrl, { streams: [stream], group: 'bench-live', checkpointIntervalMs: 1000 });
  await waitFor(() => server.consumer.status.role === 'active', 'the consumer');
  const list = events(LIVE_EVENTS, Date.now());
  const started = performance.now();
  await fill(redis, stream, list);
  const produced = (performance.now() - started) / 1000;
  const last = (await redis.xrevrange(stream, '+', '-', 'COUNT', 1))[0]![0];
  // Say where the consumer stood if it never gets there (one run of many once stalled here).
  await waitFor(() => server.aggregator.cursor(stream) === last, 'the live stream to be applied', 120_000).catch((error: unknown) => {
    throw new Error(`${(error as Error).message}; cursor ${server.aggregator.cursor(stream)} of ${last}; consumer ${JSON.stringify(server.consumer.status)}`);
  });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `live      ${LIVE_EVENTS} events through XREADGROUP/XACK in ${seconds.toFixed(2)} s = ${Math.round(LIVE_EVENTS / seconds)} events/s  (producer alone: ${Math.round(LIVE_EVENTS / produced)} events/s, same process)`,
  );
  await server.stop();
}

async function latency(redisUrl: string, redis: Redis): Promise<void> {
  const stream = 'bench:latency';
  const server = await spawnServer({ REDIS_URL: redisUrl, STREAM_KEYS: stream, CONSUMER_GROUP: 'bench-latency' });
  const client = connectClient(server.url);
  await waitFor(() => client.current(), 'the first snapshot');
  // Every event's own timestamp; a delta whose newest event time is L delivers all up to L.
  const sent: number[] = [];
  const latencies: number[] = [];
  let delivered = 0;
  client.socket.on('delta', (delta) => {
    const received = Date.now();
    const newest = delta.set.ingest?.lastEventTs;
    if (newest == null) return;
    while (delivered < sent.length && sent[delivered]! <= newest) latencies.push(received - sent[delivered++]!);
  });
  const tickMs = 10;
  const perTick = Math.round((LATENCY_RATE * tickMs) / 1000);
  const until = Date.now() + LATENCY_SECONDS * 1000;
  let batch = 0;
  let rssPeak = 0;
  let next = Date.now();
  while (Date.now() < until) {
    const now = Date.now();
    const p = redis.pipeline();
    const list = trafficBatch(batch++, now).slice(0, perTick);
    for (const e of list) {
      p.xadd(stream, '*', ...encodeArgs({ ...e, ts: now }));
      sent.push(now);
    }
    await p.exec();
    if (batch % 100 === 0) rssPeak = Math.max(rssPeak, rssOf(server.process.pid!));
    next += tickMs;
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
  }
  await waitFor(() => delivered === sent.length, 'every event to reach the client', 30_000).catch(() => {});
  const snap = await snapshotOf(server.url);
  const sorted = latencies.sort((a, b) => a - b);
  console.log(
    `latency   ${sent.length} events at ${LATENCY_RATE}/s for ${LATENCY_SECONDS} s: p50 ${percentile(sorted, 50)} ms, p99 ${percentile(sorted, 99)} ms, max ${sorted.at(-1)} ms; ` +
      `${client.deltas.length} deltas (${(client.deltas.length / LATENCY_SECONDS).toFixed(1)}/s), gaps ${client.gaps}; server rss peak ${mb(rssPeak)}; applied ${snap.ingest.applied}`,
  );
  client.close();
  await server.kill('SIGTERM');
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wb-bench-'));
  const own = await startPrivateRedis({ dataDir, persist: false });
  const redis = new Redis(own.url);
  console.log(`bench: node ${process.version}, ${(await import('node:os')).cpus().length} cores; figures vary on a shared machine, compare medians of runs`);
  try {
    await backlog(own.url, redis);
    await live(own.url, redis);
    await latency(own.url, redis);
  } finally {
    redis.disconnect();
    await own.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
