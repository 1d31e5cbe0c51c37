// The config file's `alerts` section: the webhooks alarm transitions are sent to, and how hard
// the dispatcher tries. One zod schema validates the file and gives the types; the defaults are
// stated here once. A hook's secret and URL (a robot's URL carries its access key) are never
// logged and never returned by the API.
import { z } from 'zod';
import { ALARM_SEVERITIES, type AlarmSeverity } from '../contract/vocabulary.js';

export const HOOK_KINDS = ['generic', 'wecom', 'dingtalk', 'feishu'] as const;
export type HookKind = (typeof HOOK_KINDS)[number];

export const ALARM_TRANSITIONS = ['alarm.raised', 'alarm.acknowledged', 'alarm.cleared'] as const;
export type AlarmTransitionType = (typeof ALARM_TRANSITIONS)[number];

export const HOOK_LANGS = ['zh-CN', 'en'] as const;
export type HookLang = (typeof HOOK_LANGS)[number];

/** A webhook's address: http or https only. */
export const httpUrl = z.string().refine((u) => {
  try {
    const { protocol } = new URL(u);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}, 'an http:// or https:// URL');

const hookSchema = z
  .strictObject({
    /** Names the hook in the delivery log, the metrics and the idempotency key. */
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'lower-case letters, digits, "-" and "_", at most 40'),
    kind: z.enum(HOOK_KINDS),
    url: httpUrl,
    /** generic: the HMAC key (required); dingtalk, feishu: the robot's signing secret (optional); wecom: none. */
    secret: z.string().min(1).optional(),
    lang: z.enum(HOOK_LANGS).default('zh-CN'),
    transitions: z
      .array(z.enum(ALARM_TRANSITIONS))
      .min(1)
      .default([...ALARM_TRANSITIONS]),
    severities: z
      .array(z.enum(ALARM_SEVERITIES))
      .min(1)
      .default([...ALARM_SEVERITIES]),
  })
  .superRefine(checkHookSecret);

/** The secret a hook's kind needs: a generic hook is signed with one; a WeCom robot has none. Shared with the morning webhook (report-config.ts). */
export function checkHookSecret(hook: { kind: HookKind; secret?: string | undefined }, ctx: z.RefinementCtx): void {
  if (hook.kind === 'generic' && (hook.secret === undefined || hook.secret.length < 16))
    ctx.addIssue({ code: 'custom', path: ['secret'], message: 'a generic hook is signed: a secret of at least 16 characters' });
  if (hook.kind === 'wecom' && hook.secret !== undefined)
    ctx.addIssue({ code: 'custom', path: ['secret'], message: 'a WeCom robot has no signing secret (its key is in the URL)' });
}

export type AlertHook = z.output<typeof hookSchema>;

/** The `alerts` section as the config file may write it; every field optional, unknown ones rejected. */
export const alertsFileSchema = z.strictObject({
  hooks: z
    .array(hookSchema)
    .refine((hooks) => new Set(hooks.map((h) => h.id)).size === hooks.length, 'hook ids must be unique')
    .optional(),
  boardName: z.string().min(1).max(60).optional(),
  maxAttempts: z.number().int().min(1).max(30).optional(),
  baseDelayMs: z.number().int().min(10).optional(),
  maxDelayMs: z.number().int().min(10).optional(),
  requestTimeoutMs: z.number().int().min(100).max(60_000).optional(),
  visibilityTimeoutMs: z.number().int().min(1000).optional(),
  consumerPruneAfterMs: z.number().int().min(1000).optional(),
  staleAfterMs: z.number().int().min(1000).optional(),
  maxInFlight: z.number().int().min(1).max(10_000).optional(),
  logMaxLen: z.number().int().min(100).optional(),
});
export type AlertsFile = z.input<typeof alertsFileSchema>;

export interface AlertsConfig {
  /** The webhooks; none by default, and then no dispatcher runs. @default [] */
  hooks: AlertHook[];
  /** The board's name in every message. @default "Wallboard" */
  boardName: string;
  /** Attempts per hook and transition before it is given up (logged, counted, acknowledged): 14 span 15 to 30 minutes. @default 14 */
  maxAttempts: number;
  /** The first retry's delay; each next one doubles, with jitter (half fixed, half random). @default 1000 */
  baseDelayMs: number;
  /** The longest wait between two attempts. @default 300000 */
  maxDelayMs: number;
  /** A hook that has not answered (headers and body) in this long has failed this attempt. @default 10000 */
  requestTimeoutMs: number;
  /** A transition left pending this long by a node that stopped renewing it is taken over by another (XAUTOCLAIM). @default 60000 */
  visibilityTimeoutMs: number;
  /**
   * A consumer in the `alerts` group idle this long with nothing pending (each process joins under a
   * name of its own, so every node that died leaves one) is deleted (XGROUP DELCONSUMER) by
   * whichever node sees it first; what a dead node left pending is taken over first.
   * @default 10 × visibilityTimeoutMs (600000)
   */
  consumerPruneAfterMs: number;
  /** A transition older than this when first read (a backlog from before alerts were set up) is not sent. @default 3600000 */
  staleAfterMs: number;
  /** Transitions in delivery at once on one node; reading waits while it is full. @default 100 */
  maxInFlight: number;
  /** Delivery log entries kept (approximate MAXLEN). @default 5000 */
  logMaxLen: number;
}

export const DEFAULT_ALERTS_CONFIG: AlertsConfig = {
  hooks: [],
  boardName: 'Wallboard',
  maxAttempts: 14,
  baseDelayMs: 1000,
  maxDelayMs: 300_000,
  requestTimeoutMs: 10_000,
  visibilityTimeoutMs: 60_000,
  consumerPruneAfterMs: 600_000,
  staleAfterMs: 3600_000,
  maxInFlight: 100,
  logMaxLen: 5000,
};

/** The section with every default filled in. */
export function alertsConfig(file: AlertsFile | undefined): AlertsConfig {
  // Parsed again (already valid) for the hooks' own defaults: the config file is typed as written.
  const { hooks, ...rest } = alertsFileSchema.parse(file ?? {});
  const config = { ...DEFAULT_ALERTS_CONFIG, ...definedOnly(rest), hooks: hooks ?? [] };
  // Left out, the prune bound follows the takeover time it must outlast.
  if (rest.consumerPruneAfterMs === undefined) config.consumerPruneAfterMs = 10 * config.visibilityTimeoutMs;
  return config;
}

function definedOnly<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** What the API may tell of a hook: no URL (a robot's carries its key) and no secret. */
export interface HookSummary {
  id: string;
  kind: HookKind;
  lang: HookLang;
  transitions: AlarmTransitionType[];
  severities: AlarmSeverity[];
  /** Whether a signing secret is set. */
  signed: boolean;
  /** The URL's host, to tell hooks apart. */
  host: string;
}

export function summariseHook(hook: AlertHook): HookSummary {
  return {
    id: hook.id,
    kind: hook.kind,
    lang: hook.lang,
    transitions: hook.transitions,
    severities: hook.severities,
    signed: hook.secret !== undefined,
    host: new URL(hook.url).host,
  };
}
