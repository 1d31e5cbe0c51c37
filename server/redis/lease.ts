// One active aggregator per consumer group. The lease key holds the owner's ID with a TTL;
// the owner renews it, and a standby takes it when the owner stops renewing (crash, pause).
import type { RedisConnection } from './connection.js';
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

/**
 * A lease owner's ID, "host/pid/nonce": host and pid so a restart on the same host can tell its
 * dead predecessor, a nonce so two servers in one process (tests) are two owners.
 */
export function leaseOwnerId(host: string, pid: number): string {
  return `${host}/${pid}/${Math.random().toString(36).slice(2, 8)}`;
}

/** True when the holder ran on the owner's host under another pid that no longer exists (killed, crashed). */
export function isDeadLocalHolder(holder: string, owner: string): boolean {
  const [host, pid] = holder.split('/');
  const [ownHost, ownPid] = owner.split('/');
  if (host !== ownHost || !pid || !/^\d+$/.test(pid) || pid === ownPid) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export function createLease(redis: RedisConnection, group: string, owner: string, ttlMs: number): Lease {
  const key = keys.lease(group);
  const take = async () => (await redis.set(key, owner, 'PX', ttlMs, 'NX')) === 'OK' || (await redis.eval(RENEW, 1, key, owner, ttlMs)) === 1;
  return {
    tryAcquire: async () => {
      if (await take()) return true;
      // A process killed on this host cannot renew; waiting out its TTL would only blank the board.
      const holder = await redis.get(key);
      if (holder === null || !isDeadLocalHolder(holder, owner)) return false;
      await redis.eval(RELEASE, 1, key, holder);
      return take();
    },
    renew: async () => (await redis.eval(RENEW, 1, key, owner, ttlMs)) === 1,
    release: async () => {
      await redis.eval(RELEASE, 1, key, owner);
    },
    holder: () => redis.get(key),
  };
}
