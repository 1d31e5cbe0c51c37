// One catch-up run of `npm run bench:catchup`, in a process of its own: a fresh server (the real
// wiring of create-server.ts, production batch, BLOCK and checkpoint settings) starts on a
// consumer group, and the time until its aggregate reaches the stream's last entry is measured
// with the process's CPU time, so the figure shows how much of one core it took. Prints one JSON
// line: {"started":…} when the server starts, then the result. It stops at the first batch that
// reaches `lastId` (the stream's last entry, or where a checkpoint for a later run should stand).
import { hostname } from 'node:os';
import { loadConfig } from '../../server/config.js';
import { startServer } from '../../server/create-server.js';
import { compareEntryIds } from '../../server/core/entry-id.js';
import { createLogger } from '../../server/log.js';
import { leaseOwnerId } from '../../server/redis/lease.js';

const [redisUrl, stream, group, lastId] = process.argv.slice(2);
if (!redisUrl || !stream || !group || !lastId) throw new Error('usage: catchup-consumer.ts <redisUrl> <stream> <group> <lastId>');

let logLines = 0;
// Lines are formatted as in production and then dropped: their cost counts, a pipe's does not.
const log = createLogger({ format: 'json', level: 'info', write: () => (logLines += 1) });
const config = {
  ...loadConfig({ env: { LOG_FORMAT: 'json', WALLBOARD_ADMIN_TOKEN: 'bench-admin-token-0123456789abcdef' }, cwd: process.cwd(), stdoutIsTTY: false }),
  port: 0,
  host: '127.0.0.1',
  streams: [stream],
  group,
  redisUrl,
};

const cpu = process.cpuUsage();
const started = performance.now();
process.stdout.write(JSON.stringify({ started: true }) + '\n');
const server = await startServer(config, log, { now: Date.now, owner: leaseOwnerId(hostname(), process.pid), host: hostname(), pid: process.pid });
await new Promise<void>((resolve) => {
  const timer = setInterval(() => {
    const cursor = server.aggregator.cursor(stream);
    if (cursor === null || compareEntryIds(cursor, lastId) < 0) return;
    clearInterval(timer);
    resolve();
  }, 2);
});
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
const ingest = { ...server.aggregator.ingestCounts() };
const lines = logLines;
await server.stop();
process.stdout.write(
  JSON.stringify({
    seconds,
    cpuSeconds: (used.user + used.system) / 1e6,
    rssMb: Math.round(process.memoryUsage().rss / 1048576),
    logLines: lines,
    ingest,
  }) + '\n',
);
process.exit(0);
