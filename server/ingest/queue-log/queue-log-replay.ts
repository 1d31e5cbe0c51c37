// `--replay`: reads a whole queue_log once, moves every event time by one offset so that the
// latest line lands at the moment it is appended, appends it (as fast as Redis takes it, or at
// --speed times real time) and ends. Call ids get the run's tag ("pbx1:replay-lx3k9a:1700000000.42"),
// so a replay never collides with a live run or an earlier replay of the same file. It keeps
// its own position key (adapter "queue-log-replay"): the live adapter's position is not touched.
// The board lists it as a source while it runs; its record is removed when it ends.
import { open } from 'node:fs/promises';
import type { AdapterDeps, RunningAdapter } from '../adapter.js';
import { createPositionWriter } from '../position-writer.js';
import { SourceReporter } from '../source-status.js';
import { commitWithRetry } from './commit-with-retry.js';
import { readLines, statHandle } from './file-lines.js';
import { LineProcessor } from './line-processor.js';
import { initialMapperState } from './mapper-state.js';
import { lineEpochMs } from './queue-log-line.js';
import type { QueueLogOptions } from './queue-log-options.js';
import { queueLogSummary } from './queue-log-summary.js';
import { createSleeper, endOfRun } from './run-lifecycle.js';

export const REPLAY_ADAPTER_NAME = 'queue-log-replay';

/** Lines read at a time by the scan for the first and latest event times. */
const SCAN_LINES = 10_000;

export function startQueueLogReplay(options: QueueLogOptions, deps: AdapterDeps): RunningAdapter {
  const log = deps.log.child({ file: options.file, replay: true });
  const reporter = new SourceReporter({ source: deps.source, adapter: REPLAY_ADAPTER_NAME, now: deps.now, host: deps.host, pid: deps.pid });
  const writer = createPositionWriter({ redis: deps.redis, stream: deps.stream, reporter });
  let stopping = false;
  let processor: LineProcessor | null = null;
  const { sleep, wake } = createSleeper();

  const run = async (): Promise<void> => {
    const handle = await open(options.file, 'r');
    try {
      reporter.link('up');
      const size = (await statHandle(handle)).size;
      const times = await scanTimes(handle, size);
      if (times === null) {
        log.warn('nothing to replay: no line with a timestamp');
        return;
      }
      const startedAt = deps.now();
      const speed = options.speed;
      // The latest line lands when it is appended: now, or at the end of a paced replay.
      const shiftMs = startedAt + (speed ? (times.latest - times.first) / speed : 0) - times.latest;
      const runTag = `replay-${startedAt.toString(36)}`;
      log.info('replaying', { runTag, shiftMs, speed: speed ?? 'as fast as possible' });
      const proc = new LineProcessor(initialMapperState(null), { mapper: { source: deps.source, runTag }, reporter, log, now: deps.now, shiftMs });
      processor = proc;
      const dueAt = (text: string) => {
        if (speed === undefined) return 0;
        const ts = lineEpochMs(text);
        return ts === null ? 0 : startedAt + (ts - times.first) / speed;
      };
      let from = await writer.readPosition();
      let offset = 0;
      const retry = { writer, log, stopping: () => stopping, sleep };
      while (offset < size && !stopping) {
        const read = await readLines(handle, offset, options.batchLines, { takePartial: true, limit: size });
        if (read.lines.length === 0) break;
        for (let i = 0; i < read.lines.length && !stopping;) {
          // Paced: the lines due by now go together; wait for the next one otherwise.
          let j = i;
          while (j < read.lines.length && dueAt(read.lines[j]!) <= deps.now()) j++;
          if (j === i) {
            await sleep(Math.min(dueAt(read.lines[i]!) - deps.now(), 1000));
            continue;
          }
          const events = proc.process(read.lines.slice(i, j), false);
          const to = `${runTag}:${read.ends[j - 1]!}`;
          if (!(await commitWithRetry({ events, from, to }, retry))) return;
          from = to;
          i = j;
        }
        offset = read.end;
      }
    } finally {
      await handle.close();
    }
  };

  const done = endOfRun(run(), { reporter, writer, redis: deps.redis, stream: deps.stream, reason: () => 'replay finished', forget: true });

  return {
    reporter,
    done,
    stop: async () => {
      stopping = true;
      wake();
      await done.catch(() => undefined);
    },
    summary: () => queueLogSummary(reporter, processor?.counts, options.file),
  };
}

/** The first line's event time and the latest one, or null when no line has one. */
async function scanTimes(handle: Awaited<ReturnType<typeof open>>, size: number): Promise<{ first: number; latest: number } | null> {
  let first: number | null = null;
  let latest = -Infinity;
  for (let offset = 0; offset < size;) {
    const read = await readLines(handle, offset, SCAN_LINES, { takePartial: true, limit: size });
    if (read.lines.length === 0) break;
    for (const text of read.lines) {
      const ts = lineEpochMs(text);
      if (ts === null) continue;
      first ??= ts;
      if (ts > latest) latest = ts;
    }
    offset = read.end;
  }
  return first === null ? null : { first, latest };
}
