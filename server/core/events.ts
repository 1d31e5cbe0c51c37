// The event contract (docs/event-contract.md, version 1) in code. One zod schema per
// event type gives both the runtime validation of stream entries and the QueueEvent union;
// the server, the simulator and any adapter encode and decode through this module only.
import { z } from 'zod';
import { DECIMAL, fastDecode, MAX_AGENT_QUEUES, MAX_ID } from './event-fast-decode.js';
import { maskCaller, maskPhoneNumbers } from './masking.js';
import { AGENT_STATES, ALARM_RULES, ALARM_SEVERITIES, EXIT_REASONS, TIERS, TRANSFER_MODES } from '../contract/vocabulary.js';

export { maskCaller, maskPhoneNumbers } from './masking.js';
export { MAX_AGENT_QUEUES } from './event-fast-decode.js';

// Stream fields are strings; these turn them into typed values with a reason when they fail.
const id = z.string().trim().min(1, 'must not be empty').max(MAX_ID, `longer than ${MAX_ID} characters`);
const epochMs = z
  .string()
  .regex(/^\d{1,15}$/, 'must be epoch milliseconds (digits only)')
  .transform(Number);
const flag = z.enum(['1', '0']).transform((v) => v === '1');
const score = z
  .string()
  .regex(/^\d{1,3}(\.\d+)?$/, 'must be a number 0–100')
  .transform(Number)
  .refine((n) => n >= 0 && n <= 100, 'must be within 0–100');
// Checked on the whole string first, so a megabyte of commas is refused before it is split.
const queueList = z
  .string()
  .max(MAX_AGENT_QUEUES * (MAX_ID + 1), `longer than ${MAX_AGENT_QUEUES} queue ids`)
  .transform((s) =>
    s
      .split(',')
      .map((q) => q.trim())
      .filter((q) => q.length > 0),
  )
  .pipe(z.array(id).max(MAX_AGENT_QUEUES, `more than ${MAX_AGENT_QUEUES} queues`));
/** Free text (a reason, a name): bounded, and any phone number in it masked on the way in. */
const text = (max: number) => z.string().max(max, `longer than ${max} characters`).transform(maskPhoneNumbers);
/** A measured value or a rule's level, in the rule's own unit (seconds, callers, a fraction). */
const decimal = z.string().regex(DECIMAL, 'must be a decimal number (digits, an optional minus and fraction)').transform(Number);
/** A user's login name: text that may not be empty. */
const login = z.string().min(1, 'must not be empty').max(128, 'longer than 128 characters').transform(maskPhoneNumbers);

const base = { v: z.literal('1', { error: 'v must be "1"' }), ts: epochMs };

export const eventSchemas = {
  'call.arrived': z.object({
    ...base,
    type: z.literal('call.arrived'),
    callId: id,
    caller: z.string().max(64, 'longer than 64 characters').transform(maskCaller).optional(),
    tier: z.enum(TIERS).optional(),
    dnis: z.string().max(64, 'longer than 64 characters').optional(),
  }),
  'call.blocked': z.object({ ...base, type: z.literal('call.blocked'), callId: id, reason: text(256).optional() }),
  'call.queued': z.object({ ...base, type: z.literal('call.queued'), callId: id, queue: id, tier: z.enum(TIERS).optional() }),
  'call.answered': z.object({ ...base, type: z.literal('call.answered'), callId: id, queue: id, agentId: id }),
  'call.abandoned': z.object({ ...base, type: z.literal('call.abandoned'), callId: id, queue: id }),
  'call.exited': z.object({ ...base, type: z.literal('call.exited'), callId: id, queue: id, reason: z.enum(EXIT_REASONS).optional() }),
  'call.held': z.object({ ...base, type: z.literal('call.held'), callId: id, agentId: id }),
  'call.hold_check': z.object({ ...base, type: z.literal('call.hold_check'), callId: id, agentId: id }),
  'call.resumed': z.object({ ...base, type: z.literal('call.resumed'), callId: id, agentId: id }),
  'call.transferred': z.object({
    ...base,
    type: z.literal('call.transferred'),
    callId: id,
    agentId: id,
    toQueue: id.optional(),
    toAgentId: id.optional(),
    mode: z.enum(TRANSFER_MODES).optional(),
  }),
  'call.ended': z.object({
    ...base,
    type: z.literal('call.ended'),
    callId: id,
    agentId: id.optional(),
    resolved: flag.optional(),
    reason: text(256).optional(),
  }),
  'survey.submitted': z.object({ ...base, type: z.literal('survey.submitted'), callId: id, score }),
  'agent.state': z.object({
    ...base,
    type: z.literal('agent.state'),
    agentId: id,
    state: z.enum(AGENT_STATES),
    team: text(128).optional(),
    name: text(128).optional(),
    reason: text(256).optional(),
    queues: queueList.optional(),
    vip: flag.optional(),
  }),
  'complaint.opened': z.object({
    ...base,
    type: z.literal('complaint.opened'),
    complaintId: id,
    callId: id.optional(),
    dueTs: epochMs.optional(),
    grade: text(64).optional(),
  }),
  'complaint.replied': z.object({ ...base, type: z.literal('complaint.replied'), complaintId: id }),
  // Alarm transitions: written by the server only, to its own stream (keys.alarms); refused from a producer.
  'alarm.raised': z.object({
    ...base,
    type: z.literal('alarm.raised'),
    alarmId: id,
    rule: z.enum(ALARM_RULES),
    scope: id,
    severity: z.enum(ALARM_SEVERITIES),
    value: decimal,
    threshold: decimal,
  }),
  'alarm.acknowledged': z.object({ ...base, type: z.literal('alarm.acknowledged'), alarmId: id, by: login }),
  'alarm.cleared': z.object({ ...base, type: z.literal('alarm.cleared'), alarmId: id, value: decimal.optional() }),
} as const;

export type EventType = keyof typeof eventSchemas;

export const queueEventSchema = z.discriminatedUnion('type', [
  eventSchemas['call.arrived'],
  eventSchemas['call.blocked'],
  eventSchemas['call.queued'],
  eventSchemas['call.answered'],
  eventSchemas['call.abandoned'],
  eventSchemas['call.exited'],
  eventSchemas['call.held'],
  eventSchemas['call.hold_check'],
  eventSchemas['call.resumed'],
  eventSchemas['call.transferred'],
  eventSchemas['call.ended'],
  eventSchemas['survey.submitted'],
  eventSchemas['agent.state'],
  eventSchemas['complaint.opened'],
  eventSchemas['complaint.replied'],
  eventSchemas['alarm.raised'],
  eventSchemas['alarm.acknowledged'],
  eventSchemas['alarm.cleared'],
]);

/** A decoded, validated event of the contract. */
export type QueueEvent = z.output<typeof queueEventSchema>;
export type EventOf<T extends EventType> = Extract<QueueEvent, { type: T }>;
/** An alarm transition: the server's own events, on its alarm stream. */
export type AlarmEvent = EventOf<'alarm.raised' | 'alarm.acknowledged' | 'alarm.cleared'>;
/** An event a producer may write (every type but the alarm transitions). */
export type ProducerEvent = Exclude<QueueEvent, AlarmEvent>;
/** What a producer passes to encode(): a decoded event without the version field. */
export type EventInput = QueueEvent extends infer E ? (E extends QueueEvent ? Omit<E, 'v'> : never) : never;

export type DecodeResult = { ok: true; event: QueueEvent } | { ok: false; reason: string };

/**
 * Validates one stream entry's field map. Never throws: a failure carries a readable reason. A
 * well-formed entry takes the hand-written way (event-fast-decode.ts), which gives what the
 * schema gives; any other goes through the schema, which names what is wrong.
 */
export function decode(fields: Readonly<Record<string, string>>): DecodeResult {
  const type = fields['type'];
  if (type !== undefined && Object.hasOwn(eventSchemas, type)) {
    const event = fastDecode(fields, type);
    if (event !== undefined) return { ok: true, event: event as QueueEvent };
  }
  return decodeBySchema(fields);
}

/** decode() by the zod schema alone: the reference that the fast way is tested against. */
export function decodeBySchema(fields: Readonly<Record<string, string>>): DecodeResult {
  const type = fields['type'];
  if (type === undefined) return { ok: false, reason: 'missing field "type"' };
  if (!Object.hasOwn(eventSchemas, type)) return { ok: false, reason: `unknown type "${maskPhoneNumbers(type.slice(0, 64))}"` };
  const result = eventSchemas[type as EventType].safeParse(fields);
  if (result.success) return { ok: true, event: result.data };
  const reason = result.error.issues
    .map((i) => {
      const field = i.path.join('.') || '(entry)';
      const missing = i.code === 'invalid_type' && fields[String(i.path[0])] === undefined;
      return missing ? `missing field "${field}"` : `field "${field}": ${i.message}`;
    })
    .join('; ');
  return { ok: false, reason };
}

/** Turns an event into the flat string map a stream entry holds (v = "1" added). */
export function encode(event: EventInput): Record<string, string> {
  const out: Record<string, string> = { v: '1' };
  for (const [key, value] of Object.entries(event)) {
    if (value === undefined) continue;
    if (typeof value === 'boolean') out[key] = value ? '1' : '0';
    else if (Array.isArray(value)) out[key] = value.join(',');
    else out[key] = String(value);
  }
  return out;
}

/** encode() as the argument list of XADD: [f1, v1, f2, v2, …]. */
export function encodeArgs(event: EventInput): string[] {
  return Object.entries(encode(event)).flat();
}

/** A batch as the ingest scripts read it: each event's XADD field/value list, preceded by its length. */
export function packedEventArgs(events: readonly EventInput[]): string[] {
  const args: string[] = [];
  for (const event of events) {
    const fields = encodeArgs(event);
    args.push(String(fields.length), ...fields);
  }
  return args;
}

/** Stream replies come as [f1, v1, f2, v2, …]; a repeated field keeps its last value. */
export function fieldsFromArray(flat: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[flat[i]!] = flat[i + 1]!;
  return out;
}
