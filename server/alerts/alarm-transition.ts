// An alarm transition as the alerts read it from the alarm stream: raised, acknowledged or
// cleared, decoded by the contract's one schema (server/core/events.ts). The stream is the
// server's own (the alarm evaluator writes it); an entry that does not decode is logged and
// acknowledged, never retried.
import type { AlarmSeverity } from '../contract/vocabulary.js';
import { decode, encode, type AlarmEvent, type EventOf } from '../core/events.js';

export type AlarmTransition = AlarmEvent;
export type AlarmRaised = EventOf<'alarm.raised'>;

export type TransitionDecode = { ok: true; transition: AlarmTransition } | { ok: false; reason: string };

/** Decodes one alarm stream entry; never throws. */
export function decodeTransition(fields: Readonly<Record<string, string>>): TransitionDecode {
  const decoded = decode(fields);
  if (!decoded.ok) return decoded;
  const { event } = decoded;
  if (event.type === 'alarm.raised' || event.type === 'alarm.acknowledged' || event.type === 'alarm.cleared') return { ok: true, transition: event };
  return { ok: false, reason: `not an alarm transition: "${event.type}"` };
}

/** The flat field map a transition is written as, through the contract's encoder. */
export function encodeTransition(t: AlarmTransition): Record<string, string> {
  const { v: _v, ...input } = t;
  return encode(input);
}

/** What a message says of the alarm a transition belongs to: the raise carries it all; an acknowledge or clear is looked up. */
export interface AlarmFacts {
  alarmId: string;
  rule: AlarmRaised['rule'];
  scope: string;
  severity: AlarmSeverity;
  value: number;
  threshold: number;
  raisedTs: number;
}

export function factsOf(raised: AlarmRaised): AlarmFacts {
  const { alarmId, rule, scope, severity, value, threshold, ts } = raised;
  return { alarmId, rule, scope, severity, value, threshold, raisedTs: ts };
}
