// The simulator against a real private redis-server (and, at the end, the real server):
// backfill and live mode, reproducibility, stop(), and a feed the server accepts.
import { describe, expect, it } from 'vitest';
import { decode, fieldsFromArray } from '../../server/core/events.js';
import { createLineSink } from '../../simulator/publisher.js';
import { runSimulation, startSimulation, type SimulationOptions } from '../../simulator/run-simulation.js';
import { uniquePrefix, useTestRedis, waitFor } from '../support/redis.js';
import { snapshotOf, startTestServer } from '../support/server.js';

const suite = useTestRedis();

async function readStream(key: string): Promise<{ id: string; fields: Record<string, string> }[]> {
  const rows = await suite.client.xrange(key, '-', '+');
  return rows.map(([id, flat]) => ({ id, fields: fieldsFromArray(flat) }));
}

const END = Date.parse('2025-06-02T11:00:00+08:00');

describe('simulator → Redis', () => {
  it('backfills a span of history with pipelined XADD, every entry valid, in the model order', async () => {
    const streamKey = uniquePrefix('backfill');
    const options: SimulationOptions = { redisUrl: suite.redis.url, streamKey, seed: 4, backfillMs: 30 * 60_000, live: false, endTs: END };
    const simulation = await startSimulation(options);
    const summary = await simulation.done;
    const rows = await readStream(streamKey);
    expect(rows.length).toBe(summary.entries);
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.filter((r) => !decode(r.fields).ok)).toEqual([]);
    const times = rows.map((r) => Number(r.fields['ts']));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(END - 30 * 60_000);
    expect(Math.max(...times)).toBeLessThanOrEqual(END);
    // The same seed, flags and span give the same entries (here through the dry-run sink).
    const lines: string[] = [];
    await runSimulation(
      { ...options },
      createLineSink((line) => void lines.push(line)),
    ).done;
    expect(rows.map((r) => JSON.stringify(r.fields))).toEqual(lines);
  });

  it("writes a backfill at the events' own times when asked (the demo's yesterday), IDs growing with them", async () => {
    const streamKey = uniquePrefix('at-event-times');
    const summary = await (
      await startSimulation({ redisUrl: suite.redis.url, streamKey, seed: 4, backfillMs: 30 * 60_000, live: false, endTs: END, backfillAtEventTimes: true })
    ).done;
    const rows = await readStream(streamKey);
    expect(rows.length).toBe(summary.entries);
    // Each entry's ID is its event's time (a later entry never goes back: the next sequence number instead).
    const idMs = rows.map((r) => Number(r.id.split('-')[0]));
    expect(idMs.every((ms, i) => i === 0 || ms >= idMs[i - 1]!)).toBe(true);
    expect(Math.min(...idMs)).toBeGreaterThanOrEqual(END - 30 * 60_000);
    expect(Math.max(...idMs)).toBeLessThanOrEqual(END);
    const skew = rows.map((r, i) => idMs[i]! - Number(r.fields['ts']));
    expect(skew.filter((ms) => ms > 1000)).toEqual([]);
    expect(rows.filter((r) => Number(r.fields['ts']) === Number(r.id.split('-')[0])).length).toBeGreaterThan(rows.length * 0.9);
  });

  it('runs live: entries appear when due, stamped with the wall clock, at the given speed', async () => {
    const streamKey = uniquePrefix('live');
    const began = Date.now();
    const simulation = await startSimulation({ redisUrl: suite.redis.url, streamKey, seed: 5, speed: 30, durationMs: 90_000 });
    const summary = await simulation.done;
    const tookMs = Date.now() - began;
    // 90 s simulated at 30x is 3 s of wall time.
    expect(tookMs).toBeGreaterThan(2500);
    expect(tookMs).toBeLessThan(8000);
    const rows = await readStream(streamKey);
    expect(rows.length).toBe(summary.entries);
    const arrivals = rows.filter((r) => r.fields['type'] === 'call.arrived');
    expect(arrivals.length).toBeGreaterThan(5);
    // Written when due: the stream id's time (when Redis took it) is close to the event time.
    const lags = rows.map((r) => Number(r.id.split('-')[0]) - Number(r.fields['ts']));
    expect(lags.filter((lag) => lag < -5 || lag > 1000)).toEqual([]);
    const last = Number(rows.at(-1)!.fields['ts']);
    expect(last - began).toBeGreaterThan(2000);
  });

  it('stops promptly in live mode and reports what it wrote', async () => {
    const streamKey = uniquePrefix('stop');
    const simulation = await startSimulation({ redisUrl: suite.redis.url, streamKey, seed: 6 });
    await waitFor(async () => (await suite.client.xlen(streamKey)) > 0, 'the first entries');
    const before = Date.now();
    await simulation.stop();
    expect(Date.now() - before).toBeLessThan(1500);
    const summary = await simulation.done;
    expect(summary.entries).toBe(await suite.client.xlen(streamKey));
    expect(summary.scenario).toBe('normal-day');
  });

  it('continues a backfill in live mode with the same calls (the npm start combination)', async () => {
    const streamKey = uniquePrefix('both');
    const began = Date.now();
    const simulation = await startSimulation({ redisUrl: suite.redis.url, streamKey, seed: 8, backfillMs: 60 * 60_000, speed: 20, durationMs: 60_000 });
    const summary = await simulation.done;
    const rows = await readStream(streamKey);
    const history = rows.filter((r) => Number(r.fields['ts']) < began);
    const live = rows.filter((r) => Number(r.fields['ts']) >= began);
    expect(history.length).toBeGreaterThan(500);
    expect(live.length).toBeGreaterThan(0);
    // A call in progress when the backfill ended is finished in live mode: one model throughout.
    const startedBefore = new Set(history.filter((r) => r.fields['type'] === 'call.arrived').map((r) => r.fields['callId']));
    const finishedLive = live.filter((r) => ['call.answered', 'call.ended', 'call.abandoned'].includes(r.fields['type']!) && startedBefore.has(r.fields['callId']));
    expect(finishedLive.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.fields['callId'] === undefined || r.fields['callId'].startsWith(`c-${summary.idPrefix}-`))).toBe(true);
  });

  it('rejects a bad scenario or option before writing anything', async () => {
    const streamKey = uniquePrefix('bad');
    await expect(startSimulation({ redisUrl: suite.redis.url, streamKey, scenario: 'busy-monday' })).rejects.toThrow(/unknown scenario "busy-monday"/);
    await expect(startSimulation({ redisUrl: suite.redis.url, streamKey, speed: 0 })).rejects.toThrow(/speed must be/);
    await expect(startSimulation({ redisUrl: suite.redis.url, streamKey, agents: 0 })).rejects.toThrow(/roster.count/);
    expect(await suite.client.exists(streamKey)).toBe(0);
  });

  it('refuses to start when Redis cannot be reached, saying where it looked', async () => {
    await expect(startSimulation({ redisUrl: 'redis://127.0.0.1:1', seed: 1 })).rejects.toThrow(/cannot reach Redis at redis:\/\/127\.0\.0\.1:1/);
  });
});

describe('simulator → the real server', () => {
  it.each(['normal-day', 'messy-feed'] as const)('%s: the server applies every valid entry and dead-letters only the malformed ones', async (scenario) => {
    const streamKey = uniquePrefix(scenario);
    const server = await startTestServer(suite.redis.url, { streams: [streamKey], group: uniquePrefix('group') });
    try {
      const summary = await (await startSimulation({ redisUrl: suite.redis.url, streamKey, scenario, seed: 12, backfillMs: 20 * 60_000, live: false })).done;
      const malformed = summary.defects
        ? Object.entries(summary.defects)
            .filter(([k]) => !['duplicate', 'reordered', 'orphan', 'lostEnd'].includes(k))
            .reduce((s, [, n]) => s + n, 0)
        : 0;
      if (scenario === 'messy-feed') expect(malformed).toBeGreaterThan(0);
      const ingest = await waitFor(async () => {
        const { ingest } = await snapshotOf(server.url);
        return ingest.applied + ingest.deadLettered === summary.entries ? ingest : null;
      }, 'the server to take every entry');
      expect(ingest.deadLettered).toBe(malformed);
      expect(ingest.applied).toBe(summary.entries - malformed);
    } finally {
      await server.stop();
    }
  });
});
