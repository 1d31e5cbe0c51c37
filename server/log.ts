// Structured logging through pino: one JSON line per event in production (or when stdout is not
// a terminal), a readable line in development. Fields carry the IDs an operator searches for.
// The rest of the server sees only the small Logger interface below (message first, then fields).
import { pino, type Logger as PinoLogger } from 'pino';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export interface LoggerOptions {
  /** json: one JSON object a line ({ts, level, msg, …fields}); pretty: "HH:MM:SS level msg key=value". */
  format: 'json' | 'pretty';
  /** Lines below this level are dropped. @default "info" */
  level?: LogLevel;
  /** Where lines go. @default process.stdout */
  write?: (line: string) => void;
  /** The clock that stamps each line. @default Date.now */
  now?: () => number;
}

/** A JSON line as pino writes it, turned into the readable form. */
function pretty(line: string): string {
  const { ts, level, msg, ...rest } = JSON.parse(line) as { ts: string; level: string; msg: string } & LogFields;
  const fields = Object.entries(rest)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(' ');
  return `${ts.slice(11, 19)} ${level.padEnd(5)} ${msg}${fields ? ' ' + fields : ''}`;
}

/**
 * The line's own keys: a field of the same name (an event's `ts`) would be written a second time
 * in the same JSON object, and a reader keeps only the last, losing the line's own time.
 */
const OWN_KEYS: Readonly<Record<string, string>> = { ts: 'eventTs', level: 'levelField', msg: 'msgField' };

/** An Error in a field is logged as its message: the stack is noise in an operator's search. */
function plain(fields: LogFields | undefined): LogFields {
  if (!fields) return {};
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) out[Object.hasOwn(OWN_KEYS, k) ? OWN_KEYS[k]! : k] = v instanceof Error ? v.message : v;
  return out;
}

function wrap(log: PinoLogger): Logger {
  return {
    debug: (msg, fields) => log.debug(plain(fields), msg),
    info: (msg, fields) => log.info(plain(fields), msg),
    warn: (msg, fields) => log.warn(plain(fields), msg),
    error: (msg, fields) => log.error(plain(fields), msg),
    child: (fields) => wrap(log.child(plain(fields))),
  };
}

export function createLogger(options: LoggerOptions, bound: LogFields = {}): Logger {
  const write = options.write ?? ((line: string) => process.stdout.write(line + '\n'));
  const now = options.now ?? Date.now;
  const log = pino(
    {
      level: options.level ?? 'info',
      base: null,
      messageKey: 'msg',
      timestamp: () => `,"ts":"${new Date(now()).toISOString()}"`,
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous, to the given writer: a line is out before the call returns (tests read it at once).
    { write: (chunk: string) => write(options.format === 'pretty' ? pretty(chunk.trimEnd()) : chunk.trimEnd()) },
  );
  return wrap(Object.keys(bound).length > 0 ? log.child(plain(bound)) : log);
}

/** A logger that keeps nothing: for tests that do not look at logs. */
export const silentLogger: Logger = createLogger({ format: 'json', write: () => {} });
