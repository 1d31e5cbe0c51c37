// npm run bench:ingest: the queue_log adapter's throughput, printed as figures (not a test).
// A generated day of queue_log (about 100,000 lines) is appended to a private Redis twice:
// - replay: `--replay` as fast as Redis takes it (batches of 1,000 lines, no stored state);
// - catch-up: the live adapter's first start on the same file, today's lines, storing its read
//   position and mapper state with every batch, as it does after a restart behind a busy PBX.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { queueLogAdapter } from '../../server/ingest/queue-log/queue-log-adapter.js';
import { queueLogOptionsSchema } from '../../server/ingest/queue-log/queue-log-options.js';
import { parsePosition } from '../../server/ingest/queue-log/queue-log-position.js';
import { silentLogger } from '../../server/log.js';
import { startPrivateRedis } from '../../server/redis/private-redis.js';
import { keys } from '../../server/redis/keys.js';
import { generateQueueLog } from '../fixtures/queue-log/generate-queue-log.js';
import { todaySec } from '../fixtures/queue-log/harness.js';

export interface QueueLogFigure {
  mode: 'replay' | 'catch-up';
  lines: number;
  events: number;
  seconds: number;
  eventsPerSecond: number;
  linesPerSecond: number;
}

/** Replays, then catches up with, a generated queue_log of about `lines` lines; one figure each. */
export async function queueLogIngestFigures(lines = 100_000): Promise<QueueLogFigure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'wb-bench-queue-log-'));
  const redis = await startPrivateRedis({ dataDir: join(dir, 'redis'), persist: false });
  const client = new Redis(redis.url);
  try {
    const file = join(dir, 'queue_log');
    // About 3.4 lines a call in the generated mix.
    const log = generateQueueLog({ startSec: todaySec(), spanSec: 240, calls: Math.round(lines / 3.4), agents: 60, seed: 11 });
    writeFileSync(file, log.lines.map((l) => l + '\n').join(''));
    const figures: QueueLogFigure[] = [];
    for (const mode of ['replay', 'catch-up'] as const) {
      const stream = `bench:${mode}`;
      const options = queueLogOptionsSchema.parse({ file, replay: mode === 'replay', pollMs: 20 });
      const started = performance.now();
      const adapter = queueLogAdapter.start(options, {
        redis: new Redis(redis.url, { maxRetriesPerRequest: null }),
        stream,
        source: 'bench',
        log: silentLogger,
        now: Date.now,
        host: 'bench',
        pid: process.pid,
      });
      if (mode === 'catch-up') {
        // The live adapter never ends by itself: stop it once its position reaches the end of the file.
        const size = Buffer.byteLength(log.lines.join('\n') + '\n');
        for (;;) {
          const raw = await client.get(keys.ingestPosition(stream, 'bench', 'queue-log'));
          const parsed = raw === null ? null : parsePosition(raw);
          if (parsed?.ok && parsed.position.offset === size) break;
          await new Promise((r) => setTimeout(r, 5));
        }
        await adapter.stop();
      }
      await adapter.done;
      const seconds = (performance.now() - started) / 1000;
      const events = await client.xlen(stream);
      figures.push({ mode, lines: log.lines.length, events, seconds, eventsPerSecond: events / seconds, linesPerSecond: log.lines.length / seconds });
    }
    return figures;
  } finally {
    client.disconnect();
    await redis.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const n = (x: number) => Math.round(x).toLocaleString('en-US');
  for (const f of await queueLogIngestFigures(Number(process.env['BENCH_QUEUE_LOG_LINES'] ?? 100_000))) {
    console.log(
      `queue_log ${f.mode.padEnd(8)} ${n(f.lines)} lines → ${n(f.events)} events in ${f.seconds.toFixed(2)} s = ${n(f.eventsPerSecond)} events/s (${n(f.linesPerSecond)} lines/s)`,
    );
  }
}
