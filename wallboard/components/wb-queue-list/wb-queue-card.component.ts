// One queue's card in the tablet's list. A card of its own so that an update costs only what
// changed: the list hands each card its own queue object (the store keeps the object of a queue a
// delta did not touch), and Lit skips a card whose properties are all the same. The longest wait
// ticks from the card's own clock subscription, held only while the card is in sight and has a
// call waiting: the 1 s tick touches a handful of cards, not 50.
import { LitElement, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { QueueStats } from '../../../server/contract/snapshot.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { ClockController } from '../../controllers/clock-controller.js';
import type { Clock } from '../../store/clock-source.js';
import { statusIcon } from '../../theme/status-icons.js';
import { shortfallBadge } from '../staffing-shortfall.js';
import { waitStatus } from '../wait-status.js';

// One observer for every card. scrollMargin widens the column's clip (where supported), so a card
// starts ticking a little before it scrolls into sight and never shows a stale wait.
const sight =
  typeof IntersectionObserver === 'undefined'
    ? null
    : new IntersectionObserver(
        (entries) => {
          for (const entry of entries) if (entry.target instanceof WbQueueCard) entry.target.setInSight(entry.isIntersecting);
        },
        { scrollMargin: '160px' } as IntersectionObserverInit,
      );

/** A queue's card: name and staffing chip, calls waiting, longest wait (ticking), service level, agents available. Renders into the list's shadow root. */
export class WbQueueCard extends LitElement {
  /** The queue shown. */
  @property({ attribute: false }) queue!: QueueStats;
  /** Its display name. @default '' */
  @property() name = '';
  /** Whether it is the queue drilled into. @default false */
  @property({ type: Boolean }) selected = false;
  /** Waits past this are at risk, in ms (the queue's own threshold wins). @default 20000 */
  @property({ type: Number }) thresholdMs = 20_000;
  /** The clock the longest wait ticks from. @default local time */
  @property({ attribute: false }) clock: Clock | undefined;
  /** Translations and number formats. @default zh-CN */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');

  /** Whether the card is in (or near) sight; true until the observer says otherwise, and where there is none. */
  @state() private inSight = true;

  private readonly ticker = new ClockController(this, { clock: () => this.clock, isActive: () => this.inSight && this.queue.oldestQueuedTs !== null });

  /** The observer's report: a card coming into sight renders at once, as its wait stood still while it was out of it. */
  setInSight(inSight: boolean): void {
    this.inSight = inSight;
  }

  // Light DOM: the card's button lives in the list's shadow root, styled by the list's sheet.
  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    sight?.observe(this);
  }

  override disconnectedCallback(): void {
    sight?.unobserve(this);
    super.disconnectedCallback();
  }

  override render() {
    const { i18n, queue: q } = this;
    const longest = q.oldestQueuedTs === null ? null : Math.max(0, this.ticker.now() - q.oldestQueuedTs);
    const status = waitStatus(longest, q.thresholds?.serviceLevelMs ?? this.thresholdMs);
    return html`<button aria-pressed=${this.selected ? 'true' : 'false'} data-queue=${q.id}>
      <span class="name"><bdi>${this.name}</bdi>${shortfallBadge(q.staffing, i18n)}</span>
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
  }
}
