// One line of Asterisk's queue_log, parsed: `epoch|callid|queue|agent|EVENT|data1|data2|…`
// (docs.asterisk.org, Operation/Logging/Queue-Logs). Pure: the follower hands it text, the mapper
// takes the result. Never throws: a line it cannot read comes back with a reason.

/** A parsed queue_log line. "NONE" and empty fields are null. */
export interface QueueLogLine {
  /** Event time in epoch milliseconds (the file has seconds, some builds with a fraction). */
  ts: number;
  /** The caller channel's Uniqueid ("1366720340.303267"); null for member events ("NONE", "REALTIME"). */
  callId: string | null;
  queue: string | null;
  /** The member's interface ("SIP/8007") or, with log_membername_as_agent, its name. */
  agent: string | null;
  /** The event name as written ("CONNECT"; custom QueueLog() events may be anything). */
  event: string;
  /** The fields after the event, as written (empty strings kept: positions matter). */
  data: string[];
}

export type ParsedLine = { ok: true; line: QueueLogLine } | { ok: false; reason: string };

// Nine to eleven digits of seconds: 2001-09-09 to the year 5138; anything else is not an epoch.
const EPOCH = /^(\d{9,11})(?:\.(\d{1,9}))?$/;
const EVENT = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** Placeholders Asterisk writes where a field has no value. */
const NO_VALUE = new Set(['', 'NONE', 'REALTIME']);

function valueOf(field: string): string | null {
  const trimmed = field.trim();
  return NO_VALUE.has(trimmed) ? null : trimmed;
}

/** Epoch seconds ("1366720340" or "1366720340.123456") to milliseconds, without float rounding. */
export function parseEpoch(field: string): number | null {
  const m = EPOCH.exec(field.trim());
  if (!m) return null;
  const millis = (m[2] ?? '').padEnd(3, '0').slice(0, 3);
  return Number(m[1]) * 1000 + Number(millis);
}

export function parseQueueLogLine(text: string): ParsedLine {
  const fields = text.replace(/\r$/, '').split('|');
  if (fields.length < 5) return { ok: false, reason: 'unparsable line' };
  const [epoch, callId, queue, agent, event, ...data] = fields as [string, string, string, string, string, ...string[]];
  const ts = parseEpoch(epoch);
  if (ts === null) return { ok: false, reason: 'unparsable line' };
  const name = event.trim();
  if (!EVENT.test(name)) return { ok: false, reason: 'unparsable line' };
  return { ok: true, line: { ts, callId: valueOf(callId), queue: valueOf(queue), agent: valueOf(agent), event: name, data } };
}

/** The event time of a line, reading no further than its first field (the replay's and the first start's scans). */
export function lineEpochMs(text: string): number | null {
  const bar = text.indexOf('|');
  return bar === -1 ? null : parseEpoch(text.slice(0, bar));
}

/** A whole number of seconds in a data field ("12"), or null. */
export function seconds(field: string | undefined): number | null {
  if (field === undefined || !/^\s*\d{1,9}\s*$/.test(field)) return null;
  return Number(field);
}
