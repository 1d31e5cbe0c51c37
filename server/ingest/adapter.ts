// What every PBX adapter is to the two places that run one: the `npm run ingest` command line
// and the server process (when its config file has an `ingest` section). Each adapter states its
// options once as a zod schema; the CLI builds them from flags, the server from its config file.
import type { RedisConnection } from '../redis/connection.js';
import type { z } from 'zod';
import type { Logger } from '../log.js';
import type { SourceReporter } from './source-status.js';

/** What an adapter is given to run with. */
export interface AdapterDeps {
  /** A Redis connection of the adapter's own; the adapter disconnects it when it stops. */
  redis: RedisConnection;
  /** The stream the events go to. */
  stream: string;
  /** The source name: prefixes call ids and names the source on the board. */
  source: string;
  log: Logger;
  /** The wall clock (ms). */
  now: () => number;
  /** Host name and process id, shown to the operator in the source status. */
  host: string;
  pid: number;
}

/** An adapter that is running. */
export interface RunningAdapter {
  /** Its counts and link state (also published to Redis for the server). */
  readonly reporter: SourceReporter;
  /** Stops after the write in flight; resolves when stopped. */
  stop(): Promise<void>;
  /** Settles when the adapter ends by itself (a replay reached the end of its file) or fails for good. */
  readonly done: Promise<void>;
  /** One line for the log and the terminal: what was appended and skipped. */
  summary(): string;
}

/** A flag of the command line; `--help` is generated from these. */
export interface FlagSpec {
  type: 'string' | 'boolean';
  /** The placeholder shown in --help ("path", "n"). */
  value?: string;
  help: string;
}

/** One adapter kind, as the CLI and the server know it. */
export interface AdapterKind<S extends z.ZodType = z.ZodType> {
  /** The command name: `npm run ingest -- <name>`. */
  name: string;
  /** One line for the command list. */
  summary: string;
  /** The adapter's own flags (the shared ones, --source, --stream and --help, are added by the CLI). */
  flags: Record<string, FlagSpec>;
  /** Options from parsed flags and the environment (e.g. a secret); validated by `schema` afterwards. */
  fromFlags(values: Record<string, string | boolean | undefined>, env: Readonly<Record<string, string | undefined>>): unknown;
  /** The options, validated and typed; the server's config file section uses the same schema. */
  schema: S;
  start(options: z.output<S>, deps: AdapterDeps): RunningAdapter;
}
