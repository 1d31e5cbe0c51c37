import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import type { HistoryAgentRow } from '../../../server/contract/history.js';
import { reportSectionStyles } from '../../report/report-styles.js';
import { baseStyles } from '../../theme/shared-styles.js';

/** The agents' day: handled, mean handle time, holds, hold checks missed, transfers. */
export class WbReportAgents extends LitElement {
  static override styles = [baseStyles, reportSectionStyles];

  /** The day's agents, busiest first. */
  @property({ attribute: false }) agents: readonly HistoryAgentRow[] = [];
  /** Translations and number formats. @default zh-CN */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');

  override render() {
    const { i18n } = this;
    return html`<section>
      <h2>${i18n.t('report.agents')}</h2>
      ${
        this.agents.length === 0
          ? html`<p class="empty">${i18n.t('report.noAgents')}</p>`
          : html`<table data-testid="report-agents">
              <thead>
                <tr>
                  <th>${i18n.t('report.agent')}</th>
                  <th class="text">${i18n.t('report.team')}</th>
                  <th>${i18n.t('report.handled')}</th>
                  <th>${i18n.t('report.meanHandle')}</th>
                  <th>${i18n.t('report.holds')}</th>
                  <th>${i18n.t('report.holdChecksMissed')}</th>
                  <th>${i18n.t('report.cold')}</th>
                  <th>${i18n.t('report.warm')}</th>
                </tr>
              </thead>
              <tbody>
                ${this.agents.map(
                  (a) => html`<tr data-agent=${a.agentId}>
                    <td><bdi>${a.name ?? a.agentId}</bdi></td>
                    <td class="text"><bdi>${a.team ?? '—'}</bdi></td>
                    <td class="num">${i18n.number(a.handled)}</td>
                    <td class="num">${a.meanHandleMs === null ? '—' : i18n.duration(a.meanHandleMs)}</td>
                    <td class="num">${i18n.number(a.holds)}</td>
                    <td class="num">${a.holdChecksMissed > 0 ? html`<strong>${i18n.number(a.holdChecksMissed)} ▲</strong>` : i18n.number(0)}</td>
                    <td class="num">${i18n.number(a.coldTransfers)}</td>
                    <td class="num">${i18n.number(a.warmTransfers)}</td>
                  </tr>`,
                )}
              </tbody>
            </table>`
      }
    </section>`;
  }
}
