// The AMI parser: text as it comes off a socket (cut anywhere, several messages at once, "\r\n"
// or "\n"), values with colons, lines without one, and its bound on a message that never ends.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AmiFormatError, AmiParser, field, formatAction, type AmiFrame } from '../../server/ingest/ami/ami-wire.js';
import { loadAmiFixture } from '../support/fake-ami.js';

const BANNER = 'Asterisk Call Manager/5.0.2\r\n';
const join = 'Event: QueueCallerJoin\r\nUniqueid: 1700000000.16\r\nQueue: 400\r\n\r\n';
const varset = 'Event: VarSet\r\nVariable: DIALSTRING\r\nValue: sip:2004@10.0.0.5:5060\r\n\r\n';

function parseAll(chunks: readonly string[], parser = fresh()): AmiFrame[] {
  return chunks.flatMap((c) => parser.push(c));
}

function fresh(max?: number): AmiParser {
  const parser = new AmiParser(max === undefined ? {} : { maxMessageLength: max });
  parser.reset();
  return parser;
}

describe('AMI parser', () => {
  it('reads the banner, then messages with lower-cased keys; a value keeps its colons', () => {
    const frames = parseAll([BANNER + join + varset]);
    expect(frames).toEqual([
      { kind: 'banner', text: 'Asterisk Call Manager/5.0.2' },
      { kind: 'message', message: { event: 'QueueCallerJoin', uniqueid: '1700000000.16', queue: '400' } },
      { kind: 'message', message: { event: 'VarSet', variable: 'DIALSTRING', value: 'sip:2004@10.0.0.5:5060' } },
    ]);
    const message = frames[1]!.kind === 'message' ? frames[1]!.message : {};
    expect(field(message, 'UniqueID')).toBe('1700000000.16');
  });

  it('gives the same messages whatever the cut, at every position of the text, even inside "\\r\\n"', () => {
    const text = BANNER + join + varset;
    const whole = parseAll([text]);
    for (let cut = 1; cut < text.length; cut++) expect(parseAll([text.slice(0, cut), text.slice(cut)]), `cut at ${cut}`).toEqual(whole);
    expect(parseAll([...text])).toEqual(whole);
  });

  it('gives the same messages for any cutting of a recorded sequence (property)', () => {
    const text = BANNER + Object.values(loadAmiFixture('call-life.ami')).join('');
    const whole = parseAll([text]);
    expect(whole.filter((f) => f.kind === 'message')).toHaveLength(12);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: text.length - 1 }), { maxLength: 40 }), (cuts) => {
        const sorted = [0, ...cuts.sort((a, b) => a - b), text.length];
        const chunks = sorted.slice(1).map((end, i) => text.slice(sorted[i], end));
        expect(parseAll(chunks)).toEqual(whole);
      }),
    );
  });

  it('reads "\\n" line ends as "\\r\\n" ones', () => {
    expect(parseAll([(BANNER + join).replaceAll('\r\n', '\n')])).toEqual(parseAll([BANNER + join]));
  });

  it('skips a line without "Key:" and counts it, keeping the rest of the message', () => {
    const parser = fresh();
    const frames = parseAll([BANNER, 'Event: Hold\r\nthis line has no key\r\n: nor this\r\nUniqueid: 1.2\r\n\r\n'], parser);
    expect(frames[1]).toEqual({ kind: 'message', message: { event: 'Hold', uniqueid: '1.2' } });
    expect(parser.counts.malformedLines).toBe(2);
  });

  it('drops a message over the size limit, counts it once, and reads the next one whole', () => {
    const parser = fresh(200);
    const big = `Event: VarSet\r\nValue: ${'x'.repeat(300)}\r\nMore: y\r\n\r\n`;
    const frames = parseAll([BANNER, big, join], parser);
    expect(frames.map((f) => (f.kind === 'message' ? f.message['event'] : f.kind))).toEqual(['banner', 'QueueCallerJoin']);
    expect(parser.counts.oversized).toBe(1);
  });

  it('does not buffer a line that never ends: it is dropped and its end is not taken for a blank line', () => {
    const parser = fresh(200);
    const frames: AmiFrame[] = parseAll([BANNER, 'Event: Junk\r\nValue: '], parser);
    for (let i = 0; i < 50; i++) frames.push(...parser.push('z'.repeat(100)));
    frames.push(...parser.push('\r\nTail: of the junk message\r\n\r\n' + join));
    expect(frames.filter((f) => f.kind === 'message').map((f) => (f.kind === 'message' ? f.message['event'] : ''))).toEqual(['QueueCallerJoin']);
    expect(parser.counts.oversized).toBe(1);
  });

  it('starts over on reset(): a half-read message of the last connection is forgotten', () => {
    const parser = fresh();
    parser.push(BANNER + 'Event: Hold\r\nUniqueid: 1.');
    parser.reset();
    expect(parser.push(BANNER + join).map((f) => f.kind)).toEqual(['banner', 'message']);
  });
});

describe('AMI actions', () => {
  it('are "Key: Value" lines ended by an empty line', () => {
    expect(formatAction({ Action: 'Ping', ActionID: '7' })).toBe('Action: Ping\r\nActionID: 7\r\n\r\n');
  });

  it('refuse a line break in a value, without repeating the value', () => {
    expect(() => formatAction({ Action: 'Login', Secret: 'abc\r\nAction: Originate' })).toThrow(AmiFormatError);
    expect(() => formatAction({ Action: 'Login', Secret: 'abc\nX' })).toThrow(/field "Secret" holds a line break/);
    try {
      formatAction({ Secret: 'hunter2\n' });
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});
