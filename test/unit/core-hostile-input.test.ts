import { describe, expect, it } from 'vitest';
import { apply } from '../../server/core/apply.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import { DEAD_LETTER_FIELDS_MAX, DEAD_LETTER_VALUE_MAX, deadLetterRecord } from '../../server/core/dead-letter-record.js';
import { decode, encode, MAX_AGENT_QUEUES, maskPhoneNumbers, type EventInput, type QueueEvent } from '../../server/core/events.js';
import { toSnapshot } from '../../server/core/snapshot.js';
import { initialState } from '../../server/core/state.js';
import { entries, MIN, SEC, T0 } from '../support/entries.js';

const config = DEFAULT_CORE_CONFIG;
const HOUR = 3600_000;
const agent = (extra: Record<string, string>) => ({ v: '1', type: 'agent.state', ts: String(T0), agentId: 'a1', state: 'paused', ...extra });
const reasonOf = (fields: Record<string, string>): string => {
  const result = decode(fields);
  if (result.ok) throw new Error('expected the entry to be refused');
  return result.reason;
};
const decoded = (fields: Record<string, string>): QueueEvent => {
  const result = decode(fields);
  if (!result.ok) throw new Error(result.reason);
  return result.event;
};

describe('bounded fields', () => {
  it('refuses an agent.state whose queues list holds an id over 128 characters, or more than MAX_AGENT_QUEUES queues', () => {
    expect(reasonOf(agent({ queues: `billing,${'q'.repeat(129)}` }))).toBe('field "queues.1": longer than 128 characters');
    expect(reasonOf(agent({ queues: 'x'.repeat(1_000_000) }))).toMatch(/^field "queues": longer than 100 queue ids$/);
    const many = Array.from({ length: MAX_AGENT_QUEUES + 1 }, (_, i) => `q${i}`).join(',');
    expect(reasonOf(agent({ queues: many }))).toBe('field "queues": more than 100 queues');
    expect(reasonOf(agent({ queues: Array.from({ length: 5000 }, (_, i) => `q${i}`).join(',') }))).toContain('queues');
    const most = Array.from({ length: MAX_AGENT_QUEUES }, (_, i) => `q${i}`);
    expect(decoded(agent({ queues: most.join(',') }))).toMatchObject({ queues: most });
    expect(decoded(agent({ queues: `billing,${'q'.repeat(128)}` }))).toMatchObject({ queues: ['billing', 'q'.repeat(128)] });
  });

  it('refuses every free field past its bound', () => {
    expect(reasonOf(agent({ reason: 'r'.repeat(257) }))).toBe('field "reason": longer than 256 characters');
    expect(reasonOf(agent({ name: 'n'.repeat(129) }))).toBe('field "name": longer than 128 characters');
    expect(reasonOf(agent({ team: 't'.repeat(129) }))).toBe('field "team": longer than 128 characters');
    const complaint = { v: '1', type: 'complaint.opened', ts: String(T0), complaintId: 'k1' };
    expect(reasonOf({ ...complaint, grade: 'g'.repeat(65) })).toBe('field "grade": longer than 64 characters');
    const arrived = { v: '1', type: 'call.arrived', ts: String(T0), callId: 'c1' };
    expect(reasonOf({ ...arrived, dnis: '9'.repeat(65) })).toBe('field "dnis": longer than 64 characters');
    expect(reasonOf({ ...arrived, caller: '1'.repeat(65) })).toBe('field "caller": longer than 64 characters');
    const ended = { v: '1', type: 'call.ended', ts: String(T0), callId: 'c1' };
    expect(reasonOf({ ...ended, reason: 'r'.repeat(257) })).toBe('field "reason": longer than 256 characters');
    expect(reasonOf({ v: '1', type: 'call.blocked', ts: String(T0), callId: 'c1', reason: 'r'.repeat(257) })).toBe('field "reason": longer than 256 characters');
    expect(reasonOf({ ...ended, callId: 'c'.repeat(129) })).toBe('field "callId": longer than 128 characters');
  });

  it('cuts an unknown type to 64 characters in the reason', () => {
    expect(reasonOf({ v: '1', type: 'x'.repeat(10_000), ts: String(T0) })).toBe(`unknown type "${'x'.repeat(64)}"`);
  });
});

describe('event times', () => {
  it('keeps an event at epoch 0 out of the live state: no 56-year longest wait (regression)', () => {
    const state = initialState();
    const inputs: Array<EventInput & { appendedAt: number }> = [
      { type: 'call.queued', ts: 0, callId: 'c0', queue: 'billing', appendedAt: T0 },
      { type: 'call.queued', ts: T0 + SEC, callId: 'c1', queue: 'billing', appendedAt: T0 + SEC },
    ];
    for (const e of entries(inputs)) apply(state, e, config);
    const snap = toSnapshot(state, config, T0 + MIN);
    expect(snap.totals.waiting).toBe(1);
    expect(snap.totals.longestWaitMs).toBe(MIN - SEC);
    expect(state.ingest.lateDropped).toBe(1);
    expect(state.calls.has('c0')).toBe(false);
  });

  it('drops a call or agent event older than the call expiry and from an earlier day, and applies one just inside the expiry', () => {
    // T0 is 09:00 in Shanghai: 10 hours earlier is yesterday.
    const inputs: Array<EventInput & { appendedAt: number }> = [
      { type: 'call.queued', ts: T0 - 10 * HOUR, callId: 'old', queue: 'billing', appendedAt: T0 },
      { type: 'call.queued', ts: T0 - config.callExpiryMs, callId: 'edge', queue: 'billing', appendedAt: T0 },
      { type: 'agent.state', ts: T0 - 10 * HOUR, agentId: 'a-old', state: 'paused', appendedAt: T0 },
      { type: 'agent.state', ts: T0, agentId: 'a-now', state: 'available', appendedAt: T0 },
    ];
    const state = initialState();
    for (const e of entries(inputs)) apply(state, e, config);
    const snap = toSnapshot(state, config, T0);
    expect(snap.totals.waiting).toBe(1);
    expect(snap.totals.longestWaitMs).toBe(config.callExpiryMs);
    expect([...state.calls.keys()]).toEqual(['edge']);
    expect([...state.agents.keys()]).toEqual(['a-now']);
    expect(state.ingest.lateDropped).toBe(2);
    expect(state.ingest.applied).toBe(2);
    expect(state.cursors.get('wallboard:events')).toBe(`${T0}-3`); // dropped entries are delivered all the same
  });

  it("counts today's events appended hours later, as a queue_log adapter's first start at noon sends the morning", () => {
    // 04:00 and 04:01 in Shanghai, appended at 09:00: five hours late, past the call expiry, but today.
    const morning = T0 - 5 * HOUR;
    const inputs: Array<EventInput & { appendedAt: number }> = [
      { type: 'call.queued', ts: morning, callId: 'm1', queue: 'billing', appendedAt: T0 },
      { type: 'call.answered', ts: morning + MIN, callId: 'm1', queue: 'billing', agentId: 'a1', appendedAt: T0 },
      { type: 'call.ended', ts: morning + 5 * MIN, callId: 'm1', agentId: 'a1', appendedAt: T0 },
    ];
    const state = initialState();
    for (const e of entries(inputs)) apply(state, e, config);
    const snap = toSnapshot(state, config, T0);
    expect(snap.totals).toMatchObject({ queued: 1, answered: 1, waiting: 0 });
    expect(state.ingest.lateDropped).toBe(0);
  });

  it('leaves a late complaint reply to the day rules: complaints live for days', () => {
    const state = initialState();
    const inputs: Array<EventInput & { appendedAt: number }> = [
      { type: 'complaint.opened', ts: T0 - 5 * HOUR, complaintId: 'k1', appendedAt: T0 },
      { type: 'complaint.replied', ts: T0 - 5 * HOUR + MIN, complaintId: 'k1', appendedAt: T0 },
    ];
    for (const e of entries(inputs)) apply(state, e, config);
    expect(state.ingest.lateDropped).toBe(0);
    expect(state.complaints.get('k1')).toMatchObject({ repliedTs: T0 - 5 * HOUR + MIN });
  });
});

describe('phone numbers in free text', () => {
  it('masks digit runs of 7 or more (spaces, dashes and a leading + allowed) as maskCaller does', () => {
    expect(maskPhoneNumbers('call back 13812345678 please')).toBe('call back 138****5678 please');
    expect(maskPhoneNumbers('+86 138-1234-5678')).toBe('861******5678');
    expect(maskPhoneNumbers('ext 1234567')).toBe('ext ***4567');
    expect(maskPhoneNumbers('lunch 12:30, 3 calls, room 123456')).toBe('lunch 12:30, 3 calls, room 123456');
    expect(maskPhoneNumbers('138****5678')).toBe('138****5678'); // masking twice changes nothing
    expect(maskPhoneNumbers('back on 2026-12-01, not 021-1234-5678')).toBe('back on 2026-12-01, not 021****5678');
  });

  it('masks every free-text field on the way in, and leaves ids and times alone', () => {
    const paused = decoded(agent({ reason: 'ring 13812345678', name: 'Ann 139 8765 4321', team: 'north 13700001111' }));
    expect(paused).toMatchObject({ reason: 'ring 138****5678', name: 'Ann 139****4321', team: 'north 137****1111', agentId: 'a1' });
    const ended = decoded({ v: '1', type: 'call.ended', ts: String(T0), callId: 'pbx1:1700000000.42', reason: 'customer 13812345678' });
    expect(ended).toMatchObject({ callId: 'pbx1:1700000000.42', reason: 'customer 138****5678', ts: T0 });
    const blocked = decoded({ v: '1', type: 'call.blocked', ts: String(T0), callId: '1700000000.43', reason: 'blacklist 02112345678' });
    expect(blocked).toMatchObject({ callId: '1700000000.43', reason: 'blacklist 021****5678' });
    const opened = decoded({ v: '1', type: 'complaint.opened', ts: String(T0), complaintId: 'k1', grade: 'A 13812345678' });
    expect(opened).toMatchObject({ grade: 'A 138****5678' });
    expect(decode(encode(paused as EventInput))).toEqual({ ok: true, event: paused });
  });
});

describe('dead letters', () => {
  it('cut each field to DEAD_LETTER_VALUE_MAX and keep at most DEAD_LETTER_FIELDS_MAX fields', () => {
    const fields: Record<string, string> = { type: 'agent.state', queues: 'q'.repeat(1_000_000) };
    for (let i = 0; i < 100; i += 1) fields[`extra${i}`] = 'x';
    const record = deadLetterRecord('r'.repeat(5000), fields);
    const kept = JSON.parse(record.fields) as Record<string, string>;
    expect(kept['queues']).toBe(`${'q'.repeat(DEAD_LETTER_VALUE_MAX)}…(+${1_000_000 - DEAD_LETTER_VALUE_MAX} chars)`);
    expect(Object.keys(kept)).toHaveLength(DEAD_LETTER_FIELDS_MAX + 1);
    expect(kept['…']).toBe(`+${102 - DEAD_LETTER_FIELDS_MAX} fields`);
    expect(record.reason.length).toBeLessThan(DEAD_LETTER_VALUE_MAX + 20);
    expect(record.fields.length).toBeLessThan(8 * 1024);
  });

  it('mask phone numbers in the reason and in every field but ids and times', () => {
    const fields = { v: '1', type: 'call.arrived', ts: '1700000000', callId: '1700000000.42', caller: '+86 13812345678 '.repeat(5), note: 'cb 13912345678' };
    const record = deadLetterRecord('unknown type "13812345678"', fields);
    expect(record.reason).toBe('unknown type "138****5678"');
    expect(JSON.parse(record.fields)).toEqual({
      v: '1',
      type: 'call.arrived',
      ts: '1700000000',
      callId: '1700000000.42',
      caller: '861******5678 '.repeat(5),
      note: 'cb 139****5678',
    });
  });
});
