// decode() takes a hand-written way for well-formed entries (event-fast-decode.ts) and the zod
// schema for the rest. These properties hold it to the schema: on many thousands of generated
// entries, valid and invalid, decode() answers exactly as the schema alone does (the same event
// with the same keys in the same order, or the same reasons), and the fast way answers only
// where the schema accepts. Field lists come from the schema itself, so a field added there and
// not to the fast way fails here.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fastDecode, FAST_FIELDS } from '../../server/core/event-fast-decode.js';
import { decode, decodeBySchema, encode, eventSchemas, type EventType } from '../../server/core/events.js';
import { AGENT_STATES, ALARM_RULES, ALARM_SEVERITIES, EXIT_REASONS, TIERS, TRANSFER_MODES } from '../../server/contract/vocabulary.js';
import { createEntrySource } from '../../simulator/entry-source.js';
import { getScenario } from '../../simulator/scenarios/scenario-registry.js';
import { trafficBatch } from '../support/traffic.js';

const TYPES = Object.keys(eventSchemas) as EventType[];
const T0 = 1_767_600_000_000;

/** Values near every rule's edges, valid and not, for each kind of field. */
const POOLS = {
  id: ['a1', 'c-42', ' q1 ', 'x'.repeat(128), 'x'.repeat(129), ` ${'y'.repeat(128)} `, '', '   ', '\tb\n', '坐席7'],
  epoch: ['0', '1', String(T0), '9'.repeat(15), '1'.repeat(16), '-5', '1.5', ' 12', '12 ', '0x10', '1e3', ''],
  flag: ['1', '0', 'true', '', ' 1'],
  score: ['0', '100', '100.0', '100.5', '99.99', '1000', '.5', '5.', '7', '08', '-1', '50.25', 'NaN'],
  queues: [
    'billing',
    'billing,tech',
    ' a , ,b ',
    ',',
    '',
    ` ok,${'q'.repeat(129)}`,
    Array.from({ length: 100 }, (_, i) => `q${i}`).join(','),
    Array.from({ length: 101 }, (_, i) => `q${i}`).join(','),
    'x'.repeat(12_901),
    `${'q'.repeat(128)},a`,
  ],
  text: [
    'lunch',
    'call +86 138-1234-5678 back',
    'back 2026-12-01',
    '13812345678',
    'a'.repeat(64),
    'a'.repeat(65),
    'a'.repeat(128),
    'b'.repeat(129),
    'c'.repeat(256),
    'd'.repeat(257),
    '',
    '  ',
  ],
  caller: ['13812345678', '138****5678', '+86 138 1234 5678', '12', '', 'x'.repeat(64), 'x'.repeat(65)],
  tier: [...TIERS, 'Gold', '', 'vip'],
  state: [...AGENT_STATES, 'busy', ''],
  mode: [...TRANSFER_MODES, 'blind'],
  exitReason: [...EXIT_REASONS, 'hangup'],
  rule: [...ALARM_RULES, 'Waiting', 'wait', ''],
  severity: [...ALARM_SEVERITIES, 'info', 'CRITICAL', ''],
  decimal: ['0', '-0', '12', '-3.5', '0.8', '0.123456789012', '0.1234567890123', '1e3', 'NaN', 'Infinity', '.5', '5.', ' 1', '1 ', '', '9'.repeat(15), '9'.repeat(16)],
  login: ['lead1', '王组长', 'call 13812345678', 'x'.repeat(128), 'x'.repeat(129), '', ' '],
} as const;
type Kind = keyof typeof POOLS;
/** The values of each pool that pass, so that many whole entries pass too. */
const VALID: Record<Kind, readonly string[]> = {
  id: ['a1', 'c-42', ' q1 ', '坐席7', 'x'.repeat(128)],
  epoch: ['0', String(T0), '9'.repeat(15)],
  flag: ['1', '0'],
  score: ['0', '100', '100.0', '99.99', '7', '08', '50.25'],
  queues: ['billing', 'billing,tech', ' a , ,b ', ',', '', `${'q'.repeat(128)},a`],
  text: ['lunch', 'call +86 138-1234-5678 back', 'back 2026-12-01', '13812345678', 'a'.repeat(64), ''],
  caller: ['13812345678', '138****5678', '+86 138 1234 5678', '12', ''],
  tier: TIERS,
  state: AGENT_STATES,
  mode: TRANSFER_MODES,
  exitReason: EXIT_REASONS,
  rule: ALARM_RULES,
  severity: ALARM_SEVERITIES,
  decimal: ['0', '-0', '12', '-3.5', '0.8', '0.123456789012', '9'.repeat(15)],
  login: ['lead1', '王组长', 'call 13812345678', 'x'.repeat(128), ' '],
};

/** The kind of each field the schema knows (a field missing here fails the test). */
const KIND_OF: Record<string, Kind> = {
  callId: 'id',
  queue: 'id',
  agentId: 'id',
  toQueue: 'id',
  toAgentId: 'id',
  complaintId: 'id',
  dueTs: 'epoch',
  ts: 'epoch',
  resolved: 'flag',
  vip: 'flag',
  score: 'score',
  queues: 'queues',
  reason: 'text',
  team: 'text',
  name: 'text',
  grade: 'text',
  dnis: 'caller',
  caller: 'caller',
  tier: 'tier',
  state: 'state',
  mode: 'mode',
  alarmId: 'id',
  scope: 'id',
  rule: 'rule',
  severity: 'severity',
  value: 'decimal',
  threshold: 'decimal',
  by: 'login',
};
const ANY_VALUE = Object.values(POOLS).flat();

/** A value for a field: mostly one that passes, else from its own kind's pool, sometimes from any. */
const valueFor = (key: string) => {
  const kind = key === 'reason' ? fc.constantFrom<Kind>('text', 'exitReason') : fc.constant(KIND_OF[key]!);
  return fc.oneof(
    { weight: 12, arbitrary: kind.chain((k) => fc.constantFrom(...VALID[k])) },
    { weight: 2, arbitrary: kind.chain((k) => fc.constantFrom(...POOLS[k])) },
    { weight: 1, arbitrary: fc.constantFrom(...ANY_VALUE) },
  );
};

/** An entry of a type of the contract: each of its fields present, absent, or present without a value; now and then a stray field. */
const entryArb = fc.constantFrom(...TYPES).chain((type) => {
  const keys = Object.keys(eventSchemas[type].shape).filter((k) => k !== 'v' && k !== 'type');
  const field = (key: string) =>
    fc.oneof({ weight: 6, arbitrary: valueFor(key) }, { weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(undefined) });
  return fc
    .record({
      v: fc.oneof({ weight: 9, arbitrary: fc.constant('1') }, { weight: 1, arbitrary: fc.constantFrom('2', '', ' 1') }),
      fields: fc.tuple(...keys.map(field)),
      stray: fc.option(fc.constantFrom('foo', 'extra', 'constructor', 'toString'), { nil: null }),
    })
    .map(({ v, fields, stray }) => {
      const entry: Record<string, string> = { v, type };
      keys.forEach((key, i) => {
        const value = fields[i];
        if (value === undefined)
          entry[key] = undefined as unknown as string; // there, without a value
        else if (value !== null) entry[key] = value;
      });
      if (stray) entry[stray] = 'x';
      return entry;
    });
});

function expectSameAsSchema(fields: Record<string, string>): boolean {
  const fast = decode(fields);
  const schema = decodeBySchema(fields);
  expect(fast).toStrictEqual(schema);
  if (fast.ok && schema.ok) expect(Object.keys(fast.event)).toEqual(Object.keys(schema.event));
  const direct = fields['type'] === undefined ? undefined : fastDecode(fields, fields['type']);
  if (direct !== undefined) expect(schema.ok).toBe(true);
  return direct !== undefined;
}

describe('decode: the fast way and the schema', () => {
  it('knows every field of every type, in the order of the schema', () => {
    for (const type of TYPES) {
      const keys = Object.keys(eventSchemas[type].shape).filter((k) => k !== 'v' && k !== 'ts' && k !== 'type');
      expect(
        FAST_FIELDS[type]!.map(([key]) => key),
        type,
      ).toEqual(keys);
      for (const key of keys) expect(KIND_OF[key], key).toBeDefined();
    }
  });

  it('gives what the schema gives on 30,000 generated entries, valid and invalid, and takes the fast way for the well-formed ones', () => {
    let fastWay = 0;
    let valid = 0;
    const runs = 30_000;
    fc.assert(
      fc.property(entryArb, (fields) => {
        if (expectSameAsSchema(fields)) fastWay += 1;
        if (decodeBySchema(fields).ok) valid += 1;
      }),
      { numRuns: runs },
    );
    // Not a vacuous pass: thousands valid and thousands not, and every valid one went the fast way.
    expect(valid).toBeGreaterThan(runs / 5);
    expect(runs - valid).toBeGreaterThan(runs / 5);
    expect(fastWay).toBe(valid);
  });

  it('gives what the schema gives for entries that are not of the contract at all', () => {
    const odd = fc.dictionary(
      fc.constantFrom('v', 'type', 'ts', 'callId', 'queue', 'agentId', 'state', 'x'),
      fc.oneof(fc.constantFrom(...ANY_VALUE, ...TYPES, 'call', '__proto__'), fc.string()),
    );
    fc.assert(
      fc.property(odd, (fields) => void expectSameAsSchema(fields)),
      { numRuns: 10_000 },
    );
  });

  it('takes the fast way for every event of a simulated day and of the test traffic, with the same result', () => {
    const source = createEntrySource({ scenario: getScenario('messy-feed'), overrides: {}, seed: 7, startTs: T0 });
    let malformed = 0;
    for (const entry of source.take(T0 + 8 * 3600_000, 20_000)) {
      const fields = entry.kind === 'event' ? encode(entry.event) : entry.fields;
      const fast = expectSameAsSchema(fields);
      if (entry.kind === 'event') expect(fast, JSON.stringify(fields)).toBe(true);
      else malformed += 1;
    }
    expect(malformed).toBeGreaterThan(10);
    for (let b = 0; b < 20; b++) for (const event of trafficBatch(b, T0)) expect(expectSameAsSchema(encode(event))).toBe(true);
  });

  // The fast way keeps the queue lists it has split, keyed by their text: each event still gets a list of its own.
  it('gives each agent.state its own queue list, for lists seen before and for more lists than it keeps', () => {
    const agentState = (queues: string) => ({ v: '1', ts: String(T0), type: 'agent.state', agentId: 'a1', state: 'available', queues });
    const first = fastDecode(agentState('vip, billing'), 'agent.state')!;
    const again = fastDecode(agentState('vip, billing'), 'agent.state')!;
    expect(again['queues']).toEqual(['vip', 'billing']);
    (first['queues'] as string[]).push('changed');
    (again['queues'] as string[]).push('changed');
    expect(fastDecode(agentState('vip, billing'), 'agent.state')!['queues']).toEqual(['vip', 'billing']);
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 3000; i++) expectSameAsSchema(agentState(`q${i},q${(i * 7) % 3000} , vip`));
    }
  });
});
