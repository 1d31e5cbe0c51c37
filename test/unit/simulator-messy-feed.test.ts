// The messy feed delivers what event-contract.md says a consumer must tolerate: entries that
// fail validation, exact duplicates, answers before their queueing, orphans and lost ends.
import { describe, expect, it } from 'vitest';
import { decode, encode, type EventInput } from '../../server/core/events.js';
import { createEntrySource } from '../../simulator/entry-source.js';
import { createRandomStreams } from '../../simulator/model/random.js';
import { entryArgs } from '../../simulator/publisher.js';
import { MALFORMED_KINDS, malformedEntry } from '../../simulator/scenarios/messy-feed.js';
import { getScenario } from '../../simulator/scenarios/scenario-registry.js';

const NINE = Date.parse('2025-06-02T09:00:00+08:00');
const source = createEntrySource({ scenario: getScenario('messy-feed'), overrides: {}, seed: 21, startTs: NINE });
const entries = source.take(NINE + 2 * 3_600_000, Number.POSITIVE_INFINITY);
const fieldsOf = (args: string[]) => Object.fromEntries(Array.from({ length: args.length / 2 }, (_, i) => [args[2 * i]!, args[2 * i + 1]!]));

describe('messy feed', () => {
  it.each(MALFORMED_KINDS)('%s entries fail the shared schema with a reason', (kind) => {
    const random = createRandomStreams(1).feed;
    for (let i = 0; i < 20; i++) {
      const result = decode(malformedEntry(kind, NINE, `bad-${i}`, random));
      expect(result.ok, kind).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(5);
    }
  });

  it('slips malformed entries of every kind into the stream, and only those fail', () => {
    const raw = entries.filter((e) => e.kind === 'raw');
    expect(new Set(raw.map((e) => e.defect))).toEqual(new Set(MALFORMED_KINDS));
    const failing = entries.filter((e) => !decode(fieldsOf(entryArgs(e.kind === 'raw' ? { kind: 'raw', fields: e.fields } : { kind: 'event', event: e.event }))).ok);
    expect(failing).toEqual(raw);
    expect(source.defects()!).toMatchObject(Object.fromEntries(MALFORMED_KINDS.map((k) => [k, raw.filter((e) => e.defect === k).length])));
  });

  it('appends exact duplicates right after the original', () => {
    const duplicates = entries.flatMap((e, i) => (e.kind === 'event' && e.defect === 'duplicate' ? [i] : []));
    expect(duplicates.length).toBeGreaterThan(20);
    for (const i of duplicates) {
      const [before, dup] = [entries[i - 1]!, entries[i]!];
      expect(before.kind === 'event' && dup.kind === 'event' && encode(before.event)).toEqual(dup.kind === 'event' && encode(dup.event));
    }
  });

  it('appends some answers (and abandons) before the queueing they follow', () => {
    const events = entries.flatMap((e) => (e.kind === 'event' ? [e.event] : []));
    const firstIndex = (callId: string, type: EventInput['type']) => events.findIndex((e) => e.type === type && 'callId' in e && e.callId === callId);
    const outOfOrder = events.filter(
      (e): e is Extract<EventInput, { type: 'call.answered' }> => e.type === 'call.answered' && firstIndex(e.callId, 'call.queued') > events.indexOf(e),
    );
    expect(outOfOrder.length).toBeGreaterThan(5);
    // The queueing still carries its own, earlier event time: it is late, not re-dated.
    for (const answered of outOfOrder) expect(events[firstIndex(answered.callId, 'call.queued')]!.ts).toBeLessThanOrEqual(answered.ts);
  });

  it('loses some ends, and sends events for calls that never started', () => {
    const counts = source.defects()!;
    expect(counts.lostEnd).toBeGreaterThan(0);
    const orphans = entries.filter((e) => e.kind === 'event' && e.defect === 'orphan');
    expect(orphans.length).toBe(counts.orphan);
    const arrived = new Set<string>(entries.flatMap((e) => (e.kind === 'event' && e.event.type === 'call.arrived' ? [e.event.callId] : [])));
    const callIdOf = (e: EventInput) => ('callId' in e ? e.callId : undefined);
    expect(orphans.every((e) => e.kind === 'event' && !arrived.has(callIdOf(e.event) ?? ''))).toBe(true);
  });

  it('keeps entries due in time order', () => {
    expect(entries.filter((e, i) => i > 0 && e.dueTs < entries[i - 1]!.dueTs)).toEqual([]);
  });
});
