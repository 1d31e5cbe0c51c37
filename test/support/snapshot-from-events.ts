// Real Snapshot objects for component tests and the rendering benchmark: contract events run
// through the server's own aggregator, exactly as the server would serve them.
import { Aggregator } from '../../server/aggregator.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import { encode, type EventInput } from '../../server/core/events.js';
import type { Snapshot } from '../../server/contract/snapshot.js';
import type { View } from '../../server/contract/view.js';

export function aggregatorOf(events: readonly EventInput[]): Aggregator {
  const aggregator = new Aggregator(DEFAULT_CORE_CONFIG);
  let seq = 0;
  let lastMs = 0;
  aggregator.applyBatch(
    events.map((event) => {
      // Stream IDs rise with the event time, as Redis's would when the events are appended live.
      const ms = Math.max(event.ts, lastMs);
      seq = ms === lastMs ? seq + 1 : 0;
      lastMs = ms;
      return { stream: 'wallboard:events', id: `${ms}-${seq}`, fields: encode(event) };
    }),
  );
  return aggregator;
}

export function snapshotFromEvents(events: readonly EventInput[], now: number, view: View = {}): Snapshot {
  return aggregatorOf(events).snapshot(now, view);
}
