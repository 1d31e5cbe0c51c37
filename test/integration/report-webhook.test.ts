// The morning webhook against a real HTTP receiver on loopback: two nodes of one board, yesterday
// recorded from events appended at their own times, the hook due at 00:00 (so at once). Only the
// lease holder sends, once; the generic hook's body is signed as the alarm hooks are, carries
// yesterday's KPIs against their targets, the report's link and the day's PDF.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { genericSignature, SIGNATURE_HEADER } from '../../server/alerts/alert-formats.js';
import { dayWindow } from '../../server/core/windows.js';
import type { RunningServer } from '../../server/create-server.js';
import { keys } from '../../server/redis/keys.js';
import { createRedisPublisher } from '../../simulator/publisher.js';
import { floorScenario } from '../support/floor-scenario.js';
import { useTestRedis, waitFor } from '../support/redis.js';
import { startTestServer } from '../support/server.js';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.js';

const suite = useTestRedis();
const SECRET = 'morning-secret-0123456789';
const staticDir = mkdtempSync(join(tmpdir(), 'wb-report-build-'));
const servers: RunningServer[] = [];
let receiver: WebhookReceiver;
let yesterday: string;

beforeAll(async () => {
  await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { outDir: staticDir, emptyOutDir: true } });
  receiver = await startWebhookReceiver();
  const today = dayWindow(Date.now(), 'Asia/Shanghai');
  yesterday = dayWindow(today.startTs - 1, 'Asia/Shanghai').day;
  // Yesterday's floor appended at its own times (as a PBX adapter catching up would), then today's, which closes it.
  const publisher = createRedisPublisher(suite.client, { streamKey: 'wallboard:events' });
  const yesterdays = floorScenario({ now: Date.parse(`${yesterday}T12:00:00+08:00`), hours: 3, heldCalls: 0, seed: 5 }).events.sort((a, b) => a.ts - b.ts);
  await publisher.write(yesterdays.map((event) => ({ kind: 'event', event, appendAt: event.ts })));
  await publisher.write(floorScenario({ now: Date.now(), hours: 0.5, seed: 6 }).events.map((event) => ({ kind: 'event', event })));
  const webhook = { url: `${receiver.url}/morning`, at: '00:00', kind: 'generic' as const, secret: SECRET, lang: 'en' as const };
  for (let i = 0; i < 2; i++)
    servers.push(await startTestServer(suite.redis.url, { staticDir, report: { chromiumPath: '/usr/bin/chromium', pdfTimeoutMs: 60_000, webhook } }));
}, 90_000);

afterAll(async () => {
  for (const s of servers) await s.stop();
  await receiver?.close();
  rmSync(staticDir, { recursive: true, force: true });
});

describe('the morning webhook', () => {
  it("sends yesterday's figures, signed, with the PDF, once, from the lease holder", async () => {
    const [request] = await waitFor(() => (receiver.requests.length > 0 ? receiver.requests : null), 'the morning report to arrive', 60_000);
    const signature = String(request!.headers[SIGNATURE_HEADER]);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
    expect(v1).toBe(genericSignature(SECRET, Number(t), request!.body));
    expect(request!.headers['idempotency-key']).toBe(`morning-report:${yesterday}`);
    const body = JSON.parse(request!.body) as {
      type: string;
      date: string;
      recorded: boolean;
      offered: number;
      link: string;
      kpis: { id: string; value: number | null; target: number | null; status: string }[];
      message: { title: string; lines: string[] };
      pdf: { filename: string; base64: string } | null;
    };
    expect(body).toMatchObject({ type: 'report.morning', date: yesterday, recorded: true });
    expect(body.offered).toBeGreaterThan(50);
    expect(body.link).toMatch(new RegExp(`/report\\?date=${yesterday}&lang=en$`));
    expect(body.kpis.map((k) => k.id)).toEqual([
      'systemConnect',
      'agentConnect',
      'vipConnect',
      'satisfaction',
      'complaintReply',
      'firstContactResolution',
      'holdCheckOnTime',
      'serviceLevel',
    ]);
    const agent = body.kpis.find((k) => k.id === 'agentConnect')!;
    expect(agent.value).toBeGreaterThan(0);
    expect(agent.status).toMatch(/^(met|atRisk|missed)$/);
    expect(
      body.message.lines.some((l) => l.startsWith('✓ Agent connect rate: ') || l.startsWith('▲ Agent connect rate: ') || l.startsWith('✗ Agent connect rate: ')),
    ).toBe(true);
    expect(body.pdf?.filename).toBe(`wallboard-report-${yesterday}.pdf`);
    expect(Buffer.from(body.pdf!.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(await suite.client.get(keys.reportSent('wallboard', yesterday))).not.toBeNull();
    // The one-print token is gone again.
    expect(await suite.client.hlen(keys.auth('wallboard', 'tokens'))).toBe(0);
    // Both nodes keep looking every 5 s: still one delivery after two more looks.
    await new Promise((r) => setTimeout(r, 11_000));
    expect(receiver.requests).toHaveLength(1);
  }, 90_000);
});
