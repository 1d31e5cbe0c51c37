import { LitElement, css, html, svg, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { slGeometry, type SlGeometry, type SlPoint } from '../../charts/report-sl-geometry.js';
import { SizeController } from '../../controllers/size-controller.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { reportSectionStyles } from '../../report/report-styles.js';
import { DEFAULT_TIME_ZONE } from '../../../server/contract/constants.js';

/** The floor's service level through one day, per period, against its target line. */
export class WbReportSl extends LitElement {
  static override styles = [
    baseStyles,
    reportSectionStyles,
    css`
      .plot { height: 14em; }
      svg { display: block; width: 100%; height: 100%; overflow: visible; }
      .axis text { fill: var(--wb-text-dim, #8d9bab); font-size: 0.75em; }
      .axis line { stroke: var(--wb-border, #263241); }
      .line { fill: none; stroke: var(--wb-sl, #3ccf7e); stroke-width: 2.5; }
      .target { stroke: var(--wb-at-risk, #f5b83d); stroke-width: 1.5; stroke-dasharray: 6 4; }
      circle { fill: var(--wb-sl, #3ccf7e); }
      rect.below { fill: var(--wb-missed, #ff5d52); }
      .legend { display: flex; gap: 1.2em; font-size: 0.8em; color: var(--wb-text-dim, #8d9bab); }
      .legend svg { display: inline; width: 1.6em; height: 0.9em; vertical-align: -0.1em; }
      @media print { .plot { height: 55mm; } .axis text { fill: #333; } .axis line { stroke: #bbb; } }
    `,
  ];

  /** The day's periods (15 minutes), each with its service level or null (no calls). */
  @property({ attribute: false }) points: readonly SlPoint[] = [];
  /** Local midnight and the next, epoch ms. */
  @property({ type: Number }) dayStartTs = 0;
  @property({ type: Number }) dayEndTs = 0;
  /** The service-level target (fraction); null draws none. */
  @property({ attribute: false }) target: number | null = null;
  /** The board's time zone, for the hour labels. @default "Asia/Shanghai" */
  @property() timeZone = DEFAULT_TIME_ZONE;
  /** Translations and number formats. @default zh-CN */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');

  private readonly size = new SizeController(this, { width: 900, height: 300 });
  private geometry: SlGeometry | null = null;
  private plotHeight = 220;

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const em = this.size.em;
    this.plotHeight = 14 * em;
    const width = Math.max(200, this.size.width - 2.2 * em);
    this.geometry = slGeometry(this.points, {
      box: { width, height: this.plotHeight, margin: { top: em * 0.6, right: em * 0.8, bottom: em * 1.4, left: em * 2.8 } },
      dayStartTs: this.dayStartTs,
      dayEndTs: this.dayEndTs,
      target: this.target,
      tickHours: width < 40 * em ? 4 : 2,
    });
  }

  override render() {
    const g = this.geometry;
    const { i18n } = this;
    if (!g) return html``;
    const width = g.right + this.size.em * 0.8;
    return html`<section>
      <h2>${i18n.t('report.slDay')}</h2>
      <div class="legend">
        <span><svg viewBox="0 0 24 12"><path d="M0 6h24" class="line"></path></svg>${i18n.t('chart.serviceLevel')}</span>
        ${this.target === null ? null : html`<span><svg viewBox="0 0 24 12"><path d="M0 6h24" class="target"></path></svg>${i18n.t('chart.slTarget', { value: i18n.percent(this.target, 0) })}</span>`}
        <span><svg viewBox="0 0 24 12"><rect class="below" x="8" y="2" width="8" height="8"></rect></svg>${i18n.t('report.belowTarget')}</span>
      </div>
      <div class="plot">
        <svg viewBox="0 0 ${width} ${this.plotHeight}" role="img" aria-label=${i18n.t('report.slDay')} data-testid="sl-chart">
          <g class="axis">
            ${g.yTicks.map(
              (t) => svg`<line x1=${g.left} x2=${g.right} y1=${t.at} y2=${t.at}></line>
                <text x=${g.left - 4} y=${t.at} dy="0.32em" text-anchor="end">${i18n.percent(t.value, 0)}</text>`,
            )}
            ${g.xTicks.map((t) => svg`<text x=${t.at} y=${g.bottom + 4} dy="0.9em" text-anchor="middle">${i18n.hourMinute(t.value, this.timeZone)}</text>`)}
          </g>
          ${g.targetY === null ? null : svg`<line class="target" x1=${g.left} x2=${g.right} y1=${g.targetY} y2=${g.targetY}></line>`}
          ${g.path === null ? null : svg`<path class="line" d=${g.path}></path>`}
          ${g.points.map((p) =>
            // Below target is a square in the warning colour, on target a dot: shape as well as colour.
            p.below
              ? svg`<rect class="below" x=${p.x - 3.5} y=${p.y - 3.5} width="7" height="7" data-below="true"><title>${i18n.hourMinute(p.key, this.timeZone)} ${i18n.percent(p.value)}</title></rect>`
              : svg`<circle cx=${p.x} cy=${p.y} r="3"><title>${i18n.hourMinute(p.key, this.timeZone)} ${i18n.percent(p.value)}</title></circle>`,
          )}
        </svg>
      </div>
    </section>`;
  }
}
