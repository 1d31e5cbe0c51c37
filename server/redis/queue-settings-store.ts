// Where an admin's per-queue settings are kept: a hash under the group's hash tag (the record
// and its version), and an entry appended to the event stream, which is how every node's replica
// learns of the change at the same point of the stream (docs/architecture.md, "Per-queue settings").
import type { RedisConnection } from './connection.js';
import { keys } from './keys.js';
import { appliedQueueSettingsSchema, encodeQueueSettingsEntry, type AppliedQueueSettings, type QueueSettings } from '../core/queue-settings-schema.js';

export interface QueueSettingsStore {
  /** The last saved record, or null before any admin saved. A stored record that no longer fits the schema reads as null. */
  get(): Promise<AppliedQueueSettings | null>;
  /** Saves a record under the next version and appends it to the stream; resolves to what was saved. */
  save(queues: QueueSettings): Promise<AppliedQueueSettings>;
}

export function createQueueSettingsStore(redis: RedisConnection, group: string, stream: string): QueueSettingsStore {
  const key = keys.queueSettings(group);
  return {
    async get() {
      const [version, queues] = await redis.hmget(key, 'version', 'queues');
      if (version == null || queues == null) return null;
      try {
        const parsed = appliedQueueSettingsSchema.safeParse({ version: Number(version), queues: JSON.parse(queues) as unknown });
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    async save(queues) {
      // One transaction: the version and the record it numbers are stored together.
      const replies = await redis.multi().hincrby(key, 'version', 1).hset(key, 'queues', JSON.stringify(queues)).exec();
      const [error, version] = replies?.[0] ?? [new Error('transaction discarded'), null];
      if (error) throw error;
      const saved: AppliedQueueSettings = { version: Number(version), queues };
      // Concurrent saves may reach the stream in either order: replicas keep the highest version, the one stored.
      await redis.xadd(stream, '*', ...Object.entries(encodeQueueSettingsEntry(saved)).flat());
      return saved;
    },
  };
}
