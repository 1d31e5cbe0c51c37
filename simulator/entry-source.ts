// The model and the scenario's feed as one ordered source of stream entries. Pure: it is
// handed the start time and never reads a clock, so the same inputs give the same entries.
import type { EventInput } from '../server/core/events.js';
import { createCallCentre, type CallCentre } from './model/call-centre.js';
import type { ModelConfig } from './model/model-config.js';
import { createRandomStreams } from './model/random.js';
import { createCleanFeed, createMessyFeed, type Feed, type FeedDefectCounts, type FeedEntry } from './scenarios/messy-feed.js';
import type { Scenario, ScenarioOverrides } from './scenarios/scenario-types.js';

export interface EntrySourceOptions {
  scenario: Scenario;
  overrides: ScenarioOverrides;
  seed: number;
  /** Model time of the first event. */
  startTs: number;
  /** Incident windows are measured from here. @default startTs */
  anchorTs?: number;
  /** Sees every model event before the feed's defects (for the queueing check). */
  onModelEvent?: (event: EventInput) => void;
}

export interface EntrySource {
  readonly config: ModelConfig;
  readonly model: CallCentre;
  /** Due time of the next entry (model time). */
  peekDueTs(): number;
  /** Entries due at or before `untilTs`, at most `max`. */
  take(untilTs: number, max: number): FeedEntry[];
  /** Valid events produced, by type (duplicates and orphans included, malformed not). */
  eventCounts(): Record<string, number>;
  defects(): FeedDefectCounts | null;
}

export function createEntrySource(options: EntrySourceOptions): EntrySource {
  const { scenario, seed, startTs } = options;
  const config = scenario.build(options.overrides);
  const model = createCallCentre({ config, seed, startTs, anchorTs: options.anchorTs });
  // The feed draws from its own stream of the seed, so defects never shift the calls.
  const feed: Feed = scenario.feed ? createMessyFeed(scenario.feed, createRandomStreams(seed).feed, model.idPrefix) : createCleanFeed();
  const buffer: FeedEntry[] = [];
  let cursor = 0;
  const byType: Record<string, number> = {};

  const peekDueTs = (): number => {
    while (cursor >= buffer.length) {
      buffer.length = 0;
      cursor = 0;
      const event = model.next();
      if (!event) return Number.POSITIVE_INFINITY;
      options.onModelEvent?.(event);
      buffer.push(...feed.push(event));
    }
    return buffer[cursor]!.dueTs;
  };

  return {
    config,
    model,
    peekDueTs,
    take(untilTs, max) {
      const taken: FeedEntry[] = [];
      while (taken.length < max && peekDueTs() <= untilTs) {
        const entry = buffer[cursor++]!;
        if (entry.kind === 'event') byType[entry.event.type] = (byType[entry.event.type] ?? 0) + 1;
        taken.push(entry);
      }
      return taken;
    },
    eventCounts: () => ({ ...byType }),
    defects: () => (scenario.feed ? feed.counts() : null),
  };
}
