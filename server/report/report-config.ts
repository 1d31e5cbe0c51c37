// The config file's `report` section: how the morning report's PDF is printed, and the optional
// morning webhook that sends yesterday's figures at a set local time.
import { z } from 'zod';
import { checkHookSecret, HOOK_KINDS, HOOK_LANGS, httpUrl, type HookKind, type HookLang } from '../alerts/alert-config.js';

const webhookSchema = z
  .strictObject({
    url: httpUrl,
    at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a local time HH:MM, e.g. "08:30"'),
    kind: z.enum(HOOK_KINDS),
    /** generic: the HMAC key (required); dingtalk, feishu: the robot's signing secret (optional); wecom: none. */
    secret: z.string().min(1).optional(),
    lang: z.enum(HOOK_LANGS).default('zh-CN'),
  })
  // The same rules as the alarm hooks'.
  .superRefine(checkHookSecret);

export const reportFileSchema = z.strictObject({
  chromiumPath: z.string().min(1).optional(),
  pdfTimeoutMs: z.number().int().min(1000).max(300_000).optional(),
  webhook: webhookSchema.optional(),
});

/** Where and when the morning figures go. */
export interface ReportWebhook {
  url: string;
  /** Local time (the board's zone) it is sent each day, HH:MM. */
  at: string;
  kind: HookKind;
  secret?: string;
  lang: HookLang;
}

export interface ReportConfig {
  /** The Chromium the PDF printer launches (GET /api/v1/report.pdf). @default "/usr/bin/chromium" (env CHROMIUM_PATH) */
  chromiumPath: string;
  /** How long one PDF may take to print (launch, load, draw, print), in ms; then 503. @default 30000 */
  pdfTimeoutMs: number;
  /** The morning webhook: yesterday's KPIs against their targets and the report's link, at `at` each day. @default null (none) */
  webhook: ReportWebhook | null;
}

export const DEFAULT_CHROMIUM_PATH = '/usr/bin/chromium';

export function reportConfig(file: z.input<typeof reportFileSchema> | undefined, envChromium: string | undefined): ReportConfig {
  return {
    chromiumPath: envChromium || file?.chromiumPath || DEFAULT_CHROMIUM_PATH,
    pdfTimeoutMs: file?.pdfTimeoutMs ?? 30_000,
    webhook: file?.webhook ? { ...file.webhook, lang: file.webhook.lang ?? 'zh-CN' } : null,
  };
}
