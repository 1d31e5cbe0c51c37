// Applies a batch of stream entries to the aggregate, whichever way they were read (range
// replay or group read); entries that fail validation go to the dead letters with a log line.
import type { Aggregator, RawEntry } from '../aggregator.js';
import type { Logger } from '../log.js';
import type { DeadLetterSink } from './dead-letters.js';

export type ApplyEntries = (entries: readonly RawEntry[]) => Promise<void>;

export interface EntryApplierDeps {
  aggregator: Pick<Aggregator, 'applyBatch'>;
  deadLetters: DeadLetterSink;
  log: Logger;
  /** Called after every batch that changed the state. */
  onApplied?: () => void;
}

export function createEntryApplier(deps: EntryApplierDeps): ApplyEntries {
  return async (entries) => {
    if (entries.length === 0) return;
    const rejected = deps.aggregator.applyBatch(entries);
    if (rejected.length > 0) {
      await deps.deadLetters.write(rejected);
      for (const r of rejected) deps.log.warn('invalid entry dead-lettered', { stream: r.stream, entryId: r.id, reason: r.reason });
    }
    deps.onApplied?.();
  };
}
