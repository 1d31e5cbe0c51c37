// The Asterisk Manager Interface's wire format, both ways: a message is "Key: Value" lines
// ended by an empty line; the server greets with one banner line first. The parser takes text as
// it comes off the socket (split anywhere, several messages at once, "\r\n" or "\n") and is
// bounded: a message longer than the limit is dropped and counted, never buffered without end.

/** One AMI message: its fields by lower-cased key (AMI keys are not case-stable: "Uniqueid", "UniqueID"). */
export type AmiMessage = Readonly<Record<string, string>>;

export type AmiFrame = { kind: 'banner'; text: string } | { kind: 'message'; message: AmiMessage };

export interface AmiParserOptions {
  /** A message (or a line) longer than this many characters is dropped and counted. @default 65536 */
  maxMessageLength?: number;
}

/** What the parser dropped since it was created. */
export interface AmiParserCounts {
  /** Messages dropped for being longer than the limit. */
  oversized: number;
  /** Lines inside a message that had no "Key:" (skipped; the message is kept). */
  malformedLines: number;
}

export class AmiParser {
  readonly counts: AmiParserCounts = { oversized: 0, malformedLines: 0 };
  private readonly max: number;
  private partial = '';
  private fields: Record<string, string> | null = null;
  private length = 0;
  private discarding = false;
  /** The start of the current line was dropped: its end is not a line of its own. */
  private restOfLineDropped = false;
  private bannerDue = false;

  constructor(options: AmiParserOptions = {}) {
    this.max = options.maxMessageLength ?? 65_536;
  }

  /** A new connection: forget any half-read message, and take the next line as the server's banner. */
  reset(): void {
    this.partial = '';
    this.fields = null;
    this.length = 0;
    this.discarding = false;
    this.restOfLineDropped = false;
    this.bannerDue = true;
  }

  /** Feeds text as it arrived; returns the frames it completed, in order. */
  push(chunk: string): AmiFrame[] {
    const frames: AmiFrame[] = [];
    let text = this.partial + chunk;
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      const frame = this.restOfLineDropped ? null : this.line(text.slice(start, end));
      this.restOfLineDropped = false;
      if (frame) frames.push(frame);
      start = nl + 1;
    }
    text = text.slice(start);
    if (this.length + text.length > this.max) {
      // A line that never ends: drop what there is and the rest of its message.
      this.drop();
      this.restOfLineDropped = true;
      text = '';
    }
    this.partial = text;
    return frames;
  }

  private line(line: string): AmiFrame | null {
    if (this.bannerDue) {
      this.bannerDue = false;
      if (!line.includes(':')) return { kind: 'banner', text: line };
    }
    if (line.length === 0) return this.end();
    if (this.discarding) return null;
    this.length += line.length + 2;
    if (this.length > this.max) {
      this.drop();
      return null;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      this.counts.malformedLines += 1;
      return null;
    }
    this.fields ??= Object.create(null) as Record<string, string>;
    // The value is everything after the first colon (a value may hold colons), less one space.
    const value = line.charCodeAt(colon + 1) === 32 ? line.slice(colon + 2) : line.slice(colon + 1);
    this.fields[line.slice(0, colon).trim().toLowerCase()] = value;
    return null;
  }

  private end(): AmiFrame | null {
    const fields = this.fields;
    this.fields = null;
    this.length = 0;
    if (this.discarding) {
      this.discarding = false;
      return null;
    }
    return fields ? { kind: 'message', message: fields } : null;
  }

  private drop(): void {
    if (!this.discarding) this.counts.oversized += 1;
    this.discarding = true;
    this.fields = null;
    this.length = 0;
  }
}

/** Thrown for an action that would not survive the wire (a line break in a value or key). */
export class AmiFormatError extends Error {
  override name = 'AmiFormatError';
}

/** An action as the wire carries it: "Key: Value\r\n" lines and the empty line that ends it. */
export function formatAction(fields: Readonly<Record<string, string>>): string {
  let out = '';
  for (const [key, value] of Object.entries(fields)) {
    // A line break would end the line early and let the rest be read as another header.
    if (/[\r\n]/.test(key) || /[\r\n]/.test(value)) throw new AmiFormatError(`AMI action field "${key.replace(/[\r\n]/g, ' ')}" holds a line break`);
    out += `${key}: ${value}\r\n`;
  }
  return out + '\r\n';
}

/** A field of a message by its documented name, case-insensitively; undefined when absent. */
export function field(message: AmiMessage, name: string): string | undefined {
  return message[name.toLowerCase()];
}
