import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { ReportKpiId } from '../../../server/contract/history.js';
import type { KpiCell, KpiLine } from '../../report/report-model.js';
import { baseStyles, statusStyles } from '../../theme/shared-styles.js';
import { statusIcon } from '../../theme/status-icons.js';
import { reportSectionStyles } from '../../report/report-styles.js';
import { kpiTargetText, kpiValueText, STATUS_KEY } from '../kpi-format.js';

const LABEL: Readonly<Record<ReportKpiId, MessageKey>> = {
  systemConnect: 'kpi.systemConnect',
  agentConnect: 'kpi.agentConnect',
  vipConnect: 'kpi.vipConnect',
  satisfaction: 'kpi.satisfaction',
  complaintReply: 'kpi.complaintReply',
  firstContactResolution: 'kpi.firstContactResolution',
  holdCheckOnTime: 'kpi.holdCheckOnTime',
  serviceLevel: 'totals.serviceLevel',
};

/** A KPI's value with its status as a shape and a word, for a table cell. */
export function kpiCellTemplate(line: KpiLine, cell: KpiCell, i18n: I18n) {
  return html`<span class="kpi-mark status-${cell.status}" data-status=${cell.status}>
    <span class="value">${kpiValueText({ value: cell.value, unit: line.def.unit }, i18n)}</span>
    <svg class="status-icon" viewBox="0 0 24 24" aria-hidden="true">${statusIcon(cell.status)}</svg>
    <span class="word">${i18n.t(STATUS_KEY[cell.status])}</span>
  </span>`;
}

export function kpiLabel(id: ReportKpiId, i18n: I18n): string {
  return i18n.t(LABEL[id]);
}

/** The KPIs against their targets, one column per day or week given (the first is the one reported). */
export class WbReportKpis extends LitElement {
  static override styles = [baseStyles, statusStyles, reportSectionStyles];

  /** Each KPI with one cell per column. */
  @property({ attribute: false }) lines: readonly KpiLine[] = [];
  /** The columns' headings, as many as each line has cells. */
  @property({ attribute: false }) columns: readonly string[] = [];
  /** The section's heading. */
  @property() heading = '';
  /** Translations and number formats. @default zh-CN */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');

  override render() {
    const { i18n } = this;
    return html`<section>
      <h2>${this.heading}</h2>
      <table data-testid="report-kpis">
        <thead>
          <tr>
            <th>${i18n.t('report.kpi')}</th>
            <th>${i18n.t('report.target')}</th>
            ${this.columns.map((c) => html`<th>${c}</th>`)}
          </tr>
        </thead>
        <tbody>
          ${this.lines.map(
            (line) => html`<tr data-kpi=${line.def.id}>
              <td>${kpiLabel(line.def.id, i18n)}</td>
              <td class="num dim">${line.target ? kpiTargetText({ target: line.target.target, unit: line.def.unit }, i18n) : '—'}</td>
              ${line.cells.map((cell) => html`<td class="num">${kpiCellTemplate(line, cell, i18n)}</td>`)}
            </tr>`,
          )}
        </tbody>
      </table>
    </section>`;
  }
}
