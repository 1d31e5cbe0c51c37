// GET /metrics in Prometheus's text format: refused without a credential unless access.metricsOpen,
// and the figures an operator alerts on, taken from the running server and its Redis.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/create-server.js';
import { encodeArgs } from '../../server/core/events.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { ADMIN_AUTH, connectClient, snapshotOf, startTestServer, testConfig } from '../support/server.js';
import { trafficBatch } from '../support/traffic.js';

const suite = useTestRedis();
const stream = uniquePrefix('events');
let server: RunningServer;

beforeAll(async () => {
  server = await startTestServer(suite.redis.url, { streams: [stream], group: uniquePrefix('metrics') });
});
afterAll(() => server.stop());

/** A metric's value from the text format (the first series matching the name and labels). */
function valueOf(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe('GET /metrics', () => {
  it('needs a credential', async () => {
    expect((await fetch(`${server.url}/metrics`)).status).toBe(401);
  });

  it('counts events, dead letters, screens, pushes, the role and the stream lag', async () => {
    const p = suite.client.pipeline();
    const events = trafficBatch(0, Date.now());
    for (const e of events) p.xadd(stream, '*', ...encodeArgs(e));
    p.xadd(stream, '*', 'v', '1', 'type', 'call.teleported', 'ts', String(Date.now()), 'callId', 'x');
    await p.exec();
    const screen = connectClient(server.url);
    try {
      const applied = await waitFor(async () => {
        const s = await snapshotOf(server.url);
        return s.ingest.deadLettered === 1 && s.ingest.applied >= events.length ? s.ingest.applied : null;
      }, 'the batch and the bad entry applied');
      const text = await waitFor(async () => {
        const res = await fetch(`${server.url}/metrics`, { headers: ADMIN_AUTH });
        const body = await res.text();
        // The XACK follows the apply by a round trip: wait for it rather than read the gauge once.
        const acked = valueOf(body, `wallboard_stream_pending{stream="${stream}"}`) === 0;
        // Today's record is written after the batch, by another round trip: waited for likewise.
        const recorded = (valueOf(body, 'wallboard_history_writes_total{outcome="stored"}') ?? 0) > 0;
        return res.status === 200 && acked && recorded && (valueOf(body, 'wallboard_push_duration_seconds_count') ?? 0) > 0 ? body : null;
      }, 'a push counted, the batch acknowledged and its day recorded');
      expect(valueOf(text, 'wallboard_events_applied')).toBe(applied);
      expect(valueOf(text, 'wallboard_events_dead_lettered')).toBe(1);
      expect(valueOf(text, 'wallboard_screens_connected')).toBe(1);
      expect(valueOf(text, 'wallboard_views')).toBe(1);
      expect(valueOf(text, 'wallboard_consumer_role{role="active"}')).toBe(1);
      expect(valueOf(text, 'wallboard_consumer_role{role="following"}')).toBe(0);
      expect(valueOf(text, `wallboard_stream_lag{stream="${stream}"}`)).toBe(0);
      expect(valueOf(text, `wallboard_stream_pending{stream="${stream}"}`)).toBe(0);
      expect(valueOf(text, 'wallboard_push_duration_seconds_count')).toBeGreaterThan(0);
      expect(text).toContain('nodejs_eventloop_lag_seconds');
      // Today's record was stored (waited for above), and nothing failed.
      expect(valueOf(text, 'wallboard_history_writes_total{outcome="failed"}')).toBe(0);
      expect(valueOf(text, 'wallboard_history_days_lost_total')).toBe(0);
    } finally {
      screen.close();
    }
  });

  it('answers without a credential when access.metricsOpen says so', async () => {
    const open = await startTestServer(suite.redis.url, {
      streams: [uniquePrefix('events')],
      group: uniquePrefix('metrics-open'),
      access: { ...testConfig(suite.redis.url).access, metricsOpen: true },
    });
    try {
      const res = await fetch(`${open.url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    } finally {
      await open.stop();
    }
  });
});
