// What a day costs the history: the simulator's normal day (100 agents, five queues) through the
// core, its closed record gzipped as the store keeps it. The README states the figure; this pins
// "a few kilobytes per queue per day".
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Aggregator, type RawEntry } from '../../server/aggregator.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import { encode } from '../../server/core/events.js';
import { dayWindow } from '../../server/core/windows.js';
import { encodeDayRecord } from '../../server/redis/history-store.js';
import { createEntrySource } from '../../simulator/entry-source.js';
import { SCENARIOS } from '../../simulator/scenarios/scenario-registry.js';

describe('the size of a day in the history', () => {
  it('is a few kilobytes per queue for the simulator’s normal day', () => {
    const day = dayWindow(Date.UTC(2026, 10, 24, 4), DEFAULT_CORE_CONFIG.timeZone);
    const source = createEntrySource({ scenario: SCENARIOS['normal-day'], overrides: {}, seed: 42, startTs: day.startTs });
    const aggregator = new Aggregator(DEFAULT_CORE_CONFIG);
    let seq = 0;
    let last = 0;
    // The day, and a minute of the next to close it.
    for (let batch = source.take(day.endTs + 60_000, 5000); batch.length > 0; batch = source.take(day.endTs + 60_000, 5000)) {
      const raw: RawEntry[] = [];
      for (const entry of batch) {
        if (entry.kind !== 'event') continue;
        const ms = Math.max(last, entry.event.ts);
        seq = ms === last ? seq + 1 : 0;
        last = ms;
        raw.push({ stream: 'wallboard:events', id: `${ms}-${seq}`, fields: encode(entry.event) });
      }
      aggregator.applyBatch(raw);
    }
    const [record] = aggregator.dayRecords().closed;
    expect(record?.date).toBe(day.day);
    const offered = record!.queues.reduce((n, q) => n + q.day.standard.offered + q.day.vip.offered, 0);
    const json = JSON.stringify(record);
    const stored = encodeDayRecord(record!).length;
    const perQueue = stored / record!.queues.length;
    console.log(
      `history size: ${record!.queues.length} queues, ${record!.agents.length} agents, ${offered} calls offered; JSON ${json.length} B, stored (gzip) ${stored} B = ${Math.round(perQueue)} B per queue per day (gzip -9: ${gzipSync(json, { level: 9 }).length} B)`,
    );
    expect(offered).toBeGreaterThan(1000);
    expect(perQueue).toBeLessThan(8 * 1024);
  });
});
