// Per-queue settings in the core: each queue's own service-level threshold and target and its
// short-abandon threshold, the floor-wide fallback, the floor total as the sum of each queue's
// own count, an admin's change applied from its stream entry on (not retroactively), and the
// display names in the snapshot.
import { describe, expect, it } from 'vitest';
import { Aggregator, type RawEntry } from '../../server/aggregator.js';
import { apply } from '../../server/core/apply.js';
import { DEFAULT_CORE_CONFIG, type CoreConfig } from '../../server/core/core-config.js';
import { encode, type EventInput } from '../../server/core/events.js';
import { encodeQueueSettingsEntry, queueSettingsSchema, type AppliedQueueSettings } from '../../server/core/queue-settings-schema.js';
import { thresholdsOf } from '../../server/core/queue-settings.js';
import { toSnapshot } from '../../server/core/snapshot.js';
import { initialState } from '../../server/core/state.js';
import type { AgentState } from '../../server/contract/vocabulary.js';
import { entries, MIN, SEC, T0 } from '../support/entries.js';

// billing measures like a carrier (15 s, 90 %); vip leaves short abandons under 10 s out; tech has no setting (20 s, 80 %, 0).
const config: CoreConfig = {
  ...DEFAULT_CORE_CONFIG,
  queues: {
    billing: { name: { zh: '账务查询', en: 'Billing enquiries' }, serviceLevelMs: 15 * SEC, serviceLevelTarget: 0.9 },
    vip: { name: { zh: '贵宾专线', en: 'VIP line' }, shortAbandonMs: 10 * SEC },
  },
};

/** A call queued at `at` in `queue` and answered `waitSec` later. */
const answeredAfter = (callId: string, queue: string, at: number, waitSec: number): EventInput[] => [
  { type: 'call.queued', ts: at, callId, queue },
  { type: 'call.answered', ts: at + waitSec * SEC, callId, queue, agentId: 'a1' },
];
const abandonedAfter = (callId: string, queue: string, at: number, waitSec: number): EventInput[] => [
  { type: 'call.queued', ts: at, callId, queue },
  { type: 'call.abandoned', ts: at + waitSec * SEC, callId, queue },
];

/** Events and settings changes, in this order, as stream entries with rising IDs. */
function stream(items: Array<EventInput | AppliedQueueSettings>): RawEntry[] {
  let ms = 0;
  let seq = 0;
  return items.map((item) => {
    const at = 'type' in item ? Math.max(item.ts, ms) : ms;
    seq = at === ms ? seq + 1 : 0;
    ms = at;
    return { stream: 'wallboard:events', id: `${ms}-${seq}`, fields: 'type' in item ? encode(item) : encodeQueueSettingsEntry(item) };
  });
}

function aggregate(items: Array<EventInput | AppliedQueueSettings>, base: CoreConfig = config): Aggregator {
  const aggregator = new Aggregator(base);
  expect(aggregator.applyBatch(stream(items))).toEqual([]);
  return aggregator;
}

const NOW = T0 + 10 * MIN;
const row = (a: Aggregator, id: string) => a.snapshot(NOW).queues.find((q) => q.id === id)!;

describe('per-queue service level', () => {
  // Each queue answers a call at 12 s and one at 17 s; vip also one at 25 s.
  const traffic = [
    ...answeredAfter('b1', 'billing', T0, 12),
    ...answeredAfter('b2', 'billing', T0 + MIN, 17),
    ...answeredAfter('t1', 'tech', T0, 12),
    ...answeredAfter('t2', 'tech', T0 + MIN, 17),
    ...answeredAfter('v1', 'vip', T0, 12),
    ...answeredAfter('v2', 'vip', T0 + MIN, 17),
    ...answeredAfter('v3', 'vip', T0 + 2 * MIN, 25),
  ];

  it("counts each queue's answers within its own threshold, today, in the rolling window and the intraday buckets", () => {
    const a = aggregate(traffic);
    // billing (15 s): 12 s within, 17 s not. tech and vip (the floor's 20 s): both within; vip's 25 s not.
    expect(row(a, 'billing')).toMatchObject({ serviceLevel: 0.5, thresholds: { serviceLevelMs: 15_000, serviceLevelTarget: 0.9, shortAbandonMs: 0 } });
    expect(row(a, 'tech')).toMatchObject({ serviceLevel: 1, thresholds: { serviceLevelMs: 20_000, serviceLevelTarget: 0.8, shortAbandonMs: 0 } });
    expect(row(a, 'vip').serviceLevel).toBeCloseTo(2 / 3);
    expect(row(a, 'billing').window15m.serviceLevel).toBe(0.5);
    const detail = a.snapshot(NOW, { detail: true }).intraday;
    expect(detail.find((b) => b.queue === 'billing')!.answeredWithinSl).toBe(1);
    expect(detail.find((b) => b.queue === 'tech')!.answeredWithinSl).toBe(2);
  });

  it("the floor's answered-within is the sum of each queue's own count: exact, not the floor threshold applied to all", () => {
    const snapshot = aggregate(traffic).snapshot(NOW, { detail: true });
    // 1 (billing) + 2 (tech) + 2 (vip) of 7 handled. With the floor's 20 s for all it would be 6 of 7.
    expect(snapshot.totals.serviceLevel).toBeCloseTo(5 / 7);
    expect(snapshot.window15m.serviceLevel).toBeCloseTo(5 / 7);
    expect(snapshot.intraday.find((b) => b.queue === null)!.answeredWithinSl).toBe(5);
    const floorOnly = aggregate(traffic, DEFAULT_CORE_CONFIG).snapshot(NOW);
    expect(floorOnly.totals.serviceLevel).toBeCloseTo(6 / 7);
  });

  it('falls back to the floor-wide values for a queue, and a figure, not set', () => {
    const state = initialState();
    expect(thresholdsOf(state, config, 'tech')).toEqual({ serviceLevelMs: 20_000, serviceLevelTarget: 0.8, shortAbandonMs: 0 });
    expect(thresholdsOf(state, config, 'vip')).toEqual({ serviceLevelMs: 20_000, serviceLevelTarget: 0.8, shortAbandonMs: 10_000 });
    // A queue named like an Object property is a queue like any other.
    expect(thresholdsOf(state, config, 'constructor')).toEqual({ serviceLevelMs: 20_000, serviceLevelTarget: 0.8, shortAbandonMs: 0 });
  });

  it("leaves a queue's short abandons out of its rates by its own threshold", () => {
    const a = aggregate([
      ...abandonedAfter('v1', 'vip', T0, 6),
      ...answeredAfter('v2', 'vip', T0 + MIN, 5),
      ...abandonedAfter('t1', 'tech', T0, 6),
      ...answeredAfter('t2', 'tech', T0 + MIN, 5),
    ]);
    // vip: the 6 s abandon is short (under 10 s): 1 answered of 1 handled. tech: 1 of 2.
    expect(row(a, 'vip')).toMatchObject({ shortAbandoned: 1, agentConnectRate: 1, serviceLevel: 1 });
    expect(row(a, 'tech')).toMatchObject({ shortAbandoned: 0, agentConnectRate: 0.5, serviceLevel: 0.5 });
    expect(a.snapshot(NOW).totals).toMatchObject({ shortAbandoned: 1, agentConnectRate: 2 / 3 });
  });
});

describe("an admin's change of settings", () => {
  const carrier: AppliedQueueSettings = { version: 1, queues: { tech: { serviceLevelMs: 15 * SEC, name: { zh: '技术支持', en: 'Technical support' } } } };

  it('applies from its stream entry on: answers before it keep their judgement, answers after it use the new threshold', () => {
    const a = aggregate([...answeredAfter('t1', 'tech', T0, 17), carrier, ...answeredAfter('t2', 'tech', T0 + MIN, 17)]);
    // t1 was judged by 20 s (within), t2 by 15 s (not): not recomputed.
    expect(row(a, 'tech')).toMatchObject({ answered: 2, serviceLevel: 0.5, thresholds: { serviceLevelMs: 15_000 } });
  });

  it("replaces the config file's queues as a whole: billing, not named in it, is back on the floor-wide values", () => {
    const a = aggregate([carrier, ...answeredAfter('b1', 'billing', T0, 17)]);
    expect(row(a, 'billing')).toMatchObject({ serviceLevel: 1, thresholds: { serviceLevelMs: 20_000, serviceLevelTarget: 0.8 } });
    expect(a.snapshot(NOW).queueNames).toEqual({ tech: { zh: '技术支持', en: 'Technical support' } });
  });

  it('ignores a record older than the one in force, and a repeat of its entry', () => {
    const older: AppliedQueueSettings = { version: 1, queues: {} };
    const newer: AppliedQueueSettings = { ...carrier, version: 2 };
    const a = aggregate([newer, older, ...answeredAfter('t1', 'tech', T0, 17)]);
    expect(row(a, 'tech').serviceLevel).toBe(0);
    const replay = stream([newer]);
    expect(a.applyBatch(replay)).toEqual([]);
    expect(a.ingestCounts().duplicates).toBe(1);
  });

  it('dead-letters a settings entry that does not fit the schema, naming the field, and moves on', () => {
    const a = new Aggregator(config);
    const bad = { ...encodeQueueSettingsEntry(carrier), queues: JSON.stringify({ tech: { serviceLevelMs: -5 } }) };
    const rejected = a.applyBatch([{ stream: 'wallboard:events', id: `${T0}-0`, fields: bad }]);
    expect(rejected.map((r) => r.reason)).toEqual(['queue settings: field "queues.tech.serviceLevelMs": must be above 0']);
    expect(a.cursor('wallboard:events')).toBe(`${T0}-0`);
    // Not applied: the config file's names are still those in force.
    expect(Object.keys(a.snapshot(NOW).queueNames!)).toEqual(['billing', 'vip']);
  });

  it('is the same on two replicas whatever their batching, and survives a checkpoint', () => {
    const items = [...answeredAfter('t1', 'tech', T0, 17), carrier, ...answeredAfter('t2', 'tech', T0 + MIN, 17)];
    const one = aggregate(items);
    const other = new Aggregator(config);
    for (const entry of stream(items)) other.applyBatch([entry]);
    expect(other.snapshot(NOW)).toEqual(one.snapshot(NOW));
    const restored = new Aggregator(config);
    const parts = one.checkpointParts();
    restored.restore({ core: parts.core, calls: [...parts.calls.values()].filter((c) => c !== null) });
    restored.applyBatch(stream([...items, ...answeredAfter('t3', 'tech', T0 + 2 * MIN, 17)]));
    one.applyBatch(stream([...items, ...answeredAfter('t3', 'tech', T0 + 2 * MIN, 17)]));
    expect(restored.snapshot(NOW)).toEqual(one.snapshot(NOW));
    expect(row(restored, 'tech')).toMatchObject({ answered: 3, thresholds: { serviceLevelMs: 15_000 } });
  });
});

describe('display names', () => {
  it('are in the snapshot for the queues shown; a filtered view gets only its own', () => {
    const a = aggregate(answeredAfter('b1', 'billing', T0, 5));
    expect(a.snapshot(NOW).queueNames).toEqual({ billing: { zh: '账务查询', en: 'Billing enquiries' }, vip: { zh: '贵宾专线', en: 'VIP line' } });
    expect(a.snapshot(NOW, { queues: ['billing', 'tech'] }).queueNames).toEqual({ billing: { zh: '账务查询', en: 'Billing enquiries' } });
  });

  it('are bounded one-line text: too long, empty or with control characters is refused, naming the field', () => {
    const issue = (value: unknown) => {
      const parsed = queueSettingsSchema.safeParse(value);
      return parsed.success ? null : `${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`;
    };
    expect(issue({ billing: { name: { zh: '账'.repeat(65), en: 'x' } } })).toBe('billing.name.zh: longer than 64 characters');
    expect(issue({ billing: { name: { zh: ' ', en: 'x' } } })).toBe('billing.name.zh: must not be empty');
    expect(issue({ billing: { name: { zh: 'a', en: 'Billing\u202eevil' } } })).toBe('billing.name.en: must not hold control or direction characters');
    expect(issue({ billing: { name: { zh: 'a', en: 'b' }, colour: 'red' } })).toMatch(/^billing: Unrecognized key/);
    expect(issue({ billing: { name: { zh: '<b>账务</b>', en: '<script>x</script>' } } })).toBeNull(); // text: Lit shows it as text
  });
});

describe('the staffing hint', () => {
  const agent = (agentId: string, state: AgentState): EventInput => ({ type: 'agent.state', ts: T0, agentId, state, queues: ['billing'] });
  // Six calls in billing's window, 10 s waits, 210 s handle time: 1.4 Erlangs (core-staffing.test.ts works it by hand).
  const traffic: EventInput[] = [agent('a1', 'talking'), agent('a2', 'available')];
  for (const [i, handle] of [240, 180, 300, 120, 210].entries()) {
    const at = T0 + (i + 1) * MIN;
    traffic.push(...answeredAfter(`c${i}`, 'billing', at, 10), { type: 'call.ended', ts: at + 10 * SEC + handle * SEC, callId: `c${i}` });
  }
  traffic.push({ type: 'call.queued', ts: T0 + 6 * MIN, callId: 'c9', queue: 'billing' });

  it("aims at the queue's own target: 80/20 needs 3 agents, a 40 % target 2 (SL(2) = 0.4555)", () => {
    const hint = (queues: CoreConfig['queues']) => {
      const state = initialState();
      const withQueues = { ...DEFAULT_CORE_CONFIG, queues };
      for (const e of entries([...traffic].sort((x, y) => x.ts - y.ts))) apply(state, e, withQueues);
      return toSnapshot(state, withQueues, T0 + 15 * MIN + 30 * SEC).queues.find((q) => q.id === 'billing')!.staffing!.needed;
    };
    expect(hint({})).toBe(3);
    expect(hint({ billing: { serviceLevelTarget: 0.4 } })).toBe(2);
  });
});
