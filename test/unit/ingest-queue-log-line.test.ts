// The queue_log line parser and the agent ids: pure functions, the documented format in, typed
// values or a reason out.
import { describe, expect, it } from 'vitest';
import { agentFromField } from '../../server/ingest/agent-id.js';
import { lineEpochMs, parseEpoch, parseQueueLogLine, seconds } from '../../server/ingest/queue-log/queue-log-line.js';

describe('parseQueueLogLine', () => {
  it('reads the documented example', () => {
    expect(parseQueueLogLine('1366720340|1366720340.303267|MYQUEUE|SIP/8007|RINGNOANSWER|1000')).toEqual({
      ok: true,
      line: { ts: 1366720340000, callId: '1366720340.303267', queue: 'MYQUEUE', agent: 'SIP/8007', event: 'RINGNOANSWER', data: ['1000'] },
    });
  });

  it('takes NONE, REALTIME and empty fields as no value, keeps every data field in place, and drops a CR', () => {
    expect(parseQueueLogLine('1366720340|NONE|NONE|Agent/3001|AGENTCALLBACKLOGOFF|1002@pcm-dev|43|CommandLogoff\r')).toMatchObject({
      ok: true,
      line: { callId: null, queue: null, agent: 'Agent/3001', data: ['1002@pcm-dev', '43', 'CommandLogoff'] },
    });
    expect(parseQueueLogLine('1366720340|REALTIME|q1||PAUSE|')).toMatchObject({ ok: true, line: { callId: null, queue: 'q1', agent: null, data: [''] } });
    expect(parseQueueLogLine('1366720340|1.1|q1|NONE|ENTERQUEUE||13800138000|1')).toMatchObject({ ok: true, line: { data: ['', '13800138000', '1'] } });
    expect(parseQueueLogLine('1366720340|NONE|NONE|NONE|CONFIGRELOAD')).toMatchObject({ ok: true, line: { event: 'CONFIGRELOAD', data: [] } });
  });

  it('reads whole seconds and a fractional part to the millisecond, without float rounding', () => {
    expect(parseEpoch('1366720340')).toBe(1366720340000);
    expect(parseEpoch('1366720340.123456')).toBe(1366720340123);
    expect(parseEpoch('1366720340.5')).toBe(1366720340500);
    expect(parseEpoch('1795400000.999999')).toBe(1795400000999);
    expect(lineEpochMs('1366720340.25|x|q|a|E')).toBe(1366720340250);
    expect(lineEpochMs('no bar at all')).toBeNull();
  });

  it.each([
    ['too few fields', '1366720340|1.1|q|SIP/1'],
    ['a date instead of an epoch', '2013-04-23 12:32:20|1.1|q|SIP/1|CONNECT|1'],
    ['an epoch in milliseconds', '1366720340000|1.1|q|SIP/1|CONNECT|1'],
    ['no event', '1366720340|1.1|q|SIP/1||1'],
    ['an event that is no name', '1366720340|1.1|q|SIP/1|CON NECT|1'],
    ['a half-written line of another format', 'Apr 23 12:32:20 pbx asterisk[123]: WARNING'],
  ])('refuses %s as an unparsable line', (_what, text) => {
    expect(parseQueueLogLine(text)).toEqual({ ok: false, reason: 'unparsable line' });
  });

  it('reads whole seconds in data fields, nothing else', () => {
    expect(seconds('12')).toBe(12);
    expect(seconds(' 7 ')).toBe(7);
    expect(seconds('')).toBeNull();
    expect(seconds('1.5')).toBeNull();
    expect(seconds(undefined)).toBeNull();
  });
});

describe('agentFromField', () => {
  it.each([
    ['SIP/2004', '2004'],
    ['PJSIP/2004', '2004'],
    ['IAX2/2004', '2004'],
    ['Local/2004@from-internal/n', '2004'],
    ['Local/2004@from-queue', '2004'],
    ['Local/2004@from-queue-0000001a;1', '2004'],
    ['Agent/3001', '3001'],
    ['SIP/2004-0000001a', '2004'],
    ['PJSIP/2004-00000012', '2004'],
    ['IAX2/2004-12345', '2004'],
    ['PJSIP/2004/sip:2004@10.0.0.5:5060', '2004'],
    ['sip/alice-desk', 'alice-desk'],
  ])('%s is agent %s', (field, id) => {
    expect(agentFromField(field)).toEqual({ id });
  });

  it('keeps a member name (log_membername_as_agent) as the id, trimmed, and gives it as the name', () => {
    expect(agentFromField(' Alice Wong ')).toEqual({ id: 'Alice Wong', name: 'Alice Wong' });
    expect(agentFromField('王小明')).toEqual({ id: '王小明', name: '王小明' });
    // A slash does not make a channel: only a known technology does.
    expect(agentFromField('Team A/Alice')).toEqual({ id: 'Team A/Alice', name: 'Team A/Alice' });
  });

  it('finds no agent in NONE, an empty field, or a technology with nothing after it', () => {
    expect(agentFromField(null)).toBeNull();
    expect(agentFromField('NONE')).toBeNull();
    expect(agentFromField('  ')).toBeNull();
    expect(agentFromField('SIP/')).toBeNull();
  });
});
