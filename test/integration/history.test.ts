// The day history end to end, against a real Redis and real servers: a two-day backfill across
// the board's local midnight is stored as two records, yesterday's final and equal to a recount
// of the events made here without the core; the CSV parses back to the JSON's figures; a server
// killed with SIGKILL mid-day loses nothing; two nodes write each record once; the API keeps to
// leads and admins and refuses bad parameters with the reason.
import { parse } from 'csv-parse/sync';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_HISTORY_CONFIG } from '../../server/config.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import { recordVersion } from '../../server/core/day-record.js';
import { encodeArgs, type EventInput } from '../../server/core/events.js';
import { dayWindow } from '../../server/core/windows.js';
import type { HistoryResponse, HistoryRow } from '../../server/contract/history.js';
import { CSV_FIELDS } from '../../server/history/history-csv.js';
import { keys } from '../../server/redis/keys.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { signIn } from '../support/sign-in.js';
import { ADMIN_AUTH, spawnServer, startTestServer, type ChildServer } from '../support/server.js';
import { feedAcrossMidnight, recount, SHORT_ABANDON_MS, totalVisits, type Recount } from './history-days.js';

const suite = useTestRedis();
const TZ = DEFAULT_CORE_CONFIG.timeZone;
// A local midnight between 12 and 36 hours ago: the feed (two hours either side) is in the past and inside the stream's 48 h.
const midnight = dayWindow(Date.now() - 12 * 3600_000, TZ).startTs;
const yesterday = dayWindow(midnight - 1, TZ);
const today = dayWindow(midnight, TZ);

let configFile: string;
beforeAll(() => {
  const dir = mkdtempSync(join(tmpdir(), 'wb-history-'));
  configFile = join(dir, 'wallboard.config.json');
  writeFileSync(configFile, JSON.stringify({ shortAbandonMs: SHORT_ABANDON_MS, history: { writeIntervalMs: 1000 } }));
});

/** Appends with entry IDs at the events' own times, as a producer catching up on the day would have them appended. */
async function append(stream: string, events: readonly EventInput[]): Promise<void> {
  const last = await suite.client.xrevrange(stream, '+', '-', 'COUNT', 1);
  let [ms, seq] = last[0] ? (last[0][0].split('-').map(Number) as [number, number]) : [0, -1];
  const p = suite.client.pipeline();
  for (const e of events) {
    if (e.ts > ms) [ms, seq] = [e.ts, 0];
    else seq += 1;
    p.xadd(stream, `${ms}-${seq}`, ...encodeArgs(e));
  }
  await p.exec();
}

async function history(
  url: string,
  query: string,
  headers: Record<string, string> = ADMIN_AUTH,
): Promise<{ status: number; body: HistoryResponse & { error?: string } }> {
  const res = await fetch(`${url}/api/v1/history?${query}`, { headers });
  return { status: res.status, body: (await res.json()) as HistoryResponse & { error?: string } };
}

const range = `from=${yesterday.day}&to=${today.day}`;

/** The history once both days are recorded and the day's total equals the recount (the server has read it all). */
async function settled(url: string, expected: [Recount, Recount]): Promise<HistoryResponse> {
  return waitFor(
    async () => {
      const { body } = await history(url, range);
      const totals = body.rows.filter((r) => r.queue === null);
      const done =
        body.days[0]?.final === true &&
        totals.length === 2 &&
        totals.every((t, i) => t.offered === totalVisits(expected[i]!).offered && t.arrived === expected[i]!.arrived);
      return done ? body : null;
    },
    'both days recorded as the recount has them',
    60_000,
  );
}

/** The JSON's day rows against the recount, field by field. */
function expectRecount(body: HistoryResponse, date: string, r: Recount): void {
  const rows = body.rows.filter((row) => row.date === date);
  const total = rows.find((row) => row.queue === null)!;
  const visits = totalVisits(r);
  expect(pick(total, Object.keys(visits) as (keyof HistoryRow)[])).toEqual(visits);
  expect([
    total.arrived,
    total.blocked,
    total.surveys,
    total.surveyScoreSum,
    total.resolved,
    total.endedWithResolution,
    total.warmTransfers,
    total.coldTransfers,
  ]).toEqual([r.arrived, r.blocked, r.surveys, r.surveySum, r.resolved, r.endedWithResolution, r.warmTransfers, r.coldTransfers]);
  for (const [queue, q] of r.queues) {
    const row = rows.find((x) => x.queue === queue)!;
    expect([row.offered, row.standardAnswered, row.vipAnswered, row.withinSl]).toEqual([
      q.standard.offered + q.vip.offered,
      q.standard.answered,
      q.vip.answered,
      q.standard.withinSl + q.vip.withinSl,
    ]);
    // The rates are the recount's parts divided, not anything stored.
    const handledStd = q.standard.answered + q.standard.abandoned - q.standard.shortAbandoned + q.standard.exited;
    expect(row.agentConnectRate).toBeCloseTo(q.standard.answered / handledStd, 12);
  }
  const complaints = body.complaints.find((c) => c.date === date)!;
  expect([complaints.opened, complaints.replied]).toEqual([r.complaintsOpened, r.complaintsReplied]);
  const agents = Object.fromEntries(body.agents.filter((a) => a.date === date && a.handled > 0).map((a) => [a.agentId, a.handled]));
  expect(agents).toEqual(Object.fromEntries([...r.handled].sort()));
}

/** RFC 4180 records, the BOM dropped (csv-parse: not the code under test). */
function parseCsv(text: string): string[][] {
  const records: unknown = parse(text, { bom: true });
  return records as string[][];
}

function pick<T extends object>(row: T, fields: (keyof T)[]): Partial<T> {
  return Object.fromEntries(fields.map((f) => [f, row[f]])) as Partial<T>;
}

describe('the day history', () => {
  it('stores a two-day backfill across local midnight as two records, yesterday final, equal to a recount of the events; the CSV parses back to them', async () => {
    const stream = `${uniquePrefix('history')}:events`;
    const group = uniquePrefix('g');
    const events = feedAcrossMidnight(midnight, 11);
    const expected: [Recount, Recount] = [recount(events, yesterday.startTs, yesterday.endTs), recount(events, today.startTs, today.endTs)];
    expect(totalVisits(expected[0]).offered).toBeGreaterThan(50);
    expect(totalVisits(expected[1]).offered).toBeGreaterThan(50);
    const server = await startTestServer(suite.redis.url, { streams: [stream], group, core: { ...DEFAULT_CORE_CONFIG, shortAbandonMs: SHORT_ABANDON_MS } });
    try {
      await append(stream, events);
      const body = await settled(server.url, expected);
      expect(body.days.map((d) => [d.date, d.recorded, d.final])).toEqual([
        [yesterday.day, true, true],
        [today.day, true, false],
      ]);
      expectRecount(body, yesterday.day, expected[0]);
      expectRecount(body, today.day, expected[1]);
      const stored = await suite.client.hget(keys.historyDay(group, yesterday.day), 'version');
      expect(stored).toMatch(/^\d{16}-\d{12}$/);
      expect(await suite.client.pttl(keys.historyDay(group, yesterday.day))).toBeGreaterThan(399 * 24 * 3600_000 - (Date.now() - yesterday.endTs));

      // The CSV: BOM, CRLF, one line per row, and the same figures.
      for (const interval of ['day', 'hour', '15m']) {
        const json = (await history(server.url, `${range}&interval=${interval}&lang=en`)).body;
        const res = await fetch(`${server.url}/api/v1/history.csv?${range}&interval=${interval}&lang=en`, { headers: ADMIN_AUTH });
        expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
        expect(res.headers.get('content-disposition')).toBe(`attachment; filename="wallboard-history-${yesterday.day}-${today.day}.csv"`);
        const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
        expect(text.startsWith('\uFEFF')).toBe(true);
        expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
        const [header, ...lines] = parseCsv(text);
        expect(header!.slice(0, 5)).toEqual(['Date', 'Start', 'Queue', 'Queue name', 'Offered']);
        expect(lines).toHaveLength(json.rows.length);
        lines.forEach((line, i) => {
          const row = json.rows[i]!;
          expect(line.slice(0, 3)).toEqual([row.date, line[1], row.queue ?? 'total']);
          CSV_FIELDS.forEach((field, j) => {
            const cell = line[4 + j]!;
            const value = row[field];
            if (value === null) expect(cell).toBe('');
            else expect(Math.abs(Number(cell) - value)).toBeLessThanOrEqual(1e-6);
          });
        });
      }
      const accepted = await fetch(`${server.url}/api/v1/history?${range}`, { headers: { ...ADMIN_AUTH, accept: 'text/csv' } });
      expect(accepted.headers.get('content-type')).toMatch(/^text\/csv/);
      const zh = parseCsv(await (await fetch(`${server.url}/api/v1/history.csv?${range}`, { headers: ADMIN_AUTH })).text());
      expect(zh[0]!.slice(0, 4)).toEqual(['日期', '开始', '队列', '队列名称']);
      expect(zh[1]![2]).toBe('合计');
    } finally {
      await server.stop();
    }
  });

  it('loses nothing when the server is killed with SIGKILL during the day: the restarted server’s history equals the recount', async () => {
    const stream = `${uniquePrefix('history-kill')}:events`;
    const group = uniquePrefix('g');
    const events = feedAcrossMidnight(midnight, 23);
    const expected: [Recount, Recount] = [recount(events, yesterday.startTs, yesterday.endTs), recount(events, today.startTs, today.endTs)];
    const env = { REDIS_URL: suite.redis.url, STREAM_KEYS: stream, CONSUMER_GROUP: group, CONFIG_FILE: configFile };
    // Killed after it has read the evening and the first hour after midnight; the rest arrives while it is down.
    const cut = events.findIndex((e) => e.ts >= midnight + 3600_000);
    let server: ChildServer = await spawnServer(env);
    try {
      await append(stream, events.slice(0, cut));
      await waitFor(async () => (await snapshotApplied(server.url)) >= cut, 'the first part applied');
      await server.kill('SIGKILL');
      await append(stream, events.slice(cut));
      server = await spawnServer(env);
      const body = await settled(server.url, expected);
      expect(body.days.map((d) => [d.recorded, d.final])).toEqual([
        [true, true],
        [true, false],
      ]);
      expectRecount(body, yesterday.day, expected[0]);
      expectRecount(body, today.day, expected[1]);
    } finally {
      await server.kill('SIGKILL');
    }
  });

  it('writes today’s record when the server stops cleanly, though its interval has not passed', async () => {
    const stream = `${uniquePrefix('history-stop')}:events`;
    const group = uniquePrefix('g');
    const events = feedAcrossMidnight(midnight, 29);
    const history = { ...DEFAULT_HISTORY_CONFIG, writeIntervalMs: 3_600_000 };
    const server = await startTestServer(suite.redis.url, { streams: [stream], group, core: { ...DEFAULT_CORE_CONFIG, shortAbandonMs: SHORT_ABANDON_MS }, history });
    const todayKey = keys.historyDay(group, today.day);
    let stopped = false;
    try {
      // Today's first record is written with the first part; the rest comes within the hour.
      const cut = events.findIndex((e) => e.ts >= midnight + 3600_000);
      await append(stream, events.slice(0, cut));
      await waitFor(async () => ((await suite.client.exists(todayKey)) === 1 ? true : null), 'today’s first record');
      await append(stream, events.slice(cut));
      await waitFor(async () => ((await snapshotApplied(server.url)) >= events.length ? true : null), 'every event applied');
      const last = (await suite.client.xrevrange(stream, '+', '-', 'COUNT', 1))[0]![0];
      const final = recordVersion(new Map([[stream, last]]));
      expect(await suite.client.hget(todayKey, 'version')).not.toBe(final);
      await server.stop();
      stopped = true;
      expect(await suite.client.hget(todayKey, 'version')).toBe(final);
    } finally {
      if (!stopped) await server.stop();
    }
  });

  it('is written once per record by two nodes: the one that takes the lease over finds the same versions and writes nothing', async () => {
    const stream = `${uniquePrefix('history-two')}:events`;
    const group = uniquePrefix('g');
    const events = feedAcrossMidnight(midnight, 5);
    const expected: [Recount, Recount] = [recount(events, yesterday.startTs, yesterday.endTs), recount(events, today.startTs, today.endTs)];
    const overrides = { streams: [stream], group, core: { ...DEFAULT_CORE_CONFIG, shortAbandonMs: SHORT_ABANDON_MS } };
    const a = await startTestServer(suite.redis.url, overrides);
    await waitFor(() => a.consumer.status.role === 'active', 'the first server to hold the lease');
    const b = await startTestServer(suite.redis.url, overrides);
    const dayKey = keys.historyDay(group, yesterday.day);
    try {
      await append(stream, events);
      await settled(a.url, expected);
      await waitFor(() => b.consumer.status.role === 'following' && b.consumer.status.caughtUp, 'the second server following');
      // A rewrite, even of the same bytes, would stamp its own writtenTs.
      const before = await suite.client.hmget(dayKey, 'version', 'writtenTs');
      await a.stop();
      // Active only once its recovery's checkpoint is saved, and so once it has written what its replica has.
      await waitFor(() => b.consumer.status.role === 'active', 'the second server to take the lease');
      await new Promise((resolve) => setTimeout(resolve, 500)); // and a few more checkpoints (every 100 ms)
      expect(await suite.client.hmget(dayKey, 'version', 'writtenTs')).toEqual(before);
      expectRecount((await history(b.url, range)).body, yesterday.day, expected[0]);
    } finally {
      await b.stop();
      if (a.consumer.status.role !== 'stopped') await a.stop();
    }
  });

  it('is for leads and admins: a display, an automation token or no credential is refused; a bad parameter is a 400 with the reason', async () => {
    const server = await startTestServer(suite.redis.url, { streams: [`${uniquePrefix('history-access')}:events`], group: uniquePrefix('g') });
    try {
      const q = `from=${today.day}`;
      expect((await history(server.url, q)).status).toBe(200);
      const lead = await signIn(server.url, { role: 'lead' });
      expect((await history(server.url, q, { cookie: lead.cookie })).status).toBe(200);
      expect((await history(server.url, q, {})).status).toBe(401);
      const made = await fetch(`${server.url}/api/v1/displays`, {
        method: 'POST',
        headers: { ...ADMIN_AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Wall', view: { queues: ['billing'] } }),
      });
      expect(made.status).toBe(201);
      const paired = await fetch(((await made.json()) as { link: string }).link, { redirect: 'manual' });
      const display = paired.headers.getSetCookie()[0]!.split(';')[0]!;
      expect((await history(server.url, q, { cookie: display })).status).toBe(403);
      expect((await fetch(`${server.url}/api/v1/history.csv?${q}`, { headers: { cookie: display } })).status).toBe(403);
      const token = await fetch(`${server.url}/api/v1/tokens`, {
        method: 'POST',
        headers: { ...ADMIN_AUTH, 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'script', role: 'automation' }),
      });
      const automation = ((await token.json()) as { token: string }).token;
      expect((await history(server.url, q, { authorization: `Bearer ${automation}` })).status).toBe(403);
      for (const [query, reason] of [
        ['', 'from: required'],
        ['from=2026-13-01', 'from: "2026-13-01" is not a date'],
        [`from=${today.day}&to=${yesterday.day}`, 'is before from'],
        ['from=2025-01-01&to=2026-12-01', 'at most 400'],
        [`from=${today.day}&interval=minute`, 'interval: "minute"'],
      ] as const) {
        const res = await history(server.url, query);
        expect(res.status).toBe(400);
        expect(res.body.error).toContain(reason);
      }
    } finally {
      await server.stop();
    }
  });
});

async function snapshotApplied(url: string): Promise<number> {
  const res = await fetch(`${url}/api/v1/snapshot`, { headers: ADMIN_AUTH });
  return ((await res.json()) as { ingest: { applied: number } }).ingest.applied;
}
