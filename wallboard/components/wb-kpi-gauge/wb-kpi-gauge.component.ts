import { consume } from '@lit/context';
import { LitElement, html, svg, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { i18nContext } from '../../context/contexts.js';
import type { Kpi } from '../../../server/contract/snapshot.js';
import { gaugeGeometry, type GaugeGeometry } from '../../charts/gauge-geometry.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { baseStyles, statusStyles } from '../../theme/shared-styles.js';
import { STATUS_KEY, kpiTargetText, kpiValueText } from '../kpi-format.js';
import { sameKpiFace } from './kpi-face.js';
import '../wb-status-badge/wb-status-badge.js';
import styles from './wb-kpi-gauge.styles.js';

const RADIUS = 100;
const THICKNESS = 26;
/** Room under the dial for the scale's end labels, in dial units. */
const SCALE_LABEL_SPACE = 16;

/** A KPI on a dial: value arc in its status colour, missed / at-risk / met zones, target tick. */
export class WbKpiGauge extends LitElement {
  static override styles = [baseStyles, statusStyles, styles];

  /** The KPI to show; null renders an empty dial. */
  @property({ attribute: false }) kpi: Kpi | null = null;
  /** Translations and number formats. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');

  private geometry: GaugeGeometry | null = null;

  /** The reading on screen now. */
  private shown: Kpi | null = null;

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    // A reading that only moved in unshown digits redraws nothing (kpi-face.ts).
    return !(changed.size === 1 && changed.has('kpi') && this.hasUpdated && sameKpiFace(this.shown, this.kpi, this.i18n));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('kpi')) this.geometry = this.kpi ? gaugeGeometry(this.kpi, RADIUS, THICKNESS) : null;
    this.shown = this.kpi;
  }

  override render() {
    const { kpi, geometry: g, i18n } = this;
    if (!kpi || !g) return html``;
    const scale = (v: number) => (kpi.unit === 'points' ? i18n.number(v) : i18n.percent(v, 0));
    return html`
      <div class="label">${i18n.t(`kpi.${kpi.id}`)}</div>
      <svg class="gauge status-${kpi.status}" viewBox="0 0 ${g.width} ${g.height + SCALE_LABEL_SPACE}" role="img"
        aria-label="${i18n.t(`kpi.${kpi.id}`)} ${kpiValueText(kpi, i18n)}">
        <g transform="translate(${g.cx} ${g.cy})">
          <path class="track" d=${g.track}></path>
          ${g.zones.map((z) => svg`<path class="zone ${z.status}" d=${z.path}></path>`)}
          ${g.valuePath ? svg`<path class="value" d=${g.valuePath}></path>` : null}
        </g>
        <line class="target" x1=${g.target.x1} y1=${g.target.y1} x2=${g.target.x2} y2=${g.target.y2}></line>
        <text class="numeral" x=${g.cx} y=${g.cy + 12} font-size=${kpiValueText(kpi, i18n).length > 5 ? 34 : 38}>${kpiValueText(kpi, i18n)}</text>
        <text class="scale" x=${g.min.x} y=${g.height + SCALE_LABEL_SPACE - 4} font-size="18">${scale(g.min.value)}</text>
        <text class="scale" x=${g.max.x} y=${g.height + SCALE_LABEL_SPACE - 4} font-size="18">${scale(g.max.value)}</text>
      </svg>
      <div class="foot">
        <wb-status-badge status=${kpi.status} label=${i18n.t(STATUS_KEY[kpi.status])}></wb-status-badge>
        <span class="target-text">${kpiTargetText(kpi, i18n)}</span>
      </div>
    `;
  }
}
