// The logger the server writes through (pino underneath): one JSON object a line with the
// clock's time, the level's name and the fields; levels below the minimum dropped; an Error
// field as its message; a child's fields on each of its lines; the readable form for a terminal.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/log.js';

const T = Date.UTC(2031, 4, 6, 7, 8, 9);

describe('createLogger', () => {
  it('writes one JSON line per event with the given clock, level and fields, and drops lines below the level', () => {
    const lines: string[] = [];
    const log = createLogger({ format: 'json', level: 'info', now: () => T, write: (l) => lines.push(l) }).child({ component: 'consumer' });
    log.debug('not shown');
    log.warn('lost the lease', { holder: 'b/2/x', error: new Error('boom') });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      ts: '2031-05-06T07:08:09.000Z',
      level: 'warn',
      msg: 'lost the lease',
      component: 'consumer',
      holder: 'b/2/x',
      error: 'boom',
    });
  });

  it("renames a field that has the line's own name (an event's ts), so the line keeps its own time", () => {
    const lines: string[] = [];
    createLogger({ format: 'json', now: () => T, write: (l) => lines.push(l) }).info('alarm transition written', {
      type: 'alarm.raised',
      ts: 1796131991302,
      level: 2,
      msg: 'x',
    });
    expect(lines[0]!.match(/"ts":/g)).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      ts: '2031-05-06T07:08:09.000Z',
      level: 'info',
      msg: 'alarm transition written',
      type: 'alarm.raised',
      eventTs: 1796131991302,
      levelField: 2,
      msgField: 'x',
    });
  });

  it('writes "HH:MM:SS level msg key=value" on a terminal', () => {
    const lines: string[] = [];
    createLogger({ format: 'pretty', now: () => T, write: (l) => lines.push(l) }).info('listening', { port: 3000, url: 'http://localhost:3000' });
    expect(lines).toEqual(['07:08:09 info  listening port=3000 url=http://localhost:3000']);
  });
});
