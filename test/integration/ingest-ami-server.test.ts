// End to end: the fake PBX → the AMI adapter → Redis → the real server's snapshot, which shows
// the call on hold, its hold check and the agent on hold, as the wallboard will draw them.
import { afterEach, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/create-server.js';
import type { RunningAdapter } from '../../server/ingest/adapter.js';
import { amiAdapter } from '../../server/ingest/ami/ami-adapter.js';
import { amiOptionsSchema } from '../../server/ingest/ami/ami-options.js';
import { silentLogger } from '../../server/log.js';
import { FakeAmi, loadAmiFixture } from '../support/fake-ami.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { snapshotOf, startTestServer } from '../support/server.js';

const suite = useTestRedis();
const life = loadAmiFixture('call-life.ami');
const cleanup: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe('AMI adapter → server', () => {
  it('the snapshot shows the held call with its hold check, the agent on hold, then the call answered and over', async () => {
    const prefix = uniquePrefix('ami-e2e');
    const stream = `${prefix}:events`;
    const fake = await FakeAmi.start({ user: 'wallboard', secret: 'e2e-secret' });
    cleanup.push(() => fake.close());
    fake.state.members = [{ queue: '400', location: 'Local/2004@from-queue/n', name: 'Alice Wang', status: 1 }];
    const server: RunningServer = await startTestServer(suite.redis.url, { streams: [stream], group: prefix });
    cleanup.push(() => server.stop());
    const redis = suite.client.duplicate();
    const options = amiOptionsSchema.parse({ host: '127.0.0.1', port: fake.port, user: 'wallboard', secret: 'e2e-secret', holdCheckWindowMs: 2_000 });
    const adapter: RunningAdapter = amiAdapter.start(options, { redis, stream, source: 'pbx1', log: silentLogger, now: Date.now, host: 'test', pid: 1 });
    cleanup.push(async () => {
      await adapter.stop();
      redis.disconnect();
    });

    await waitFor(async () => (await snapshotOf(server.url)).agents.available === 1, 'Alice from the resync');
    await fake.play(life['join']!);
    await waitFor(async () => (await snapshotOf(server.url)).totals.waiting === 1, 'the caller waiting');
    await fake.play(life['connect']! + life['hold']!);
    const held = await waitFor(async () => {
      const snap = await snapshotOf(server.url);
      return snap.held.length === 1 ? snap : null;
    }, 'the call on hold');
    const heldSinceTs = held.held[0]!.heldSinceTs;
    await new Promise((r) => setTimeout(r, 50));
    await fake.play(life['unhold']! + life['hold']!);
    const checked = await waitFor(async () => {
      const snap = await snapshotOf(server.url);
      return snap.held[0] && snap.held[0].lastCheckTs > heldSinceTs ? snap : null;
    }, 'the hold check');
    expect(checked.held).toMatchObject([{ callId: 'pbx1:1700000000.16', agentId: '2004', queue: '400', heldSinceTs, agentName: 'Alice Wang' }]);
    expect(checked.totals).toMatchObject({ arrived: 1, answered: 1, waiting: 0, holdCheckOnTimeRate: 1 });
    expect(checked.agents).toMatchObject({ hold: 1, available: 0 });

    await fake.play(life['unhold']! + life['complete']!);
    const over = await waitFor(async () => {
      const snap = await snapshotOf(server.url);
      return snap.held.length === 0 && snap.agents.available === 1 ? snap : null;
    }, 'the end of the call');
    expect(over.totals).toMatchObject({ arrived: 1, answered: 1, abandoned: 0, waiting: 0 });
  });
});
