// Which transitions an alert goes out for: the contract's rules folded over an alarm's history
// (event-contract.md, Alarms). A repeat changes nothing and sends nothing; an escalation does.
import { describe, expect, it } from 'vitest';
import { foldTransition, type AlarmStatus } from '../../server/alerts/alarm-history.js';
import type { AlarmTransition } from '../../server/alerts/alarm-transition.js';

const ID = 'longest-wait:billing:1000';
const raise = (severity: 'warning' | 'critical', ts: number, value = 95): AlarmTransition => ({
  v: '1',
  type: 'alarm.raised',
  alarmId: ID,
  rule: 'longest-wait',
  scope: 'billing',
  severity,
  value,
  threshold: severity === 'critical' ? 90 : 60,
  ts,
});
const ack: AlarmTransition = { v: '1', type: 'alarm.acknowledged', alarmId: ID, by: 'lead.li', ts: 3000 };
const clear: AlarmTransition = { v: '1', type: 'alarm.cleared', alarmId: ID, ts: 4000 };

function run(history: AlarmTransition[]): boolean[] {
  let status: AlarmStatus | null = null;
  return history.map((t) => {
    const folded = foldTransition(status, t);
    status = folded.status;
    return folded.changed;
  });
}

describe('which alarm transitions are sent', () => {
  it.each([
    ['a raise, an acknowledge, a clear', [raise('warning', 1000), ack, clear], [true, true, true]],
    ['a raise written twice (two lease holders in a failover overlap)', [raise('warning', 1000), raise('warning', 1000)], [true, false]],
    ['an acknowledge written twice', [raise('critical', 1000), ack, ack], [true, true, false]],
    ['an escalation, which needs a new acknowledgement', [raise('warning', 1000), ack, raise('critical', 2000), ack], [true, true, true, true]],
    ['a warning after critical (never steps down)', [raise('critical', 1000), raise('warning', 2000)], [true, false]],
    ['a clear of an alarm not active, and an acknowledge after the clear', [raise('warning', 1000), clear, clear, ack], [true, true, false, false]],
    ['an acknowledge or clear of an unknown alarm', [ack, clear], [false, false]],
  ])('%s', (_name, history, sent) => {
    expect(run(history)).toEqual(sent);
  });

  it('an escalation keeps the raised time and takes the new severity, value and threshold', () => {
    let status = foldTransition(null, raise('warning', 1000, 70)).status;
    status = foldTransition(status, raise('critical', 2000, 120)).status;
    expect(status?.facts).toMatchObject({ severity: 'critical', value: 120, threshold: 90, raisedTs: 1000 });
  });
});
