import { consume } from '@lit/context';
import { LitElement, html, svg, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { i18nContext } from '../../context/contexts.js';
import type { IntradayBucket } from '../../../server/contract/snapshot.js';
import { intradayGeometry, type IntradayGeometry } from '../../charts/intraday-geometry.js';
import { SizeController } from '../../controllers/size-controller.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { baseStyles } from '../../theme/shared-styles.js';
import styles from './wb-intraday-chart.styles.js';
import { rows } from '../keyed-rows.js';
import { DEFAULT_TIME_ZONE } from '../../../server/contract/constants.js';

/** Today's offered / answered / abandoned / left-the-queue per 15 minutes, with the service level on its own scale. */
export class WbIntradayChart extends LitElement {
  static override styles = [baseStyles, styles];

  /** One series of buckets (all for the same queue, or the totals). */
  @property({ attribute: false }) buckets: readonly IntradayBucket[] = [];
  /** Start of the current 15-minute bucket, server time: the chart ends with it. */
  @property({ type: Number }) nowTs = 0;
  /** The call centre's time zone, for the time axis. @default "Asia/Shanghai" */
  @property() timeZone = DEFAULT_TIME_ZONE;
  /** A service-level target (fraction) drawn as a dashed line; null draws none. */
  @property({ attribute: false }) target: number | null = null;
  /** Translations and number formats. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');

  private readonly size = new SizeController(this, { width: 640, height: 260 });
  private geometry: IntradayGeometry | null = null;

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const legendPx = 1.6 * this.size.em;
    const em = this.size.em * 0.85;
    this.geometry = intradayGeometry(this.buckets, {
      box: {
        width: this.size.width,
        height: Math.max(60, this.size.height - legendPx),
        margin: { top: em * 0.8, right: em * 3.2, bottom: em * 1.8, left: em * 2.6 },
      },
      nowTs: this.nowTs,
      timeZone: this.timeZone,
      target: this.target,
    });
  }

  override render() {
    const g = this.geometry;
    const { i18n } = this;
    if (!g) return html``;
    return html`
      <div class="legend">
        <span><i class="key" style="background: var(--wb-answered, #4aa8ff)"></i>${i18n.t('chart.answered')}</span>
        <span><i class="key" style="background: var(--wb-abandoned, #ff8f4d)"></i>${i18n.t('chart.abandoned')}</span>
        ${g.hasExits ? html`<span class="exited-key"><i class="key" style="background: var(--wb-exited, #e07ad8)"></i>${i18n.t('chart.exited')}</span>` : null}
        <span><i class="key line" style="background: var(--wb-offered, #e9eef4)"></i>${i18n.t('chart.offered')}</span>
        <span><i class="key dot" style="background: var(--wb-sl, #3ccf7e)"></i>${i18n.t('chart.serviceLevel')}</span>
        ${this.target === null ? null : html`<span><i class="key dash"></i>${i18n.t('chart.slTarget', { value: i18n.percent(this.target, 0) })}</span>`}
      </div>
      <div class="plot">
        <svg viewBox="0 0 ${g.box.width} ${g.box.height}" role="img" aria-label=${i18n.t('chart.intraday')}>
          ${g.yTicks.map(
            (t) => svg`<line class="grid" x1=${g.left} x2=${g.right} y1=${t.at} y2=${t.at}></line>
              <text class="axis" x=${g.left - 6} y=${t.at} dy="0.35em" text-anchor="end">${i18n.number(t.value)}</text>`,
          )}
          ${g.y2Ticks.map((t) => svg`<text class="axis" x=${g.right + 6} y=${t.at} dy="0.35em">${i18n.percent(t.value, 0)}</text>`)}
          ${rows(
            g.bars,
            (b) => b.key,
            (b) => svg`<g>
              <rect class="answered" x=${b.x} y=${b.answered.y} width=${b.width} height=${b.answered.height}></rect>
              <rect class="abandoned" x=${b.x} y=${b.abandoned.y} width=${b.width} height=${b.abandoned.height}></rect>
              <rect class="exited" x=${b.x} y=${b.exited.y} width=${b.width} height=${b.exited.height}></rect>
              <line class="offered" x1=${b.x} x2=${b.x + b.width} y1=${b.offeredY} y2=${b.offeredY}></line>
            </g>`,
          )}
          ${g.targetY === null ? null : svg`<line class="target" x1=${g.left} x2=${g.right} y1=${g.targetY} y2=${g.targetY}></line>`}
          ${g.serviceLevelPath ? svg`<path class="sl" d=${g.serviceLevelPath}></path>` : null}
          ${g.serviceLevelPoints.length < 24 ? g.serviceLevelPoints.map((p) => svg`<circle class="sl-dot" cx=${p.x} cy=${p.y} r=${this.size.em * 0.2}></circle>`) : null}
          ${g.xTicks.map((t) => svg`<text class="axis" x=${t.at} y=${g.bottom + 4} dy="1em" text-anchor="middle">${i18n.hourMinute(t.value, this.timeZone)}</text>`)}
          ${g.bars.length === 0 ? svg`<text class="empty" x=${(g.left + g.right) / 2} y=${(g.top + g.bottom) / 2}>${i18n.t('chart.noData')}</text>` : null}
        </svg>
      </div>
    `;
  }
}
