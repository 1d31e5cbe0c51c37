// Brute force at /login is throttled per user name (however many addresses try it) and per client
// address (however many names it tries), counted in Redis with rate-limiter-flexible so every server
// process shares the counts. Only failures count; a success clears the name's count.
import type { RedisConnection } from '../redis/connection.js';
import { RateLimiterRedis, type RateLimiterRes } from 'rate-limiter-flexible';
import { keys } from '../redis/keys.js';

export interface LoginThrottleConfig {
  /** Failed logins for one user name within the window before it is refused. @default 10 */
  perUser: number;
  /** Failed logins from one address within the window before it is refused. @default 30 */
  perAddress: number;
  /** The window, and how long a refusal lasts. @default 900000 (15 min) */
  windowMs: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleConfig = { perUser: 10, perAddress: 30, windowMs: 15 * 60_000 };

export type ThrottleVerdict = { ok: true } | { ok: false; retryAfterMs: number };

export interface LoginThrottle {
  /** Whether a login attempt may be checked at all. */
  check(name: string, address: string): Promise<ThrottleVerdict>;
  failed(name: string, address: string): Promise<void>;
  succeeded(name: string): Promise<void>;
}

export function createLoginThrottle(redis: RedisConnection, group: string, config: LoginThrottleConfig): LoginThrottle {
  const limiter = (subject: string, points: number) =>
    new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: `${keys.loginThrottle(group)}:${subject}`,
      points,
      duration: Math.ceil(config.windowMs / 1000),
      blockDuration: Math.ceil(config.windowMs / 1000),
    });
  const byUser = limiter('user', config.perUser);
  const byAddress = limiter('address', config.perAddress);
  // Names are folded so "Admin" and "admin" share one count.
  const userKey = (name: string) => name.trim().toLowerCase();

  const exhausted = (res: RateLimiterRes | null, points: number) => (res !== null && res.consumedPoints >= points ? res.msBeforeNext : 0);

  return {
    check: async (name, address) => {
      const [user, addr] = await Promise.all([byUser.get(userKey(name)), byAddress.get(address)]);
      const wait = Math.max(exhausted(user, config.perUser), exhausted(addr, config.perAddress));
      return wait > 0 ? { ok: false, retryAfterMs: wait } : { ok: true };
    },
    failed: async (name, address) => {
      // Over the limit consume() rejects (and blocks the key for the window); the next check() reports it.
      await Promise.allSettled([byUser.consume(userKey(name), 1), byAddress.consume(address, 1)]);
    },
    succeeded: async (name) => {
      await byUser.delete(userKey(name));
    },
  };
}
