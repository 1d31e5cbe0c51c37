// The day record, pure: built from events it is deterministic (the same events in fresh states
// give the same bytes), a local midnight keeps yesterday as a final record instead of dropping
// it, late and out-of-order events land as the board counts them, and the kept days are bounded.
import { describe, expect, it } from 'vitest';
import { Aggregator } from '../../server/aggregator.js';
import { apply, type Entry } from '../../server/core/apply.js';
import { restoreState, serializeState } from '../../server/core/checkpoint-codec.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import { CLOSED_DAYS_KEPT } from '../../server/core/day.js';
import { dayRecord, recordVersion } from '../../server/core/day-record.js';
import { dayRecordSchema, type DayRecord } from '../../server/core/day-record-schema.js';
import { encode, type EventInput } from '../../server/core/events.js';
import { initialState, type State } from '../../server/core/state.js';
import { dayWindow } from '../../server/core/windows.js';
import { entries } from '../support/entries.js';
import { feedAcrossMidnight, recount, SHORT_ABANDON_MS, totalVisits } from '../integration/history-days.js';

const config = { ...DEFAULT_CORE_CONFIG, shortAbandonMs: SHORT_ABANDON_MS };
const TZ = config.timeZone;
const midnight = dayWindow(Date.UTC(2026, 10, 23, 4), TZ).startTs;
const yesterday = dayWindow(midnight - 1, TZ);
const today = dayWindow(midnight, TZ);
const feed = feedAcrossMidnight(midnight, 7);

function applied(list: readonly Entry[], state: State = initialState()): State {
  for (const entry of list) apply(state, entry, config);
  return state;
}

const todayOf = (state: State): DayRecord => dayRecord(state, config, state.today!, state.agentDays, false);

/** A record's figures without what tells the prefix apart (its version). */
const figures = (r: DayRecord) => ({ ...r, version: '' });

function visitsOf(record: DayRecord) {
  const total = { offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, exited: 0, withinSl: 0, waitSumMs: 0, waitCount: 0 };
  for (const q of record.queues) for (const c of [q.day.standard, q.day.vip]) for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += c[k];
  return total;
}

describe('the day record', () => {
  it('is the same, byte for byte, from the same events applied in fresh states, and from a state restored midway', () => {
    const list = entries(feed);
    const [a, b] = [applied(list), applied(list)];
    expect(JSON.stringify(a.closedDays)).toBe(JSON.stringify(b.closedDays));
    expect(JSON.stringify(todayOf(a))).toBe(JSON.stringify(todayOf(b)));
    // Restored from a checkpoint taken halfway, then continued: the same records.
    const half = applied(list.slice(0, Math.floor(list.length / 2)));
    const restored = applied(list, deserialize(serializeState(half)));
    expect(JSON.stringify(restored.closedDays)).toBe(JSON.stringify(a.closedDays));
    expect(JSON.stringify(todayOf(restored))).toBe(JSON.stringify(todayOf(a)));
    // Through the aggregator, as the writer reads it.
    const aggregator = new Aggregator(config);
    aggregator.applyBatch(list.map((e, i) => ({ stream: e.stream, id: e.id, fields: encode(feed[i]!) })));
    expect(JSON.stringify(aggregator.dayRecords().closed)).toBe(JSON.stringify(a.closedDays));
  });

  it('keeps yesterday as a final record at local midnight, equal to a recount of the events, and closes the agents’ day with it', () => {
    const state = applied(entries(feed));
    expect(state.closedDays.map((d) => [d.date, d.final, d.asOfTs])).toEqual([[yesterday.day, true, yesterday.endTs]]);
    const [closed] = state.closedDays;
    expect(dayRecordSchema.parse(closed)).toEqual(closed);
    const expected = recount(feed, yesterday.startTs, yesterday.endTs);
    expect(visitsOf(closed!)).toEqual(totalVisits(expected));
    expect([closed!.counters.arrived, closed!.counters.blocked, closed!.counters.surveys, closed!.counters.resolved]).toEqual([
      expected.arrived,
      expected.blocked,
      expected.surveys,
      expected.resolved,
    ]);
    expect(Object.fromEntries(closed!.agents.filter((a) => a.handled > 0).map((a) => [a.agentId, a.handled]))).toEqual(Object.fromEntries([...expected.handled].sort()));
    expect(closed!.agents.map((a) => [a.agentId, a.name, a.team])[0]).toEqual(['a1', 'Agent 1', 'north']);
    // Today counts on from zero; its agents' day is today's.
    expect(state.today!.day).toBe(today.day);
    expect(state.agentDays?.day ?? today.day).toBe(today.day);
    expect(visitsOf(todayOf(state))).toEqual(totalVisits(recount(feed, today.startTs, today.endTs)));
    expect(todayOf(state).final).toBe(false);
  });

  it('counts events delivered out of order as in order, and leaves a closed day alone when one of its events comes after midnight', () => {
    const inOrder = applied(entries(feed));
    // Each event of yesterday delivered up to a minute late, but before midnight's first event.
    const before = feed.filter((e) => e.ts < midnight);
    const after = feed.filter((e) => e.ts >= midnight);
    const shuffled = [...before].reverse().map((e, i) => ({ ...e, appendedAt: Math.min(midnight - 1, e.ts + 60_000 - (i % 7) * 1000) }));
    const state = applied(entries([...shuffled.sort((x, y) => x.appendedAt - y.appendedAt), ...after]));
    expect(state.closedDays.map(figures)).toEqual(inOrder.closedDays.map(figures));
    // A survey of yesterday that arrives after today opened: the closed record does not move.
    const closed = JSON.stringify(state.closedDays);
    const lateDropped = state.ingest.lateDropped;
    const late: EventInput = { type: 'survey.submitted', ts: midnight - 60_000, callId: 'late-one', score: 90 };
    applied(entries([{ ...late, appendedAt: midnight + 3 * 3600_000 }], 'wallboard:late'), state);
    expect(JSON.stringify(state.closedDays)).toBe(closed);
    expect(state.ingest.lateDropped).toBe(lateDropped + 1);
  });

  it('keeps the last week of closed days and counts those it lets go', () => {
    const days: EventInput[] = Array.from({ length: CLOSED_DAYS_KEPT + 3 }, (_, i) => ({
      type: 'call.arrived',
      ts: midnight + i * 86_400_000 + 3600_000,
      callId: `d${i}`,
    }));
    const state = applied(entries(days));
    expect(state.closedDays).toHaveLength(CLOSED_DAYS_KEPT);
    expect(state.closedDaysDropped).toBe(2);
    expect(state.closedDays.map((d) => d.counters.arrived)).toEqual(Array(CLOSED_DAYS_KEPT).fill(1));
    expect(state.closedDays.at(-1)!.date).toBe(dayWindow(midnight + (CLOSED_DAYS_KEPT + 1) * 86_400_000, TZ).day);
  });

  it('has a version that grows with every entry and orders as text', () => {
    const list = entries(feed);
    const versions: string[] = [];
    const state = initialState();
    for (const entry of list) {
      apply(state, entry, config);
      versions.push(recordVersion(state.cursors));
    }
    for (let i = 1; i < versions.length; i++) expect(versions[i]! > versions[i - 1]!).toBe(true);
    expect(
      recordVersion(
        new Map([
          ['a', '9-1'],
          ['b', '10-0'],
        ]),
      ),
    ).toBe('0000000000000019-000000000001');
  });
});

function deserialize(json: string): State {
  const { core, calls } = JSON.parse(json) as { core: string; calls: string[] };
  return restoreState(core, calls);
}
