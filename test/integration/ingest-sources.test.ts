// The server lists the PBX adapters feeding its stream, from the records they publish: in the
// snapshot's feed status (which makes the screens say which source went quiet) and, with their
// counts, at /api/v1/sources.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/create-server.js';
import { createPositionWriter } from '../../server/ingest/position-writer.js';
import { SourceReporter } from '../../server/ingest/source-status.js';
import { getJson, snapshotOf, startTestServer } from '../support/server.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';

const suite = useTestRedis();
let server: RunningServer;
let stream: string;

beforeAll(async () => {
  stream = uniquePrefix('events');
  server = await startTestServer(suite.redis.url, {
    streams: [stream],
    group: uniquePrefix('g'),
    sources: { goneAfterMs: 1500, quietAfterMs: 0, forgetAfterMs: 86_400_000, pollMs: 200 },
  });
});
afterAll(async () => {
  await server.stop();
});

describe('sources on the board', () => {
  it('shows a reporting adapter live with its last event, down with its reason, and gone when it stops reporting', async () => {
    const reporter = new SourceReporter({ source: 'pbx1', adapter: 'ami', now: Date.now, host: 'pbx', pid: 42 });
    const redis = suite.client.duplicate();
    const writer = createPositionWriter({ redis, stream, reporter });
    reporter.link('up');
    const ts = Date.now() - 1000;
    await writer.commit({ events: [{ type: 'call.arrived', callId: 'pbx1:1', ts }], from: null, to: 's1' });
    reporter.skip('unknown event VENDOR');

    const live = await waitFor(async () => (await snapshotOf(server.url)).feed?.sources?.find((s) => s.state === 'live'), 'the source live in the snapshot');
    expect(live).toMatchObject({ source: 'pbx1', adapter: 'ami', lastEventTs: ts, reason: null });

    await writer.publishStatus();
    const { body } = await waitFor(async () => {
      const r = await getJson<{ sources: { skipped: Record<string, number> }[] }>(`${server.url}/api/v1/sources`);
      return r.body.sources[0]?.skipped['unknown event VENDOR'] ? r : null;
    }, 'the skipped count at /api/v1/sources');
    expect(body.sources[0]).toMatchObject({ source: 'pbx1', adapter: 'ami', events: 1, state: 'live', host: 'pbx', pid: 42 });

    reporter.link('down', 'connect ECONNREFUSED 127.0.0.1:5038');
    await writer.publishStatus();
    const down = await waitFor(async () => (await snapshotOf(server.url)).feed?.sources?.find((s) => s.state === 'down'), 'the source down');
    expect(down.reason).toBe('connect ECONNREFUSED 127.0.0.1:5038');

    // The adapter stops writing its record: after goneAfterMs it is gone, since its last report.
    const gone = await waitFor(async () => (await snapshotOf(server.url)).feed?.sources?.find((s) => s.state === 'gone'), 'the source gone', 5000);
    expect(gone.sinceTs).toBeLessThanOrEqual(Date.now() - 1500);
    redis.disconnect();
  });
});
