// The aggregate state of a consumer group with the entry IDs it covers, in one key: written in
// a single SET, so a reader sees either the old checkpoint or the new one, never a mix.
import type { Redis } from 'ioredis';
import { keys } from './keys.js';

export interface CheckpointStore {
  load(): Promise<string | null>;
  save(serializedState: string): Promise<void>;
}

export function createCheckpointStore(redis: Redis, group: string): CheckpointStore {
  const key = keys.checkpoint(group);
  return {
    load: () => redis.get(key),
    save: async (serializedState) => {
      await redis.set(key, serializedState);
    },
  };
}
