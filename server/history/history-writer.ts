// Writes the day history from the lease holder's replica: each closed day's final record as soon
// as the state has it, and before any checkpoint is saved (the checkpointer calls writeIfDue
// first), so no checkpoint is ahead of a closed day: the state lets a closed day go after a week,
// and a checkpoint without it could not write it again. Today's record is written at most every
// `intervalMs`, and at a clean stop: the checkpoint holds today's whole state, so whoever restarts
// from it rebuilds today's record from it, and building it (a pass over the day and a gzip, some
// 16 ms at 50 queues) before every checkpoint would cost that each second. The store ignores a
// record whose version is already stored, so a new lease holder simply writes all its replica has.
import type { DayRecord } from '../core/day-record-schema.js';
import type { Logger } from '../log.js';
import type { HistoryStore } from '../redis/history-store.js';

/** The records the replica has now. */
export interface DayRecords {
  /** The final records of the days closed lately, oldest first. */
  closed: readonly DayRecord[];
  /** The version today's record would have now (it is built only when it is to be written). */
  version: string;
  /** Today's record so far, or null before any event. */
  today: () => DayRecord | null;
  /** Closed days the state let go so far (it keeps the last week). */
  dropped: number;
}

export interface HistoryWriterOptions {
  /** Least time between two writes of today's record outside a checkpoint. */
  intervalMs: number;
}

export interface HistoryWriterDeps {
  records: () => DayRecords;
  store: Pick<HistoryStore, 'write'>;
  log: Logger;
  now: () => number;
}

/** What the writer has done since the process started, for /metrics. */
export interface HistoryWriteCounts {
  /** Records the store took (newer than what it held). */
  stored: number;
  /** Records the store already held at that version or newer. */
  unchanged: number;
  /** Writes that failed (Redis down, the lease lost): the checkpoint waits for the next that succeeds. */
  failed: number;
  /** Closed days dropped before any write stored them. */
  daysLost: number;
}

export class HistoryWriter {
  readonly counts: HistoryWriteCounts = { stored: 0, unchanged: 0, failed: 0, daysLost: 0 };
  /** date → the version known stored (written by us, or found there). */
  private readonly stored = new Map<string, string>();
  private lastTodayAt = Number.NEGATIVE_INFINITY;
  /** The version of the state whose today's record was last written. */
  private todayStored: string | null = null;
  private seen: { dates: Set<string>; dropped: number } | null = null;

  constructor(
    private readonly options: HistoryWriterOptions,
    private readonly deps: HistoryWriterDeps,
  ) {}

  /** Closed days now; today's record when the interval has passed. */
  async writeIfDue(): Promise<void> {
    await this.write(this.deps.now() - this.lastTodayAt >= this.options.intervalMs);
  }

  /** Every record the replica has that is newer than what is stored, today's too: at a clean stop. */
  async writeAll(): Promise<void> {
    await this.write(true);
  }

  /** A new lease holder knows nothing of what is stored: the store's version check decides. */
  forget(): void {
    this.stored.clear();
    this.todayStored = null;
    this.seen = null;
  }

  private async write(withToday: boolean): Promise<void> {
    const { closed, today, version, dropped } = this.deps.records();
    this.warnOfLostDays(closed, dropped);
    for (const record of closed) await this.writeOne(record);
    if (!withToday) return;
    // Building today's record costs a pass over the day: not when its version is stored already.
    if (this.todayStored !== version) {
      const record = today();
      // Before the first event there is nothing to write, and the first one's record is due at once.
      if (!record) return;
      await this.writeOne(record);
      this.todayStored = version;
    }
    this.lastTodayAt = this.deps.now();
  }

  private async writeOne(record: DayRecord): Promise<void> {
    const known = this.stored.get(record.date);
    if (known !== undefined && known >= record.version) return;
    let result: Awaited<ReturnType<HistoryStore['write']>>;
    try {
      result = await this.deps.store.write(record);
    } catch (error) {
      this.counts.failed += 1;
      throw error;
    }
    this.counts[result] += 1;
    this.stored.set(record.date, record.version);
    if (result === 'stored' && record.final) this.deps.log.info('day history stored', { date: record.date, version: record.version });
    // Forget days older than the replica keeps: the map stays a week long.
    if (this.stored.size > 16) for (const date of [...this.stored.keys()].sort().slice(0, this.stored.size - 16)) this.stored.delete(date);
  }

  /**
   * The state keeps the last week of closed days. A backfill that closes more than that between
   * two writes drops a day no write saw: it is lost to the history, which an operator must hear of.
   */
  private warnOfLostDays(closed: readonly DayRecord[], dropped: number): void {
    const dates = new Set(closed.map((r) => r.date));
    if (this.seen) {
      const letGo = [...this.seen.dates].filter((d) => !dates.has(d)).length;
      const lost = dropped - this.seen.dropped - letGo;
      if (lost > 0) this.counts.daysLost += lost;
      if (lost > 0) this.deps.log.warn('days closed faster than the history could store them: their records are lost', { lost, keptFrom: closed[0]?.date ?? null });
    }
    this.seen = { dates, dropped };
  }
}
