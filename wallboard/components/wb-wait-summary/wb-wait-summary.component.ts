import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { dataClockContext, i18nContext } from '../../context/contexts.js';
import type { Totals } from '../../../server/contract/snapshot.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { ClockController } from '../../controllers/clock-controller.js';
import type { Clock } from '../../store/clock-source.js';
import { baseStyles, statusStyles } from '../../theme/shared-styles.js';
import { statusIcon } from '../../theme/status-icons.js';
import { waitStatus } from '../wait-status.js';
import styles from './wb-wait-summary.styles.js';

/**
 * Width of a numeral in em of its bold tabular figures (a digit about 0.56 em, a colon or a
 * separator about 0.3 em, each rounded up), so the numeral shrinks to fit its cell: a wait of
 * hours or a four-digit queue no longer runs out of the tile.
 */
export const numeralEm = (text: string) => [...text].reduce((em, c) => em + (c >= '0' && c <= '9' ? 0.58 : 0.34), 0);

/** Calls waiting and the longest wait for the whole view, in the biggest numerals on screen. */
export class WbWaitSummary extends LitElement {
  static override styles = [baseStyles, statusStyles, styles];

  /** The view's totals. */
  @property({ attribute: false }) totals: Totals | null = null;
  /** Waits past this are at risk (the service-level threshold), in ms. @default 20000 */
  @property({ type: Number }) thresholdMs = 20_000;
  /** The shared clock the longest wait ticks from: stopped while the data is stale. @default local time, or the screen's from dataClockContext */
  @consume({ context: dataClockContext, subscribe: true })
  @property({ attribute: false })
  clock: Clock | undefined;
  /** Translations and number formats. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');

  private readonly ticker = new ClockController(this, { clock: () => this.clock, isActive: () => this.totals?.oldestQueuedTs != null });

  override render() {
    const { totals, i18n } = this;
    if (!totals) return html``;
    // The server does not push a wait that only grew with time: tick it from oldestQueuedTs.
    const longest = totals.oldestQueuedTs === null ? null : Math.max(0, this.ticker.now() - totals.oldestQueuedTs);
    const status = waitStatus(longest, this.thresholdMs);
    // Shown once a producer reports exits: a floor whose PBX sends none keeps its line as it was.
    const waiting = i18n.number(totals.waiting);
    const wait = longest === null ? '0:00' : i18n.duration(longest);
    const exits =
      totals.exited > 0 ? html`<span class="exited">${i18n.t('totals.exited')}<b class="num" data-testid="exited">${i18n.number(totals.exited)}</b></span>` : null;
    return html`
      <div class="cell status-none">
        <div class="label">${i18n.t('totals.waiting')}</div>
        <div class="big num" style="--numeral-em: ${numeralEm(waiting)}" data-testid="waiting">${waiting}</div>
        <div class="sub">${totals.vipWaiting > 0 ? html`<span class="vip">${i18n.t('totals.vipWaiting')} ${i18n.number(totals.vipWaiting)}</span>` : null}</div>
      </div>
      <div class="cell status-${status}">
        <div class="label">${i18n.t('totals.longestWait')}</div>
        <div class="big num" style="--numeral-em: ${numeralEm(wait)}" data-testid="longest-wait">${wait}</div>
        <div class="sub">
          ${
            status === 'none'
              ? null
              : html`<svg class="status-icon" viewBox="0 0 24 24" aria-hidden="true">${statusIcon(status)}</svg><b class="alert">${i18n.t('status.waitLong')}</b>`
          }
        </div>
      </div>
      <div class="today">
        <span>${i18n.t('totals.today')}</span>
        <span>${i18n.t('totals.offered')}<b class="num" data-testid="queued">${i18n.number(totals.queued)}</b></span>
        <span>${i18n.t('totals.answered')}<b class="num" data-testid="answered">${i18n.number(totals.answered)}</b></span>
        <span class="abandoned">${i18n.t('totals.abandoned')}<b class="num" data-testid="abandoned">${i18n.number(totals.abandoned)}</b></span>
        ${exits}
        <span>${i18n.t('totals.serviceLevel')}<b class="num">${i18n.percent(totals.serviceLevel, 0)}</b></span>
      </div>
    `;
  }
}
