import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import type { Alarm } from '../../../server/contract/snapshot.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { reportSectionStyles } from '../../report/report-styles.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { alarmLine, alarmScope } from '../alarm-text.js';
import { DEFAULT_TIME_ZONE } from '../../../server/contract/constants.js';

/** The alarms raised on the day, in the order they came. */
export class WbReportAlarms extends LitElement {
  static override styles = [baseStyles, reportSectionStyles];

  /** The day's alarms, oldest first. */
  @property({ attribute: false }) alarms: readonly Alarm[] = [];
  /** Queue names in the page's language, by id. */
  @property({ attribute: false }) names: Readonly<Record<string, string>> = {};
  /** The board's time zone. @default "Asia/Shanghai" */
  @property() timeZone = DEFAULT_TIME_ZONE;
  /** Translations and number formats. @default zh-CN */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');

  override render() {
    const { i18n, timeZone } = this;
    return html`<section>
      <h2>${i18n.t('report.alarms')}</h2>
      ${
        this.alarms.length === 0
          ? html`<p class="empty">${i18n.t('report.noAlarms')}</p>`
          : html`<table data-testid="report-alarms">
              <thead>
                <tr>
                  <th>${i18n.t('report.raised')}</th>
                  <th>${i18n.t('report.cleared')}</th>
                  <th class="text"></th>
                  <th class="text">${i18n.t('report.queue')}</th>
                  <th class="text"></th>
                </tr>
              </thead>
              <tbody>
                ${this.alarms.map(
                  (a) => html`<tr data-alarm=${a.id} data-severity=${a.severity}>
                    <td class="num">${i18n.hourMinute(a.raisedTs, timeZone)}</td>
                    <td class="num">${a.clearedTs === null ? i18n.t('report.stillActive') : i18n.hourMinute(a.clearedTs, timeZone)}</td>
                    <td class="text">${a.severity === 'critical' ? '◆ ' : '▲ '}${i18n.t(a.severity === 'critical' ? 'alarm.critical' : 'alarm.warning')}</td>
                    <td class="text"><bdi>${alarmScope(a, i18n, this.names)}</bdi></td>
                    <td class="text">${alarmLine(a, i18n)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
  }
}
