import { LitElement, html, svg, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import type { IntradayBucket } from '../../../server/core/snapshot-types.js';
import { rateHistoryGeometry, type RateHistoryGeometry, type RateSeriesId } from '../../charts/rate-history-geometry.js';
import { SizeController } from '../../controllers/size-controller.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { baseStyles } from '../../theme/shared-styles.js';
import styles from './wb-rate-history-chart.styles.js';
import { rows } from '../keyed-rows.js';

const NAME: Readonly<Record<RateSeriesId, 'chart.connectRate' | 'chart.serviceLevel'>> = {
  connectRate: 'chart.connectRate',
  serviceLevel: 'chart.serviceLevel',
};

/** The targets' history: connect rate and service level per 15 minutes against their targets. */
export class WbRateHistoryChart extends LitElement {
  static override styles = [baseStyles, styles];

  /** One series of buckets (one queue, or the totals). */
  @property({ attribute: false }) buckets: readonly IntradayBucket[] = [];
  /** Targets per series, as fractions. */
  @property({ attribute: false }) targets: Partial<Record<RateSeriesId, number>> = {};
  /** Start of the current 15-minute bucket, server time. */
  @property({ type: Number }) nowTs = 0;
  /** The call centre's time zone. @default "Asia/Shanghai" */
  @property() timeZone = 'Asia/Shanghai';
  /** Translations and number formats. */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');

  private readonly size = new SizeController(this, { width: 600, height: 220 });
  private geometry: RateHistoryGeometry | null = null;

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const em = 14;
    this.geometry = rateHistoryGeometry(this.buckets, {
      box: { width: this.size.width, height: Math.max(60, this.size.height - 24), margin: { top: 8, right: 12, bottom: em * 1.8, left: em * 3 } },
      nowTs: this.nowTs,
      timeZone: this.timeZone,
      targets: this.targets,
    });
  }

  override render() {
    const g = this.geometry;
    const { i18n } = this;
    if (!g) return html``;
    const hasData = g.lines.some((l) => l.dots.length > 0);
    return html`
      <div class="legend">
        ${g.lines.map((l) => html`<span class="legend-${l.id}"><i class="key" style="background: currentColor"></i>${i18n.t(NAME[l.id])}</span>`)}
        ${g.targets.map((t) => html`<span><i class="key dash"></i>${i18n.t('chart.target')} ${i18n.t(NAME[t.id])} ${i18n.percent(t.value, 0)}</span>`)}
      </div>
      <div class="plot">
        <svg viewBox="0 0 ${g.box.width} ${g.box.height}" role="img" aria-label=${i18n.t('lead.history')}>
          ${g.yTicks.map(
            (t) => svg`<line class="grid" x1=${g.left} x2=${g.right} y1=${t.at} y2=${t.at}></line>
              <text class="axis" x=${g.left - 6} y=${t.at} dy="0.35em" text-anchor="end">${i18n.percent(t.value, 0)}</text>`,
          )}
          ${g.targets.map((t) => svg`<line class="target ${t.id}" x1=${g.left} x2=${g.right} y1=${t.y} y2=${t.y}></line>`)}
          ${g.lines.map(
            (l) => svg`${l.path ? svg`<path class="line ${l.id}" style="fill: none" d=${l.path}></path>` : null}
              ${rows(l.dots, (d) => d.key, (d) => svg`<circle class="dot ${l.id}" cx=${d.x} cy=${d.y} r="3"></circle>`)}`,
          )}
          ${g.xTicks.map((t) => svg`<text class="axis" x=${t.at} y=${g.bottom + 4} dy="1em" text-anchor="middle">${i18n.hourMinute(t.value, this.timeZone)}</text>`)}
          ${hasData ? null : svg`<text class="empty" x=${(g.left + g.right) / 2} y=${(g.top + g.bottom) / 2}>${i18n.t('chart.noData')}</text>`}
        </svg>
      </div>
    `;
  }
}
