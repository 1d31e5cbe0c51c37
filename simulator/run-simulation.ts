// Runs a scenario against a sink: first an optional backfill (history ending now, written as
// fast as the sink takes it), then live mode (entries written when they fall due, at `speed`).
// The loop sleeps until the next entry is due, so a normal day at real pace costs next to no
// CPU. Write failures are logged and retried with back-off; the stream may then see an entry
// twice, which the contract allows.
import { Redis } from 'ioredis';
import { mean } from './model/distributions.js';
import type { QueueingFigures } from '../server/core/erlang.js';
import { createQueueCheck, expectedFigures, type MeasuredFigures, type QueueCheck } from './model/queue-check.js';
import { createEntrySource } from './entry-source.js';
import { BACKFILL_PACING, livePacing, retime, type Pacing } from './pacing.js';
import { createRedisPublisher, DEFAULT_STREAM_KEY, type EntrySink } from './publisher.js';
import type { FeedDefectCounts } from './scenarios/messy-feed.js';
import { getScenario } from './scenarios/scenario-registry.js';
import type { QueueingFormula, ScenarioOverrides } from './scenarios/scenario-types.js';

export interface RunOptions extends ScenarioOverrides {
  /** @default "normal-day" */
  scenario?: string;
  /** Same seed, flags and start: same entries. @default a random seed, logged */
  seed?: number;
  /** Live mode runs this many times faster than real time. @default 1 */
  speed?: number;
  /** History to write first, ending now (or at endTs). @default 0 */
  backfillMs?: number;
  /**
   * Write the backfill with entry IDs at the events' own times, as a feed the board had been
   * reading all along (needed for earlier days: the server drops an event appended more than the
   * call expiry after it happened, from an earlier day). The stream must hold nothing later. @default false
   */
  backfillAtEventTimes?: boolean;
  /** Continue in live mode after the backfill. @default true */
  live?: boolean;
  /** Simulated time to run in live mode; until stop() when absent. */
  durationMs?: number;
  /** End of the backfill span when not live (to reproduce a run exactly). @default now */
  endTs?: number;
  /** Entries per pipelined write. @default 500 */
  batchSize?: number;
  /** Receives plain log lines. @default no logging */
  log?: (line: string) => void;
  /** Called about every progressIntervalMs with figures for a progress line. */
  onProgress?: (progress: SimulationProgress) => void;
  /** @default 1000 */
  progressIntervalMs?: number;
  /** The wall clock. @default Date.now */
  clock?: () => number;
}

export interface SimulationOptions extends RunOptions {
  redisUrl: string;
  /** @default "wallboard:events" */
  streamKey?: string;
  /** Trim the stream to about this many entries; unbounded when absent. */
  maxLen?: number;
}

export interface SimulationProgress {
  phase: 'backfill' | 'live';
  entries: number;
  /** Entries per second since the previous progress report. */
  ratePerSec: number;
  /** The simulated clock (model time). */
  modelTs: number;
  /** How far behind its schedule the writer is, in wall-clock ms (the backlog). */
  backlogMs: number;
  waiting: number;
  agentsOnDuty: number;
  timeZone: string;
}

export interface QueueingCheckResult {
  formula: QueueingFormula;
  expected: QueueingFigures;
  measured: MeasuredFigures;
}

export interface SimulationSummary {
  scenario: string;
  seed: number;
  /** Prefix of this run's call ids (c-<prefix>-<n>). */
  idPrefix: string;
  /** Entries written, malformed ones included. */
  entries: number;
  eventsByType: Record<string, number>;
  defects: FeedDefectCounts | null;
  modelStartTs: number;
  modelEndTs: number;
  wallMs: number;
  /** Simulated vs formula figures, for the mmn and erlang-a scenarios. */
  check: QueueingCheckResult | null;
}

export interface RunningSimulation {
  /** Stops after the write in flight and resolves when everything is closed. */
  stop(): Promise<void>;
  done: Promise<SimulationSummary>;
}

/** Runs a scenario into a Redis stream. Resolves once Redis answered; rejects if it cannot be reached. */
export async function startSimulation(options: SimulationOptions): Promise<RunningSimulation> {
  const redis = new Redis(options.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 3, connectTimeout: 5000 });
  redis.on('error', () => {}); // reported by the failing command instead, with context
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${options.redisUrl}: ${(error as Error).message}`, { cause: error });
  }
  const sink = createRedisPublisher(redis, { streamKey: options.streamKey ?? DEFAULT_STREAM_KEY, maxLen: options.maxLen });
  const close = async () => {
    await redis.quit().catch(() => redis.disconnect());
  };
  try {
    return runSimulation(options, sink, close);
  } catch (error) {
    // A bad scenario or option: nothing ran, but the connection must not keep the process alive.
    await close();
    throw error;
  }
}

/** Runs a scenario into any sink (the CLI's --dry-run uses standard output). */
export function runSimulation(options: RunOptions, sink: EntrySink, close: () => Promise<void> = async () => {}): RunningSimulation {
  const clock = options.clock ?? Date.now;
  const log = options.log ?? (() => {});
  const scenario = getScenario(options.scenario ?? 'normal-day');
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const speed = options.speed ?? 1;
  const live = options.live ?? true;
  const backfillMs = options.backfillMs ?? 0;
  const batchSize = options.batchSize ?? 500;
  if (!(backfillMs >= 0) || !Number.isFinite(backfillMs)) throw new RangeError(`backfillMs must be a finite number ≥ 0 (got ${backfillMs})`);
  if (options.durationMs !== undefined && !(options.durationMs > 0)) throw new RangeError(`durationMs must be > 0 (got ${options.durationMs})`);
  if (!live && backfillMs === 0) throw new RangeError('nothing to simulate: live is false and backfillMs is 0');
  const startedWall = clock();
  const backfillEnd = live ? startedWall : (options.endTs ?? startedWall);
  const startTs = backfillEnd - backfillMs;
  const liveEnd = options.durationMs === undefined ? Number.POSITIVE_INFINITY : backfillEnd + options.durationMs;
  const pacing = livePacing(backfillEnd, speed);
  let check: QueueCheck | null = null;
  const source = createEntrySource({
    scenario,
    overrides: options,
    seed,
    startTs,
    // Incidents start a minute or two into what the viewer watches: live mode, or the run.
    anchorTs: live ? backfillEnd : startTs,
    onModelEvent: (event) => check?.observe(event),
  });
  let expected: QueueingFigures | null = null;
  if (scenario.formula) {
    try {
      expected = expectedFigures(source.config, scenario.formula);
      // Calls queued in the first tenth of the span (or ten mean handle times when it is
      // open-ended) are warm-up: the floor starts empty, which is not the steady state.
      const span = Number.isFinite(liveEnd) ? liveEnd - startTs : backfillMs;
      check = createQueueCheck({ fromTs: startTs + (span > 0 ? span * 0.1 : 10 * mean(source.config.talkMs)) });
    } catch (error) {
      log(`no ${scenario.formula} check for this run: ${(error as Error).message}`);
    }
  }

  let stopping = false;
  let wake: (() => void) | null = null;
  let entries = 0;
  let modelTs = startTs;
  let lastProgress = { wall: startedWall, entries: 0 };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => ((wake = null), resolve()), ms);
      wake = () => (clearTimeout(timer), (wake = null), resolve());
    });

  const write = async (batch: ReturnType<typeof source.take>, pace: Pacing, atEventTimes = false) => {
    const outgoing = batch.map((entry) => (atEventTimes ? { ...retime(entry, pace), appendAt: entry.dueTs } : retime(entry, pace)));
    for (let attempt = 1; ; attempt++) {
      try {
        await sink.write(outgoing);
        break;
      } catch (error) {
        if (isReplyError(error)) throw error;
        if (stopping) return;
        const backoff = Math.min(10_000, 500 * 2 ** Math.min(attempt, 5));
        log(
          `write to ${sink.target} failed (attempt ${attempt}, ${batch.length} entries, first ts ${batch[0]?.dueTs}): ${(error as Error).message}; retrying in ${backoff} ms`,
        );
        await sleep(backoff);
      }
    }
    entries += batch.length;
    modelTs = Math.max(modelTs, batch.at(-1)!.dueTs);
  };

  const progress = (phase: SimulationProgress['phase'], backlogMs: number, force = false) => {
    const wall = clock();
    if (!options.onProgress || (!force && wall - lastProgress.wall < (options.progressIntervalMs ?? 1000))) return;
    const stats = source.model.stats();
    const ratePerSec = ((entries - lastProgress.entries) * 1000) / Math.max(1, wall - lastProgress.wall);
    lastProgress = { wall, entries };
    options.onProgress({
      phase,
      entries,
      ratePerSec,
      modelTs,
      backlogMs,
      waiting: stats.waiting,
      agentsOnDuty: source.model.agents.length - stats.agents.offline,
      timeZone: source.config.timeZone,
    });
  };

  const run = async (): Promise<SimulationSummary> => {
    log(
      `simulating ${scenario.name} (seed ${seed}, call ids c-${source.model.idPrefix}-…) into ${sink.target}` +
        (backfillMs > 0 ? `; backfill ${formatSpan(backfillMs)} ending ${new Date(backfillEnd).toISOString()}` : '') +
        (live ? `; live at ${speed}x${Number.isFinite(liveEnd) ? ` for ${formatSpan(liveEnd - backfillEnd)} simulated` : ''}` : ''),
    );
    if (backfillMs > 0) {
      const began = clock();
      while (!stopping && source.peekDueTs() <= backfillEnd) {
        await write(source.take(backfillEnd, batchSize), BACKFILL_PACING, options.backfillAtEventTimes === true);
        progress('backfill', Math.max(0, backfillEnd - modelTs));
      }
      if (stopping) return summarise();
      modelTs = Math.max(modelTs, backfillEnd);
      log(`backfill done: ${entries} entries over ${formatSpan(backfillMs)} in ${((clock() - began) / 1000).toFixed(1)} s`);
    }
    while (live && !stopping) {
      const horizon = Math.min(pacing.toModel(clock()), liveEnd);
      const batch = source.take(horizon, batchSize);
      if (batch.length > 0) await write(batch, pacing);
      modelTs = Math.max(modelTs, horizon);
      const nextDue = source.peekDueTs();
      progress('live', nextDue <= horizon ? Math.max(0, (horizon - nextDue) / speed) : 0);
      if (batch.length === batchSize) continue;
      if (horizon >= liveEnd && nextDue > liveEnd) break;
      // Sleep until the next entry is due (at most a second, for the progress line).
      const untilDue = Math.min(pacing.toWall(Math.min(nextDue, liveEnd)) - clock(), 1000);
      if (untilDue > 0) await sleep(Math.max(untilDue, 5));
      else await new Promise((r) => setImmediate(r));
    }
    return summarise();
  };

  const summarise = (): SimulationSummary => {
    progress(live ? 'live' : 'backfill', 0, true);
    const summary: SimulationSummary = {
      scenario: scenario.name,
      seed,
      idPrefix: source.model.idPrefix,
      entries,
      eventsByType: source.eventCounts(),
      defects: source.defects(),
      modelStartTs: startTs,
      modelEndTs: modelTs,
      wallMs: clock() - startedWall,
      check: check && expected && scenario.formula ? { formula: scenario.formula, expected, measured: check.result() } : null,
    };
    log(`stopped: ${entries} entries written in ${(summary.wallMs / 1000).toFixed(1)} s`);
    return summary;
  };

  const done = run().finally(close);
  return {
    done,
    stop: async () => {
      stopping = true;
      wake?.();
      await done.catch(() => {});
    },
  };
}

/** A Redis error reply (wrong type, bad argument): retrying cannot help. */
function isReplyError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError';
}

export function formatSpan(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 1)} s`;
}
