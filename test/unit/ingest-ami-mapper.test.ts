// AMI events → contract events, on the fixtures' documented sequences, with a fake clock: the
// decisions a PBX administrator reads in the README's mapping table are pinned here.
import { describe, expect, it } from 'vitest';
import { decode, encode, type EventInput } from '../../server/core/events.js';
import { checked } from '../../server/ingest/position-writer.js';
import { agentIdOf } from '../../server/ingest/ami/agent-id.js';
import { AmiMapper, eventTime, LEAVE_GRACE_MS, type AmiMapperOptions } from '../../server/ingest/ami/ami-mapper.js';
import { emptyAmiState, parsePosition, serializePosition } from '../../server/ingest/ami/ami-state.js';
import type { AmiMessage } from '../../server/ingest/ami/ami-wire.js';
import { amiMessages, loadAmiFixture } from '../support/fake-ami.js';
import { snapshotFromEvents } from '../support/snapshot-from-events.js';
import { SEC, T0 } from '../support/entries.js';

const life = loadAmiFixture('call-life.ami');
const other = loadAmiFixture('other-outcomes.ami');
const CALL = 'pbx1:1700000000.16';

function mapperOf(options: Partial<AmiMapperOptions> = {}): AmiMapper {
  return new AmiMapper({ source: 'pbx1', holdCheckWindowMs: 5_000, maxCalls: 100, maxAgents: 100, ...options }, emptyAmiState());
}

/** Feeds wire text (or messages) at `at`, with no Timestamp header: event time = receive time. */
function feed(mapper: AmiMapper, text: string | AmiMessage[], at: number): EventInput[] {
  return (typeof text === 'string' ? amiMessages(text) : text).flatMap((m) => mapper.handle(m, eventTime(m, at), at).events);
}

const msg = (fields: Record<string, string>): AmiMessage => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v]));

describe('a call through its whole life', () => {
  it('join, ring, answer, hold, a hold check, resume, end — each written once, at its own time', () => {
    const m = mapperOf();
    const out: EventInput[] = [];
    out.push(...feed(m, life['join']!, T0));
    out.push(...feed(m, life['ring']!, T0 + 4 * SEC));
    out.push(...feed(m, life['connect']!, T0 + 12 * SEC));
    out.push(...feed(m, life['hold']!, T0 + 30 * SEC));
    expect(feed(m, life['unhold']!, T0 + 55 * SEC)).toEqual([]); // held back: a check or a resume?
    out.push(...feed(m, life['hold']!, T0 + 57 * SEC));
    expect(feed(m, life['unhold']!, T0 + 70 * SEC)).toEqual([]);
    expect(m.nextDeadline()).toBe(T0 + 75 * SEC);
    expect(m.tick(T0 + 74_999)).toEqual([]);
    out.push(...m.tick(T0 + 75 * SEC));
    out.push(...feed(m, life['complete']!, T0 + 107 * SEC));
    const agent = { agentId: '2004', name: 'Alice Wang', queues: ['400'] };
    expect(out).toEqual([
      { type: 'call.arrived', callId: CALL, ts: T0, caller: '13800001234' },
      { type: 'call.queued', callId: CALL, queue: '400', ts: T0 },
      { type: 'agent.state', ...agent, state: 'ringing', ts: T0 + 4 * SEC },
      { type: 'call.answered', callId: CALL, queue: '400', agentId: '2004', ts: T0 + 12 * SEC },
      { type: 'agent.state', ...agent, state: 'talking', ts: T0 + 12 * SEC },
      { type: 'call.held', callId: CALL, agentId: '2004', ts: T0 + 30 * SEC },
      { type: 'agent.state', ...agent, state: 'hold', ts: T0 + 30 * SEC },
      { type: 'call.hold_check', callId: CALL, agentId: '2004', ts: T0 + 57 * SEC },
      { type: 'call.resumed', callId: CALL, agentId: '2004', ts: T0 + 70 * SEC },
      { type: 'agent.state', ...agent, state: 'talking', ts: T0 + 70 * SEC },
      { type: 'call.ended', callId: CALL, agentId: '2004', reason: 'caller hung up', ts: T0 + 107 * SEC },
      { type: 'agent.state', ...agent, state: 'available', ts: T0 + 107 * SEC },
    ]);
    expect(m.state.calls.size).toBe(0);
  });

  it('counts on the real core: one answer, the hold check on time, nobody waiting or held', () => {
    const m = mapperOf();
    const events = [
      ...feed(m, life['join']!, T0),
      ...feed(m, life['connect']!, T0 + 12 * SEC),
      ...feed(m, life['hold']!, T0 + 30 * SEC),
      ...feed(m, life['unhold']!, T0 + 55 * SEC),
      ...feed(m, life['hold']!, T0 + 57 * SEC),
    ];
    const during = snapshotFromEvents(events, T0 + 60 * SEC);
    expect(during.held).toMatchObject([{ callId: CALL, agentId: '2004', queue: '400', heldSinceTs: T0 + 30 * SEC, lastCheckTs: T0 + 57 * SEC }]);
    expect(during.totals).toMatchObject({ arrived: 1, answered: 1, waiting: 0, holdCheckOnTimeRate: 1 });
    events.push(...feed(m, life['unhold']!, T0 + 70 * SEC), ...m.tick(T0 + 75 * SEC), ...feed(m, life['complete']!, T0 + 107 * SEC));
    const after = snapshotFromEvents(events, T0 + 110 * SEC);
    expect(after.held).toEqual([]);
    expect(after.totals).toMatchObject({ arrived: 1, answered: 1, abandoned: 0, waiting: 0 });
    expect(after.agents).toMatchObject({ available: 1, talking: 0, hold: 0 });
  });
});

describe('the caller', () => {
  it('is masked before it leaves the adapter, and stays masked the same when the server decodes the entry again', () => {
    const arrived = feed(mapperOf(), life['join']!, T0)[0]!;
    const written = checked([arrived]).valid[0]!;
    expect(written).toMatchObject({ caller: '138****1234' });
    const read = decode(encode(written));
    expect(read).toMatchObject({ ok: true, event: { caller: '138****1234' } });
  });
});

describe('hold checks (window 5 s)', () => {
  function held(): AmiMapper {
    const m = mapperOf();
    feed(m, life['join']! + life['connect']!, T0);
    feed(m, life['hold']!, T0 + 10 * SEC);
    return m;
  }

  it('a Hold more than the window after the Unhold, before the timer ran: the resume at its time, then a new hold', () => {
    const m = held();
    feed(m, life['unhold']!, T0 + 20 * SEC);
    const out = feed(m, life['hold']!, T0 + 25_001);
    expect(out.filter((e) => e.type.startsWith('call.'))).toEqual([
      { type: 'call.resumed', callId: CALL, agentId: '2004', ts: T0 + 20 * SEC },
      { type: 'call.held', callId: CALL, agentId: '2004', ts: T0 + 25_001 },
    ]);
  });

  it('exactly at the window is still a check', () => {
    const m = held();
    feed(m, life['unhold']!, T0 + 20 * SEC);
    expect(feed(m, life['hold']!, T0 + 25 * SEC)).toEqual([{ type: 'call.hold_check', callId: CALL, agentId: '2004', ts: T0 + 25 * SEC }]);
  });

  it('an end inside the window writes the resume first, at the Unhold time', () => {
    const m = held();
    feed(m, life['unhold']!, T0 + 20 * SEC);
    const out = feed(m, life['complete']!, T0 + 22 * SEC).filter((e) => e.type !== 'agent.state');
    expect(out).toEqual([
      { type: 'call.resumed', callId: CALL, agentId: '2004', ts: T0 + 20 * SEC },
      { type: 'call.ended', callId: CALL, agentId: '2004', reason: 'caller hung up', ts: T0 + 22 * SEC },
    ]);
  });

  it('a Hold raised on both channels of the call is one hold; the caller channel finds the call too', () => {
    const m = held();
    const onCaller = msg({ Event: 'Hold', Channel: 'PJSIP/trunk-00000010', Uniqueid: '1700000000.16', Linkedid: '1700000000.16' });
    expect(feed(m, [onCaller], T0 + 11 * SEC)).toEqual([]);
    const m2 = mapperOf();
    feed(m2, life['join']! + life['connect']!, T0);
    expect(feed(m2, [onCaller], T0 + 11 * SEC)[0]).toEqual({ type: 'call.held', callId: CALL, agentId: '2004', ts: T0 + 11 * SEC });
  });

  it('the hold check window is the option: 0 turns every Unhold into a resume', () => {
    const m = mapperOf({ holdCheckWindowMs: 0 });
    feed(m, life['join']! + life['connect']! + life['hold']!, T0);
    feed(m, life['unhold']!, T0 + 1 * SEC);
    expect(m.tick(T0 + 1 * SEC).map((e) => e.type)).toEqual(['call.resumed', 'agent.state']);
  });

  it('a pending Unhold survives a restart of the adapter (it is part of the stored state)', () => {
    const m = held();
    feed(m, life['unhold']!, T0 + 20 * SEC);
    const stored = parsePosition(serializePosition(9, T0 + 20 * SEC, m.state));
    if (!stored.ok) throw new Error(stored.reason);
    const restarted = new AmiMapper({ source: 'pbx1', holdCheckWindowMs: 5_000, maxCalls: 100, maxAgents: 100 }, stored.position.state);
    expect(feed(restarted, life['hold']!, T0 + 23 * SEC)).toEqual([{ type: 'call.hold_check', callId: CALL, agentId: '2004', ts: T0 + 23 * SEC }]);
    expect(feed(restarted, life['connect']!, T0 + 24 * SEC).filter((e) => e.type === 'call.arrived')).toEqual([]);
  });
});

describe('the other ways out of a queue', () => {
  it('an abandon: abandoned and ended; the leave and hangup after it add nothing; the core counts one abandon', () => {
    const m = mapperOf();
    const out = feed(m, other['abandon']!, T0);
    const id = 'pbx1:1700000000.32';
    expect(out).toEqual([
      { type: 'call.arrived', callId: id, ts: T0, caller: '13900005678' },
      { type: 'call.queued', callId: id, queue: '400', ts: T0 },
      { type: 'call.abandoned', callId: id, queue: '400', ts: T0 },
      { type: 'call.ended', callId: id, reason: 'abandoned', ts: T0 },
    ]);
    expect(snapshotFromEvents(out, T0 + SEC).totals).toMatchObject({ abandoned: 1, waiting: 0 });
  });

  it('an abandon or answer of a call never seen joining: its arrival and queueing, dated back by HoldTime', () => {
    const m = mapperOf();
    const abandon = amiMessages(other['abandon']!).filter((x) => x['event'] === 'QueueCallerAbandon');
    expect(feed(m, abandon, T0 + 100 * SEC).slice(0, 2)).toEqual([
      { type: 'call.arrived', callId: 'pbx1:1700000000.32', ts: T0 + 60 * SEC, caller: '13900005678' },
      { type: 'call.queued', callId: 'pbx1:1700000000.32', queue: '400', ts: T0 + 60 * SEC },
    ]);
    const connect = amiMessages(life['connect']!).filter((x) => x['event'] === 'AgentConnect');
    expect(
      feed(m, connect, T0 + 100 * SEC)
        .slice(0, 3)
        .map((e) => [e.type, e.ts]),
    ).toEqual([
      ['call.arrived', T0 + 88 * SEC],
      ['call.queued', T0 + 88 * SEC],
      ['call.answered', T0 + 100 * SEC],
    ]);
  });

  it('a leave with no answer after it is an exit, at the leave time, once the grace has passed', () => {
    const m = mapperOf();
    expect(feed(m, other['timeout']!, T0).map((e) => e.type)).toEqual(['call.arrived', 'call.queued']);
    expect(m.tick(T0 + LEAVE_GRACE_MS - 1)).toEqual([]);
    expect(m.tick(T0 + LEAVE_GRACE_MS)).toEqual([{ type: 'call.exited', callId: 'pbx1:1700000000.48', queue: '400', ts: T0 }]);
    expect(feed(m, other['failover']!, T0 + 3 * SEC)).toEqual([{ type: 'call.queued', callId: 'pbx1:1700000000.48', queue: '401', ts: T0 + 3 * SEC }]);
  });

  it('a failover join inside the grace settles the exit first; a leave followed by the answer is just the answer', () => {
    const m = mapperOf();
    feed(m, other['timeout']!, T0);
    expect(feed(m, other['failover']!, T0 + 100).map((e) => [e.type, 'queue' in e ? e.queue : null])).toEqual([
      ['call.exited', '400'],
      ['call.queued', '401'],
    ]);
    const m2 = mapperOf();
    const out = feed(m2, life['join']! + life['connect']!, T0);
    expect(out.map((e) => e.type)).toEqual(['call.arrived', 'call.queued', 'call.answered', 'agent.state']);
    expect(m2.nextDeadline()).toBeNull();
  });

  it('the same join twice is one wait', () => {
    const m = mapperOf();
    feed(m, other['timeout']!.split('\r\n\r\n')[0] + '\r\n\r\n', T0);
    expect(feed(m, other['timeout']!.split('\r\n\r\n')[0] + '\r\n\r\n', T0 + SEC)).toEqual([]);
  });
});

describe('transfers', () => {
  it('blind: cold, by the answering agent; the AgentComplete "transfer" does not end the call, its Hangup does', () => {
    const m = mapperOf();
    const out = feed(m, other['blind-transfer']!, T0);
    const id = 'pbx1:1700000000.64';
    expect(out.filter((e) => e.type !== 'agent.state')).toEqual([
      { type: 'call.arrived', callId: id, ts: T0, caller: '13600001111' },
      { type: 'call.queued', callId: id, queue: '400', ts: T0 },
      { type: 'call.answered', callId: id, queue: '400', agentId: '2005', ts: T0 },
      { type: 'call.transferred', callId: id, agentId: '2005', mode: 'cold', ts: T0 },
      { type: 'call.ended', callId: id, reason: 'Normal Clearing', ts: T0 },
    ]);
    expect(out.filter((e) => e.type === 'agent.state').map((e) => (e.type === 'agent.state' ? e.state : ''))).toEqual(['talking', 'available']);
  });

  it('attended: warm, to an agent the board knows; it ends the hold of the consultation', () => {
    const m = mapperOf();
    const out = feed(m, other['attended-transfer']!, T0);
    const calls = out.filter((e) => e.type !== 'agent.state');
    expect(calls.slice(3)).toEqual([
      { type: 'call.held', callId: 'pbx1:1700000000.80', agentId: '2005', ts: T0 },
      { type: 'call.transferred', callId: 'pbx1:1700000000.80', agentId: '2005', toAgentId: '2006', mode: 'warm', ts: T0 },
    ]);
    expect(m.state.calls.get('1700000000.80')).toMatchObject({ agentId: '2006', held: false });
    // A later hold on the call is the new agent's.
    const hold = msg({ Event: 'Hold', Channel: 'PJSIP/2006-00000053', Uniqueid: '1700000000.83', Linkedid: '1700000000.82' });
    expect(feed(m, [hold], T0 + SEC)[0]).toEqual({ type: 'call.held', callId: 'pbx1:1700000000.80', agentId: '2006', ts: T0 + SEC });
  });
});

describe('agents', () => {
  it('log in, pause with a reason, come back, log out', () => {
    const m = mapperOf();
    const out = feed(m, other['members']!, T0);
    const base = { type: 'agent.state', agentId: '2007', name: 'Dong Mei', ts: T0 };
    expect(out).toEqual([
      { ...base, state: 'available', queues: ['400'] },
      { ...base, state: 'paused', reason: 'Lunch', queues: ['400'] },
      { ...base, state: 'available', queues: ['400'] },
      { ...base, state: 'offline', queues: [] },
    ]);
  });

  it('takes the pause reason from Reason where PausedReason is empty (Asterisk 13 to 16 send both), and from PausedReason first', () => {
    const pause = (fields: Record<string, string>) =>
      msg({ Event: 'QueueMemberPause', Queue: '400', MemberName: 'Bo Li', Interface: 'PJSIP/2005', Status: '1', Paused: '1', InCall: '0', ...fields });
    expect(feed(mapperOf(), [pause({ PausedReason: '', Reason: 'Training' })], T0)).toMatchObject([{ state: 'paused', reason: 'Training' }]);
    expect(feed(mapperOf(), [pause({ PausedReason: 'Meeting', Reason: 'Training' })], T0)).toMatchObject([{ state: 'paused', reason: 'Meeting' }]);
    const none = feed(mapperOf(), [pause({ PausedReason: ' ' })], T0);
    expect(none).toMatchObject([{ state: 'paused' }]);
    expect(none[0]).not.toHaveProperty('reason');
  });

  it('writes nothing when a member report changes nothing the board shows', () => {
    const m = mapperOf();
    const status = amiMessages(life['complete']!).filter((x) => x['event'] === 'QueueMemberStatus');
    expect(feed(m, status, T0)).toHaveLength(1);
    expect(feed(m, status, T0 + SEC)).toEqual([]);
  });

  it('maps device states: ringing, talking, hold, offline; a paused agent on a call is talking', () => {
    const m = mapperOf();
    const report = (status: number, paused = '0') =>
      msg({
        Event: 'QueueMemberStatus',
        Queue: '400',
        MemberName: 'Bo Li',
        Interface: 'PJSIP/2005',
        Status: String(status),
        Paused: paused,
        InCall: '0',
        PausedReason: 'Meeting',
      });
    const states = [6, 2, 8, 5, 1, 3].map((s) => feed(m, [report(s)], T0).map((e) => (e.type === 'agent.state' ? e.state : '')));
    expect(states).toEqual([['ringing'], ['talking'], ['hold'], ['offline'], ['available'], ['talking']]);
    expect(feed(m, [report(3, '1')], T0)).toEqual([]);
    expect(feed(m, [report(1, '1')], T0)).toMatchObject([{ state: 'paused', reason: 'Meeting' }]);
  });

  it('under ringall, the members who rang and did not answer stop ringing when one answers', () => {
    const m = mapperOf();
    feed(m, life['join']!, T0);
    const called = (iface: string) => msg({ Event: 'AgentCalled', Uniqueid: '1700000000.16', Queue: '400', Interface: iface, MemberName: 'x/y' });
    feed(m, [called('Local/2004@from-queue/n'), called('PJSIP/2005')], T0 + SEC);
    const out = feed(m, life['connect']!, T0 + 2 * SEC);
    expect(out.filter((e) => e.type === 'agent.state').map((e) => (e.type === 'agent.state' ? [e.agentId, e.state] : []))).toEqual([
      ['2005', 'available'],
      ['2004', 'talking'],
    ]);
  });

  it('turns member interfaces and channel names into the ids queue_log uses', () => {
    expect(['Local/2004@from-internal/n', 'SIP/2004', 'PJSIP/2004', 'Agent/3001', 'hint:2004@ext-local', ' IAX2/2004 '].map(agentIdOf)).toEqual([
      '2004',
      '2004',
      '2004',
      '3001',
      '2004',
      '2004',
    ]);
    expect(['PJSIP/2004-0000001a', 'Local/2004@from-queue-00000012;1', 'SIP/2004-00000003'].map(agentIdOf)).toEqual(['2004', '2004', '2004']);
    expect(agentIdOf('')).toBeNull();
  });
});

describe('what is not followed', () => {
  it('ignores events it does not follow and holds of calls it does not follow, without counting them as skipped', () => {
    const m = mapperOf();
    const results = amiMessages(life['join']!).map((x) => m.handle(x, T0, T0));
    expect(results.map((r) => r.ignored)).toEqual([true, true, false]);
    expect(m.handle(msg({ Event: 'Hold', Uniqueid: '9.9', Linkedid: '9.9' }), T0, T0)).toEqual({ events: [], skipped: [], ignored: true });
  });

  it('skips, with the reason, a followed event that lacks what it needs', () => {
    const m = mapperOf();
    expect(m.handle(msg({ Event: 'QueueCallerJoin', Uniqueid: '1.1' }), T0, T0)).toEqual({ events: [], skipped: ['QueueCallerJoin without Queue'], ignored: false });
    expect(m.handle(msg({ Event: 'QueueMemberStatus', Queue: '400' }), T0, T0).skipped).toEqual(['QueueMemberStatus without Interface or MemberName']);
  });

  it('keeps its state bounded: past maxCalls the call quiet longest is forgotten, and counted', () => {
    const m = mapperOf({ maxCalls: 10 });
    let skipped: string[] = [];
    for (let i = 0; i < 11; i++) skipped = m.handle(msg({ Event: 'QueueCallerJoin', Uniqueid: `1.${i}`, Queue: '400' }), T0 + i, T0 + i).skipped;
    expect(m.state.calls.size).toBe(10);
    expect(m.state.calls.has('1.0')).toBe(false);
    expect(skipped).toEqual(['call state full: oldest call forgotten']);
  });

  it('dates an event by its Timestamp header when the PBX sends one', () => {
    expect(eventTime(msg({ Event: 'Hold', Timestamp: '1700000000.123456' }), T0)).toBe(1_700_000_000_123);
    expect(eventTime(msg({ Event: 'Hold' }), T0)).toBe(T0);
  });
});
