// A small site runs one process: adapters listed in the config file's ingest.adapters start
// inside the server, feed its stream and are listed on its board; a bad entry stops the server
// at start-up with the entry and the field named.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.js';
import type { SourceFeed } from '../../server/contract/snapshot.js';
import { answeredCall, todaySec } from '../fixtures/queue-log/harness.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { getJson, snapshotOf, startTestServer, TEST_ADMIN_TOKEN } from '../support/server.js';

const suite = useTestRedis();
const dir = mkdtempSync(join(tmpdir(), 'wb-in-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configWith(ingest: unknown) {
  const file = join(dir, `${uniquePrefix('config')}.json`);
  writeFileSync(file, JSON.stringify({ ingest }));
  return () => loadConfig({ env: { CONFIG_FILE: file, WALLBOARD_ADMIN_TOKEN: TEST_ADMIN_TOKEN }, cwd: dir, stdoutIsTTY: false });
}

describe('adapters inside the server', () => {
  it('starts a configured queue_log adapter that feeds the board, and stops it with the server', async () => {
    const log = join(dir, 'queue_log');
    const sec = todaySec();
    writeFileSync(log, answeredCall(sec, '1795400000.1', 'billing', 'SIP/2001', 4, 30).join('\n') + '\n');
    const config = configWith({ adapters: [{ kind: 'queue-log', source: 'pbx9', file: log, pollMs: 50, heartbeatMs: 200 }] })();
    const stream = uniquePrefix('events');
    const server = await startTestServer(suite.redis.url, {
      ...config,
      port: 0,
      host: '127.0.0.1',
      streams: [stream],
      group: uniquePrefix('g'),
      sources: { ...config.sources, pollMs: 200 },
    });
    try {
      await waitFor(async () => (await snapshotOf(server.url)).totals.answered === 1, 'the first call from the file');
      appendFileSync(log, answeredCall(sec + 1, '1795400000.2', 'billing', 'SIP/2002', 2, 20).join('\n') + '\n');
      const snap = await waitFor(async () => {
        const s = await snapshotOf(server.url);
        return s.totals.answered === 2 ? s : null;
      }, 'the appended call');
      expect(snap.queues.map((q) => q.id)).toEqual(['billing']);
      const live = await waitFor(async () => (await snapshotOf(server.url)).feed?.sources?.find((s: SourceFeed) => s.source === 'pbx9'), 'the source on the board');
      expect(live).toMatchObject({ adapter: 'queue-log', state: 'live' });
      const { body } = await getJson<{ sources: { source: string; events: number }[] }>(`${server.url}/api/v1/sources`);
      expect(body.sources.find((s) => s.source === 'pbx9')?.events).toBeGreaterThanOrEqual(6);
    } finally {
      await server.stop();
    }
    // Stopped with the server: it says so in its record.
    const record = JSON.parse((await suite.client.hget(`wallboard:ingest:{${stream}}:sources`, 'pbx9/queue-log'))!) as { link: string; linkReason: string };
    expect(record.link).toBe('down');
  });

  it('refuses an unknown kind or a bad option at start-up, naming the entry and the field', () => {
    expect(configWith({ adapters: [{ kind: 'queue-log', file: '/x' }, { kind: 'sip-trunk' }] })).toThrow(ConfigError);
    expect(configWith({ adapters: [{ kind: 'queue-log', file: '/x' }, { kind: 'sip-trunk' }] })).toThrow(/ingest\.adapters\[1\]\.kind = "sip-trunk": one of queue-log/);
    expect(configWith({ adapters: [{ kind: 'queue-log', file: '/x', pollMs: -1 }] })).toThrow(/ingest\.adapters\[0\]\.pollMs/);
    expect(configWith({ adapters: [{ kind: 'queue-log', file: '/x', source: 'no spaces please' }] })).toThrow(
      /field "ingest\.adapters\.0\.source" = "no spaces please": use 1–32 letters/,
    );
    expect(configWith({ adapters: [{ kind: 'queue-log' }] })).toThrow(/ingest\.adapters\[0\]\.file: give the path of the queue_log/);
  });
});
