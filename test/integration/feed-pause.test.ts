// The feed status during a Redis CLIENT PAUSE: Redis stays up but answers nobody. The board must
// say "down" with a true reason within about 2 s, never blame a lease holder that does not exist,
// and come back live after the pause. Production timings (BLOCK 1 s, lease 10 s), a real redis-server.
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/create-server.js';
import type { FeedStatus } from '../../server/contract/snapshot.js';
import { createLogger } from '../../server/log.js';
import { encodeArgs } from '../../server/core/events.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { snapshotOf, startTestServer } from '../support/server.js';

const suite = useTestRedis();
let server: RunningServer | null = null;
let pauser: Redis | null = null;

afterEach(async () => {
  pauser?.disconnect();
  pauser = null;
  await server?.stop();
  server = null;
});

interface Seen {
  atMs: number;
  feed: FeedStatus;
}

describe('feed status during a Redis CLIENT PAUSE', () => {
  it('goes down with "Redis not answering" within about 2 s, names no lease holder, and is live again after', async () => {
    const prefix = uniquePrefix('pause');
    const stream = `${prefix}:events`;
    server = await startTestServer(suite.redis.url, { streams: [stream], group: prefix, blockMs: 1000, leaseMs: 10_000, checkpointIntervalMs: 5000 });
    const url = server.url;
    await suite.client.xadd(stream, '*', ...encodeArgs({ type: 'agent.state', ts: Date.now(), agentId: 'a1', state: 'available' }));
    await waitFor(async () => (await snapshotOf(url)).feed?.state === 'live' && (await snapshotOf(url)).agents.available === 1, 'the feed live');

    pauser = new Redis(suite.redis.url);
    const pausedAt = Date.now();
    await pauser.call('CLIENT', 'PAUSE', '8000', 'ALL');
    const seen: Seen[] = [];
    // The snapshot is served from memory, so it answers while Redis does not.
    while (Date.now() - pausedAt < 16_000) {
      const feed = (await snapshotOf(url)).feed!;
      seen.push({ atMs: Date.now() - pausedAt, feed });
      if (Date.now() - pausedAt > 9000 && feed.state === 'live') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const states = seen.map((s) => `${s.atMs}ms ${s.feed.state}${s.feed.reason ? ` (${s.feed.reason})` : ''}`);
    const firstDown = seen.find((s) => s.feed.state === 'down');
    expect(firstDown, states.join('\n')).toBeDefined();
    expect(firstDown!.atMs, states.join('\n')).toBeLessThan(3000);
    expect(firstDown!.feed.reason).toMatch(/^Redis not answering/);
    // Down (or catching up, once Redis answers) until the pause is over; never standby, never a lease holder blamed.
    expect(
      seen.filter((s) => s.atMs > firstDown!.atMs && s.atMs < 7900 && s.feed.state !== 'down'),
      states.join('\n'),
    ).toEqual([]);
    expect(
      seen.filter((s) => s.feed.state === 'standby' || /lease|another process/i.test(s.feed.reason ?? '')),
      states.join('\n'),
    ).toEqual([]);
    expect(seen.at(-1)!.feed.state, states.join('\n')).toBe('live');
    console.info(
      `feed during an 8 s CLIENT PAUSE:\n${states.filter((s, i) => i === 0 || s.split(' ').slice(1).join(' ') !== states[i - 1]!.split(' ').slice(1).join(' ')).join('\n')}`,
    );

    // And it reads again: an event appended after the pause reaches the board.
    await suite.client.xadd(stream, '*', ...encodeArgs({ type: 'agent.state', ts: Date.now(), agentId: 'a2', state: 'available' }));
    await waitFor(async () => (await snapshotOf(url)).agents.available === 2, 'the event after the pause applied');
  }, 40_000);

  it('takes back a lease that expired during a pause longer than the lease, without standing by or naming a holder', async () => {
    const prefix = uniquePrefix('lapse');
    const stream = `${prefix}:events`;
    const lines: string[] = [];
    const log = createLogger({ format: 'json', level: 'debug', write: (line) => lines.push(line) });
    // BLOCK 100 ms: the read's watchdog (5.1 s) does not fire in a 3 s pause; the renewal after it finds the 2 s lease expired.
    server = await startTestServer(suite.redis.url, { streams: [stream], group: prefix, blockMs: 100, leaseMs: 2000 }, log);
    const url = server.url;
    await waitFor(async () => (await snapshotOf(url)).feed?.state === 'live', 'the feed live');
    pauser = new Redis(suite.redis.url);
    await pauser.call('CLIENT', 'PAUSE', '3000', 'ALL');
    const seen: FeedStatus[] = [];
    const started = Date.now();
    while (Date.now() - started < 3500 || seen.at(-1)?.state !== 'live') {
      seen.push((await snapshotOf(url)).feed!);
      if (Date.now() - started > 12_000) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(seen.map((f) => f.state)).toContain('down');
    expect(seen.filter((f) => f.state === 'standby' || /another process/.test(f.reason ?? ''))).toEqual([]);
    expect(seen.at(-1)!.state).toBe('live');
    expect(lines.some((l) => l.includes('the aggregation lease expired unrenewed'))).toBe(true);
    expect(lines.filter((l) => l.includes('standing by') || l.includes('lost the aggregation lease'))).toEqual([]);
    await suite.client.xadd(stream, '*', ...encodeArgs({ type: 'agent.state', ts: Date.now(), agentId: 'a9', state: 'paused' }));
    await waitFor(async () => (await snapshotOf(url)).agents.paused === 1, 'an event after the pause applied');
  }, 30_000);
});
