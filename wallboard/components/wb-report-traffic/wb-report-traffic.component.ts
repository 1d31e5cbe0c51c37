import { LitElement, css, html, svg, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { trafficGeometry, type TrafficGeometry, type TrafficPeriod, type TrafficSeries } from '../../charts/report-traffic-geometry.js';
import { SizeController } from '../../controllers/size-controller.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { DEFAULT_TIME_ZONE } from '../../../server/contract/constants.js';

const SERIES_KEY: Readonly<Record<TrafficSeries, MessageKey>> = { offered: 'chart.offered', answered: 'chart.answered', abandoned: 'chart.abandoned' };
const SERIES_COLOUR: Readonly<Record<TrafficSeries, string>> = {
  offered: 'var(--wb-offered, #e9eef4)',
  answered: 'var(--wb-answered, #4aa8ff)',
  abandoned: 'var(--wb-abandoned, #ff8f4d)',
};

/** One queue's (or the floor's) calls per hour of a day: offered, answered and abandoned side by side. */
export class WbReportTraffic extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host { display: flex; flex-direction: column; min-height: 12em; }
      h3 { font-size: 1em; margin: 0 0 0.3em; font-weight: 600; }
      .legend { display: flex; gap: 1.2em; font-size: 0.8em; color: var(--wb-text-dim, #8d9bab); }
      .key { display: inline-block; width: 0.9em; height: 0.9em; margin-right: 0.35em; vertical-align: -0.1em; }
      .key.offered { outline: 1px solid var(--wb-text-dim, #8d9bab); outline-offset: -1px; }
      .plot { flex: 1; min-height: 0; }
      svg { display: block; width: 100%; height: 100%; overflow: visible; }
      .axis text { fill: var(--wb-text-dim, #8d9bab); font-size: 0.75em; }
      .axis line { stroke: var(--wb-border, #263241); }
      rect.offered { fill: var(--wb-offered, #e9eef4); fill-opacity: 0.35; stroke: var(--wb-offered, #e9eef4); stroke-width: 1; }
      @media print { .axis text { fill: #333; } .axis line { stroke: #bbb; } rect.offered { fill: #bbb; stroke: #555; } }
    `,
  ];

  /** Each period of the day, in order (hours from local midnight). */
  @property({ attribute: false }) periods: readonly TrafficPeriod[] = [];
  /** The chart's heading (the queue's name). */
  @property() heading = '';
  /** The board's time zone, for the hour labels. @default "Asia/Shanghai" */
  @property() timeZone = DEFAULT_TIME_ZONE;
  /** Translations and number formats. @default zh-CN */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');

  private readonly size = new SizeController(this, { width: 640, height: 240 });
  private geometry: TrafficGeometry | null = null;
  private plotHeight = 200;

  protected override willUpdate(_changed: PropertyValues<this>): void {
    const em = this.size.em;
    this.plotHeight = Math.max(80, this.size.height - 3.2 * em);
    this.geometry = trafficGeometry(this.periods, {
      box: { width: this.size.width, height: this.plotHeight, margin: { top: em * 0.5, right: em * 0.5, bottom: em * 1.4, left: em * 2.4 } },
      tickEvery: this.size.width < 40 * em ? 3 : 2,
    });
  }

  override render() {
    const g = this.geometry;
    const { i18n } = this;
    if (!g) return html``;
    return html`<h3>${this.heading}</h3>
      <div class="legend">
        ${(['offered', 'answered', 'abandoned'] as const).map(
          (s) => html`<span><i class="key ${s}" style="background:${s === 'offered' ? 'transparent' : SERIES_COLOUR[s]}"></i>${i18n.t(SERIES_KEY[s])}</span>`,
        )}
      </div>
      <div class="plot">
        <svg viewBox="0 0 ${this.size.width} ${this.plotHeight}" role="img" aria-label=${this.heading} data-testid="traffic-chart">
          <g class="axis">
            ${g.yTicks.map(
              (t) => svg`<line x1=${g.left} x2=${g.right} y1=${t.at} y2=${t.at}></line>
                <text x=${g.left - 4} y=${t.at} dy="0.32em" text-anchor="end">${i18n.number(t.value)}</text>`,
            )}
            ${g.xTicks.map((t) => {
              const key = g.groups[t.value]?.key ?? 0;
              return svg`<text x=${t.at} y=${g.bottom + 4} dy="0.9em" text-anchor="middle">${i18n.hourMinute(key, this.timeZone)}</text>`;
            })}
          </g>
          ${repeat(
            g.groups,
            (group) => group.key,
            (group) =>
              svg`<g data-hour=${group.index}>${group.bars.map(
                (b) =>
                  svg`<rect class=${b.series} x=${b.x} y=${b.y} width=${b.width} height=${b.height} style=${b.series === 'offered' ? '' : `fill:${SERIES_COLOUR[b.series]}`}><title>${i18n.t(SERIES_KEY[b.series])} ${i18n.number(b.value)}</title></rect>`,
              )}</g>`,
          )}
        </svg>
      </div>`;
  }
}
