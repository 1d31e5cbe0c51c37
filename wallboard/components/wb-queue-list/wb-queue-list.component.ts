import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { dataClockContext, i18nContext } from '../../context/contexts.js';
import type { QueueStats } from '../../../server/contract/snapshot.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import type { Clock } from '../../store/clock-source.js';
import { baseStyles, statusStyles } from '../../theme/shared-styles.js';
import shortfallStyles from '../staffing-shortfall.styles.js';
import styles from './wb-queue-list.styles.js';
import { rows } from '../keyed-rows.js';
import './wb-queue-card.js';
import type { WbQueueCard } from './wb-queue-card.js';

/**
 * Touch-sized queue cards; tapping one emits `wb-queue-select` (tapping it again clears it). Each card is its own element
 * (wb-queue-card.component.ts), so a delta re-renders only the cards of the queues it changed, and the clock only those in sight.
 */
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

  // One handler for every card, so re-rendering the list binds nothing new.
  private readonly onCardClick = (event: Event) => {
    const queue = (event.currentTarget as WbQueueCard).queue.id;
    const detail = { queue: this.selected === queue ? null : queue };
    this.dispatchEvent(new CustomEvent('wb-queue-select', { detail, bubbles: true, composed: true }));
  };

  override render() {
    const { i18n, clock, thresholdMs } = this;
    return rows(
      this.queues,
      (q) => q.id,
      (q) =>
        html`<wb-queue-card .queue=${q} .name=${this.names[q.id] ?? q.id} .selected=${this.selected === q.id} .thresholdMs=${thresholdMs} .clock=${clock} .i18n=${i18n}
          @click=${this.onCardClick}></wb-queue-card>`,
    );
  }
}
