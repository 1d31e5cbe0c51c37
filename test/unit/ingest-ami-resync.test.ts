// The resync after a (re)connect: QueueStatus and CoreShowChannels against what the adapter
// believed. Each case is something that can happen while the link is down.
import { describe, expect, it } from 'vitest';
import type { EventInput } from '../../server/core/events.js';
import { AmiMapper } from '../../server/ingest/ami/ami-mapper.js';
import { emptyAmiState } from '../../server/ingest/ami/ami-state.js';
import type { AmiMessage } from '../../server/ingest/ami/ami-wire.js';
import { queueSnapshot, resync, type QueueSnapshot } from '../../server/ingest/ami/queue-resync.js';
import { amiMessages, loadAmiFixture } from '../support/fake-ami.js';
import { SEC, T0 } from '../support/entries.js';

const life = loadAmiFixture('call-life.ami');
const msg = (fields: Record<string, string | number>): AmiMessage => Object.fromEntries(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), String(v)]));

const entry = (uid: string, queue: string, wait: number) =>
  msg({ Event: 'QueueEntry', Queue: queue, Position: 1, Channel: `PJSIP/trunk-${uid}`, Uniqueid: uid, CallerIDNum: '13800009999', Wait: wait });
const member = (location: string, name: string, status: number, extra: Record<string, string | number> = {}) =>
  msg({ Event: 'QueueMember', Queue: '400', Name: name, Location: location, StateInterface: location, Status: status, InCall: 0, Paused: 0, PausedReason: '', ...extra });
const channel = (uid: string, name: string, bridgeId = '') => msg({ Event: 'CoreShowChannel', Channel: name, Uniqueid: uid, Linkedid: uid, BridgeId: bridgeId });

function mapper(): AmiMapper {
  return new AmiMapper({ source: 'pbx1', holdCheckWindowMs: 5_000, maxCalls: 100, maxAgents: 100 }, emptyAmiState());
}

function feed(m: AmiMapper, text: string, at: number): EventInput[] {
  return amiMessages(text).flatMap((x) => m.handle(x, at, at).events);
}

/** A resync at `ts` from QueueStatus items and CoreShowChannel items (null: refused). */
function resyncAt(m: AmiMapper, status: AmiMessage[], channels: AmiMessage[] | null, ts: number, touched?: (t: Set<string>) => void) {
  const set = m.beginResync();
  touched?.(set);
  return resync(m, queueSnapshot(status, channels), set, ts, ts);
}

/** A mapper that believes call .16 waits in 400 and Alice (2004) is available; the link went down at T0 + 10 s. */
function believingOneWaiting(): AmiMapper {
  const m = mapper();
  feed(m, life['join']!, T0);
  const alice = msg({ Event: 'QueueMemberStatus', Queue: '400', MemberName: 'Alice Wang', Interface: 'Local/2004@from-queue/n', Status: 1, InCall: 0, Paused: 0 });
  m.handle(alice, T0, T0);
  m.linkLost(T0 + 10 * SEC);
  return m;
}

describe('resync', () => {
  it('on a first start: the callers already waiting (dated back by Wait) and the members already logged in', () => {
    const m = mapper();
    const { events, corrections } = resyncAt(m, [entry('1700000000.90', '400', 42), member('Local/2004@from-queue/n', 'Alice Wang', 1)], [], T0);
    expect(events).toEqual([
      { type: 'call.arrived', callId: 'pbx1:1700000000.90', ts: T0 - 42 * SEC, caller: '13800009999' },
      { type: 'call.queued', callId: 'pbx1:1700000000.90', queue: '400', ts: T0 - 42 * SEC },
      { type: 'agent.state', agentId: '2004', name: 'Alice Wang', state: 'available', queues: ['400'], ts: T0 },
    ]);
    expect(corrections).toBe(2);
    expect(resyncAt(m, [entry('1700000000.90', '400', 50), member('Local/2004@from-queue/n', 'Alice Wang', 1)], [], T0 + 8 * SEC)).toEqual({
      events: [],
      corrections: 0,
    });
  });

  it('a caller believed waiting whose channel is gone: ended when the link went down (the core counts an abandon)', () => {
    const m = believingOneWaiting();
    const { events, corrections } = resyncAt(m, [member('Local/2004@from-queue/n', 'Alice Wang', 1)], [], T0 + 60 * SEC);
    expect(events).toEqual([{ type: 'call.ended', callId: 'pbx1:1700000000.16', reason: 'left the queue while the adapter was away', ts: T0 + 10 * SEC }]);
    expect(corrections).toBe(1);
    expect(m.state.calls.size).toBe(0);
    expect(m.state.lostTs).toBeNull();
  });

  it('the same when the PBX will not list its channels', () => {
    const m = believingOneWaiting();
    expect(resyncAt(m, [], null, T0 + 60 * SEC).events[0]).toMatchObject({ type: 'call.ended', ts: T0 + 10 * SEC });
  });

  it('a caller believed waiting, now bridged with a member: answered by that member', () => {
    const m = believingOneWaiting();
    const channels = [channel('1700000000.16', 'PJSIP/trunk-00000010', 'b1'), channel('1700000000.17', 'Local/2004@from-queue-00000005;1', 'b1')];
    const { events } = resyncAt(m, [member('Local/2004@from-queue/n', 'Alice Wang', 2, { InCall: 1 })], channels, T0 + 60 * SEC);
    expect(events).toEqual([
      { type: 'call.answered', callId: 'pbx1:1700000000.16', queue: '400', agentId: '2004', ts: T0 + 10 * SEC },
      { type: 'agent.state', agentId: '2004', name: 'Alice Wang', state: 'talking', queues: ['400'], ts: T0 + 60 * SEC },
    ]);
    expect(m.state.calls.get('1700000000.16')).toMatchObject({ waiting: false, agentId: '2004', agentUid: '1700000000.17' });
  });

  it('a caller believed waiting, up but with no member: exited (a timeout, a key, voicemail)', () => {
    const m = believingOneWaiting();
    const { events } = resyncAt(m, [member('Local/2004@from-queue/n', 'Alice Wang', 1)], [channel('1700000000.16', 'PJSIP/trunk-00000010')], T0 + 60 * SEC);
    expect(events).toEqual([{ type: 'call.exited', callId: 'pbx1:1700000000.16', queue: '400', ts: T0 + 10 * SEC }]);
  });

  it('a caller believed waiting in 400, now waiting in 401: exited 400, queued 401', () => {
    const m = believingOneWaiting();
    const { events } = resyncAt(m, [entry('1700000000.16', '401', 5), member('Local/2004@from-queue/n', 'Alice Wang', 1)], [], T0 + 60 * SEC);
    expect(events).toEqual([
      { type: 'call.exited', callId: 'pbx1:1700000000.16', queue: '400', ts: T0 + 10 * SEC },
      { type: 'call.queued', callId: 'pbx1:1700000000.16', queue: '401', ts: T0 + 55 * SEC },
    ]);
  });

  it('an answered call: ended if its channel is gone (a pending Unhold first), left alone if up or if channels are not listed', () => {
    const talking = () => {
      const m = mapper();
      feed(m, life['join']! + life['connect']! + life['hold']!, T0);
      feed(m, life['unhold']!, T0 + 5 * SEC);
      m.linkLost(T0 + 6 * SEC);
      return m;
    };
    const members = [member('Local/2004@from-queue/n', 'Alice Wang', 1)];
    const gone = resyncAt(talking(), members, [], T0 + 60 * SEC).events.filter((e) => e.type !== 'agent.state');
    expect(gone).toEqual([
      { type: 'call.resumed', callId: 'pbx1:1700000000.16', agentId: '2004', ts: T0 + 5 * SEC },
      { type: 'call.ended', callId: 'pbx1:1700000000.16', agentId: '2004', reason: 'ended while the adapter was away', ts: T0 + 6 * SEC },
    ]);
    const up = talking();
    expect(resyncAt(up, members, [channel('1700000000.16', 'PJSIP/trunk-00000010', 'b1')], T0 + 60 * SEC).events.filter((e) => e.type !== 'agent.state')).toEqual([]);
    expect(up.state.calls.get('1700000000.16')).toMatchObject({ held: true });
    expect(resyncAt(talking(), members, null, T0 + 60 * SEC).events.filter((e) => e.type !== 'agent.state')).toEqual([]);
  });

  it('leaves alone what events told after the question was asked: a call that joined, one that ended, an agent that changed', () => {
    const m = believingOneWaiting();
    const set = m.beginResync();
    // While QueueStatus was being answered: .16 was answered, a new caller .95 joined, Alice paused.
    feed(m, life['connect']!, T0 + 61 * SEC);
    m.handle(msg({ Event: 'QueueCallerJoin', Uniqueid: '1700000000.95', Queue: '400' }), T0 + 61 * SEC, T0 + 61 * SEC);
    // The snapshot was taken before all that: .16 still waiting, .95 not there, Alice available.
    const snapshot: QueueSnapshot = queueSnapshot([entry('1700000000.16', '400', 50), member('Local/2004@from-queue/n', 'Alice Wang', 1)], []);
    expect(resync(m, snapshot, set, T0 + 62 * SEC, T0 + 62 * SEC)).toEqual({ events: [], corrections: 0 });
    expect(m.state.calls.get('1700000000.95')).toMatchObject({ waiting: true });
    expect(m.state.calls.get('1700000000.16')).toMatchObject({ waiting: false, agentId: '2004' });
  });

  it('a member gone from every queue is offline; one reported differently is corrected', () => {
    const m = believingOneWaiting();
    m.handle(msg({ Event: 'QueueMemberAdded', Queue: '400', Interface: 'PJSIP/2005', MemberName: 'Bo Li', Status: 1, Paused: 0 }), T0, T0);
    const { events, corrections } = resyncAt(
      m,
      [entry('1700000000.16', '400', 50), member('Local/2004@from-queue/n', 'Alice Wang', 1, { Paused: 1, PausedReason: 'Training' })],
      [],
      T0 + 60 * SEC,
    );
    expect(events).toEqual([
      { type: 'agent.state', agentId: '2004', name: 'Alice Wang', state: 'paused', reason: 'Training', queues: ['400'], ts: T0 + 60 * SEC },
      { type: 'agent.state', agentId: '2005', name: 'Bo Li', state: 'offline', queues: [], ts: T0 + 60 * SEC },
    ]);
    expect(corrections).toBe(2);
  });

  it("a member's queues and pauses are what QueueStatus lists now: a queue it left while away is dropped", () => {
    const m = believingOneWaiting();
    const pausedIn401 = msg({
      Event: 'QueueMemberPause',
      Queue: '401',
      Interface: 'Local/2004@from-queue/n',
      MemberName: 'Alice Wang',
      Paused: 1,
      PausedReason: 'Break',
    });
    m.handle(pausedIn401, T0, T0);
    expect(m.state.agents.get('2004')).toMatchObject({ queues: ['400', '401'], pausedQueues: ['401'] });
    const { events } = resyncAt(m, [entry('1700000000.16', '400', 50), member('Local/2004@from-queue/n', 'Alice Wang', 1)], [], T0 + 60 * SEC);
    expect(events).toEqual([{ type: 'agent.state', agentId: '2004', name: 'Alice Wang', state: 'available', queues: ['400'], ts: T0 + 60 * SEC }]);
    expect(m.state.agents.get('2004')).toMatchObject({ queues: ['400'], pausedQueues: [] });
  });
});
