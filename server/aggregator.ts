// Owns the aggregate state of one consumer group and is the only writer to it: raw stream
// entries in (decoded here, at the edge of the pure core), snapshots out.
import { apply } from './core/apply.js';
import { restoreState, serializeCall, serializeCore } from './core/checkpoint-codec.js';
import type { CoreConfig } from './core/core-config.js';
import { decode } from './core/events.js';
import { toSnapshot } from './core/snapshot.js';
import type { Snapshot } from './contract/snapshot.js';
import type { View } from './contract/view.js';
import { skipInvalid } from './core/delivery.js';
import { compareEntryIds } from './core/entry-id.js';
import { initialState, type State } from './core/state.js';

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

export class Aggregator {
  private state: State = initialState();
  private nextCheckpointFull = true;
  /** Bumped on every change; lets the push loop skip work when nothing happened. */
  version = 0;

  constructor(readonly config: CoreConfig) {}

  /** Applies entries in order; returns those that failed validation, for the dead-letter stream. */
  applyBatch(entries: readonly RawEntry[]): Rejected[] {
    const rejected: Rejected[] = [];
    for (const entry of entries) {
      const decoded = decode(entry.fields);
      if (decoded.ok) {
        if (apply(this.state, { stream: entry.stream, id: entry.id, event: decoded.event }, this.config) === 'applied') this.version += 1;
      } else if (skipInvalid(this.state, entry.stream, entry.id) === 'applied') {
        rejected.push({ ...entry, reason: decoded.reason });
        this.version += 1;
      }
    }
    return rejected;
  }

  /** The last applied entry ID of a stream, or null before any. */
  cursor(stream: string): string | null {
    return this.state.cursors.get(stream) ?? null;
  }

  snapshot(now: number, view: View = {}): Snapshot {
    return toSnapshot(this.state, this.config, now, view);
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

  restore(checkpoint: StoredCheckpoint | null): void {
    this.state = checkpoint ? restoreState(checkpoint.core, checkpoint.calls) : initialState();
    // After a restore the stored calls match the state, unless there were none stored.
    this.nextCheckpointFull = checkpoint === null;
    this.version += 1;
  }

  /**
   * Takes the stored checkpoint, unless the state in memory is at least as far along on every
   * stream: after a Redis that lost its data, or an error that did not cost us the lease, the
   * memory is the better record, and both are states of a prefix of the same streams.
   */
  adopt(stored: StoredCheckpoint | null): 'stored' | 'memory' {
    const memory = this.state.cursors;
    if (memory.size > 0) {
      const storedCursors = new Map(stored ? (JSON.parse(stored.core) as { cursors: [string, string][] }).cursors : []);
      const streams = new Set([...memory.keys(), ...storedCursors.keys()]);
      const ahead = [...streams].every((s) => {
        const mine = memory.get(s);
        const theirs = storedCursors.get(s);
        return theirs === undefined || (mine !== undefined && compareEntryIds(mine, theirs) >= 0);
      });
      if (ahead) {
        this.nextCheckpointFull = true;
        return 'memory';
      }
    }
    this.restore(stored);
    return 'stored';
  }
}
