// How far a queue is short of the agents the staffing hint says it needs now, and the mark that
// says so on the TV and the tablet: a person with a plus, beside the words (not colour alone).
import { html, svg, type TemplateResult } from 'lit';
import type { QueueStaffing } from '../../server/contract/snapshot.js';
import type { I18n } from '../i18n/i18n.js';

/** Agents missing on the queue now; 0 when it has enough or there is no hint. */
export function staffingShortfall(staffing: QueueStaffing | null | undefined): number {
  return staffing ? Math.max(0, staffing.needed - staffing.onQueue) : 0;
}

const personPlus = svg`<circle cx="9" cy="7.5" r="4" class="fill"/><path d="M1.5 21c0-4.4 3.4-7.5 7.5-7.5s7.5 3.1 7.5 7.5z" class="fill"/>
  <path d="M19.5 6.5v7M16 10h7" class="plus"/>`;

/** "+N needed" / "缺 N 人" with its mark, or nothing when the queue is not short. */
export function shortfallBadge(staffing: QueueStaffing | null | undefined, i18n: I18n): TemplateResult | null {
  const n = staffingShortfall(staffing);
  if (n === 0) return null;
  return html`<span class="short" data-testid="staffing-short" role="img" aria-label=${i18n.t('staffing.shortLabel', { n: i18n.number(n) })}
    ><svg viewBox="0 0 24 24" aria-hidden="true">${personPlus}</svg><span>${i18n.t('staffing.short', { n: i18n.number(n) })}</span></span
  >`;
}
