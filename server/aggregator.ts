// Owns the aggregate state of one consumer group and is the only writer to it: raw stream
// entries in (decoded here, at the edge of the pure core), snapshots out.
import { apply, skipInvalid } from './core/apply.js';
import type { CoreConfig } from './core/core-config.js';
import { decode } from './core/events.js';
import { toSnapshot } from './core/snapshot.js';
import type { Snapshot, View } from './core/snapshot-types.js';
import { deserializeState, initialState, serializeState, type State } from './core/state.js';

export interface RawEntry {
  stream: string;
  id: string;
  fields: Record<string, string>;
}

export interface Rejected extends RawEntry {
  reason: string;
}

export class Aggregator {
  private state: State = initialState();
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

  serialize(): string {
    return serializeState(this.state);
  }

  restore(json: string | null): void {
    this.state = json ? deserializeState(json) : initialState();
    this.version += 1;
  }
}
