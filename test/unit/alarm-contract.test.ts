// The alarm transitions of the contract (docs/event-contract.md, "Alarms"): what each decodes to,
// what it refuses and why, that a producer's stream cannot carry them, and where the server keeps them.
import { describe, expect, it } from 'vitest';
import { alarmIdOf } from '../../server/core/alarm-id.js';
import { apply } from '../../server/core/apply.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import { decode, encode } from '../../server/core/events.js';
import { parseBatch } from '../../server/ingest/http-batch.js';
import { deserializeState, restoreState, serializeCore, serializeState } from '../../server/core/checkpoint-codec.js';
import { toSnapshot } from '../../server/core/snapshot.js';
import { initialState } from '../../server/core/state.js';
import { ALARM_EVENT_TYPES, ALARM_RULES, isAlarmEventType } from '../../server/contract/vocabulary.js';
import { hashTagOf, keys } from '../../server/redis/keys.js';
import { T0 } from '../support/entries.js';

const raised = {
  v: '1',
  type: 'alarm.raised',
  ts: String(T0),
  alarmId: `waiting:billing:${T0}`,
  rule: 'waiting',
  scope: 'billing',
  severity: 'critical',
  value: '12',
  threshold: '10',
};

function reasonOf(fields: Record<string, string>): string {
  const result = decode(fields);
  return result.ok ? 'accepted' : result.reason;
}

describe('alarm events', () => {
  it('decodes a raise, an acknowledgement and a clear to typed values', () => {
    expect(decode(raised)).toEqual({
      ok: true,
      event: {
        v: '1',
        type: 'alarm.raised',
        ts: T0,
        alarmId: `waiting:billing:${T0}`,
        rule: 'waiting',
        scope: 'billing',
        severity: 'critical',
        value: 12,
        threshold: 10,
      },
    });
    expect(decode({ v: '1', type: 'alarm.acknowledged', ts: String(T0 + 1), alarmId: 'a', by: 'lead1' })).toEqual({
      ok: true,
      event: { v: '1', type: 'alarm.acknowledged', ts: T0 + 1, alarmId: 'a', by: 'lead1' },
    });
    expect(decode({ v: '1', type: 'alarm.cleared', ts: String(T0 + 2), alarmId: 'a', value: '0.75' })).toEqual({
      ok: true,
      event: { v: '1', type: 'alarm.cleared', ts: T0 + 2, alarmId: 'a', value: 0.75 },
    });
    expect(decode({ v: '1', type: 'alarm.cleared', ts: String(T0 + 2), alarmId: 'a' })).toEqual({
      ok: true,
      event: { v: '1', type: 'alarm.cleared', ts: T0 + 2, alarmId: 'a' },
    });
  });

  it('round-trips through encode()', () => {
    const event = { type: 'alarm.raised', ts: T0, alarmId: 'x', rule: 'service-level', scope: 'floor', severity: 'warning', value: 0.625, threshold: 0.7 } as const;
    expect(decode(encode(event))).toEqual({ ok: true, event: { v: '1', ...event } });
    expect(decode(encode({ type: 'alarm.cleared', ts: T0, alarmId: 'x', value: -1.5 }))).toMatchObject({ ok: true, event: { value: -1.5 } });
  });

  it('refuses what is not of the contract, naming the field', () => {
    expect(reasonOf({ ...raised, rule: 'loud' })).toContain('field "rule"');
    expect(reasonOf({ ...raised, severity: 'info' })).toContain('field "severity"');
    expect(reasonOf({ ...raised, value: '1e3' })).toContain('field "value": must be a decimal');
    expect(reasonOf({ ...raised, threshold: 'NaN' })).toContain('field "threshold"');
    expect(decode({ ...raised, scope: '' })).toMatchObject({ ok: false, reason: 'field "scope": must not be empty' });
    const { threshold: _, ...noThreshold } = raised;
    expect(decode(noThreshold)).toEqual({ ok: false, reason: 'missing field "threshold"' });
    expect(decode({ v: '1', type: 'alarm.acknowledged', ts: String(T0), alarmId: 'a', by: '' })).toEqual({ ok: false, reason: 'field "by": must not be empty' });
    expect(decode({ v: '1', type: 'alarm.acknowledged', ts: String(T0), alarmId: 'a', by: 'x'.repeat(129) })).toEqual({
      ok: false,
      reason: 'field "by": longer than 128 characters',
    });
  });

  it('masks a phone number in the acknowledging login name', () => {
    expect(decode({ v: '1', type: 'alarm.acknowledged', ts: String(T0), alarmId: 'a', by: 'lead 13812345678' })).toMatchObject({
      ok: true,
      event: { by: 'lead 138****5678' },
    });
  });

  it('names every rule, and knows its own types', () => {
    expect(ALARM_RULES).toEqual(['longest-wait', 'waiting', 'service-level', 'no-agent', 'hold-check-overdue', 'kpi-missed', 'source-quiet']);
    expect(ALARM_EVENT_TYPES.every(isAlarmEventType)).toBe(true);
    expect(isAlarmEventType('call.queued')).toBe(false);
    expect(isAlarmEventType('alarm.snoozed')).toBe(false);
  });

  it('refuses an alarm event from a producer stream: the server writes them only', () => {
    const state = initialState();
    const event = decode(raised);
    if (!event.ok) throw new Error(event.reason);
    const result = apply(state, { stream: 'wallboard:events', id: `${T0}-0`, event: event.event }, DEFAULT_CORE_CONFIG);
    expect(result).toEqual({ refused: 'alarm.raised is written by the server only' });
    expect(state.ingest.deadLettered).toBe(1);
  });
});

describe('the alarm stream', () => {
  it('applies alarm events from the alarm stream into the replica, keeps them in the checkpoint, and refuses any other type there', () => {
    const state = initialState();
    const stream = keys.alarms('wallboard:events');
    const event = decode(raised);
    const queued = decode({ v: '1', type: 'call.queued', ts: String(T0), callId: 'c1', queue: 'billing' });
    if (!event.ok || !queued.ok) throw new Error('fixture');
    expect(apply(state, { stream, id: `${T0}-0`, event: event.event }, DEFAULT_CORE_CONFIG)).toBe('applied');
    expect(apply(state, { stream, id: `${T0}-0`, event: event.event }, DEFAULT_CORE_CONFIG)).toBe('duplicate');
    expect(apply(state, { stream, id: `${T0}-1`, event: queued.event }, DEFAULT_CORE_CONFIG)).toEqual({
      refused: 'call.queued does not belong in the alarm stream, which carries alarm events only',
    });
    expect(state.ingest).toMatchObject({ applied: 0, deadLettered: 1 });
    expect(state.eventWatermark).toBe(0);
    const restored = deserializeState(serializeState(state));
    expect(restored.alarms).toEqual([expect.objectContaining({ id: `waiting:billing:${T0}`, severity: 'critical', raisedTs: T0, clearedTs: null })]);
    expect(toSnapshot(restored, DEFAULT_CORE_CONFIG, T0 + 1000).alarms!.active.map((a) => a.id)).toEqual([`waiting:billing:${T0}`]);
  });

  it('reads a checkpoint from before alarms as none', () => {
    const core = JSON.parse(serializeCore(initialState())) as Record<string, unknown>;
    delete core['alarms'];
    expect(restoreState(JSON.stringify(core), []).alarms).toEqual([]);
  });
});

describe('the HTTP ingest', () => {
  it('refuses an alarm event with the reason, and takes the rest of the batch', () => {
    const parsed = parseBatch(
      [
        { type: 'alarm.cleared', ts: T0, alarmId: 'a' },
        { type: 'call.queued', ts: T0, callId: 'c1', queue: 'billing' },
      ],
      10,
    );
    expect(parsed.ok && parsed.verdicts.map((v) => (v.ok ? 'ok' : v.reason))).toEqual([
      'alarm.cleared is written by the server only: a producer may not append alarm events',
      'ok',
    ]);
  });
});

describe('alarm ids and keys', () => {
  it('makes the same id from the same rule, scope and raised time, within the contract id limit', () => {
    expect(alarmIdOf('longest-wait', 'billing', T0)).toBe(`longest-wait:billing:${T0}`);
    expect(alarmIdOf('longest-wait', 'billing', T0)).toBe(alarmIdOf('longest-wait', 'billing', T0));
    expect(alarmIdOf('longest-wait', 'billing', T0 + 1)).not.toBe(alarmIdOf('longest-wait', 'billing', T0));
    const long = alarmIdOf('hold-check-overdue', 'q'.repeat(128), T0);
    expect(long).toMatch(/^hold-check-overdue:#[0-9a-f]{8}:\d+$/);
    expect(long.length).toBeLessThanOrEqual(128);
    expect(alarmIdOf('hold-check-overdue', 'r'.repeat(128), T0)).not.toBe(long);
  });

  it('keeps the alarm stream in the event streams hash slot', () => {
    expect(keys.alarms('wallboard:events')).toBe('wallboard:alarms:{wallboard:events}');
    expect(keys.alarms('wallboard:events:{wb}:billing')).toBe('wallboard:alarms:{wb}');
    expect(hashTagOf(keys.alarms('wallboard:events:{wb}:billing'))).toBe(hashTagOf('wallboard:events:{wb}:billing'));
  });
});
