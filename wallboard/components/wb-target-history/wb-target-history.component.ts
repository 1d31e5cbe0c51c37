import { consume } from '@lit/context';
import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { i18nContext } from '../../context/contexts.js';
import type { IntradayBucket, Kpi } from '../../../server/contract/snapshot.js';
import type { HistorySeriesId } from '../../charts/target-history-geometry.js';
import { chartSpan, type ChartSpan } from '../../charts/time-axis.js';
import { createI18n, type I18n, type MessageKey } from '../../i18n/i18n.js';
import { baseStyles, statusStyles } from '../../theme/shared-styles.js';
import { STATUS_KEY, kpiTargetText, kpiValueText } from '../kpi-format.js';
import '../wb-status-badge/wb-status-badge.js';
import '../wb-target-chart/wb-target-chart.js';
import { keepUnchanged, targetCards, type TargetCard } from './target-cards.js';
import styles from './wb-target-history.styles.js';
import { DEFAULT_TIME_ZONE } from '../../../server/contract/constants.js';

const nameKey = (id: HistorySeriesId): MessageKey => (id === 'serviceLevel' ? 'chart.serviceLevel' : `kpi.${id}`);

/** The targets through the day: one small chart per KPI, its cumulative value against its target. */
export class WbTargetHistory extends LitElement {
  static override styles = [baseStyles, statusStyles, styles];

  /** One series of buckets: the totals, or the queue's. */
  @property({ attribute: false }) buckets: readonly IntradayBucket[] = [];
  /** The queue the buckets are of; null for all queues (every KPI). */
  @property({ attribute: false }) queue: string | null = null;
  /** The snapshot's KPIs, for their targets and risk floors. */
  @property({ attribute: false }) kpis: readonly Kpi[] = [];
  /** The service-level target (fraction). @default 0.8 */
  @property({ type: Number }) serviceLevelTarget = 0.8;
  /** Start of the current 15-minute bucket, server time: the lines run to its end. */
  @property({ type: Number }) nowTs = 0;
  /** The call centre's time zone. @default "Asia/Shanghai" */
  @property() timeZone = DEFAULT_TIME_ZONE;
  /** Translations and number formats. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');

  private cards: TargetCard[] = [];
  private span: ChartSpan = { start: 0, end: 0 };

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('buckets') || changed.has('queue') || changed.has('kpis') || changed.has('serviceLevelTarget') || changed.has('nowTs') || changed.has('timeZone')) {
      const { buckets, queue, kpis, serviceLevelTarget, nowTs } = this;
      this.cards = keepUnchanged(this.cards, targetCards({ buckets, queue, kpis, serviceLevelTarget, nowTs }));
      const span = chartSpan(buckets, nowTs, this.timeZone);
      if (span.start !== this.span.start || span.end !== this.span.end) this.span = span;
    }
  }

  override render() {
    const { i18n } = this;
    return html`
      <div class="legend">
        <span><i class="key line"></i>${i18n.t('history.cumulative')}</span>
        <span><i class="key dash"></i>${i18n.t('chart.target')}</span>
        ${(['met', 'atRisk', 'missed'] as const).map((s) => html`<span><i class="key zone ${s}"></i>${i18n.t(STATUS_KEY[s])}</span>`)}
      </div>
      <div class="grid">
        ${this.cards.map((c) => {
          const name = i18n.t(nameKey(c.id));
          return html`<article class="card" data-series=${c.id} data-status=${c.status}>
            <header class="name">${name}</header>
            <div class="figures">
              <b class="value num status-${c.status}" data-testid="history-value">${kpiValueText({ value: c.value, unit: c.spec.unit }, i18n)}${
                c.spec.unit === 'points' && c.value !== null ? html`<span class="unit">${i18n.t('unit.points')}</span>` : null
              }</b>
              <wb-status-badge status=${c.status} label=${i18n.t(STATUS_KEY[c.status])}></wb-status-badge>
            </div>
            <wb-target-chart .label=${`${name} · ${kpiTargetText(c.spec, i18n)}`} .points=${c.points} .spec=${c.spec} .span=${this.span} .timeZone=${this.timeZone}></wb-target-chart>
          </article>`;
        })}
      </div>
    `;
  }
}
