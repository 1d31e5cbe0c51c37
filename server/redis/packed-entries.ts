// Stream reads for a catch-up, packed by Redis into one MessagePack string. A plain reply of 1000
// entries is some 17,000 RESP bulk strings, each of which ioredis turns into a Buffer and then a
// string, in arrays copied once more: that was the consumer's largest cost while behind. Packed by
// cmsgpack (Redis's own C library) it arrives as one Buffer, read here with the same result: each
// entry's fields as a record, a repeated field keeping its last value, text decoded as UTF-8.
// Redis spends about 2 ms more per 1000 entries packing; the consumer saves several times that.
import type { RawEntry } from '../aggregator.js';

/** XREADGROUP … NOACK (no BLOCK: a script may not wait), packed. KEYS: the streams. ARGV: group, consumer, count. */
export const PACKED_READ_GROUP = `
local args = {'GROUP', ARGV[1], ARGV[2], 'COUNT', ARGV[3], 'NOACK', 'STREAMS'}
for i = 1, #KEYS do args[#args + 1] = KEYS[i] end
for _ = 1, #KEYS do args[#args + 1] = '>' end
local reply = redis.call('XREADGROUP', unpack(args))
if not reply then return false end
return cmsgpack.pack(reply)`;

/** XRANGE, packed. KEYS: the stream. ARGV: start, end, count. */
export const PACKED_RANGE = `return cmsgpack.pack(redis.call('XRANGE', KEYS[1], ARGV[1], ARGV[2], 'COUNT', ARGV[3]))`;

/** One stream's part of a packed group read: the entries with fields, and every ID delivered (a deleted entry comes without fields). */
export interface PackedBatch {
  stream: string;
  entries: RawEntry[];
  ids: string[];
}

/** Shorter than this, a substring of a one-byte string is a copy; longer, a slice that would keep the whole reply alive. */
const SLICE_MIN = 13;

/**
 * Short ASCII strings that recur from entry to entry (field names, ids, vocabulary words) are kept in a table and handed out
 * again, the same string each time: it is not allocated anew, and the core's Maps find a string they have hashed before
 * without hashing it again. A slot holds the last string read into it; a power of two, large enough for a floor's agents.
 */
const SHARED_SLOTS = 4096;
const sharedStrings: (string | undefined)[] = new Array<string | undefined>(SHARED_SLOTS).fill(undefined);

/**
 * The fields whose values go through the table: identifiers and vocabulary words only. Free text (a caller's number, a
 * reason, a name) is never kept beyond its entry.
 */
const SHARED_VALUES: ReadonlySet<string> = new Set([
  'v',
  'type',
  'callId',
  'queue',
  'agentId',
  'state',
  'tier',
  'toQueue',
  'toAgentId',
  'mode',
  'resolved',
  'vip',
  'queues',
  'score',
  'complaintId',
  'alarmId',
  'rule',
  'scope',
  'severity',
]);

/** Methods every Buffer has that Node's types do not declare: toString() calls them. */
interface BufferSlices {
  latin1Slice(start: number, end: number): string;
  utf8Slice(start: number, end: number): string;
}

class Reader {
  pos = 0;
  /**
   * The reply as Latin-1, one character per byte, so that a short string whose bytes are all ASCII is a substring of it. The
   * reply as a whole is never ASCII (MessagePack's headers are bytes of 0x80 and over), so each string's bytes are checked.
   */
  private readonly latin1: string;

  /** Buffer's own decoders, without toString()'s checks of its arguments (the bounds are checked above). */
  private readonly slices: BufferSlices;

  constructor(private readonly buf: Buffer) {
    this.slices = buf as unknown as BufferSlices;
    this.latin1 = this.slices.latin1Slice(0, buf.length);
  }

  private u8(): number {
    const b = this.buf[this.pos];
    if (b === undefined) throw new PackedReplyError('reply ends early');
    this.pos += 1;
    return b;
  }

  private uint(bytes: 1 | 2 | 4): number {
    let n = 0;
    for (let i = 0; i < bytes; i++) n = n * 256 + this.u8();
    return n;
  }

  /** An array's length; null for nil or false (an entry deleted before it was read); an empty map is an empty array (an empty Lua table). */
  arrayOrNull(): number | null {
    const b = this.u8();
    if (b >= 0x90 && b <= 0x9f) return b & 0x0f;
    if (b === 0xdc) return this.uint(2);
    if (b === 0xdd) return this.uint(4);
    if (b === 0xc0 || b === 0xc2 || b === 0x80) return b === 0x80 ? 0 : null;
    throw new PackedReplyError(`expected an array, found 0x${b.toString(16)}`);
  }

  array(): number {
    const n = this.arrayOrNull();
    if (n === null) throw new PackedReplyError('expected an array, found nil');
    return n;
  }

  /** A string; `shared` for one that recurs from entry to entry: a short ASCII one then comes from the table of shared strings. */
  string(shared = false): string {
    const b = this.u8();
    let length: number;
    if (b >= 0xa0 && b <= 0xbf) length = b & 0x1f;
    else if (b === 0xd9 || b === 0xc4) length = this.uint(1);
    else if (b === 0xda || b === 0xc5) length = this.uint(2);
    else if (b === 0xdb || b === 0xc6) length = this.uint(4);
    else throw new PackedReplyError(`expected a string, found 0x${b.toString(16)}`);
    const start = this.pos;
    const end = start + length;
    if (end > this.buf.length) throw new PackedReplyError('reply ends early');
    this.pos = end;
    // A short ASCII string is copied out of the one-byte reply in JavaScript (or is the shared one); a longer one is decoded by
    // Node (a substring would be a slice that keeps the whole reply alive as long as, say, an agent's name), as is one that is not
    // ASCII, as ioredis decodes a reply.
    if (length >= SLICE_MIN) return this.slices.utf8Slice(start, end);
    const buf = this.buf;
    let hash = length;
    for (let i = start; i < end; i++) {
      const c = buf[i]!;
      if (c >= 0x80) return this.slices.utf8Slice(start, end);
      hash = (hash * 31 + c) | 0;
    }
    if (!shared) return this.latin1.substring(start, end);
    const slot = hash & (SHARED_SLOTS - 1);
    const known = sharedStrings[slot];
    if (known !== undefined && known.length === length) {
      let i = 0;
      while (i < length && known.charCodeAt(i) === buf[start + i]) i++;
      if (i === length) return known;
    }
    const read = this.latin1.substring(start, end);
    sharedStrings[slot] = read;
    return read;
  }
}

export class PackedReplyError extends Error {
  override name = 'PackedReplyError';
}

/** Entries as [id, [f1, v1, …] | false]: into `entries` those with fields, and every ID into `ids`. */
function readEntries(reader: Reader, stream: string, entries: RawEntry[], ids: string[]): void {
  const count = reader.array();
  for (let e = 0; e < count; e++) {
    if (reader.array() !== 2) throw new PackedReplyError('an entry is not [id, fields]');
    const id = reader.string();
    ids.push(id);
    const n = reader.arrayOrNull();
    if (n === null) continue;
    // As fieldsFromArray: a repeated field keeps its last value, an odd last name is ignored.
    const fields: Record<string, string> = {};
    for (let i = 0; i + 1 < n; i += 2) {
      const name = reader.string(true);
      fields[name] = reader.string(SHARED_VALUES.has(name));
    }
    if (n % 2 === 1) reader.string();
    entries.push({ stream, id, fields });
  }
}

/** A packed XREADGROUP reply (PACKED_READ_GROUP); null (no entries) gives []. */
export function unpackGroupRead(reply: Buffer | null): PackedBatch[] {
  if (reply === null) return [];
  const reader = new Reader(reply);
  const batches: PackedBatch[] = [];
  const streams = reader.array();
  for (let s = 0; s < streams; s++) {
    if (reader.array() !== 2) throw new PackedReplyError('a stream is not [name, entries]');
    const stream = reader.string();
    const batch: PackedBatch = { stream, entries: [], ids: [] };
    readEntries(reader, stream, batch.entries, batch.ids);
    batches.push(batch);
  }
  return batches;
}

/** A packed XRANGE reply (PACKED_RANGE) of `stream`. */
export function unpackRange(stream: string, reply: Buffer): RawEntry[] {
  const entries: RawEntry[] = [];
  readEntries(new Reader(reply), stream, entries, []);
  return entries;
}
