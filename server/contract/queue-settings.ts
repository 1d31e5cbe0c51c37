// GET and PUT /api/v1/queue-settings as the admin page sees them. The server validates with the
// schema in server/core/queue-settings-schema.ts, whose output has this shape.
import type { QueueDisplayName, QueueThresholds } from './snapshot.js';

/** One queue's settings; a figure left out is the floor-wide one. */
export interface QueueSettingInput {
  name?: QueueDisplayName;
  serviceLevelMs?: number;
  serviceLevelTarget?: number;
  shortAbandonMs?: number;
}

/** queue id → its settings. */
export type QueueSettingsInput = Record<string, QueueSettingInput>;

/** What GET and PUT answer. */
export interface QueueSettingsReply {
  /** The settings saved last, or the config file's before any save. */
  queues: QueueSettingsInput;
  /** The saved record's version; 0 for the config file's. */
  version: number;
  source: 'admin' | 'config';
  /** The version this node's replica applies now (0: the config file's); below `version` until the stream entry reaches it. */
  appliedVersion: number;
  /** The floor-wide figures a queue falls back to. */
  defaults: QueueThresholds;
}
