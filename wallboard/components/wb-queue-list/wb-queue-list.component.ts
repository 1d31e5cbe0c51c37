import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { dataClockContext, i18nContext } from '../../context/contexts.js';
import type { QueueStats } from '../../../server/contract/snapshot.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { ClockController } from '../../controllers/clock-controller.js';
import type { Clock } from '../../store/clock-source.js';
import { baseStyles, statusStyles } from '../../theme/shared-styles.js';
import { statusIcon } from '../../theme/status-icons.js';
import { shortfallBadge } from '../staffing-shortfall.js';
import shortfallStyles from '../staffing-shortfall.styles.js';
import { waitStatus } from '../wait-status.js';
import styles from './wb-queue-list.styles.js';
import { rows } from '../keyed-rows.js';

/** Touch-sized queue cards; tapping one emits `wb-queue-select` (tapping it again clears it). */
export class WbQueueList extends LitElement {
  static override styles = [baseStyles, statusStyles, shortfallStyles, styles];

  /** The queues, in display order. */
  @property({ attribute: false }) queues: readonly QueueStats[] = [];
  /** The selected queue id, or null. */
  @property() selected: string | null = null;
  /** Display names by queue id. */
  @property({ attribute: false }) names: Readonly<Record<string, string>> = {};
  /** Waits past this are at risk, in ms. @default 20000 */
  @property({ type: Number }) thresholdMs = 20_000;
  /** The shared clock the waits tick from: stopped while the data is stale. @default local time, or the screen's from dataClockContext */
  @consume({ context: dataClockContext, subscribe: true })
  @property({ attribute: false })
  clock: Clock | undefined;
  /** Translations and number formats. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');

  private readonly ticker = new ClockController(this, { clock: () => this.clock, isActive: () => this.queues.some((q) => q.oldestQueuedTs !== null) });

  private select(queue: string): void {
    const detail = { queue: this.selected === queue ? null : queue };
    this.dispatchEvent(new CustomEvent('wb-queue-select', { detail, bubbles: true, composed: true }));
  }

  override render() {
    const { i18n } = this;
    const now = this.ticker.now();
    return rows(
      this.queues,
      (q) => q.id,
      (q) => {
        const longest = q.oldestQueuedTs === null ? null : Math.max(0, now - q.oldestQueuedTs);
        const status = waitStatus(longest, q.thresholds?.serviceLevelMs ?? this.thresholdMs);
        return html`<button aria-pressed=${this.selected === q.id ? 'true' : 'false'} data-queue=${q.id} @click=${() => this.select(q.id)}>
          <span class="name"><bdi>${this.names[q.id] ?? q.id}</bdi>${shortfallBadge(q.staffing, i18n)}</span>
          <span class="waiting num">${i18n.number(q.waiting)}<small>${i18n.t('queues.waiting')}</small></span>
          <span class="meta">
            <span class="long status-${status}"
              >${status === 'none' ? null : html`<svg class="status-icon" viewBox="0 0 24 24" aria-hidden="true">${statusIcon(status)}</svg>`}${
                longest === null ? '—' : i18n.duration(longest)
              }</span
            >
            <span>${i18n.t('queues.serviceLevel')} ${i18n.percent(q.serviceLevel, 0)}</span>
            <span>${i18n.t('queues.available')} ${i18n.number(q.agents.available)}</span>
          </span>
        </button>`;
      },
    );
  }
}
