import { consume } from '@lit/context';
import { LitElement, html, svg, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { i18nContext } from '../../context/contexts.js';
import { targetHistoryGeometry, type CumulativePoint, type HistoryTarget, type TargetHistoryGeometry } from '../../charts/target-history-geometry.js';
import type { ChartSpan } from '../../charts/time-axis.js';
import { SizeController } from '../../controllers/size-controller.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { baseStyles, statusStyles } from '../../theme/shared-styles.js';
import { statusIcon } from '../../theme/status-icons.js';
import styles from './wb-target-chart.styles.js';
import { DEFAULT_TIME_ZONE } from '../../../server/contract/constants.js';

/** One small multiple of the targets' history: a series' cumulative value through the day. */
export class WbTargetChart extends LitElement {
  static override styles = [baseStyles, statusStyles, styles];

  /** The series' name, for screen readers. */
  @property() label = '';
  /** Cumulative values at the end of each interval. */
  @property({ attribute: false }) points: readonly CumulativePoint[] = [];
  /** The series' target, risk floor and unit; null draws nothing. */
  @property({ attribute: false }) spec: HistoryTarget | null = null;
  /** The time the chart covers, shared with its neighbours. */
  @property({ attribute: false }) span: ChartSpan = { start: 0, end: 0 };
  /** The call centre's time zone. @default "Asia/Shanghai" */
  @property() timeZone = DEFAULT_TIME_ZONE;
  /** Translations and number formats. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');

  private readonly size = new SizeController(this, { width: 220, height: 90 });
  private geometry: TargetHistoryGeometry | null = null;

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const em = this.size.em * 0.75;
    this.geometry =
      this.spec && this.span.end > this.span.start
        ? targetHistoryGeometry(this.points, this.spec, {
            box: { width: this.size.width, height: this.size.height, margin: { top: em * 0.7, right: em * 1.4, bottom: em * 1.5, left: em * 3 } },
            span: this.span,
            timeZone: this.timeZone,
          })
        : null;
  }

  private format(value: number): string {
    return this.spec?.unit === 'points' ? this.i18n.points(value).replace(/[.,]0$/, '') : this.i18n.percent(value, 0);
  }

  override render() {
    const g = this.geometry;
    const { i18n } = this;
    if (!g) return html``;
    const r = this.size.em * 0.5;
    return html`<svg viewBox="0 0 ${g.box.width} ${g.box.height}" role="img" aria-label=${this.label}>
      ${g.zones.map((z) => svg`<rect class="zone ${z.status}" x=${g.left} width=${g.right - g.left} y=${z.y} height=${z.height}></rect>`)}
      <line class="target" x1=${g.left} x2=${g.right} y1=${g.targetY} y2=${g.targetY}></line>
      ${g.yTicks.map(
        (t, i) => svg`<text class="axis ${i === 1 ? 'target-label' : ''}" x=${g.left - 4} y=${t.at} dy="0.35em" text-anchor="end">${this.format(t.value)}</text>`,
      )}
      ${g.segments.map((s) => svg`<path class="seg status-${s.status}" d=${s.path}></path>`)}
      ${
        g.last
          ? svg`<g class="marker status-${g.last.status}" data-status=${g.last.status} transform="translate(${g.last.x - r} ${g.last.y - r}) scale(${(2 * r) / 24})">${statusIcon(g.last.status)}</g>`
          : svg`<text class="empty" x=${(g.left + g.right) / 2} y=${(g.top + g.bottom) / 2} dy="0.35em">${i18n.t('status.noData')}</text>`
      }
      ${g.xTicks.map((t) => svg`<text class="axis" x=${t.at} y=${g.bottom + 3} dy="1em" text-anchor="middle">${i18n.hourMinute(t.value, this.timeZone)}</text>`)}
    </svg>`;
  }
}
