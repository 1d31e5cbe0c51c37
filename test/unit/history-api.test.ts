// The history API's pure parts: the query checked with a reason for each refusal, periods cut
// DST-safe, rates recomputed from summed parts (never an average of rates), the queue filter,
// and the CSV (BOM, CRLF, RFC 4180 quoting) parsed back to the same figures.
import { writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.js';
import { apply } from '../../server/core/apply.js';
import { DEFAULT_CORE_CONFIG, type CoreConfig } from '../../server/core/core-config.js';
import { serviceLevel, sumCounts } from '../../server/core/counts.js';
import { dayRecord } from '../../server/core/day-record.js';
import type { DayRecord } from '../../server/core/day-record-schema.js';
import type { EventInput } from '../../server/core/events.js';
import { initialState } from '../../server/core/state.js';
import { dayWindow } from '../../server/core/windows.js';
import { CSV_FIELDS, csvNumber, historyCsv } from '../../server/history/history-csv.js';
import { parseHistoryRequest, type HistoryRequest } from '../../server/history/history-request.js';
import { historyResponse, windowOfDate } from '../../server/history/history-response.js';
import type { StoredDay } from '../../server/redis/history-store.js';
import { entries } from '../support/entries.js';

const config: CoreConfig = { ...DEFAULT_CORE_CONFIG };
const MIN = 60_000;

/** A day's record from a few calls: `answered` within the service level and `late` answered after it, in `queue`. */
function dayOf(date: string, calls: { queue: string; within: number; late: number; startMinute?: number }[], cfg: CoreConfig = config): DayRecord {
  const start = windowOfDate(date, cfg.timeZone).startTs;
  const events: EventInput[] = [];
  let n = 0;
  for (const c of calls) {
    const at = start + (c.startMinute ?? 600) * MIN;
    for (let i = 0; i < c.within + c.late; i++) {
      const callId = `${date}-${n++}`;
      const ts = at + i * 1000;
      events.push({ type: 'call.queued', ts, callId, queue: c.queue });
      events.push({ type: 'call.answered', ts: ts + (i < c.within ? 5000 : 60_000), callId, queue: c.queue, agentId: 'a1' });
    }
  }
  const state = initialState();
  for (const e of entries(events.sort((x, y) => x.ts - y.ts))) apply(state, e, cfg);
  return dayRecord(state, cfg, state.today!, state.agentDays, false);
}

const stored = (...records: DayRecord[]) => new Map<string, StoredDay>(records.map((r) => [r.date, { record: r, writtenTs: 1 }]));
const request = (query: Record<string, string>): HistoryRequest => {
  const parsed = parseHistoryRequest(query);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.request;
};

describe('the history request', () => {
  it('takes a range of local days, with defaults', () => {
    expect(request({ from: '2026-11-29' })).toEqual({ from: '2026-11-29', to: '2026-11-29', dates: ['2026-11-29'], queues: null, interval: 'day', lang: 'zh-CN' });
    expect(request({ from: '2026-02-27', to: '2026-03-01', queues: 'tech,billing,tech', interval: '15m', lang: 'en' })).toMatchObject({
      dates: ['2026-02-27', '2026-02-28', '2026-03-01'],
      queues: ['billing', 'tech'],
      interval: '15m',
    });
    expect(request({ from: '2025-11-01', to: '2026-12-05' }).dates).toHaveLength(400);
    expect(request({ from: '2026-11-01', to: '2026-11-30', interval: '15m' }).dates).toHaveLength(30);
    expect(request({ from: '2026-09-01', to: '2026-12-02', interval: 'hour' }).dates).toHaveLength(93);
  });

  it.each([
    [{}, 'from: required'],
    [{ from: '2026-02-30' }, 'from: "2026-02-30" is not a date'],
    [{ from: '2026-1-3' }, 'from: "2026-1-3" is not a date'],
    [{ from: '2026-11-29', to: 'yesterday' }, 'to: "yesterday" is not a date'],
    [{ from: '2026-11-29', to: '2026-11-28' }, 'to: 2026-11-28 is before from'],
    [{ from: '2025-11-01', to: '2026-12-06' }, 'is 401 days: at most 400'],
    [{ from: '2026-11-29', interval: 'week' }, 'interval: "week" is not one of day, hour, 15m'],
    [{ from: '2026-11-29', lang: 'fr' }, 'lang: "fr" is not one of'],
    [{ from: '2026-11-01', to: '2026-12-02', interval: '15m' }, 'interval: 15m rows for 32 days: at most 31'],
    [{ from: '2026-08-01', to: '2026-11-02', interval: 'hour' }, 'at most 93 days at this interval'],
    [{ from: ['2026-11-29', '2026-11-30'] }, 'from: given more than once'],
  ])('refuses %j with the reason', (query, reason) => {
    const parsed = parseHistoryRequest(query);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.reason).toContain(reason);
  });
});

describe('the history rows', () => {
  it('recomputes every rate from the summed parts of the range, never an average of the days’ rates', () => {
    // A quiet day all within the service level, a busy day mostly late: the mean of the two days' rates is not the range's.
    const quiet = dayOf('2026-11-28', [{ queue: 'billing', within: 2, late: 0 }]);
    const busy = dayOf('2026-11-29', [{ queue: 'billing', within: 2, late: 18 }]);
    const body = historyResponse(request({ from: '2026-11-28', to: '2026-11-29' }), stored(quiet, busy), { config, queueNames: {} });
    const [total, billing] = body.summary;
    expect(total!.serviceLevel).toBeCloseTo(4 / 22, 12);
    expect(total!.serviceLevel).not.toBeCloseTo((1 + 2 / 20) / 2, 3);
    expect(billing!.offered).toBe(22);
    const day2 = busy.queues[0]!.day;
    expect(body.rows.find((r) => r.date === '2026-11-29' && r.queue === null)!.serviceLevel).toBe(serviceLevel(sumCounts([day2.standard, day2.vip])));
    expect(body.summary[0]!.asaMs).toBeCloseTo((4 * 5000 + 18 * 60_000) / 22, 9);
  });

  it('limits the queue rows and the total’s visits to the queues asked for; the floor counters stay the floor’s', () => {
    const day = dayOf('2026-11-29', [
      { queue: 'billing', within: 3, late: 0 },
      { queue: 'tech', within: 0, late: 5 },
    ]);
    const all = historyResponse(request({ from: '2026-11-29' }), stored(day), {
      config,
      queueNames: { tech: { zh: '技术', en: 'Tech' }, other: { zh: '别', en: 'Other' } },
    });
    const tech = historyResponse(request({ from: '2026-11-29', queues: 'tech' }), stored(day), { config, queueNames: { tech: { zh: '技术', en: 'Tech' } } });
    expect(all.queues).toEqual(['billing', 'tech']);
    expect(all.queueNames).toEqual({ tech: { zh: '技术', en: 'Tech' } });
    expect(tech.rows.map((r) => [r.queue, r.offered])).toEqual([
      [null, 5],
      ['tech', 5],
    ]);
    expect(tech.rows[0]!.arrived).toBe(all.rows[0]!.arrived);
    expect(tech.rows[1]!.arrived).toBeNull();
    expect(tech.rows[0]!.serviceLevel).toBe(0);
  });

  it('cuts a day into hours of four 15-minute buckets from local midnight: 23 or 25 of them on a DST day', () => {
    const ny: CoreConfig = { ...config, timeZone: 'America/New_York' };
    const short = dayOf('2026-03-08', [{ queue: 'q', within: 1, late: 0, startMinute: 150 }], ny);
    const long = dayOf('2026-11-01', [{ queue: 'q', within: 1, late: 1, startMinute: 61 }], ny);
    expect(short.endTs - short.startTs).toBe(23 * 60 * MIN);
    const ctx = { config: ny, queueNames: {} };
    const hoursShort = historyResponse(request({ from: '2026-03-08', interval: 'hour' }), stored(short), ctx).rows.filter((r) => r.queue === null);
    const hoursLong = historyResponse(request({ from: '2026-11-01', interval: 'hour' }), stored(long), ctx).rows.filter((r) => r.queue === null);
    const quarters = historyResponse(request({ from: '2026-11-01', interval: '15m' }), stored(long), ctx).rows.filter((r) => r.queue === null);
    expect([hoursShort.length, hoursLong.length, quarters.length]).toEqual([23, 25, 100]);
    expect(hoursLong.every((r) => r.endTs - r.startTs === 60 * MIN)).toBe(true);
    // Minute 61 from midnight is in the second hour; both its calls are there, as in the day.
    expect(hoursLong.map((r) => r.offered)).toEqual([0, 2, ...Array<number>(23).fill(0)]);
    expect(quarters.reduce((n, r) => n + r.answered, 0)).toBe(2);
  });

  it('says which days have a record; a day without one has no rows', () => {
    const day = dayOf('2026-11-29', [{ queue: 'billing', within: 1, late: 0 }]);
    const body = historyResponse(request({ from: '2026-11-28', to: '2026-11-30' }), stored(day), { config, queueNames: {} });
    expect(body.days.map((d) => [d.date, d.recorded])).toEqual([
      ['2026-11-28', false],
      ['2026-11-29', true],
      ['2026-11-30', false],
    ]);
    expect(new Set(body.rows.map((r) => r.date))).toEqual(new Set(['2026-11-29']));
    expect(body.summary[0]).toMatchObject({
      date: '2026-11-28',
      startTs: windowOfDate('2026-11-28', config.timeZone).startTs,
      endTs: dayWindow(windowOfDate('2026-11-30', config.timeZone).startTs, config.timeZone).endTs,
    });
    expect(body.targets.serviceLevel).toEqual({ target: config.serviceLevelTarget, riskFloor: null });
    expect(body.targets.systemConnect.riskFloor).toBeCloseTo(config.targets.systemConnect.target - config.targets.systemConnect.riskMargin, 12);
  });
});

describe('the history CSV', () => {
  it('is UTF-8 with a BOM, CRLF, quoted per RFC 4180, and parses back to the same figures', () => {
    const day = dayOf('2026-11-29', [
      { queue: 'billing', within: 3, late: 1 },
      { queue: '=cmd', within: 0, late: 2 },
    ]);
    const names = { billing: { zh: '账务, "查询"', en: 'Billing\nenquiries' } };
    const body = historyResponse(request({ from: '2026-11-29', interval: 'hour' }), stored(day), { config, queueNames: names });
    const text = historyCsv(body, 'zh-CN');
    expect(text.startsWith('\uFEFF日期,开始,队列,队列名称,')).toBe(true);
    expect(text.split('\r\n')).toHaveLength(body.rows.length + 2);
    expect(text).toContain('"账务, ""查询"""');
    const records = parse(text, { bom: true });
    expect(records).toHaveLength(body.rows.length + 1);
    records.slice(1).forEach((line, i) => {
      const row = body.rows[i]!;
      expect(line[2]).toBe(row.queue === null ? '合计' : row.queue === '=cmd' ? "'=cmd" : row.queue);
      expect(line[3]).toBe(row.queue === 'billing' ? '账务, "查询"' : '');
      CSV_FIELDS.forEach((f, j) => {
        const value = row[f];
        expect(value === null ? line[4 + j] === '' : Math.abs(Number(line[4 + j]) - value) <= 1e-6).toBe(true);
      });
    });
    expect(records[1]![1]).toBe('00:00');
    const en = parse(historyCsv(body, 'en'), { bom: true });
    expect(en.find((l) => l[2] === 'billing')![3]).toBe('Billing\nenquiries');
  });

  it('writes a rate with up to six places and no exponent', () => {
    expect([csvNumber(null), csvNumber(3), csvNumber(2 / 3), csvNumber(0.5), csvNumber(1e-9), csvNumber(123456.1234567)]).toEqual([
      '',
      '3',
      '0.666667',
      '0.5',
      '0',
      '123456.123457',
    ]);
  });
});

describe('the history configuration', () => {
  const load = (file?: object) => {
    const env: Record<string, string> = {};
    if (file) {
      const path = `/tmp/wb-history-config-${process.pid}.json`;
      writeFileSync(path, JSON.stringify(file));
      env['CONFIG_FILE'] = path;
    }
    return loadConfig({ env, cwd: process.cwd(), stdoutIsTTY: false });
  };

  it('keeps 400 days and writes today at most every minute by default; the file’s section overrides', () => {
    expect(load().history).toEqual({ retentionDays: 400, writeIntervalMs: 60_000 });
    expect(load({ history: { retentionDays: 30 } }).history).toEqual({ retentionDays: 30, writeIntervalMs: 60_000 });
    expect(() => load({ history: { retentionDays: 0 } })).toThrow(/history\.retentionDays/);
  });
});
