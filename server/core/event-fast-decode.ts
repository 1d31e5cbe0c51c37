// A fast way through decode() for entries that are well formed: each event type's fields read by
// hand, in the schema's order, with the schema's rules and transforms. It answers only when every
// field passes; anything else (a missing or bad field) returns undefined and the zod schema in
// events.ts decodes it, so the reasons of a refused entry are always the schema's. A property test
// (test/unit/core-event-decode.test.ts) checks that both give the same result on many thousands of
// generated valid and invalid entries, with the field lists taken from the schema itself.
import { AGENT_STATES, ALARM_RULES, ALARM_SEVERITIES, EXIT_REASONS, TIERS, TRANSFER_MODES } from '../contract/vocabulary.js';
import { maskCaller, maskPhoneNumbers } from './masking.js';

/** A field that fails its rule: the entry goes to the schema. */
const INVALID = Symbol('invalid');
type Read = (value: unknown) => unknown;

/** Longest id (call, queue, agent, complaint) an event may carry; the schema in events.ts uses it too. */
export const MAX_ID = 128;
/** Most queues one agent.state may list: far above any real skill set, low enough that one entry stays small. */
export const MAX_AGENT_QUEUES = 100;

const id: Read = (v) => {
  if (typeof v !== 'string') return INVALID;
  const t = v.trim();
  return t.length >= 1 && t.length <= MAX_ID ? t : INVALID;
};

const epochMs: Read = (v) => {
  if (typeof v !== 'string' || v.length < 1 || v.length > 15) return INVALID;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c < 48 || c > 57) return INVALID;
  }
  return Number(v);
};

const flag: Read = (v) => (v === '1' ? true : v === '0' ? false : INVALID);

const SCORE = /^\d{1,3}(\.\d+)?$/;
const score: Read = (v) => {
  if (typeof v !== 'string' || !SCORE.test(v)) return INVALID;
  const n = Number(v);
  return n >= 0 && n <= 100 ? n : INVALID;
};

// An agent's queue list recurs with every change of its state (about half the entries of a large floor): the lists already
// split are kept by their text, a bounded number of them, and each event gets a copy, which costs less than splitting again.
const queueList: Read = (v) => {
  if (typeof v !== 'string' || v.length > MAX_AGENT_QUEUES * (MAX_ID + 1)) return INVALID;
  const known = QUEUE_LISTS.get(v);
  if (known !== undefined) return known.slice();
  const list = splitQueues(v);
  if (list === INVALID) return INVALID;
  if (QUEUE_LISTS.size >= QUEUE_LISTS_KEPT) QUEUE_LISTS.clear();
  QUEUE_LISTS.set(v, list);
  return list.slice();
};
/** Far more than a floor's distinct skill sets; past it the kept lists are dropped and gathered again. */
const QUEUE_LISTS_KEPT = 1024;
const QUEUE_LISTS = new Map<string, string[]>();

const splitQueues = (v: string): string[] | typeof INVALID => {
  const out: string[] = [];
  for (const part of v.split(',')) {
    const q = part.trim();
    if (q.length === 0) continue;
    if (q.length > MAX_ID) return INVALID;
    out.push(q);
  }
  return out.length <= MAX_AGENT_QUEUES ? out : INVALID;
};

/** An alarm's value or level as the stream holds it: no exponent, no NaN, at most 12 decimals. */
export const DECIMAL = /^-?\d{1,15}(\.\d{1,12})?$/;
const decimal: Read = (v) => (typeof v === 'string' && DECIMAL.test(v) ? Number(v) : INVALID);
const login: Read = (v) => (typeof v === 'string' && v.length >= 1 && v.length <= 128 ? maskPhoneNumbers(v) : INVALID);

const text =
  (max: number): Read =>
  (v) =>
    typeof v === 'string' && v.length <= max ? maskPhoneNumbers(v) : INVALID;
const caller: Read = (v) => (typeof v === 'string' && v.length <= 64 ? maskCaller(v) : INVALID);
const short: Read = (v) => (typeof v === 'string' && v.length <= 64 ? v : INVALID);
const oneOf = (words: readonly string[]): Read => {
  const set = new Set(words);
  return (v) => (typeof v === 'string' && set.has(v) ? v : INVALID);
};
const tier = oneOf(TIERS);

/** One field: its key, its rule, and whether it may be absent. */
type Field = readonly [key: string, read: Read, optional: boolean];
const req = (key: string, read: Read): Field => [key, read, false];
const opt = (key: string, read: Read): Field => [key, read, true];

/** Each type's fields after v, ts and type, in the order of its schema (so decoded events have the same key order). */
export const FAST_FIELDS: Readonly<Record<string, readonly Field[]>> = {
  'call.arrived': [req('callId', id), opt('caller', caller), opt('tier', tier), opt('dnis', short)],
  'call.blocked': [req('callId', id), opt('reason', text(256))],
  'call.queued': [req('callId', id), req('queue', id), opt('tier', tier)],
  'call.answered': [req('callId', id), req('queue', id), req('agentId', id)],
  'call.abandoned': [req('callId', id), req('queue', id)],
  'call.exited': [req('callId', id), req('queue', id), opt('reason', oneOf(EXIT_REASONS))],
  'call.held': [req('callId', id), req('agentId', id)],
  'call.hold_check': [req('callId', id), req('agentId', id)],
  'call.resumed': [req('callId', id), req('agentId', id)],
  'call.transferred': [req('callId', id), req('agentId', id), opt('toQueue', id), opt('toAgentId', id), opt('mode', oneOf(TRANSFER_MODES))],
  'call.ended': [req('callId', id), opt('agentId', id), opt('resolved', flag), opt('reason', text(256))],
  'survey.submitted': [req('callId', id), req('score', score)],
  'agent.state': [
    req('agentId', id),
    req('state', oneOf(AGENT_STATES)),
    opt('team', text(128)),
    opt('name', text(128)),
    opt('reason', text(256)),
    opt('queues', queueList),
    opt('vip', flag),
  ],
  'complaint.opened': [req('complaintId', id), opt('callId', id), opt('dueTs', epochMs), opt('grade', text(64))],
  'complaint.replied': [req('complaintId', id)],
  'alarm.raised': [
    req('alarmId', id),
    req('rule', oneOf(ALARM_RULES)),
    req('scope', id),
    req('severity', oneOf(ALARM_SEVERITIES)),
    req('value', decimal),
    req('threshold', decimal),
  ],
  'alarm.acknowledged': [req('alarmId', id), req('by', login)],
  'alarm.cleared': [req('alarmId', id), opt('value', decimal)],
};

/**
 * The decoded event when every field of the entry passes (as the schema would decode it), else
 * undefined. Fields the schema does not know are left out, as the schema strips them.
 */
export function fastDecode(fields: Readonly<Record<string, string>>, type: string): Record<string, unknown> | undefined {
  if (!Object.hasOwn(FAST_FIELDS, type) || fields['v'] !== '1') return undefined;
  const list = FAST_FIELDS[type]!;
  const ts = epochMs(fields['ts']);
  if (ts === INVALID) return undefined;
  const out: Record<string, unknown> = { v: '1', ts, type };
  for (const [key, read, optional] of list) {
    const value = fields[key];
    if (value === undefined && optional) {
      // The schema keeps a key that is there with no value, as undefined.
      if (key in fields) out[key] = undefined;
      continue;
    }
    const decoded = read(value);
    if (decoded === INVALID) return undefined;
    out[key] = decoded;
  }
  return out;
}
