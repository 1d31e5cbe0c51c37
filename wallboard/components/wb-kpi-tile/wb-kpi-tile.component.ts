import { consume } from '@lit/context';
import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { i18nContext } from '../../context/contexts.js';
import { styleMap } from 'lit/directives/style-map.js';
import type { Kpi } from '../../../server/contract/snapshot.js';
import { bulletGeometry, type BulletGeometry } from '../../charts/gauge-geometry.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { baseStyles, statusStyles } from '../../theme/shared-styles.js';
import { STATUS_KEY, kpiTargetText, kpiValueText } from '../kpi-format.js';
import { sameKpiFace } from '../wb-kpi-gauge/kpi-face.js';
import '../wb-status-badge/wb-status-badge.js';
import styles from './wb-kpi-tile.styles.js';

const pct = (f: number) => `${(f * 100).toFixed(2)}%`;

/** A KPI as a big numeral over a bullet bar with its target tick and status. */
export class WbKpiTile extends LitElement {
  static override styles = [baseStyles, statusStyles, styles];

  /** The KPI to show. */
  @property({ attribute: false }) kpi: Kpi | null = null;
  /** Translations and number formats. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');

  private geometry: BulletGeometry | null = null;

  /** The reading on screen now. */
  private shown: Kpi | null = null;

  protected override shouldUpdate(changed: PropertyValues<this>): boolean {
    // A reading that only moved in unshown digits redraws nothing (kpi-face.ts).
    return !(changed.size === 1 && changed.has('kpi') && this.hasUpdated && sameKpiFace(this.shown, this.kpi, this.i18n));
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('kpi')) this.geometry = this.kpi ? bulletGeometry(this.kpi) : null;
    this.shown = this.kpi;
  }

  override render() {
    const { kpi, geometry: g, i18n } = this;
    if (!kpi || !g) return html``;
    return html`
      <div class="label">${i18n.t(`kpi.${kpi.id}`)}</div>
      <div class="value status-${kpi.status}">
        ${kpiValueText(kpi, i18n)}${kpi.unit === 'points' && kpi.value !== null ? html`<span class="unit">${i18n.t('unit.points')}</span>` : null}
      </div>
      <div class="bar status-${kpi.status}" role="presentation">
        ${g.zones.map((z) => html`<div class="zone ${z.status}" style=${styleMap({ left: pct(z.from), width: pct(z.to - z.from) })}></div>`)}
        ${g.value === null ? null : html`<div class="fill" style=${styleMap({ width: pct(Math.max(g.value, 0.01)) })}></div>`}
        <div class="tick" style=${styleMap({ left: pct(g.target) })}></div>
      </div>
      <div class="foot">
        <wb-status-badge status=${kpi.status} label=${i18n.t(STATUS_KEY[kpi.status])}></wb-status-badge>
        <span class="target-text">${kpiTargetText(kpi, i18n)}</span>
      </div>
    `;
  }
}
