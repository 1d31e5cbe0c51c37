// The queue_log adapter while Redis goes away: lines written meanwhile are appended once Redis
// is back, none twice, and the adapter never gives up on its own.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from '../../server/redis/private-redis.js';
import { answeredCall, expectedFields, sourceStatus, startQueueLog, streamFields, todaySec } from '../fixtures/queue-log/harness.js';
import { waitFor } from '../support/redis.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

describe('queue-log while Redis is away', () => {
  // A connection that waits (the CLI's) holds the commit; one that fails has it retried with back-off.
  it.each([
    ['waits', null],
    ['fails', 0],
  ])('appends the lines written during the outage once Redis is back, each once (a connection that %s)', async (_what, maxRetriesPerRequest) => {
    const dir = mkdtempSync(join(tmpdir(), 'wb-queue-log-redis-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const dataDir = join(dir, 'redis');
    let redis: PrivateRedis = await startPrivateRedis({ dataDir, persist: true, appendfsync: 'always' });
    cleanup.push(() => redis.stop());
    const client = new Redis(redis.url, { maxRetriesPerRequest: null });
    client.on('error', () => undefined);
    cleanup.push(() => client.disconnect());
    const file = join(dir, 'queue_log');
    const stream = 'outage:events';
    const sec = todaySec();
    const before = [...answeredCall(sec, `${sec}.1`), ...answeredCall(sec, `${sec}.2`)];
    appendFileSync(file, before.map((l) => l + '\n').join(''));
    const adapter = startQueueLog(redis.url, file, { stream, maxRetriesPerRequest });
    cleanup.push(() => adapter.stop());
    await waitFor(async () => (await client.xlen(stream)) === expectedFields(before).length, 'the first lines');

    await redis.stop();
    const during = [...answeredCall(sec + 1, `${sec}.3`), ...answeredCall(sec + 1, `${sec}.4`)];
    appendFileSync(file, during.map((l) => l + '\n').join(''));
    await new Promise((r) => setTimeout(r, 1500));
    redis = await startPrivateRedis({ dataDir, port: redis.port, persist: true, appendfsync: 'always' });

    const expected = expectedFields([...before, ...during]);
    await waitFor(async () => (await client.xlen(stream)) >= expected.length, 'the lines written during the outage', 20_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(await streamFields(client, stream)).toEqual(expected);
    expect(await sourceStatus(client, stream)).toMatchObject({ link: 'up', events: expected.length });
  });
});
