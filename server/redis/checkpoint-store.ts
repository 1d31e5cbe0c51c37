// A consumer group's checkpoint: the core state with the entry IDs it covers in one key, and
// the call records in a hash beside it. One script writes both, and only while the writer
// still holds the group's lease: a process that paused past its lease (GC, a frozen VM) must
// not mix its older records into the checkpoint of the process that took over. The keys share
// the group's hash tag, so the script runs in one slot on Redis Cluster too. Each checkpoint
// rewrites only the calls that changed since the last.
import type { RedisConnection } from './connection.js';
import type { CheckpointParts, StoredCheckpoint } from '../aggregator.js';
import { keys } from './keys.js';

// KEYS: lease, core, calls. ARGV: owner, full ("1"/"0"), core, upsert count, id, json, …, removal count, id, …
const SAVE = `
if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '1' then redis.call('del', KEYS[3]) end
local i = 5
for _ = 1, tonumber(ARGV[4]) do
  redis.call('hset', KEYS[3], ARGV[i], ARGV[i + 1])
  i = i + 2
end
local removals = tonumber(ARGV[i])
i = i + 1
for _ = 1, removals do
  redis.call('hdel', KEYS[3], ARGV[i])
  i = i + 1
end
redis.call('set', KEYS[2], ARGV[3])
return 1`;

export class LeaseLostError extends Error {
  override name = 'LeaseLostError';
}

export interface CheckpointStore {
  load(): Promise<StoredCheckpoint | null>;
  /** Writes the checkpoint; throws LeaseLostError when another process holds the lease now. */
  save(parts: CheckpointParts): Promise<void>;
}

export function createCheckpointStore(redis: RedisConnection, group: string, owner: string): CheckpointStore {
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
      const upserts: string[] = [];
      const removals: string[] = [];
      for (const [id, json] of parts.calls) {
        if (json === null) removals.push(id);
        else upserts.push(id, json);
      }
      // One array, not spread into the call: a full checkpoint of a busy day has hundreds of
      // thousands of arguments, past what a JavaScript call takes (ioredis flattens the array).
      const args = [
        keys.lease(group),
        coreKey,
        callsKey,
        owner,
        parts.full ? '1' : '0',
        parts.core,
        String(upserts.length / 2),
        ...upserts,
        String(removals.length),
        ...removals,
      ];
      const written = await redis.eval(SAVE, 3, args);
      if (written !== 1) throw new LeaseLostError('another process holds the aggregation lease; checkpoint not written');
    },
  };
}
