// Per-queue settings in force, and a queue's thresholds with the floor-wide ones as fallback.
// An admin's change travels as an entry of the event stream, so every replica
// applies it at the same entry (docs/architecture.md, "Per-queue settings"): a visit is judged
// with the thresholds in force when the stream applies the event that decides it.
import type { CoreConfig } from './core-config.js';
import { acceptEntry, type ApplyResult, type DeliveryState } from './delivery.js';
import type { AppliedQueueSettings, QueueName, QueueSettings } from './queue-settings-schema.js';

export interface QueueSettingsState {
  /** The admin's settings, once one saved; until then the config file's `queues`. */
  queueSettings: AppliedQueueSettings | null;
}

/** The three figures a queue's visits are judged by. */
export interface QueueThresholds {
  serviceLevelMs: number;
  serviceLevelTarget: number;
  shortAbandonMs: number;
}

/** The settings in force: the admin's whole record once saved (it replaces the config file's), else the config file's. */
export function queueSettingsIn(state: QueueSettingsState, config: Pick<CoreConfig, 'queues'>): QueueSettings {
  return state.queueSettings?.queues ?? config.queues;
}

/** A queue's thresholds: its own where set, else the floor-wide ones. */
export function thresholdsOf(state: QueueSettingsState, config: CoreConfig, queue: string): QueueThresholds {
  const settings = queueSettingsIn(state, config);
  const own = Object.hasOwn(settings, queue) ? settings[queue] : undefined;
  return {
    serviceLevelMs: own?.serviceLevelMs ?? config.serviceLevelMs,
    serviceLevelTarget: own?.serviceLevelTarget ?? config.serviceLevelTarget,
    shortAbandonMs: own?.shortAbandonMs ?? config.shortAbandonMs,
  };
}

/** The display names of the queues that have one, restricted to `only` when given. */
export function queueNamesIn(settings: QueueSettings, only: readonly string[] | null): Record<string, QueueName> {
  const names: Record<string, QueueName> = {};
  const ids = only ?? Object.keys(settings).sort();
  for (const id of ids) {
    const name = Object.hasOwn(settings, id) ? settings[id]!.name : undefined;
    if (name) names[id] = name;
  }
  return names;
}

/**
 * Applies a settings entry: from the next entry on, visits are judged by these thresholds. A
 * record older than the one in force (a replay of an earlier save) changes nothing but the cursor.
 */
export function applyQueueSettings(state: DeliveryState & QueueSettingsState, stream: string, id: string, settings: AppliedQueueSettings): ApplyResult {
  if (!acceptEntry(state, stream, id)) return 'duplicate';
  if (state.queueSettings === null || settings.version > state.queueSettings.version) state.queueSettings = settings;
  return 'applied';
}
