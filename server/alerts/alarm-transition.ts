// An alarm transition as the alerts read it from the alarm stream: raised, acknowledged or
// cleared. The stream is the server's own (the alarm evaluator writes it); an entry that does
// not decode is logged and acknowledged, never retried.
import { z } from 'zod';
import { ALARM_SEVERITIES } from './alert-config.js';

const epochMs = z
  .string()
  .regex(/^\d{1,15}$/, 'must be epoch milliseconds')
  .transform(Number);
const num = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'must be a number')
  .transform(Number);
const id = z.string().min(1).max(200);
const base = { v: z.literal('1'), ts: epochMs, alarmId: id };

const transitionSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('alarm.raised'), rule: id, scope: id, severity: z.enum(ALARM_SEVERITIES), value: num, threshold: num }),
  z.object({ ...base, type: z.literal('alarm.acknowledged'), by: id }),
  z.object({ ...base, type: z.literal('alarm.cleared'), value: num.optional() }),
]);

export type AlarmTransition = z.output<typeof transitionSchema>;
export type AlarmRaised = Extract<AlarmTransition, { type: 'alarm.raised' }>;

export type TransitionDecode = { ok: true; transition: AlarmTransition } | { ok: false; reason: string };

/** Decodes one alarm stream entry; never throws. */
export function decodeTransition(fields: Readonly<Record<string, string>>): TransitionDecode {
  const parsed = transitionSchema.safeParse(fields);
  if (parsed.success) return { ok: true, transition: parsed.data };
  return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.') || '(entry)'}: ${i.message}`).join('; ') };
}

/** The flat field map an alarm transition is written as (the tests write the documented shape with it). */
export function encodeTransition(t: AlarmTransition): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(t)) if (v !== undefined) out[k] = String(v);
  return out;
}

/** What a message says of the alarm a transition belongs to: the raise carries it all; an acknowledge or clear is looked up. */
export interface AlarmFacts {
  alarmId: string;
  rule: string;
  scope: string;
  severity: (typeof ALARM_SEVERITIES)[number];
  value: number;
  threshold: number;
  raisedTs: number;
}

export function factsOf(raised: AlarmRaised): AlarmFacts {
  const { alarmId, rule, scope, severity, value, threshold, ts } = raised;
  return { alarmId, rule, scope, severity, value, threshold, raisedTs: ts };
}
