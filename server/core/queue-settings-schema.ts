// The one schema of per-queue settings: a queue's display names (zh and en), its service-level
// threshold and target, and its short-abandon threshold. It validates the config file's
// `queues`, the admin's PUT, the stream entry that carries an admin's change and the checkpoint.
import { z } from 'zod';
import { MAX_ID } from './event-fast-decode.js';

/** The longest display name, in characters: a TV row has room for about this. */
export const MAX_QUEUE_NAME = 64;
/** The most queues one settings record may name; a large centre runs a few hundred queues. */
export const MAX_QUEUE_SETTINGS = 2_000;
/** Thresholds above an hour are a typo (ms for s), not a service level. */
const MAX_THRESHOLD_MS = 3_600_000;

// Text only: control characters (line breaks, bidi overrides) have no place in a one-line name.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const displayName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(MAX_QUEUE_NAME, `longer than ${MAX_QUEUE_NAME} characters`)
  .refine((s) => !CONTROL.test(s), 'must not hold control or direction characters');

export const queueNameSchema = z.strictObject({
  /** Shown on a zh-CN screen. */
  zh: displayName,
  /** Shown on an English screen. */
  en: displayName,
});
export type QueueName = z.infer<typeof queueNameSchema>;

export const queueSettingSchema = z.strictObject({
  name: queueNameSchema.optional(),
  serviceLevelMs: z.number().int().positive('must be above 0').max(MAX_THRESHOLD_MS, 'at most an hour (3600000)').optional(),
  serviceLevelTarget: z.number().min(0).max(1, 'a fraction 0..1').optional(),
  shortAbandonMs: z.number().int().min(0).max(MAX_THRESHOLD_MS, 'at most an hour (3600000)').optional(),
});
export type QueueSetting = z.infer<typeof queueSettingSchema>;

const queueId = z.string().trim().min(1, 'must not be empty').max(MAX_ID, `longer than ${MAX_ID} characters`);

/** queue id → its settings; a queue not named uses the floor-wide values. */
export const queueSettingsSchema = z
  .record(queueId, queueSettingSchema)
  .refine((r) => Object.keys(r).length <= MAX_QUEUE_SETTINGS, `more than ${MAX_QUEUE_SETTINGS} queues`);
export type QueueSettings = z.infer<typeof queueSettingsSchema>;

/** The settings an admin saved, as the stream applied them; `version` counts the saves. */
export const appliedQueueSettingsSchema = z.object({ version: z.number().int().min(1), queues: queueSettingsSchema });
export type AppliedQueueSettings = z.infer<typeof appliedQueueSettingsSchema>;

/** The `type` field of the stream entry that carries an admin's settings; not a contract event, so no producer's adapter can write one. */
export const QUEUE_SETTINGS_ENTRY_TYPE = 'wallboard.queue_settings';

/** The stream fields of a settings change. */
export function encodeQueueSettingsEntry(settings: AppliedQueueSettings): Record<string, string> {
  return { type: QUEUE_SETTINGS_ENTRY_TYPE, version: String(settings.version), queues: JSON.stringify(settings.queues) };
}

export function isQueueSettingsEntry(fields: Readonly<Record<string, string>>): boolean {
  return fields['type'] === QUEUE_SETTINGS_ENTRY_TYPE;
}

/** Reads a settings entry's fields; a reason naming the field when they do not fit. */
export function decodeQueueSettingsEntry(fields: Readonly<Record<string, string>>): { ok: true; settings: AppliedQueueSettings } | { ok: false; reason: string } {
  let queues: unknown;
  try {
    queues = JSON.parse(fields['queues'] ?? '');
  } catch {
    return { ok: false, reason: 'queue settings: field "queues": not JSON' };
  }
  const parsed = appliedQueueSettingsSchema.safeParse({ version: Number(fields['version']), queues });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, reason: `queue settings: field "${issue.path.join('.')}": ${issue.message}` };
  }
  return { ok: true, settings: parsed.data };
}
