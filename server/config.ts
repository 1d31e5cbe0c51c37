// The server's configuration: documented defaults, overridden by a JSON file (KPI targets,
// thresholds, time zone, tuning) and by environment variables (where to listen and which
// Redis). Validated once at start-up; an error names the file, the field, the value and why.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_STREAM_KEY } from './contract/constants.js';
import { AGENT_STATES, type AgentState } from './contract/vocabulary.js';
import { DEFAULT_CORE_CONFIG, DEFAULT_TARGETS, type CoreConfig } from './core/core-config.js';
import { queueSettingsSchema } from './core/queue-settings-schema.js';
import { ALARM_STREAM_PREFIX, isAlarmStream } from './core/alarm-log.js';
import { alarmRulesSchema, type AlarmRulesConfig } from './core/alarm-rules.js';
import { assertTimeZone } from './core/windows.js';
import { httpIngestConfig, httpIngestFileSchema, ingestTokenProblem, type HttpIngestConfig } from './ingest/http-ingest-config.js';
import { LOG_LEVELS, type LogLevel } from './log.js';
import { configuredAdapterSchema, resolveConfiguredAdapter, type ConfiguredAdapter } from './ingest/in-process.js';
import { alertsConfig, alertsFileSchema, type AlertsConfig } from './alerts/alert-config.js';
import { reportConfig, reportFileSchema, type ReportConfig } from './report/report-config.js';
import { accessFileSchema, adminTokenProblem, DEFAULT_ACCESS_CONFIG, type AccessConfig } from './auth/access-config.js';
import { parseHostPorts, type HostPort } from './redis/host-ports.js';
import { hashTagOf } from './redis/keys.js';
import { parseSentinels, type SentinelConfig } from './redis/sentinel-config.js';
import { DEFAULT_SOURCE_JUDGEMENT, type SourceJudgement } from './source-monitor.js';
import { normaliseOrigin } from './realtime/origin-check.js';
import { DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_SOCKET_LIMITS, type SocketLimits } from './realtime/socket-guard.js';

export interface ServerConfig {
  /** HTTP port; 0 picks a free one. @default 3000 (env PORT) */
  port: number;
  /** Interface to listen on. @default "0.0.0.0" (env HOST) */
  host: string;
  /** Redis to use; null starts a private redis-server. @default null (env REDIS_URL) */
  redisUrl: string | null;
  /** Redis through Sentinel instead: the sentinels and the master's name (REDIS_URL is not used then). @default null (env REDIS_SENTINELS, REDIS_MASTER_NAME "wallboard") */
  redisSentinel: SentinelConfig | null;
  /** Redis Cluster instead: some of its nodes, from which ioredis learns the rest (REDIS_URL is not used then). @default null (env REDIS_CLUSTER_NODES) */
  redisCluster: HostPort[] | null;
  /** Where the private redis-server keeps its append-only file. @default ".data/redis" (env DATA_DIR + "/redis") */
  redisDataDir: string;
  /** Streams to consume: the contract's default key, or one per partition. @default ["wallboard:events"] (env STREAM_KEYS, comma-separated) */
  streams: string[];
  /** Consumer group; processes sharing it share one aggregate (one active at a time). @default "wallboard" (env CONSUMER_GROUP) */
  group: string;
  /** Entries read per XREADGROUP. @default 1000 */
  batchSize: number;
  /** XREADGROUP BLOCK timeout. @default 1000 */
  blockMs: number;
  /** How often the aggregate state is checkpointed to Redis; stretched to 100× the time a checkpoint takes, so a large state costs at most ~1 % of the loop (and a restart replays a few seconds more). @default 1000 */
  checkpointIntervalMs: number;
  /** Stream entries older than this are trimmed (XTRIM MINID). Keep above a day so a fresh server can rebuild today. @default 48 h */
  retentionMs: number;
  /** How often to trim. @default 60000 */
  trimIntervalMs: number;
  /** Dead-letter stream entries kept (approximate MAXLEN); each is cut to about 40 KB at most, so the stream stays under about 400 MB. @default 10000 */
  deadLetterMaxLen: number;
  /** Lease on the group's aggregate; a standby takes over when it is not renewed for this long. @default 10000 */
  leaseMs: number;
  /** Deltas to a view at most this often (6.7 a second: an event waits at most this long for the next push, and the TV draws a delta in under half what it took when this was 200). @default 150 */
  pushIntervalMs: number;
  /** Browser origins (scheme://host:port) allowed to open a Socket.IO connection besides the server's own; a foreign Origin is refused at the handshake. @default [] (env ALLOWED_ORIGINS, comma-separated) */
  allowedOrigins: string[];
  /**
   * Socket limits (config file `socket`): the largest message a client may send, its unsent buffer, its subscribe/resync rate; the distinct views
   * served at once and the connections one address may hold. @default maxMessageBytes 98304, maxBufferedBytes 4 MiB, requestsPerSecond 2,
   * requestBurst 10, floodDisconnectAfter 20, maxViews 500, maxConnectionsPerAddress 200
   */
  socket: SocketLimits & { maxMessageBytes: number };
  /** Where the built wallboard is served from. @default "dist/wallboard" */
  staticDir: string;
  /** json or pretty. @default json unless stdout is a terminal (env LOG_FORMAT) */
  logFormat: 'json' | 'pretty';
  /** Log lines below this level are dropped: debug, info, warn or error. @default "info" (env LOG_LEVEL) */
  logLevel: LogLevel;
  /** How the board judges the PBX adapters feeding it: gone, quiet, forgotten. @default goneAfterMs 20 s, quietAfterMs 10 min, forgetAfterMs 24 h, pollMs 2 s */
  sources: SourceJudgement;
  /** PBX adapters to run inside the server process (config file `ingest.adapters`); none by default. */
  adapters: ConfiguredAdapter[];
  /** The file the settings came from, if any. */
  configFile: string | null;
  core: CoreConfig;
  /** Sessions, tokens, cookies and the login throttle (the config file's `access` section, env WALLBOARD_ADMIN_TOKEN, SESSION_SECRET, PUBLIC_URL). */
  access: AccessConfig;
  /** Express's `trust proxy`: which proxies' X-Forwarded-For / -Proto to believe (a hop count, or addresses); false trusts none. @default false (env TRUST_PROXY) */
  trustProxy: boolean | number | string;
  /** Serve HTTPS with this certificate and key (PEM files); cookies become Secure and HSTS is sent. @default null (env TLS_CERT, TLS_KEY) */
  tls: { certFile: string; keyFile: string } | null;
  /**
   * The alarm rules (the config file's `alarms` section: each queue's default `rules`, per-queue overrides in `queues`, the
   * whole floor's totals in `floor`); an admin's rules saved through PUT /api/v1/alarm-rules replace them. @default every
   * rule on with DEFAULT_ALARM_RULES, the floor's as DEFAULT_FLOOR_ALARM_RULES (server/core/alarm-rules.ts)
   */
  alarms: AlarmRulesConfig;
  /** The inputs the server runs itself (the config file's `ingest` section). */
  ingest: {
    /** POST /api/v1/events; off until a token is set (see http-ingest-config.ts for each field's default). */
    http: HttpIngestConfig;
  };
  /** Alarm transitions sent out to webhooks (the config file's `alerts` section; see alerts/alert-config.ts for each field's default). @default no hooks */
  alerts: AlertsConfig;
  /** The morning report (the config file's `report` section: chromiumPath, pdfTimeoutMs, webhook). @default Chromium at "/usr/bin/chromium" (env CHROMIUM_PATH), 30 s a print, no webhook */
  report: ReportConfig;
  /** The day history (the config file's `history` section; docs/history.md). */
  history: HistoryConfig;
}

export interface HistoryConfig {
  /** Days a day's record is kept in Redis after the day ended (then it expires). @default 400 */
  retentionDays: number;
  /** Least time between two writes of today's record (it is also written at a clean stop). @default 60000 */
  writeIntervalMs: number;
}

export const DEFAULT_HISTORY_CONFIG: HistoryConfig = { retentionDays: 400, writeIntervalMs: 60_000 };

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const positiveMs = z.number().int().positive();
const targetSchema = z.strictObject({ target: z.number().min(0), riskMargin: z.number().min(0) });
const rateTarget = targetSchema.refine((t) => t.target <= 1, 'a rate target is a fraction 0..1');

/** An agent state's times in state (ms) past which it is marked "long", then "very long": none, one or two, ascending. */
const timeLevelsSchema = z
  .array(positiveMs)
  .max(2, 'at most two: "long" and "very long"')
  .refine((levels) => levels.every((ms, i) => i === 0 || ms > levels[i - 1]!), 'ascending: "long" before "very long"');

/** What a config file may set; every field optional, unknown fields rejected. */
const fileSchema = z.strictObject({
  timeZone: z
    .string()
    .refine((tz) => {
      try {
        assertTimeZone(tz);
        return true;
      } catch {
        return false;
      }
    }, 'not an IANA time zone Intl knows')
    .optional(),
  serviceLevelMs: positiveMs.optional(),
  serviceLevelTarget: z.number().min(0).max(1, 'a fraction 0..1').optional(),
  shortAbandonMs: z.number().int().min(0).optional(),
  holdCheckIntervalMs: positiveMs.optional(),
  callExpiryMs: positiveMs.optional(),
  endedRetentionMs: positiveMs.optional(),
  complaintReplyMs: positiveMs.optional(),
  maxClockAheadMs: z.number().int().min(0).optional(),
  limits: z
    .strictObject({
      queues: z.number().int().positive().optional(),
      agents: z.number().int().positive().optional(),
      teams: z.number().int().positive().optional(),
      complaints: z.number().int().positive().optional(),
    })
    .optional(),
  offlineAgentForgetMs: positiveMs.optional(),
  silentAgentForgetMs: positiveMs.optional(),
  timeInState: z
    .strictObject({
      ...(Object.fromEntries(AGENT_STATES.map((state) => [state, timeLevelsSchema.optional()])) as Record<AgentState, z.ZodOptional<typeof timeLevelsSchema>>),
      /** A pause reason's own times ("lunch": 30 and 60 minutes), by the reason's text in any case. */
      pauseReasons: z
        .record(z.string().trim().min(1).max(256), timeLevelsSchema)
        .refine((r) => Object.keys(r).length <= 100, 'at most 100 pause reasons')
        .optional(),
    })
    .optional(),
  targets: z
    .strictObject({
      systemConnect: rateTarget.optional(),
      agentConnect: rateTarget.optional(),
      vipConnect: rateTarget.optional(),
      satisfaction: targetSchema.refine((t) => t.target <= 100, 'satisfaction is 0..100 points').optional(),
      complaintReply: rateTarget.optional(),
      firstContactResolution: rateTarget.optional(),
      holdCheckOnTime: rateTarget.optional(),
    })
    .optional(),
  /** Per-queue names and thresholds: `queues: { billing: { name: { zh, en }, serviceLevelMs, serviceLevelTarget, shortAbandonMs } }`. */
  queues: queueSettingsSchema.optional(),
  streams: z.array(z.string().min(1)).min(1).optional(),
  group: z.string().min(1).optional(),
  batchSize: z.number().int().min(1).max(10_000).optional(),
  blockMs: z.number().int().min(10).max(60_000).optional(),
  checkpointIntervalMs: positiveMs.optional(),
  retentionMs: z.number().int().min(3600_000, 'at least an hour').optional(),
  trimIntervalMs: positiveMs.optional(),
  deadLetterMaxLen: z.number().int().min(100).optional(),
  leaseMs: z.number().int().min(1000).optional(),
  pushIntervalMs: z.number().int().min(50).max(10_000).optional(),
  allowedOrigins: z.array(z.string().refine((o) => normaliseOrigin(o) !== null, 'an origin: scheme://host[:port]')).optional(),
  socket: z
    .strictObject({
      maxMessageBytes: z.number().int().min(1024).max(1_048_576).optional(),
      maxBufferedBytes: z.number().int().min(65_536).optional(),
      requestsPerSecond: z.number().positive().optional(),
      requestBurst: z.number().int().min(1).optional(),
      floodDisconnectAfter: z.number().int().min(1).optional(),
      maxViews: z.number().int().min(1).optional(),
      maxConnectionsPerAddress: z.number().int().min(1).optional(),
    })
    .optional(),
  access: accessFileSchema.optional(),
  alarms: alarmRulesSchema.optional(),
  sources: z
    .strictObject({
      goneAfterMs: z.number().int().min(6000, 'adapters report every 5 s: at least 6000').optional(),
      quietAfterMs: z.number().int().min(0).optional(),
      forgetAfterMs: positiveMs.optional(),
      pollMs: z.number().int().min(500).max(5000).optional(),
    })
    .optional(),
  ingest: z
    .strictObject({
      adapters: z.array(configuredAdapterSchema).optional(),
      http: httpIngestFileSchema.optional(),
    })
    .optional(),
  alerts: alertsFileSchema.optional(),
  report: reportFileSchema.optional(),
  history: z
    .strictObject({
      retentionDays: z.number().int().min(1).max(3660).optional(),
      writeIntervalMs: z.number().int().min(1000).optional(),
    })
    .optional(),
});
export type ConfigFile = z.input<typeof fileSchema>;

/** Fields whose value an error message never shows. */
// A hook's URL is a secret too: a robot's carries its access key.
const SECRET_FIELDS = new Set<PropertyKey>(['token', 'sessionSecret', 'secret', 'url']);

function hideSecrets(field: PropertyKey, value: unknown): string | undefined {
  if (SECRET_FIELDS.has(field)) return '(not shown)';
  return JSON.stringify(value, (key, v: unknown) => (SECRET_FIELDS.has(key) ? '(not shown)' : v));
}

function describeIssues(error: z.ZodError, source: string, raw: unknown): string {
  return error.issues
    .map((i) => {
      const field = i.path.join('.') || '(root)';
      let value: unknown = raw;
      for (const p of i.path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[p] : undefined;
      const shown = i.code === 'unrecognized_keys' ? i.keys.join(', ') : hideSecrets(i.path.at(-1) ?? '', value);
      return `${source}: field "${field}" = ${shown}: ${i.message}`;
    })
    .join('\n');
}

function readFile(path: string): ConfigFile {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${path}: cannot read as JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) throw new ConfigError(describeIssues(parsed.error, path, raw));
  return parsed.data;
}

/** What the configuration is read from; main.ts passes the process's own. */
export interface ConfigSource {
  /** The environment variables. */
  env: Readonly<Record<string, string | undefined>>;
  /** Where a relative CONFIG_FILE, DATA_DIR and the built wallboard are found. */
  cwd: string;
  /** Whether stdout is a terminal: the log format defaults to pretty there. */
  stdoutIsTTY: boolean;
}

function envInt(env: ConfigSource['env'], name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(`environment: ${name} = "${raw}": must be a whole number`);
  return Number(raw);
}

function envLogLevel(env: ConfigSource['env']): LogLevel {
  const raw = env['LOG_LEVEL'];
  if (raw === undefined || raw === '') return 'info';
  const level = LOG_LEVELS.find((l) => l === raw);
  if (!level) throw new ConfigError(`environment: LOG_LEVEL = "${raw}": must be ${LOG_LEVELS.slice(0, -1).join(', ')} or ${LOG_LEVELS.at(-1)}`);
  return level;
}

function envOrigins(raw: string): string[] {
  const origins = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = origins.find((o) => normaliseOrigin(o) === null);
  if (bad !== undefined) throw new ConfigError(`environment: ALLOWED_ORIGINS: "${bad}": must be an origin, scheme://host[:port]`);
  return origins;
}

/** Builds the configuration from the environment and the config file it names (CONFIG_FILE, else ./wallboard.config.json if present). */
export function loadConfig({ env, cwd, stdoutIsTTY }: ConfigSource): ServerConfig {
  const explicit = env['CONFIG_FILE'];
  const candidate = resolve(cwd, explicit ?? 'wallboard.config.json');
  if (explicit && !existsSync(candidate)) throw new ConfigError(`CONFIG_FILE: ${candidate}: no such file`);
  const configFile = existsSync(candidate) ? candidate : null;
  const file = configFile ? readFile(configFile) : {};
  let redisSentinel: SentinelConfig | null = null;
  if (env['REDIS_SENTINELS']) {
    const sentinels = parseSentinels(env['REDIS_SENTINELS']);
    if (typeof sentinels === 'string') throw new ConfigError(`environment: REDIS_SENTINELS: ${sentinels}`);
    redisSentinel = { sentinels, name: env['REDIS_MASTER_NAME'] || 'wallboard' };
  }
  let redisCluster: HostPort[] | null = null;
  if (env['REDIS_CLUSTER_NODES']) {
    const nodes = parseHostPorts(env['REDIS_CLUSTER_NODES']);
    if (typeof nodes === 'string') throw new ConfigError(`environment: REDIS_CLUSTER_NODES: ${nodes}`);
    if (redisSentinel) throw new ConfigError('environment: REDIS_CLUSTER_NODES and REDIS_SENTINELS: set one (a Cluster fails over by itself), not both');
    redisCluster = nodes;
  }
  // Through Sentinel or a Cluster, REDIS_URL is not where Redis is; a placeholder keeps the private Redis off.
  const redisUrl = env['REDIS_URL'] || (redisSentinel ? 'redis://sentinel' : redisCluster ? 'redis://cluster' : null);
  if (redisUrl && !/^rediss?:\/\//.test(redisUrl)) throw new ConfigError(`environment: REDIS_URL = "${redisUrl}": must start with redis:// or rediss://`);
  const logFormat = env['LOG_FORMAT'] ?? (stdoutIsTTY ? 'pretty' : 'json');
  if (logFormat !== 'json' && logFormat !== 'pretty') throw new ConfigError(`environment: LOG_FORMAT = "${logFormat}": must be json or pretty`);
  const streams = env['STREAM_KEYS']
    ? env['STREAM_KEYS']
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : (file.streams ?? [DEFAULT_STREAM_KEY]);
  if (redisCluster) assertOneSlot(streams);
  const serverOwn = streams.find(isAlarmStream);
  if (serverOwn !== undefined)
    throw new ConfigError(`streams: "${serverOwn}": keys starting "${ALARM_STREAM_PREFIX}" are the server's own alarm stream, not an event stream`);
  const envToken = env['WALLBOARD_INGEST_TOKEN'] || undefined;
  const tokenProblem = envToken === undefined ? null : ingestTokenProblem(envToken);
  if (tokenProblem) throw new ConfigError(`environment: WALLBOARD_INGEST_TOKEN (not shown): ${tokenProblem}`);
  const adminToken = env['WALLBOARD_ADMIN_TOKEN'] || null;
  const adminProblem = adminToken === null ? null : adminTokenProblem(adminToken);
  if (adminProblem) throw new ConfigError(`environment: WALLBOARD_ADMIN_TOKEN (not shown): ${adminProblem}`);
  const tls = tlsFiles(env, cwd);
  const {
    targets,
    streams: _s,
    group,
    sources,
    ingest,
    allowedOrigins: fileOrigins,
    socket,
    access,
    limits,
    timeInState,
    queues,
    alerts,
    alarms,
    report,
    history,
    ...rest
  } = file;
  const publicUrl = env['PUBLIC_URL'] || access?.publicUrl || null;
  if (publicUrl !== null && normaliseOrigin(publicUrl) === null) throw new ConfigError(`PUBLIC_URL = "${publicUrl}": must be a URL, scheme://host[:port]`);
  const allowedOrigins = env['ALLOWED_ORIGINS'] ? envOrigins(env['ALLOWED_ORIGINS']) : (fileOrigins ?? []);
  let adapters: ConfiguredAdapter[];
  try {
    adapters = (ingest?.adapters ?? []).map((entry, i) => resolveConfiguredAdapter(entry, `ingest.adapters[${i}]`));
  } catch (error) {
    throw new ConfigError(`${configFile}: ${(error as Error).message}`);
  }
  const core: CoreConfig = {
    ...DEFAULT_CORE_CONFIG,
    ...pick(rest, [
      'timeZone',
      'serviceLevelMs',
      'serviceLevelTarget',
      'shortAbandonMs',
      'holdCheckIntervalMs',
      'callExpiryMs',
      'endedRetentionMs',
      'complaintReplyMs',
      'maxClockAheadMs',
      'offlineAgentForgetMs',
      'silentAgentForgetMs',
    ]),
    limits: { ...DEFAULT_CORE_CONFIG.limits, ...limits },
    targets: { ...DEFAULT_TARGETS, ...(targets as Partial<CoreConfig['targets']>) },
    timeInState: { ...DEFAULT_CORE_CONFIG.timeInState, ...timeInState },
    queues: queues ?? {},
  };
  return {
    port: envInt(env, 'PORT', 3000),
    host: env['HOST'] ?? '0.0.0.0',
    redisUrl,
    redisSentinel,
    redisCluster,
    redisDataDir: resolve(cwd, env['DATA_DIR'] ?? '.data', 'redis'),
    streams,
    group: env['CONSUMER_GROUP'] ?? group ?? 'wallboard',
    batchSize: rest.batchSize ?? 1000,
    blockMs: rest.blockMs ?? 1000,
    checkpointIntervalMs: rest.checkpointIntervalMs ?? 1000,
    retentionMs: rest.retentionMs ?? 48 * 3600_000,
    trimIntervalMs: rest.trimIntervalMs ?? 60_000,
    deadLetterMaxLen: rest.deadLetterMaxLen ?? 10_000,
    leaseMs: rest.leaseMs ?? 10_000,
    pushIntervalMs: rest.pushIntervalMs ?? 150,
    allowedOrigins,
    socket: { maxMessageBytes: DEFAULT_MAX_MESSAGE_BYTES, ...DEFAULT_SOCKET_LIMITS, ...socket },
    staticDir: resolve(cwd, 'dist/wallboard'),
    logFormat,
    logLevel: envLogLevel(env),
    sources: { ...DEFAULT_SOURCE_JUDGEMENT, ...sources },
    adapters,
    configFile,
    core,
    ingest: { http: httpIngestConfig(ingest?.http, envToken) },
    alerts: alertsConfig(alerts),
    report: reportConfig(report, env['CHROMIUM_PATH']),
    alarms: alarms ?? {},
    history: { ...DEFAULT_HISTORY_CONFIG, ...history },
    access: {
      ...DEFAULT_ACCESS_CONFIG,
      ...access,
      loginThrottle: { ...DEFAULT_ACCESS_CONFIG.loginThrottle, ...access?.loginThrottle },
      adminToken,
      sessionSecret: env['SESSION_SECRET'] || null,
      secureCookies: access?.secureCookies ?? tls !== null,
      publicUrl,
    },
    trustProxy: envTrustProxy(env['TRUST_PROXY']),
    tls,
  };
}

/** One blocking read takes every stream, and on a Cluster one command's keys must share a slot: the streams must share a hash tag. */
function assertOneSlot(streams: readonly string[]): void {
  const tags = new Set(streams.map(hashTagOf));
  if (tags.size > 1)
    throw new ConfigError(
      `streams ${streams.map((s) => `"${s}"`).join(', ')}: on Redis Cluster the streams are read in one command, so they must share a hash tag, e.g. "wallboard:events:{wb}:q1", "wallboard:events:{wb}:q2"`,
    );
}

/** TRUST_PROXY: "true"/"false", a hop count, or comma-separated addresses/subnets (Express's forms). */
function envTrustProxy(raw: string | undefined): boolean | number | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  return raw;
}

function tlsFiles(env: ConfigSource['env'], cwd: string): ServerConfig['tls'] {
  const cert = env['TLS_CERT'];
  const key = env['TLS_KEY'];
  if (!cert && !key) return null;
  if (!cert || !key) throw new ConfigError('environment: TLS_CERT and TLS_KEY go together: set both (PEM files) or neither');
  for (const [name, file] of [
    ['TLS_CERT', cert],
    ['TLS_KEY', key],
  ] as const)
    if (!existsSync(resolve(cwd, file))) throw new ConfigError(`environment: ${name} = "${file}": no such file`);
  return { certFile: resolve(cwd, cert), keyFile: resolve(cwd, key) };
}

function pick<T extends object, K extends keyof T>(obj: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (obj[k] !== undefined) out[k] = obj[k];
  return out;
}
