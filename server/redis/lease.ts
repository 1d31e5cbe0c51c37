// One active aggregator per consumer group. The lease key holds the owner's ID with a TTL;
// the owner renews it, and a standby takes it when the owner stops renewing (crash, pause).
import type { Redis } from 'ioredis';
import { keys } from './keys.js';

// Renew or release only a lease we still own (compare-and-set in one script).
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export interface Lease {
  tryAcquire(): Promise<boolean>;
  renew(): Promise<boolean>;
  release(): Promise<void>;
  /** The current holder, or null. */
  holder(): Promise<string | null>;
}

export function createLease(redis: Redis, group: string, owner: string, ttlMs: number): Lease {
  const key = keys.lease(group);
  return {
    tryAcquire: async () => (await redis.set(key, owner, 'PX', ttlMs, 'NX')) === 'OK' || (await redis.eval(RENEW, 1, key, owner, ttlMs)) === 1,
    renew: async () => (await redis.eval(RENEW, 1, key, owner, ttlMs)) === 1,
    release: async () => {
      await redis.eval(RELEASE, 1, key, owner);
    },
    holder: () => redis.get(key),
  };
}
