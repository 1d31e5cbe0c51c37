// The queue_log mapping table, line by line: which contract events each Asterisk event becomes,
// and the decisions that are not obvious (see the README's "Connecting your PBX").
import { describe, expect, it } from 'vitest';
import type { EventInput } from '../../server/core/events.js';
import { checked } from '../../server/ingest/position-writer.js';
import {
  initialMapperState,
  MAX_AGENTS,
  MAX_CALLS,
  MAX_DIDS,
  restoreMapperState,
  storedMapperStateSchema,
  storeMapperState,
  type MapperState,
} from '../../server/ingest/queue-log/mapper-state.js';
import { endWarmUp, mapLine, type LineOutcome, type MapperOptions } from '../../server/ingest/queue-log/queue-log-mapper.js';
import { parseQueueLogLine } from '../../server/ingest/queue-log/queue-log-line.js';

const T = 1795400000;
const ms = (sec: number) => (T + sec) * 1000;
const options: MapperOptions = { source: 'pbx1' };

/** "10|1.1|sales|SIP/2001|CONNECT|3" with the time as seconds after T. */
function line(text: string) {
  const [sec, ...rest] = text.split('|');
  const parsed = parseQueueLogLine([T + Number(sec), ...rest].join('|'));
  if (!parsed.ok) throw new Error(`test line does not parse: ${text}`);
  return parsed.line;
}

function map(state: MapperState, text: string, opts = options): LineOutcome {
  return mapLine(state, line(text), opts);
}

/** The events of several lines, in order. */
function events(state: MapperState, ...texts: string[]): EventInput[] {
  return texts.flatMap((t) => {
    const outcome = map(state, t);
    return outcome.kind === 'events' ? outcome.events : [];
  });
}

const fresh = () => initialMapperState();

describe('calls', () => {
  it('ENTERQUEUE: the call arrives (caller, and the DID that came before it as dnis) and queues', () => {
    const state = fresh();
    expect(map(state, '0|1.1|NONE|NONE|DID|4008800100')).toEqual({ kind: 'ignored' });
    expect(events(state, '0|1.1|sales|NONE|ENTERQUEUE||13812345678|1')).toEqual([
      { type: 'call.arrived', callId: 'pbx1:1.1', ts: ms(0), caller: '13812345678', dnis: '4008800100' },
      { type: 'call.queued', callId: 'pbx1:1.1', queue: 'sales', ts: ms(0) },
    ]);
    // No DID, an anonymous caller: neither field.
    expect(events(state, '1|1.2|sales|NONE|ENTERQUEUE||anonymous|1')[0]).toEqual({ type: 'call.arrived', callId: 'pbx1:1.2', ts: ms(1) });
  });

  it('a call queued again (after an exit or a transfer) queues, and does not arrive a second time', () => {
    const state = fresh();
    events(state, '0|1.1|sales|NONE|ENTERQUEUE||138|1', '60|1.1|sales|NONE|EXITWITHTIMEOUT|1|1|60');
    expect(events(state, '61|1.1|support|NONE|ENTERQUEUE||138|1')).toEqual([{ type: 'call.queued', callId: 'pbx1:1.1', queue: 'support', ts: ms(61) }]);
  });

  it('CONNECT: answered by the agent, who is talking', () => {
    const state = fresh();
    events(state, '0|1.1|sales|NONE|ENTERQUEUE||138|1');
    expect(events(state, '12|1.1|sales|Local/2004@from-queue/n|CONNECT|12|1.5|4')).toEqual([
      { type: 'call.answered', callId: 'pbx1:1.1', queue: 'sales', agentId: '2004', ts: ms(12) },
      { type: 'agent.state', agentId: '2004', state: 'talking', ts: ms(12), queues: ['sales'] },
    ]);
  });

  it('CONNECT, ABANDON or an exit whose ENTERQUEUE was not seen queue the call at the line time less the wait it reports', () => {
    const state = fresh();
    expect(events(state, '100|1.1|sales|SIP/2004|CONNECT|42|1.5|4')[0]).toEqual({ type: 'call.queued', callId: 'pbx1:1.1', queue: 'sales', ts: ms(58) });
    expect(events(state, '100|1.2|sales|NONE|ABANDON|3|1|30')[0]).toEqual({ type: 'call.queued', callId: 'pbx1:1.2', queue: 'sales', ts: ms(70) });
    expect(events(state, '100|1.3|sales|NONE|EXITWITHKEY|5|2|1|20')[0]).toEqual({ type: 'call.queued', callId: 'pbx1:1.3', queue: 'sales', ts: ms(80) });
    // Seen in that queue: no second queueing.
    events(state, '200|1.4|sales|NONE|ENTERQUEUE||138|1');
    expect(events(state, '210|1.4|sales|SIP/2007|CONNECT|10|1.5|4').map((e) => e.type)).toEqual(['call.answered', 'agent.state']);
  });

  it('COMPLETEAGENT and COMPLETECALLER end the call with the agent and who hung up; the agent is free at once (no wrap-up in queue_log)', () => {
    const state = fresh();
    events(state, '0|1.1|sales|NONE|ENTERQUEUE||138|1', '5|1.1|sales|SIP/2004|CONNECT|5|1.5|2');
    expect(events(state, '95|1.1|sales|SIP/2004|COMPLETEAGENT|5|90|1')).toEqual([
      { type: 'call.ended', callId: 'pbx1:1.1', agentId: '2004', reason: 'agent-hangup', ts: ms(95) },
      { type: 'agent.state', agentId: '2004', state: 'available', ts: ms(95), queues: ['sales'] },
    ]);
    events(state, '100|1.2|sales|NONE|ENTERQUEUE||138|1', '105|1.2|sales|SIP/2004|CONNECT|5|1.6|2');
    expect(events(state, '195|1.2|sales|SIP/2004|COMPLETECALLER|5|90|1')[0]).toMatchObject({ type: 'call.ended', reason: 'caller-hangup' });
  });

  it('ABANDON: abandoned, and the call is over', () => {
    const state = fresh();
    events(state, '0|1.1|sales|NONE|ENTERQUEUE||138|1');
    expect(events(state, '30|1.1|sales|NONE|ABANDON|2|3|30')).toEqual([
      { type: 'call.abandoned', callId: 'pbx1:1.1', queue: 'sales', ts: ms(30) },
      { type: 'call.ended', callId: 'pbx1:1.1', reason: 'abandoned', ts: ms(30) },
    ]);
  });

  it.each([
    ['EXITWITHTIMEOUT|1|1|60', 'timeout'],
    ['EXITEMPTY|1|1|60', 'empty'],
    ['EXITWITHKEY|5|1|1|60', 'key'],
    ['WITHDRAW|1|1|60|voicemail', undefined],
  ])('%s: call.exited (reason %s); the call does not end', (tail, reason) => {
    const state = fresh();
    events(state, '0|1.1|sales|NONE|ENTERQUEUE||138|1');
    expect(events(state, `60|1.1|sales|NONE|${tail}`)).toEqual([{ type: 'call.exited', callId: 'pbx1:1.1', queue: 'sales', ts: ms(60), ...(reason ? { reason } : {}) }]);
  });
});

describe('transfers', () => {
  const answered = () => {
    const state = fresh();
    events(state, '0|1.1|sales|NONE|ENTERQUEUE||138|1', '0|NONE|support|SIP/2005|ADDMEMBER|', '5|1.1|sales|SIP/2004|CONNECT|5|1.5|2');
    return state;
  };

  it('BLINDTRANSFER and TRANSFER are cold; to a queue or an agent the mapper knows, that is the target; the agent is free; the call goes on', () => {
    let state = answered();
    expect(events(state, '60|1.1|sales|SIP/2004|BLINDTRANSFER|support|from-internal|5|55|1')).toEqual([
      { type: 'call.transferred', callId: 'pbx1:1.1', agentId: '2004', mode: 'cold', toQueue: 'support', ts: ms(60) },
      { type: 'agent.state', agentId: '2004', state: 'available', ts: ms(60), queues: ['sales'] },
    ]);
    state = answered();
    expect(events(state, '60|1.1|sales|SIP/2004|TRANSFER|2005|from-internal|5|55|1')[0]).toMatchObject({ mode: 'cold', toAgentId: '2005' });
    state = answered();
    const [unknown] = events(state, '60|1.1|sales|SIP/2004|BLINDTRANSFER|8000|from-internal|5|55|1');
    expect(unknown).not.toHaveProperty('toQueue');
    expect(unknown).not.toHaveProperty('toAgentId');
  });

  it('ATTENDEDTRANSFER is warm, with no target (it names a bridge, an application or two channels)', () => {
    const state = answered();
    expect(events(state, '60|1.1|sales|SIP/2004|ATTENDEDTRANSFER|BRIDGE|a1b2c3d4|5|55|1')[0]).toEqual({
      type: 'call.transferred',
      callId: 'pbx1:1.1',
      agentId: '2004',
      mode: 'warm',
      ts: ms(60),
    });
  });

  it('a call transferred into a queue queues there without arriving again', () => {
    const state = answered();
    events(state, '60|1.1|sales|SIP/2004|BLINDTRANSFER|support|from-internal|5|55|1');
    expect(events(state, '60|1.1|support|NONE|ENTERQUEUE||138|1')).toEqual([{ type: 'call.queued', callId: 'pbx1:1.1', queue: 'support', ts: ms(60) }]);
  });
});

describe('agents', () => {
  it('RINGNOANSWER and RINGCANCELED: no call event; an agent not known yet shows available, one known shows nothing new', () => {
    const state = fresh();
    expect(events(state, '0|1.1|sales|SIP/2004|RINGNOANSWER|15000')).toEqual([
      { type: 'agent.state', agentId: '2004', state: 'available', ts: ms(0), queues: ['sales'] },
    ]);
    expect(map(state, '20|1.1|sales|SIP/2004|RINGCANCELED|2000')).toEqual({ kind: 'ignored' });
  });

  it('PAUSE with its reason; a paused agent rung and not answering stays paused; UNPAUSE frees them', () => {
    const state = fresh();
    events(state, '0|NONE|sales|SIP/2004|ADDMEMBER|');
    expect(events(state, '10|NONE|NONE|SIP/2004|PAUSEALL|Lunch')).toEqual([
      { type: 'agent.state', agentId: '2004', state: 'paused', reason: 'Lunch', ts: ms(10), queues: ['sales'] },
    ]);
    // Asterisk logs PAUSEALL and then PAUSE per queue: one state, shown once.
    expect(map(state, '10|NONE|sales|SIP/2004|PAUSE|Lunch')).toEqual({ kind: 'ignored' });
    expect(map(state, '20|1.1|sales|SIP/2004|RINGNOANSWER|1000')).toEqual({ kind: 'ignored' });
    expect(events(state, '30|NONE|NONE|SIP/2004|UNPAUSEALL|')).toEqual([{ type: 'agent.state', agentId: '2004', state: 'available', ts: ms(30), queues: ['sales'] }]);
  });

  it('keeps a pause reason with a "|" in it whole (Asterisk writes the reason as typed, as the last field)', () => {
    const state = fresh();
    events(state, '0|NONE|sales|SIP/2004|ADDMEMBER|');
    expect(events(state, '10|NONE|NONE|SIP/2004|PAUSEALL|Coaching | room 2')).toMatchObject([{ state: 'paused', reason: 'Coaching | room 2' }]);
  });

  it('an agent who pauses during a call shows talking until the call ends, then paused with the reason', () => {
    const state = fresh();
    events(state, '0|1.1|sales|NONE|ENTERQUEUE||138|1', '5|1.1|sales|SIP/2004|CONNECT|5|1.5|2');
    expect(map(state, '30|NONE|NONE|SIP/2004|PAUSEALL|After call')).toEqual({ kind: 'ignored' });
    expect(events(state, '90|1.1|sales|SIP/2004|COMPLETEAGENT|5|85|1')[1]).toEqual({
      type: 'agent.state',
      agentId: '2004',
      state: 'paused',
      reason: 'After call',
      ts: ms(90),
      queues: ['sales'],
    });
  });

  it('ADDMEMBER adds the queue; REMOVEMEMBER of one queue keeps the agent in the others, of the last one takes them offline', () => {
    const state = fresh();
    events(state, '0|NONE|sales|PJSIP/2004|ADDMEMBER|');
    expect(events(state, '1|NONE|support|PJSIP/2004|ADDMEMBER|')).toEqual([
      { type: 'agent.state', agentId: '2004', state: 'available', ts: ms(1), queues: ['sales', 'support'] },
    ]);
    expect(events(state, '2|NONE|sales|PJSIP/2004|REMOVEMEMBER|')).toEqual([
      { type: 'agent.state', agentId: '2004', state: 'available', ts: ms(2), queues: ['support'] },
    ]);
    expect(events(state, '3|NONE|support|PJSIP/2004|REMOVEMEMBER|')).toEqual([{ type: 'agent.state', agentId: '2004', state: 'offline', ts: ms(3), queues: [] }]);
  });

  it('AGENTLOGIN and AGENTCALLBACKLOGIN log in; AGENTLOGOFF logs off, AGENTCALLBACKLOGOFF with its reason', () => {
    const state = fresh();
    expect(events(state, '0|NONE|NONE|Agent/3001|AGENTLOGIN|SIP/3001-0000000a')).toEqual([{ type: 'agent.state', agentId: '3001', state: 'available', ts: ms(0) }]);
    expect(events(state, '1|NONE|NONE|Agent/3001|AGENTLOGOFF|SIP/3001-0000000a|60')).toEqual([
      { type: 'agent.state', agentId: '3001', state: 'offline', ts: ms(1), queues: [] },
    ]);
    expect(events(state, '2|NONE|NONE|Agent/3002|AGENTCALLBACKLOGIN|1002@default')[0]).toMatchObject({ agentId: '3002', state: 'available' });
    expect(events(state, '3|NONE|NONE|Agent/3002|AGENTCALLBACKLOGOFF|1002@default|43|Autologoff')[0]).toMatchObject({
      agentId: '3002',
      state: 'offline',
      reason: 'Autologoff',
    });
  });

  it('a member name (log_membername_as_agent) is the id and the name', () => {
    const state = fresh();
    expect(events(state, '0|NONE|sales|Alice Wong|ADDMEMBER|')).toEqual([
      { type: 'agent.state', agentId: 'Alice Wong', name: 'Alice Wong', state: 'available', ts: ms(0), queues: ['sales'] },
    ]);
  });
});

describe('lines that show nothing, and lines that cannot be used', () => {
  it.each(['CONFIGRELOAD', 'QUEUESTART', 'SYSCOMPAT', 'INFO', 'AGENTDUMP', 'PENALTY'])('%s is ignored', (event) => {
    expect(map(fresh(), `0|NONE|sales|SIP/2004|${event}|`)).toEqual({ kind: 'ignored' });
  });

  it('an unknown or vendor event is skipped under its name', () => {
    expect(map(fresh(), '0|1.1|sales|NONE|JOINEMPTY|')).toEqual({ kind: 'skipped', reason: 'unknown event JOINEMPTY' });
    expect(map(fresh(), '0|1.1|sales|NONE|connect|1')).toEqual({ kind: 'skipped', reason: 'unknown event connect' });
  });

  it.each([
    ['0|NONE|sales|NONE|ENTERQUEUE||138|1', 'ENTERQUEUE without a call id'],
    ['0|1.1|NONE|NONE|ENTERQUEUE||138|1', 'ENTERQUEUE without a queue'],
    ['0|1.1|sales|NONE|CONNECT|1|1.2|1', 'CONNECT without an agent'],
    ['0|1.1|NONE|NONE|ABANDON|1|1|1', 'ABANDON without a queue'],
    ['0|NONE|NONE|NONE|PAUSEALL|Lunch', 'PAUSEALL without an agent'],
    ['0|1.1|sales|NONE|BLINDTRANSFER|200|ctx|1|1|1', 'BLINDTRANSFER without an agent'],
  ])('%s is skipped: %s', (text, reason) => {
    expect(map(fresh(), text)).toEqual({ kind: 'skipped', reason });
  });
});

describe("the contract's limits", () => {
  it('cuts a long caller and a long pause reason to what the contract takes, so the event is not refused', () => {
    const state = fresh();
    const produced = events(state, `0|1.1|sales|NONE|ENTERQUEUE||${'1'.repeat(80)}|1`, `1|NONE|NONE|SIP/2004|PAUSEALL|${'x'.repeat(300)}`);
    const { valid, invalid } = checked(produced);
    expect(invalid).toEqual([]);
    expect(valid.map((e) => e.type)).toEqual(['call.arrived', 'call.queued', 'agent.state']);
    expect(valid[2]).toMatchObject({ reason: 'x'.repeat(256) });
  });
});

describe('state', () => {
  it("a replay's run tag goes before the PBX's call id", () => {
    const state = fresh();
    const [arrived] = events(state, '0|1.1|sales|NONE|ENTERQUEUE||138|1').map((e) => e);
    expect(arrived).toMatchObject({ callId: 'pbx1:1.1' });
    const tagged = mapLine(fresh(), line('0|1.1|sales|NONE|ENTERQUEUE||138|1'), { source: 'pbx1', runTag: 'replay-abc' });
    expect(tagged.kind === 'events' && tagged.events[0]).toMatchObject({ callId: 'pbx1:replay-abc:1.1' });
  });

  it('stored and restored mid-file, it maps the rest exactly as it would have', () => {
    // prettier-ignore
    const script = [
      '0|1.1|NONE|NONE|DID|4008800100', '0|NONE|sales|SIP/2004|ADDMEMBER|', '1|NONE|NONE|SIP/2004|PAUSEALL|Lunch',
      '2|1.1|sales|NONE|ENTERQUEUE||138|1', '3|1.2|sales|NONE|ENTERQUEUE||139|1', '5|1.2|sales|NONE|EXITEMPTY|1|1|2',
      // restart here
      '6|1.2|support|NONE|ENTERQUEUE||139|1', '9|NONE|NONE|SIP/2004|UNPAUSEALL|', '10|1.1|sales|SIP/2004|CONNECT|8|1.5|1',
      '11|NONE|NONE|SIP/2004|PAUSEALL|Lunch', '50|1.1|sales|SIP/2004|COMPLETEAGENT|8|40|1',
    ];
    const whole = events(fresh(), ...script);
    const first = fresh();
    const before = events(first, ...script.slice(0, 6));
    const stored = storedMapperStateSchema.parse(JSON.parse(JSON.stringify(storeMapperState(first))));
    const after = events(restoreMapperState(stored), ...script.slice(6));
    expect([...before, ...after]).toEqual(whole);
    // What a restart without the state would get wrong: the re-queue would arrive again, the pause would be forgotten.
    expect(events(fresh(), ...script.slice(6))).not.toEqual(after);
  });

  it('stays bounded: the oldest calls, DIDs and agents go first', () => {
    const state = fresh();
    for (let i = 0; i < MAX_CALLS + 10; i++) map(state, `0|9.${i}|sales|NONE|ENTERQUEUE||138|1`);
    for (let i = 0; i < MAX_DIDS + 10; i++) map(state, `0|8.${i}|NONE|NONE|DID|400`);
    for (let i = 0; i < MAX_AGENTS + 10; i++) map(state, `0|NONE|sales|SIP/${10000 + i}|ADDMEMBER|`);
    expect([state.calls.size, state.dids.size, state.agents.size]).toEqual([MAX_CALLS, MAX_DIDS, MAX_AGENTS]);
    expect(state.calls.has('9.0')).toBe(false);
    expect(state.calls.has(`9.${MAX_CALLS + 9}`)).toBe(true);
    expect(storedMapperStateSchema.safeParse(storeMapperState(state)).success).toBe(true);
  });
});

describe("a first start's warm-up (lines before local midnight)", () => {
  it('shows the agents found logged in as they were, and lets a wait that began before midnight queue itself', () => {
    const state = initialMapperState(ms(1000));
    // Before midnight: taught, nothing shown.
    for (const text of [
      '0|NONE|sales|SIP/2004|ADDMEMBER|',
      '10|NONE|NONE|SIP/2004|PAUSEALL|Break',
      '0|NONE|sales|SIP/2005|ADDMEMBER|',
      '20|NONE|sales|SIP/2005|REMOVEMEMBER|',
    ]) {
      map(state, text);
    }
    map(state, '990|1.1|sales|NONE|ENTERQUEUE||138|1');
    expect(endWarmUp(state)).toEqual([{ type: 'agent.state', agentId: '2004', state: 'paused', reason: 'Break', ts: ms(10), queues: ['sales'] }]);
    expect(state.warmUntil).toBeNull();
    expect(events(state, '1010|1.1|sales|SIP/2006|CONNECT|20|1.5|1')[0]).toEqual({ type: 'call.queued', callId: 'pbx1:1.1', queue: 'sales', ts: ms(990) });
  });
});
