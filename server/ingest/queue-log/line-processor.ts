// Lines of text → contract events, with the counts the summary and the source status show: the
// step the live follower and the replay share. A line that cannot be used is counted under its
// reason and logged at most once a minute per reason (never with its content: it may hold a
// caller's number or name), and the next line is read as if nothing happened.
import type { EventInput } from '../../core/events.js';
import type { Logger } from '../../log.js';
import type { SourceReporter } from '../source-status.js';
import type { MapperState } from './mapper-state.js';
import { endWarmUp, mapLine, type MapperOptions } from './queue-log-mapper.js';
import { parseQueueLogLine } from './queue-log-line.js';

const SKIP_LOG_EVERY_MS = 60_000;

export interface LineCounts {
  /** Lines read, blank ones included. */
  lines: number;
  /** Known lines that show nothing on the board (CONFIGRELOAD, a DID, a repeated agent state). */
  ignored: number;
  /** Lines before local midnight on a first start: they only taught the mapper who is logged in. */
  beforeToday: number;
}

export interface LineProcessorOptions {
  mapper: MapperOptions;
  reporter: SourceReporter;
  log: Logger;
  now: () => number;
  /** Added to every event time (a replay's offset). @default 0 */
  shiftMs?: number;
}

export class LineProcessor {
  readonly counts: LineCounts = { lines: 0, ignored: 0, beforeToday: 0 };
  private readonly lastLogged = new Map<string, number>();

  constructor(
    readonly state: MapperState,
    private readonly options: LineProcessorOptions,
  ) {}

  /** The events of a batch of lines; `atEnd` when the batch reached the end of the file as it was. */
  process(lines: readonly string[], atEnd: boolean): EventInput[] {
    const events: EventInput[] = [];
    for (const text of lines) this.line(text, events);
    // A first start whose file holds nothing of today yet still shows who is logged in.
    if (atEnd && this.state.warmUntil !== null) events.push(...endWarmUp(this.state));
    return events;
  }

  private line(text: string, events: EventInput[]): void {
    this.counts.lines += 1;
    if (text.trim() === '') return;
    const parsed = parseQueueLogLine(text);
    if (!parsed.ok) return this.skip(parsed.reason);
    const line = parsed.line;
    if (this.options.shiftMs) line.ts += this.options.shiftMs;
    const warming = this.state.warmUntil !== null && line.ts < this.state.warmUntil;
    if (this.state.warmUntil !== null && !warming) events.push(...endWarmUp(this.state));
    const outcome = mapLine(this.state, line, this.options.mapper);
    if (warming) {
      this.counts.beforeToday += 1;
      return;
    }
    switch (outcome.kind) {
      case 'events':
        events.push(...outcome.events);
        return;
      case 'ignored':
        this.counts.ignored += 1;
        return;
      case 'skipped':
        return this.skip(outcome.reason);
      default:
        return assertNever(outcome);
    }
  }

  private skip(reason: string): void {
    this.options.reporter.skip(reason);
    const now = this.options.now();
    const last = this.lastLogged.get(reason);
    if (last !== undefined && now - last < SKIP_LOG_EVERY_MS) return;
    // A file of garbage can hold any number of "event" names; the reporter folds them past 50 anyway.
    if (this.lastLogged.size >= 200) this.lastLogged.clear();
    this.lastLogged.set(reason, now);
    this.options.log.warn('skipped a queue_log line', { reason, skippedSoFar: this.options.reporter.current.skipped[reason] ?? 0 });
  }
}

function assertNever(value: never): never {
  throw new Error(`unhandled outcome ${JSON.stringify(value)}`);
}
