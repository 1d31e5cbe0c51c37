// A consumer group's checkpoint: the core state with the entry IDs it covers in one key, and
// the call records in a hash beside it. Both are written in one MULTI, so a reader sees the
// previous checkpoint or the new one, never a mix; they share a hash tag, so that holds on
// Redis Cluster too. Each checkpoint rewrites only the calls that changed since the last.
import type { Redis } from 'ioredis';
import type { CheckpointParts, StoredCheckpoint } from '../aggregator.js';
import { keys } from './keys.js';

export interface CheckpointStore {
  load(): Promise<StoredCheckpoint | null>;
  save(parts: CheckpointParts): Promise<void>;
}

export function createCheckpointStore(redis: Redis, group: string): CheckpointStore {
  const coreKey = keys.checkpoint(group);
  const callsKey = keys.checkpointCalls(group);
  return {
    async load() {
      const core = await redis.get(coreKey);
      if (core === null) return null;
      const calls: string[] = [];
      let cursor = '0';
      do {
        const [next, flat] = await redis.hscan(callsKey, cursor, 'COUNT', 5000);
        for (let i = 1; i < flat.length; i += 2) calls.push(flat[i]!);
        cursor = next;
      } while (cursor !== '0');
      return { core, calls };
    },
    async save(parts) {
      const tx = redis.multi();
      if (parts.full) tx.del(callsKey);
      const upserts: string[] = [];
      const removals: string[] = [];
      for (const [id, json] of parts.calls) {
        if (json === null) removals.push(id);
        else upserts.push(id, json);
      }
      for (let i = 0; i < upserts.length; i += 2000) tx.hset(callsKey, ...upserts.slice(i, i + 2000));
      for (let i = 0; i < removals.length; i += 1000) tx.hdel(callsKey, ...removals.slice(i, i + 1000));
      tx.set(coreKey, parts.core);
      const results = await tx.exec();
      const failed = results?.find(([error]) => error);
      if (!results || failed) throw failed?.[0] ?? new Error('checkpoint transaction was discarded');
    },
  };
}
