// A private redis-server per test suite, on a free port, removed afterwards.
import { mkdtempSync, rmSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPrivateRedis, type AppendFsync, type PrivateRedis } from '../../server/redis/private-redis.js';

export interface TestRedis extends PrivateRedis {
  /** Removes the data directory after stopping. */
  dispose(): Promise<void>;
}

export interface TestRedisOptions {
  /** Keep an append-only file. @default false */
  persist?: boolean;
  /** The append-only file's fsync policy; "always" for a test that kills Redis right after a write. @default "everysec" */
  appendfsync?: AppendFsync;
}

export async function startTestRedis(options: TestRedisOptions = {}): Promise<TestRedis> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wb-redis-'));
  const redis = await startPrivateRedis({ dataDir, persist: options.persist ?? false, appendfsync: options.appendfsync });
  return {
    ...redis,
    dispose: async () => {
      await redis.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestRedisSuite {
  /** The suite's private redis-server; set once beforeAll has run. */
  redis: TestRedis;
  /** A client on it, for the test's own XADDs and reads. */
  client: Redis;
}

/** A private redis-server and a client for a whole suite: started before it, removed after. */
export function useTestRedis(): TestRedisSuite {
  const suite = {} as TestRedisSuite;
  beforeAll(async () => {
    suite.redis = await startTestRedis();
    suite.client = new Redis(suite.redis.url);
  });
  afterAll(async () => {
    suite.client.disconnect();
    await suite.redis.dispose();
  });
  return suite;
}

/** A key prefix unique to one test, so tests sharing a server never see each other's keys. */
export function uniquePrefix(name: string): string {
  return `t${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}:${name}`;
}

/** Waits until `check` returns a truthy value, polling; fails with `what` after the deadline. */
export async function waitFor<T>(check: () => T | Promise<T>, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${last instanceof Error ? last.message : JSON.stringify(last)}` : ''}`);
}
