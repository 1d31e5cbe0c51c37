// Owns the aggregate state of one consumer group and is the only writer to it: raw stream
// entries in (decoded here, at the edge of the pure core), snapshots out.
import { apply } from './core/apply.js';
import { CHECKPOINT_VERSION, CheckpointFormatError, decodeCore, restoreFromCore, serializeCall, serializeCore } from './core/checkpoint-codec.js';
import type { CoreConfig } from './core/core-config.js';
import type { DayRecord } from './core/day-record-schema.js';
import { skipInvalid } from './core/delivery.js';
import { compareEntryIds } from './core/entry-id.js';
import { dayRecord, recordVersion } from './core/day-record.js';
import { decode } from './core/events.js';
import { applyQueueSettings } from './core/queue-settings.js';
import { decodeQueueSettingsEntry, isQueueSettingsEntry, type AppliedQueueSettings } from './core/queue-settings-schema.js';
import { snapshotFrame, toSnapshot, type SnapshotFrame } from './core/snapshot.js';
import { initialState, type State } from './core/state.js';
import type { Alarm, Snapshot } from './contract/snapshot.js';
import type { View } from './contract/view.js';

export interface RawEntry {
  stream: string;
  id: string;
  fields: Record<string, string>;
}

export interface Rejected extends RawEntry {
  reason: string;
}

/** A checkpoint to write: the core state, and the call records changed since the last one. */
export interface CheckpointParts {
  core: string;
  /** Call ID → its record as JSON, or null for a call that was forgotten. */
  calls: Map<string, string | null>;
  /** The calls are all of them: replace what is stored rather than update it. */
  full: boolean;
}

export interface StoredCheckpoint {
  core: string;
  calls: Iterable<string>;
}

/**
 * Where adopt() took the state from. 'stored': the stored checkpoint (with none stored, the
 * initial state). 'memory': the state in memory, at least as far along as the stored one.
 * 'discarded': the stored checkpoint could not be read (an older build's bug, corruption, a
 * newer format after a rollback) and was dropped; the state is the one in memory if there was
 * one, else the initial state, which the stream (kept 48 h) rebuilds. `discardedCheckpoint` says
 * why; the next checkpoint replaces the stored one.
 */
export type AdoptResult = 'stored' | 'memory' | 'discarded';

export class Aggregator {
  private state: State = initialState();
  private nextCheckpointFull = true;
  /** Bumped on every change; lets the push loop skip work when nothing happened. */
  version = 0;
  /** Why the last adopt() discarded the stored checkpoint; null when it did not. */
  discardedCheckpoint: CheckpointFormatError | null = null;

  constructor(readonly config: CoreConfig) {}

  /** Applies entries in order; returns those that failed validation or a cardinality limit, for the dead-letter stream. */
  applyBatch(entries: readonly RawEntry[]): Rejected[] {
    const rejected: Rejected[] = [];
    for (const entry of entries) {
      if (isQueueSettingsEntry(entry.fields)) {
        this.applySettingsEntry(entry, rejected);
        continue;
      }
      const decoded = decode(entry.fields);
      if (decoded.ok) {
        const result = apply(this.state, { stream: entry.stream, id: entry.id, event: decoded.event }, this.config);
        if (result === 'duplicate') continue;
        if (result !== 'applied') rejected.push({ ...entry, reason: result.refused });
        this.version += 1;
      } else if (skipInvalid(this.state, entry.stream, entry.id) === 'applied') {
        rejected.push({ ...entry, reason: decoded.reason });
        this.version += 1;
      }
    }
    return rejected;
  }

  /** An admin's per-queue settings, carried by the stream so that every replica applies them at this entry. */
  private applySettingsEntry(entry: RawEntry, rejected: Rejected[]): void {
    const decoded = decodeQueueSettingsEntry(entry.fields);
    const result = decoded.ok ? applyQueueSettings(this.state, entry.stream, entry.id, decoded.settings) : skipInvalid(this.state, entry.stream, entry.id);
    if (result === 'duplicate') return;
    if (!decoded.ok) rejected.push({ ...entry, reason: decoded.reason });
    this.version += 1;
  }

  /** The admin's per-queue settings the state applies now; null before any reached the stream. */
  queueSettings(): AppliedQueueSettings | null {
    return this.state.queueSettings;
  }

  /** Today's ingest counters (applied, duplicates, dead-lettered…), without computing a snapshot. */
  ingestCounts(): Readonly<State['ingest']> {
    return this.state.ingest;
  }

  /** The replica's alarms, active and recently cleared (read, not to be changed). */
  alarms(): readonly Alarm[] {
    return this.state.alarms;
  }

  /** The day records the state has: the days closed lately (final) and today's so far, for the history writer. */
  dayRecords(): { closed: readonly DayRecord[]; version: string; today: () => DayRecord | null; dropped: number } {
    const state = this.state;
    return {
      closed: state.closedDays,
      version: recordVersion(state.cursors),
      today: () => state.today && dayRecord(state, this.config, state.today, state.agentDays, false),
      dropped: state.closedDaysDropped,
    };
  }

  /** The last applied entry ID of a stream, or null before any. */
  cursor(stream: string): string | null {
    return this.state.cursors.get(stream) ?? null;
  }

  snapshot(now: number, view: View = {}): Snapshot {
    return toSnapshot(this.state, this.config, now, view);
  }

  /** The shared computation of this moment, from which many views' snapshots are projected; valid until the next change. */
  frame(now: number): SnapshotFrame {
    return snapshotFrame(this.state, this.config, now);
  }

  /** Takes the changes since the last checkpoint; call checkpointFailed() if they were not stored. */
  checkpointParts(): CheckpointParts {
    const full = this.nextCheckpointFull;
    const ids = full ? this.state.calls.keys() : this.state.changedCalls;
    const calls = new Map<string, string | null>();
    for (const id of ids) {
      const call = this.state.calls.get(id);
      calls.set(id, call ? serializeCall(call) : null);
    }
    this.state.changedCalls.clear();
    this.nextCheckpointFull = false;
    return { core: serializeCore(this.state), calls, full };
  }

  /** The changes taken were lost: the next checkpoint writes everything. */
  checkpointFailed(): void {
    this.nextCheckpointFull = true;
  }

  /** Replaces the state with a stored checkpoint, or the initial state; throws CheckpointFormatError for one it cannot read. */
  restore(checkpoint: StoredCheckpoint | null): void {
    if (checkpoint === null) return this.replaceState(initialState(), true);
    const decoded = decodeCore(checkpoint.core);
    // Stored calls of an older version are all rewritten, so that the store holds one version.
    this.replaceState(restoreFromCore(decoded, checkpoint.calls), decoded.storedVersion < CHECKPOINT_VERSION);
  }

  /**
   * Takes the stored checkpoint, unless the state in memory is at least as far along on every
   * stream: after a Redis that lost its data, or an error that did not cost us the lease, the
   * memory is the better record, and both are states of a prefix of the same streams. A stored
   * checkpoint that cannot be read is discarded rather than retried: see AdoptResult.
   */
  adopt(stored: StoredCheckpoint | null): AdoptResult {
    this.discardedCheckpoint = null;
    const decoded = stored && this.readOrDiscard(() => decodeCore(stored.core));
    const memoryAhead = this.state.cursors.size > 0 && this.isAtLeastAsFarAs(decoded?.core.cursors ?? []);
    if (!memoryAhead && stored && decoded) {
      const state = this.readOrDiscard(() => restoreFromCore(decoded, stored.calls));
      if (state) {
        this.replaceState(state, decoded.storedVersion < CHECKPOINT_VERSION);
        return 'stored';
      }
    }
    // The next checkpoint replaces the stored one whole, unreadable records included.
    if (this.state.cursors.size > 0) {
      this.nextCheckpointFull = true;
      return this.discardedCheckpoint ? 'discarded' : 'memory';
    }
    this.replaceState(initialState(), true);
    return this.discardedCheckpoint ? 'discarded' : 'stored';
  }

  private replaceState(state: State, nextCheckpointFull: boolean): void {
    this.state = state;
    this.nextCheckpointFull = nextCheckpointFull;
    this.version += 1;
  }

  private isAtLeastAsFarAs(cursors: [string, string][]): boolean {
    const memory = this.state.cursors;
    const stored = new Map(cursors);
    return [...new Set([...memory.keys(), ...stored.keys()])].every((s) => {
      const mine = memory.get(s);
      const theirs = stored.get(s);
      return theirs === undefined || (mine !== undefined && compareEntryIds(mine, theirs) >= 0);
    });
  }

  private readOrDiscard<T>(read: () => T): T | null {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof CheckpointFormatError)) throw error;
      this.discardedCheckpoint = error;
      return null;
    }
  }
}
