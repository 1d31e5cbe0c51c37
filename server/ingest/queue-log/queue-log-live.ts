// The live queue_log adapter: follows the file, maps each batch of lines, and appends the
// events with the new read position in one transaction. It resumes from the stored position
// (the mapper's state travels in it); a first start reads today's part of the file, the lines
// before local midnight only teaching it who is logged in.
import { dayWindow } from '../../core/windows.js';
import { keys } from '../../redis/keys.js';
import type { AdapterDeps, RunningAdapter } from '../adapter.js';
import { createPositionWriter } from '../position-writer.js';
import { SourceReporter } from '../source-status.js';
import { commitWithRetry } from './commit-with-retry.js';
import { FileFollower } from './file-follower.js';
import { LineProcessor } from './line-processor.js';
import { initialMapperState, type MapperState } from './mapper-state.js';
import type { QueueLogOptions } from './queue-log-options.js';
import { encodePosition, parsePosition, type FilePosition } from './queue-log-position.js';
import { queueLogSummary } from './queue-log-summary.js';
import { createSleeper, endOfRun } from './run-lifecycle.js';

export const LIVE_ADAPTER_NAME = 'queue-log';

export function startQueueLogLive(options: QueueLogOptions, deps: AdapterDeps): RunningAdapter {
  const log = deps.log.child({ file: options.file });
  const reporter = new SourceReporter({ source: deps.source, adapter: LIVE_ADAPTER_NAME, now: deps.now, host: deps.host, pid: deps.pid });
  const writer = createPositionWriter({ redis: deps.redis, stream: deps.stream, reporter });
  let stopping = false;
  let processor: LineProcessor | null = null;
  let follower: FileFollower | null = null;
  const { sleep, wake } = createSleeper();

  const publish = () => writer.publishStatus().catch((error: Error) => log.debug('could not write the source status', { error: error.message }));
  const onLink = (state: 'up' | 'down', reason?: string) => {
    const before = reporter.current;
    reporter.link(state, reason ? `${reason}: ${options.file}` : null);
    const after = reporter.current;
    if (before.link === after.link && before.linkReason === after.linkReason) return;
    if (state === 'down') log.warn('the queue_log is not readable', { reason });
    else log.info('following the queue_log');
    void publish();
  };

  const run = async (): Promise<void> => {
    let from = await writer.readPosition();
    let resume: FilePosition | null = null;
    let state: MapperState;
    if (from === null) {
      state = initialMapperState(dayWindow(deps.now(), options.timeZone).startTs);
      log.info('first start: reading the queue_log from local midnight', { timeZone: options.timeZone });
    } else {
      const parsed = parsePosition(from);
      if (!parsed.ok) {
        throw new Error(
          `the stored read position is unreadable (${parsed.reason}). To start over from today's lines, delete it: DEL ${keys.ingestPosition(deps.stream, deps.source, LIVE_ADAPTER_NAME)}`,
        );
      }
      ({ position: resume, state } = parsed);
      log.info('resuming from the stored position', { gen: resume.gen, offset: resume.offset });
    }
    processor = new LineProcessor(state, { mapper: { source: deps.source }, reporter, log, now: deps.now });
    follower = new FileFollower({ path: options.file, pollMs: options.pollMs, batchLines: options.batchLines, log, onLink }, resume);
    const heartbeat = setInterval(() => void publish(), options.heartbeatMs);
    try {
      while (!stopping) {
        const batch = await follower.next();
        if (!batch) break;
        const events = processor.process(batch.lines, batch.atEnd);
        const to = encodePosition(batch.position, processor.state);
        if (!(await commitWithRetry({ events, from, to }, { writer, log, stopping: () => stopping, sleep }))) break;
        from = to;
      }
    } finally {
      clearInterval(heartbeat);
      await follower.close();
    }
  };

  const done = endOfRun(run(), { reporter, writer, redis: deps.redis, stream: deps.stream, reason: () => 'stopped' });

  return {
    reporter,
    done,
    stop: async () => {
      stopping = true;
      follower?.stop();
      wake();
      await done.catch(() => undefined);
    },
    summary: () => queueLogSummary(reporter, processor?.counts, options.file),
  };
}
