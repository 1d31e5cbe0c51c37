// Reading one queue's form: the names (both languages or neither), seconds to ms and percent to
// a fraction; a blank figure is left out, so the queue uses the floor-wide one.
import type { QueueSettingInput } from '../../../server/contract/queue-settings.js';
import { fieldOf } from '../form-fields.js';

export type FormResult = { ok: true; setting: QueueSettingInput } | { ok: false; reason: 'bothNames' };

/** A number field: blank is "not set"; anything else goes to the server, which names what it refuses. */
function numberOf(data: FormData, field: string, scale: number): number | undefined {
  const raw = fieldOf(data, field).trim();
  if (raw === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? Math.round(value * scale * 1e6) / 1e6 : NaN;
}

export function settingOf(data: FormData): FormResult {
  const zh = fieldOf(data, 'zh').trim();
  const en = fieldOf(data, 'en').trim();
  if ((zh === '') !== (en === '')) return { ok: false, reason: 'bothNames' };
  const setting: QueueSettingInput = {};
  if (zh !== '') setting.name = { zh, en };
  const sl = numberOf(data, 'slSeconds', 1000);
  if (sl !== undefined) setting.serviceLevelMs = Math.round(sl);
  const target = numberOf(data, 'targetPercent', 0.01);
  if (target !== undefined) setting.serviceLevelTarget = target;
  const short = numberOf(data, 'shortSeconds', 1000);
  if (short !== undefined) setting.shortAbandonMs = Math.round(short);
  return { ok: true, setting };
}

/** A figure as the form shows it: ms as seconds, a fraction as percent, unset as blank. */
export const seconds = (ms: number | undefined): string => (ms === undefined ? '' : String(ms / 1000));
export const percent = (fraction: number | undefined): string => (fraction === undefined ? '' : String(Math.round(fraction * 10_000) / 100));
