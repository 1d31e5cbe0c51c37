// End to end: the fake PBX → the AMI adapter, run by the server itself from its config's
// ingest.adapters entry → Redis → the server's snapshot, which shows the call on hold, its hold
// check and the agent on hold as the wallboard will draw them, and names the source when its
// PBX goes away.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ql, todaySec } from '../fixtures/queue-log/harness.js';
import type { RunningServer } from '../../server/create-server.js';
import { resolveConfiguredAdapter } from '../../server/ingest/in-process.js';
import { FakeAmi, loadAmiFixture } from '../support/fake-ami.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { snapshotOf, startTestServer } from '../support/server.js';

const suite = useTestRedis();
const life = loadAmiFixture('call-life.ami');
const cleanup: Array<() => Promise<void> | void> = [];

/** The config file's section for the fake PBX, as an operator writes it (JSON numbers, no flags). */
function amiEntry(port: number, extra: Record<string, unknown> = {}) {
  return { kind: 'ami', source: 'pbx1', host: '127.0.0.1', port, user: 'wallboard', secret: 'e2e-secret', holdCheckWindowMs: 2_000, heartbeatMs: 200, ...extra };
}

afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe('AMI adapter in the server process', () => {
  it('the snapshot shows the held call with its hold check, the agent on hold, the call over, and the source down when the PBX goes', async () => {
    const prefix = uniquePrefix('ami-e2e');
    const fake = await FakeAmi.start({ user: 'wallboard', secret: 'e2e-secret' });
    cleanup.push(() => fake.close());
    fake.state.members = [{ queue: '400', location: 'Local/2004@from-queue/n', name: 'Alice Wang', status: 1 }];
    const entry = amiEntry(fake.port);
    const server: RunningServer = await startTestServer(suite.redis.url, {
      streams: [`${prefix}:events`],
      group: prefix,
      adapters: [resolveConfiguredAdapter(entry, 'ingest.adapters[0]')],
      sources: { goneAfterMs: 5_000, quietAfterMs: 600_000, forgetAfterMs: 86_400_000, pollMs: 100 },
    });
    cleanup.push(() => server.stop());

    await waitFor(async () => (await snapshotOf(server.url)).agents.available === 1, 'Alice from the resync');
    const live = await waitFor(async () => (await snapshotOf(server.url)).feed?.sources?.find((s) => s.source === 'pbx1' && s.state === 'live'), 'the source live');
    expect(live).toMatchObject({ adapter: 'ami', reason: null });
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

    await fake.close();
    const down = await waitFor(async () => (await snapshotOf(server.url)).feed?.sources?.find((s) => s.source === 'pbx1' && s.state === 'down'), 'the source down');
    expect(down.reason).toMatch(/ECONNREFUSED|connection closed by the PBX/);
  });

  it('beside a queue_log adapter of the same source, with events: holds, adds the hold checks and counts each call once', async () => {
    const prefix = uniquePrefix('ami-ql');
    const dir = mkdtempSync(join(tmpdir(), 'wb-ami-ql-'));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const log = join(dir, 'queue_log');
    const sec = todaySec();
    const agent = 'Local/2004@from-queue/n';
    // The log and AMI speak of the same call: the caller channel's Uniqueid.
    writeFileSync(
      log,
      [ql(sec - 10, 'NONE', '400', agent, 'ADDMEMBER', ''), ql(sec, '1700000000.16', '400', 'NONE', 'ENTERQUEUE', '', '13812345678', 1)].join('\n') + '\n',
    );
    const fake = await FakeAmi.start({ user: 'wallboard', secret: 'e2e-secret' });
    cleanup.push(() => fake.close());
    fake.state.members = [{ queue: '400', location: agent, name: 'Alice Wang', status: 1 }];
    const server: RunningServer = await startTestServer(suite.redis.url, {
      streams: [`${prefix}:events`],
      group: prefix,
      adapters: [
        resolveConfiguredAdapter({ kind: 'queue-log', source: 'pbx1', file: log, pollMs: 50, heartbeatMs: 200 }, 'ingest.adapters[0]'),
        resolveConfiguredAdapter(amiEntry(fake.port, { events: 'holds' }), 'ingest.adapters[1]'),
      ],
    });
    cleanup.push(() => server.stop());
    await waitFor(async () => (await snapshotOf(server.url)).totals.waiting === 1, 'the caller waiting, from the log');
    await fake.play(life['join']!);
    appendFileSync(log, ql(sec + 2, '1700000000.16', '400', agent, 'CONNECT', 2, '1700000000.17', 1) + '\n');
    await fake.play(life['connect']! + life['hold']!);
    const held = await waitFor(async () => {
      const snap = await snapshotOf(server.url);
      return snap.held.length === 1 && snap.totals.answered === 1 ? snap : null;
    }, 'the call answered (log) and on hold (AMI)');
    const heldSinceTs = held.held[0]!.heldSinceTs;
    await new Promise((r) => setTimeout(r, 50));
    await fake.play(life['unhold']! + life['hold']!);
    const checked = await waitFor(async () => {
      const snap = await snapshotOf(server.url);
      return snap.held[0] && snap.held[0].lastCheckTs > heldSinceTs ? snap : null;
    }, 'the hold check');
    expect(checked.held).toMatchObject([{ callId: 'pbx1:1700000000.16', agentId: '2004', queue: '400' }]);
    expect(checked.totals).toMatchObject({ arrived: 1, queued: 1, answered: 1, waiting: 0, holdCheckOnTimeRate: 1 });
    await fake.play(life['unhold']! + life['complete']!);
    appendFileSync(log, ql(sec + 40, '1700000000.16', '400', agent, 'COMPLETECALLER', 2, 38, 1) + '\n');
    const over = await waitFor(async () => {
      const snap = await snapshotOf(server.url);
      return snap.held.length === 0 && snap.totals.holdCheckOnTimeRate !== null && snap.agents.talking === 0 && snap.agents.available === 1 ? snap : null;
    }, 'the end of the call');
    expect(over.totals).toMatchObject({ arrived: 1, queued: 1, answered: 1, abandoned: 0, waiting: 0 });
    // Only holds came from AMI.
    const fromAmi = await suite.client.hget(`wallboard:ingest:{${prefix}:events}:sources`, 'pbx1/ami');
    expect(JSON.parse(fromAmi!)).toMatchObject({ events: 3 }); // held, hold_check, resumed
  });
});
