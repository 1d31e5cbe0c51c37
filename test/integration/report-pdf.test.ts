// GET /api/v1/report.pdf against the real server, a real Redis and Debian's Chromium: a lead gets
// an A4 PDF of their own /report page (printed with their own session), two at once are printed
// one after the other, a display and an automation token are refused (403), nobody gets 401, and
// a server without Chromium says so (503) instead of hanging.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/create-server.js';
import { useTestRedis } from '../support/redis.js';
import { ADMIN_AUTH, startTestServer } from '../support/server.js';
import { sessionCookie, signIn, type TestSession } from '../support/sign-in.js';

const suite = useTestRedis();
const staticDir = mkdtempSync(join(tmpdir(), 'wb-report-build-'));
let server: RunningServer;
let noChromium: RunningServer;
let lead: TestSession;

beforeAll(async () => {
  // The page the printer loads is the built wallboard, as in production.
  await build({ configFile: resolve('vite.config.ts'), logLevel: 'warn', build: { outDir: staticDir, emptyOutDir: true } });
  server = await startTestServer(suite.redis.url, { staticDir });
  noChromium = await startTestServer(suite.redis.url, {
    staticDir,
    group: 'no-chromium',
    report: { chromiumPath: '/nonexistent/chromium', pdfTimeoutMs: 30_000, webhook: null },
  });
  lead = await signIn(server.url, { name: 'lead.pdf' });
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await noChromium?.stop();
  rmSync(staticDir, { recursive: true, force: true });
});

const pdf = (base: string, query: string, headers: Record<string, string> = {}) => fetch(`${base}/api/v1/report.pdf${query}`, { headers });

describe('the report PDF', () => {
  it("prints a lead's report of a day to an A4 PDF, as an attachment named for the day", async () => {
    const res = await pdf(server.url, '?date=2026-11-30&lang=en', { cookie: lead.cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="wallboard-report-2026-11-30.pdf"');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // A4 portrait: 595 × 842 points.
    expect(body.toString('latin1')).toMatch(/\/MediaBox \[0 0 59[45](\.\d+)? 84[12](\.\d+)?\]/);
  }, 60_000);

  it("prints two at once one after the other, and a week by its Monday with an admin's token", async () => {
    const printed = async (query: string, headers: Record<string, string>) => {
      const res = await pdf(server.url, query, headers);
      return { status: res.status, disposition: res.headers.get('content-disposition'), body: Buffer.from(await res.arrayBuffer()), at: Date.now() };
    };
    const [day, week] = await Promise.all([printed('?date=2026-11-29', { cookie: lead.cookie }), printed('?week=2026-11-23&lang=zh', ADMIN_AUTH)]);
    expect([day.status, week.status]).toEqual([200, 200]);
    expect(week.disposition).toBe('attachment; filename="wallboard-report-week-2026-11-23.pdf"');
    expect([day.body.subarray(0, 5).toString('latin1'), week.body.subarray(0, 5).toString('latin1')]).toEqual(['%PDF-', '%PDF-']);
  }, 90_000);

  it('refuses a display, an automation token and nobody, and a malformed day', async () => {
    const made = await fetch(`${server.url}/api/v1/displays`, {
      method: 'POST',
      headers: { ...ADMIN_AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Report TV', view: {} }),
    });
    const { link } = (await made.json()) as { link: string };
    const display = sessionCookie(await fetch(link, { redirect: 'manual' }));
    expect((await pdf(server.url, '?date=2026-11-30', { cookie: display })).status).toBe(403);
    const token = (await (
      await fetch(`${server.url}/api/v1/tokens`, {
        method: 'POST',
        headers: { ...ADMIN_AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'script', role: 'automation' }),
      })
    ).json()) as { token: string };
    expect((await pdf(server.url, '?date=2026-11-30', { authorization: `Bearer ${token.token}` })).status).toBe(403);
    expect((await pdf(server.url, '?date=2026-11-30')).status).toBe(401);
    expect((await pdf(server.url, '?date=2026-11-31', { cookie: lead.cookie })).status).toBe(400);
    expect((await pdf(server.url, '?week=2026-11-25', { cookie: lead.cookie })).status).toBe(400);
  });

  it('answers 503 with the path to fix when Chromium is not there', async () => {
    const res = await pdf(noChromium.url, '?date=2026-11-30', ADMIN_AUTH);
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: string }).error).toMatch(/no Chromium at \/nonexistent\/chromium \(set report\.chromiumPath/);
  });
});
