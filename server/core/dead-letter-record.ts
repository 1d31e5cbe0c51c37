// What a dead letter keeps of an entry that failed validation: enough for an operator to see what
// the producer sent and why it was refused, bounded in bytes and with phone numbers masked, since
// the entry never went through the schema that masks them.
import { maskPhoneNumbers } from './masking.js';

/** Longest field value (and reason) a dead letter keeps, in characters: a few large entries cannot grow the stream. */
export const DEAD_LETTER_VALUE_MAX = 1024;
/** Longest field name kept, in characters. */
export const DEAD_LETTER_NAME_MAX = 64;
/** Most fields kept of one entry; the contract's largest event has ten. */
export const DEAD_LETTER_FIELDS_MAX = 32;

// Ids and times are left readable (an Asterisk uniqueid "1700000000.42" is not a phone number);
// every other field, known or not, is free text as far as a dead letter knows.
const NOT_TEXT = new Set(['v', 'ts', 'dueTs', 'callId', 'agentId', 'complaintId', 'queue', 'toQueue', 'toAgentId', 'queues']);

export interface DeadLetterRecord {
  /** Why the entry was refused, cut and masked. */
  reason: string;
  /** The entry's fields as JSON, each cut and free text masked. */
  fields: string;
}

/** Cuts text to `max` characters, saying how much was left out. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)}…(+${text.length - max} chars)`;
}

export function deadLetterRecord(reason: string, fields: Readonly<Record<string, string>>): DeadLetterRecord {
  const kept: Record<string, string> = {};
  const names = Object.keys(fields);
  for (const name of names.slice(0, DEAD_LETTER_FIELDS_MAX)) {
    const value = cut(fields[name]!, DEAD_LETTER_VALUE_MAX);
    kept[maskPhoneNumbers(cut(name, DEAD_LETTER_NAME_MAX))] = NOT_TEXT.has(name) ? value : maskPhoneNumbers(value);
  }
  if (names.length > DEAD_LETTER_FIELDS_MAX) kept['…'] = `+${names.length - DEAD_LETTER_FIELDS_MAX} fields`;
  return { reason: maskPhoneNumbers(cut(reason, DEAD_LETTER_VALUE_MAX)), fields: JSON.stringify(kept) };
}
