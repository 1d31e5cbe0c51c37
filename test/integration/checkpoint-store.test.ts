// The checkpoint store against a real Redis: a full checkpoint of a very busy day (hundreds of
// thousands of call records) is written in one script call, and only by the lease holder.
import { describe, expect, it } from 'vitest';
import { createCheckpointStore, LeaseLostError } from '../../server/redis/checkpoint-store.js';
import { keys } from '../../server/redis/keys.js';
import { uniquePrefix, useTestRedis } from '../support/redis.js';

const suite = useTestRedis();

describe('checkpoint store', () => {
  it('writes a full checkpoint of 200,000 call records (past what a spread JavaScript call takes) and reads it back', async () => {
    const group = uniquePrefix('ckpt');
    await suite.client.set(keys.lease(group), 'me');
    const store = createCheckpointStore(suite.client, group, 'me');
    const calls = new Map<string, string | null>(Array.from({ length: 200_000 }, (_, i) => [`c${i}`, `{"id":${i}}`]));
    await store.save({ core: '{"v":3}', calls, full: true });
    expect(await suite.client.hlen(keys.checkpointCalls(group))).toBe(200_000);
    const loaded = await store.load();
    expect(loaded?.core).toBe('{"v":3}');
    expect(loaded?.calls).toHaveLength(200_000);
  });

  it('refuses to write for a process that lost the lease', async () => {
    const group = uniquePrefix('ckpt');
    await suite.client.set(keys.lease(group), 'someone-else');
    const store = createCheckpointStore(suite.client, group, 'me');
    await expect(store.save({ core: '{}', calls: new Map(), full: true })).rejects.toBeInstanceOf(LeaseLostError);
    expect(await suite.client.exists(keys.checkpoint(group))).toBe(0);
  });
});
