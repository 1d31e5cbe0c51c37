// What the HTTP ingest makes of a request body: a JSON array of contract events, each turned into
// the stream's string fields and validated by the contract's schema (so callers come out masked),
// and the per-event reply. Pure: the route does the HTTP, http-append.ts the Redis.
import { z } from 'zod';
import { decode, eventSchemas, type QueueEvent } from '../core/events.js';
import { isAlarmEventType } from '../contract/vocabulary.js';

/** One event of a batch: accepted (to be appended) or rejected with the reason the client reads and the category the board counts. */
export type EventVerdict = { index: number; ok: true; event: QueueEvent } | { index: number; ok: false; reason: string; category: string };

export type BatchParse = { ok: true; verdicts: EventVerdict[] } | { ok: false; status: 400 | 413; error: string; category: string };

/** More keys than any event type has: past it an object is junk, refused before looking at each key. */
const MAX_KEYS = 32;

/** Each type's fields; a Map, so a type named "constructor" or "__proto__" finds nothing. */
const fieldsOf: ReadonlyMap<string, ReadonlySet<string>> = new Map(Object.entries(eventSchemas).map(([type, schema]) => [type, new Set(Object.keys(schema.shape))]));

const rejected = (index: number, reason: string, category = reason): EventVerdict => ({ index, ok: false, reason, category });

/** A field name as shown in a reason: cut, so a hostile key cannot fill the reply. */
const shown = (key: string) => JSON.stringify(key.length > 64 ? `${key.slice(0, 64)}…` : key);

/**
 * Turns one element of the array into the stream entry's fields: strings as they are, numbers in
 * decimal, booleans as "1"/"0", null as absent, `v` "1" when missing. A key the event's type does
 * not have is refused rather than dropped, so a typo ("callid") does not lose data silently.
 */
function toFields(index: number, raw: unknown): { ok: true; fields: Record<string, string> } | { ok: false; verdict: EventVerdict } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, verdict: rejected(index, 'an event must be a JSON object') };
  // JSON.parse makes "__proto__" an own key; a prototype-less record keeps it a plain (refused) name.
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > MAX_KEYS) return { ok: false, verdict: rejected(index, `more than ${MAX_KEYS} fields`) };
  const type = (raw as Record<string, unknown>)['type'];
  if (typeof type !== 'string') return { ok: false, verdict: rejected(index, 'missing field "type" (a string)') };
  const allowed = fieldsOf.get(type);
  if (!allowed) return { ok: false, verdict: rejected(index, `unknown type ${shown(type)}`, 'unknown type') };
  if (isAlarmEventType(type))
    return { ok: false, verdict: rejected(index, `${type} is written by the server only: a producer may not append alarm events`, 'alarm event') };
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  fields['v'] = '1';
  for (const [key, value] of entries) {
    if (!allowed.has(key)) return { ok: false, verdict: rejected(index, `field ${shown(key)} is not part of ${type}`, `invalid ${type}: unknown field`) };
    if (value === null) continue;
    if (typeof value === 'string') fields[key] = value;
    else if (typeof value === 'number') fields[key] = String(value);
    else if (typeof value === 'boolean') fields[key] = value ? '1' : '0';
    else return { ok: false, verdict: rejected(index, `field "${key}": must be a string, number or boolean`, `invalid ${type}: field "${key}" not a scalar`) };
  }
  return { ok: true, fields };
}

/** Validates a parsed body: the array's shape and size first (all or nothing), then each event on its own. */
export function parseBatch(body: unknown, maxEvents: number): BatchParse {
  if (!Array.isArray(body)) {
    const got = body === null ? 'null' : typeof body === 'object' ? 'an object' : typeof body;
    return { ok: false, status: 400, error: `the body must be a JSON array of events (got ${got})`, category: 'not an array' };
  }
  if (body.length === 0) return { ok: false, status: 400, error: 'the array holds no events', category: 'empty array' };
  if (body.length > maxEvents)
    return { ok: false, status: 413, error: `at most ${maxEvents} events per request (got ${body.length}): split the batch`, category: 'too many events' };
  const verdicts = body.map((raw: unknown, index): EventVerdict => {
    const converted = toFields(index, raw);
    if (!converted.ok) return converted.verdict;
    const decoded = decode(converted.fields);
    if (decoded.ok) return { index, ok: true, event: decoded.event };
    return rejected(index, decoded.reason, `invalid ${converted.fields['type']}: ${decoded.reason}`);
  });
  return { ok: true, verdicts };
}

/** One event's line of the reply. */
export type EventResult = { index: number; ok: true; id: string } | { index: number; ok: false; reason: string };

/** The reply to a batch: 200 when at least one event was appended, 422 when none was. */
export interface BatchReply {
  status: 200 | 422;
  body: { accepted: number; rejected: number; results: EventResult[] };
}

/**
 * The reply without its stream ids: stored with the Idempotency-Key, so a retry gets the very
 * reply the first request got (even if the server's validation changed in between).
 */
export interface ReplyTemplate {
  status: 200 | 422;
  /** The results with "" in place of each accepted event's id, as JSON. */
  results: string;
}

export function replyTemplate(verdicts: readonly EventVerdict[]): ReplyTemplate {
  const results: EventResult[] = verdicts.map((v) => (v.ok ? { index: v.index, ok: true, id: '' } : { index: v.index, ok: false, reason: v.reason }));
  return { status: verdicts.some((v) => v.ok) ? 200 : 422, results: JSON.stringify(results) };
}

const storedResults = z.array(
  z.discriminatedUnion('ok', [
    z.strictObject({ index: z.number().int().min(0), ok: z.literal(true), id: z.string() }),
    z.strictObject({ index: z.number().int().min(0), ok: z.literal(false), reason: z.string() }),
  ]),
);

/** Fills a template with the ids the append returned, in order; throws when they do not fit (a stored reply that was tampered with). */
export function fillReply(template: ReplyTemplate, ids: readonly string[]): BatchReply {
  const results = storedResults.parse(JSON.parse(template.results));
  let next = 0;
  const filled = results.map((r): EventResult => {
    if (!r.ok) return r;
    const id = ids[next++];
    if (id === undefined) throw new RangeError('fewer stream ids than accepted events');
    return { ...r, id };
  });
  if (next !== ids.length) throw new RangeError('more stream ids than accepted events');
  const accepted = next;
  return { status: template.status, body: { accepted, rejected: filled.length - accepted, results: filled } };
}
