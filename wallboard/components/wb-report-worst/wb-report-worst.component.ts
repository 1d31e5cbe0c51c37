import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import type { MergedPeriod } from '../../report/report-model.js';
import { reportSectionStyles } from '../../report/report-styles.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { DEFAULT_TIME_ZONE } from '../../../server/contract/constants.js';

/** The day's worst half-hours by service level, with their abandons. */
export class WbReportWorst extends LitElement {
  static override styles = [baseStyles, reportSectionStyles];

  /** The half-hours, worst first. */
  @property({ attribute: false }) periods: readonly MergedPeriod[] = [];
  /** The least handled calls a ranked half-hour has, for the hint. @default 10 */
  @property({ type: Number }) minHandled = 10;
  /** The service-level target (fraction), to mark those below it. */
  @property({ attribute: false }) target: number | null = null;
  /** The board's time zone. @default "Asia/Shanghai" */
  @property() timeZone = DEFAULT_TIME_ZONE;
  /** Translations and number formats. @default zh-CN */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');

  override render() {
    const { i18n, timeZone } = this;
    return html`<section>
      <h2>${i18n.t('report.worst')}</h2>
      <p class="hint">${i18n.t('report.worstHint', { n: this.minHandled })}</p>
      ${
        this.periods.length === 0
          ? html`<p class="empty">${i18n.t('report.noWorst')}</p>`
          : html`<table data-testid="worst-half-hours">
              <thead>
                <tr>
                  <th>${i18n.t('report.time')}</th>
                  <th>${i18n.t('report.handled')}</th>
                  <th>${i18n.t('totals.serviceLevel')}</th>
                  <th>${i18n.t('totals.abandoned')}</th>
                  <th>${i18n.t('report.abandonRate')}</th>
                </tr>
              </thead>
              <tbody>
                ${this.periods.map(
                  (p) => html`<tr data-start=${p.startTs}>
                    <td class="num">${i18n.hourMinute(p.startTs, timeZone)}–${i18n.hourMinute(p.endTs, timeZone)}</td>
                    <td class="num">${i18n.number(p.handled)}</td>
                    <td class="num value">${i18n.percent(p.serviceLevel)}${this.target !== null && p.serviceLevel !== null && p.serviceLevel < this.target ? ' ▼' : ''}</td>
                    <td class="num">${i18n.number(p.abandoned)}</td>
                    <td class="num">${i18n.percent(p.abandonRate)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
  }
}
