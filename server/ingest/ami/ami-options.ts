// The AMI adapter's options: one zod schema for the command line (built from flags and the
// environment) and the server's config file section.
import { z } from 'zod';

const seconds = (what: string) => z.number({ error: `${what} must be a number of seconds` });
const noLineBreak = (what: string) => z.string().refine((s) => !/[\r\n]/.test(s), `${what} must not hold a line break`);

export const amiOptionsSchema = z.object({
  /** The PBX's host name or address. */
  host: z.string().trim().min(1, 'the PBX host is required (--host)'),
  /** The AMI port (manager.conf [general] port). @default 5038 */
  port: z.number({ error: 'must be a port number, 1–65535' }).int().min(1, 'must be a port number, 1–65535').max(65_535, 'must be a port number, 1–65535').default(5038),
  /** The manager.conf user. */
  user: noLineBreak('the user').pipe(z.string().trim().min(1, 'the AMI user is required (--user)')),
  /** Its secret; from AMI_SECRET on the command line, so it stays out of `ps`. Never logged. */
  secret: noLineBreak('the secret').pipe(z.string().min(1, 'the AMI secret is required (AMI_SECRET or --secret)')),
  /** An Unhold followed by a Hold within this is a hold check, not a resume and a new hold. @default 5000 */
  holdCheckWindowMs: seconds('the hold-check window').int().min(0).max(120_000).default(5_000),
  /** A Ping this often; no reply by the next one and the link is taken for dead. @default 20000 */
  pingIntervalMs: seconds('the ping interval').int().min(100).max(600_000).default(20_000),
  /** Reconnect back-off: the first wait, and the longest (a wrong secret is retried this slowly). */
  reconnect: z
    .object({
      /** @default 500 */
      baseMs: z.number().int().min(10).max(60_000).default(500),
      /** @default 30000 */
      maxMs: z.number().int().min(10).max(600_000).default(30_000),
    })
    .default({ baseMs: 500, maxMs: 30_000 }),
  /** Calls and agents followed at most (bounded state); past it the one quiet longest is forgotten. @default 5000 */
  maxCalls: z.number().int().min(10).max(100_000).default(5_000),
  /** @default 5000 */
  maxAgents: z.number().int().min(10).max(100_000).default(5_000),
  /** all: calls, agents and holds; holds: only holds and hold checks, for a site whose queue_log adapter (same source) gives the rest. @default "all" */
  events: z.enum(['all', 'holds'], { error: 'must be all or holds' }).default('all'),
  /** The source status is written this often while idle. @default 5000 */
  heartbeatMs: z.number().int().min(100).max(60_000).default(5_000),
});
export type AmiOptions = z.output<typeof amiOptionsSchema>;

/** A number flag as the schema wants it (NaN, refused by the schema, for a value that is not one). */
function num(value: string | boolean | undefined, scale = 1): number | undefined {
  if (typeof value !== 'string') return undefined;
  return value.trim() === '' ? Number.NaN : Math.round(Number(value) * scale);
}

/** The options from parsed command-line flags and the environment, for the schema to check. */
export function amiOptionsFromFlags(values: Record<string, string | boolean | undefined>, env: Readonly<Record<string, string | undefined>>): unknown {
  const str = (name: string) => (typeof values[name] === 'string' ? values[name] : undefined);
  const reconnectMax = num(values['reconnect-max'], 1000);
  return {
    host: str('host') ?? '',
    port: num(values['port']),
    user: str('user') ?? env['AMI_USER'] ?? '',
    secret: str('secret') ?? env['AMI_SECRET'] ?? '',
    holdCheckWindowMs: num(values['hold-check-window'], 1000),
    pingIntervalMs: num(values['ping-interval'], 1000),
    events: str('events'),
    ...(reconnectMax !== undefined ? { reconnect: { baseMs: 500, maxMs: reconnectMax } } : {}),
  };
}

export const AMI_FLAGS = {
  host: { type: 'string', value: 'host', help: 'the PBX (Asterisk) host name or address' },
  port: { type: 'string', value: 'port', help: 'the AMI port. Default: 5038' },
  user: { type: 'string', value: 'name', help: 'the manager.conf user (or AMI_USER)' },
  secret: { type: 'string', value: 'secret', help: 'its secret; prefer the AMI_SECRET environment variable, which stays out of `ps`' },
  'hold-check-window': {
    type: 'string',
    value: 'seconds',
    help: 'an agent who takes the caller off hold and back on within this made a hold check. Default: 5',
  },
  'ping-interval': { type: 'string', value: 'seconds', help: 'keepalive: a Ping this often; no answer by the next and the link is dropped and retried. Default: 20' },
  events: {
    type: 'string',
    value: 'all|holds',
    help: 'holds: append only holds and hold checks, beside a queue-log adapter with the same --source that gives the calls and agents. Default: all',
  },
  'reconnect-max': { type: 'string', value: 'seconds', help: 'the longest wait between reconnect attempts (back-off with jitter). Default: 30' },
} as const;
