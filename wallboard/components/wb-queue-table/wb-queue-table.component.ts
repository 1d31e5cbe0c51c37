import { consume } from '@lit/context';
import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { clockContext, dataClockContext, i18nContext } from '../../context/contexts.js';
import type { QueueStats } from '../../../server/contract/snapshot.js';
import { SizeController } from '../../controllers/size-controller.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { ClockController } from '../../controllers/clock-controller.js';
import type { Clock } from '../../store/clock-source.js';
import { baseStyles, statusStyles } from '../../theme/shared-styles.js';
import { statusIcon } from '../../theme/status-icons.js';
import { pageAt, pageCount, rowsThatFit } from '../pagination.js';
import { shortfallBadge } from '../staffing-shortfall.js';
import shortfallStyles from '../staffing-shortfall.styles.js';
import { waitStatus } from '../wait-status.js';
import styles from './wb-queue-table.styles.js';
import { rows } from '../keyed-rows.js';
import { alarmIcon } from '../alarm-icon.js';
import type { AlarmSeverity } from '../../../server/contract/vocabulary.js';

/** A queue in alarm: a bell (in a burst when critical) and the word, besides the row's colour. */
function alarmMark(severity: AlarmSeverity, i18n: I18n) {
  return html`<span class="alarm-mark" data-testid="queue-alarm" data-severity=${severity}
    ><svg viewBox="0 0 24 24" aria-hidden="true">${alarmIcon(severity)}</svg>${i18n.t(severity === 'critical' ? 'alarm.critical' : 'alarm.warning')}</span
  >`;
}

const ROW_EM = 2.5;
const HEAD_EM = 1.9;
const PAGER_EM = 1.6;

/** Calls waiting and longest wait per queue; pages rotate when the queues do not fit. */
export class WbQueueTable extends LitElement {
  static override styles = [baseStyles, statusStyles, shortfallStyles, styles];

  /** The queues, in display order. */
  @property({ attribute: false }) queues: readonly QueueStats[] = [];
  /** Display names by queue id; ids without one show as they are. */
  @property({ attribute: false }) names: Readonly<Record<string, string>> = {};
  /** Waits past this are at risk, in ms. @default 20000 */
  @property({ type: Number }) thresholdMs = 20_000;
  /** How long each page stays up, in ms. @default 15000 */
  @property({ type: Number }) rotateMs = 15_000;
  /** The worst active alarm of each queue in alarm (alarm-text.ts alarmsByQueue): marked by colour, a bell and a word. @default none */
  @property({ attribute: false }) alarms: ReadonlyMap<string, AlarmSeverity> = new Map();
  /** Rows per page; 0 fits as many as the height allows. @default 0 */
  @property({ type: Number }) rows = 0;
  /** The shared clock the waits and the pages tick from: stopped while the data is stale. @default local time, or the screen's from dataClockContext */
  @consume({ context: dataClockContext, subscribe: true })
  @property({ attribute: false })
  clock: Clock | undefined;
  /** The clock pages turn by: they keep turning while the data is stale. @default clock, or the screen's from clockContext */
  @consume({ context: clockContext, subscribe: true })
  @property({ attribute: false })
  rotationClock: Clock | undefined;
  /** Translations and number formats. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');

  private readonly size = new SizeController(this, { width: 800, height: 400 });
  private readonly waits = new ClockController(this, { clock: () => this.clock, isActive: () => this.pageHasWaiting });
  private readonly pager = new ClockController(this, { clock: () => this.rotationClock ?? this.clock, isActive: () => this.pages > 1, periodMs: () => this.rotateMs });
  private perPage = 8;
  private pages = 1;
  private pageHasWaiting = false;
  private fittedHeight = -1;
  private fitRows = 8;

  protected override willUpdate(_changed: PropertyValues<this>): void {
    if (this.rows > 0) this.fitRows = this.rows;
    else if (this.size.height !== this.fittedHeight) {
      // Reading the font size forces style, so only when the size changed.
      this.fittedHeight = this.size.height;
      const em = parseFloat(getComputedStyle(this).fontSize) || 16;
      this.fitRows = rowsThatFit(this.size.height - (HEAD_EM + PAGER_EM) * em, ROW_EM * 1.25 * em);
    }
    this.pages = pageCount(this.queues.length, this.fitRows);
    // Balanced pages: 6 queues that need two pages show 3 and 3, not 5 and 1.
    this.perPage = Math.max(1, Math.ceil(this.queues.length / this.pages));
  }

  override render() {
    const { i18n } = this;
    const page = pageAt(this.pager.now(), this.rotateMs, this.pages);
    const shown = this.queues.slice(page * this.perPage, (page + 1) * this.perPage);
    this.pageHasWaiting = shown.some((q) => q.oldestQueuedTs !== null);
    const now = this.waits.now();
    return html`
      <div class="head" style="--head-h: ${HEAD_EM}em">
        <span>${i18n.t('queues.queue')}</span>
        <span>${i18n.t('queues.waiting')}</span>
        <span>${i18n.t('queues.longest')}</span>
        <span>${i18n.t('queues.serviceLevel')}</span>
        <span>${i18n.t('queues.connect')}</span>
        <span>${i18n.t('queues.available')}</span>
      </div>
      ${this.queues.length === 0 ? html`<div class="empty">${i18n.t('queues.none')}</div>` : null}
      <div class="rows">
        ${rows(
          shown,
          (q) => q.id,
          (q) => {
            const longest = q.oldestQueuedTs === null ? null : Math.max(0, now - q.oldestQueuedTs);
            const status = waitStatus(longest, q.thresholds?.serviceLevelMs ?? this.thresholdMs);
            const badge = shortfallBadge(q.staffing, i18n);
            const alarm = this.alarms.get(q.id);
            const name = this.names[q.id] ?? q.id;
            // Short of agents or in alarm: the name and the figures keep the first line, the badge and the alarm's mark share a second one across the row.
            const marks = badge || alarm ? html`<span class="marks">${badge}${alarm ? alarmMark(alarm, i18n) : null}</span>` : null;
            return html`<div class="row status-${status} ${status === 'none' ? '' : 'alert'} ${alarm ? `in-alarm alarm-${alarm}` : ''} ${marks ? 'two-line' : ''}" style="--row-h: ${ROW_EM}em" data-queue=${q.id}>
              <span class="name"><bdi title=${name}>${name}</bdi>${marks}</span>
              <span class="waiting num ${q.waiting === 0 ? 'zero' : ''}" data-testid="queue-waiting" data-queue=${q.id}>${i18n.number(q.waiting)}</span>
              <span class="longest num"
                >${status === 'none' ? null : html`<svg class="status-icon" viewBox="0 0 24 24" aria-label=${i18n.t('status.waitLong')}>${statusIcon(status)}</svg>`}${longest === null ? '—' : i18n.duration(longest)}</span
              >
              <span class="num">${i18n.percent(q.serviceLevel, 0)}</span>
              <span class="num">${i18n.percent(q.agentConnectRate, 0)}</span>
              <span class="num">${i18n.number(q.agents.available)}</span>
            </div>`;
          },
        )}
      </div>
      ${
        this.pages > 1
          ? html`<div class="pager">
            ${i18n.t('scope.page', { page: page + 1, pages: this.pages })}
            ${Array.from({ length: this.pages }, (_, i) => html`<span class="dot ${i === page ? 'on' : ''}"></span>`)}
          </div>`
          : null
      }
    `;
  }
}
