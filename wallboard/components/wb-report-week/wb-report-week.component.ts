import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { weekDays } from '../../report/report-dates.js';
import { shortDay } from '../../report/report-format.js';
import type { WeekReport } from '../../report/report-loader.js';
import { isFinal, isRecorded, kpiCell, kpiLines, totalOf, weekAgainstWeek } from '../../report/report-model.js';
import { reportSectionStyles } from '../../report/report-styles.js';
import { baseStyles, statusStyles } from '../../theme/shared-styles.js';
import { kpiCellTemplate, kpiLabel } from '../wb-report-kpis/wb-report-kpis.component.js';
import { kpiTargetText } from '../kpi-format.js';
import '../wb-report-kpis/wb-report-kpis.js';

/** The Monday review: each day of a week against the targets, and the week against the one before. */
export class WbReportWeek extends LitElement {
  static override styles = [
    baseStyles,
    statusStyles,
    reportSectionStyles,
    css`
      :host { display: flex; flex-direction: column; gap: 1em; }
      td.none { color: var(--wb-text-dim, #8d9bab); }
      tr.counts td { font-weight: 600; }
      .so-far { display: block; font-weight: 400; font-size: 0.8em; }
      .kpi-mark { flex-wrap: wrap; justify-content: flex-end; }
      @media print { :host { gap: 4mm; } th, td { padding: 1mm 1.5mm; font-size: 8.5pt; } }
    `,
  ];

  /** The week's and the week before's answers. */
  @property({ attribute: false }) report: WeekReport | null = null;
  /** Translations and number formats. @default zh-CN */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');

  override render() {
    const r = this.report;
    const { i18n } = this;
    if (!r) return html``;
    const dates = weekDays(r.monday);
    const lang = i18n.lang;
    const recorded = dates.map((d) => isRecorded(r.week, d));
    if (!recorded.some(Boolean))
      return html`<section class="no-data" data-testid="report-no-data">
        <h2>${i18n.t('report.noWeekData', { date: shortDay(r.monday, lang) })}</h2>
        <p class="hint">${i18n.t('report.noDataHint')}</p>
      </section>`;
    const lines = kpiLines(r.week, dates);
    const weekTotal = r.week.summary.find((s) => s.queue === null) ?? null;
    const offered = dates.map((d) => totalOf(r.week.rows, d)?.offered ?? null);
    return html`<section>
        <h2>${i18n.t('report.weekDays')}</h2>
        <table data-testid="week-days">
          <thead>
            <tr>
              <th>${i18n.t('report.kpi')}</th>
              <th>${i18n.t('report.target')}</th>
              ${dates.map(
                (d, i) =>
                  html`<th data-date=${d}>
                    ${shortDay(d, lang)}${recorded[i] && !isFinal(r.week, d) ? html`<span class="so-far" data-testid="week-so-far">${i18n.t('report.soFar')}</span>` : null}
                  </th>`,
              )}
              <th>${i18n.t('report.weekTotal')}</th>
            </tr>
          </thead>
          <tbody>
            <tr class="counts">
              <td>${i18n.t('totals.offered')}</td>
              <td></td>
              ${offered.map((n) => html`<td class="num ${n === null ? 'none' : ''}">${n === null ? '—' : i18n.number(n)}</td>`)}
              <td class="num">${weekTotal ? i18n.number(weekTotal.offered) : '—'}</td>
            </tr>
            ${lines.map(
              (line) => html`<tr data-kpi=${line.def.id}>
                <td>${kpiLabel(line.def.id, i18n)}</td>
                <td class="num dim">${line.target ? kpiTargetText({ target: line.target.target, unit: line.def.unit }, i18n) : '—'}</td>
                ${line.cells.map((cell, i) => html`<td class="num" data-date=${dates[i]!}>${kpiCellTemplate(line, cell, i18n)}</td>`)}
                <td class="num" data-week>${kpiCellTemplate(line, kpiCell(line.def, line.target, weekTotal), i18n)}</td>
              </tr>`,
            )}
          </tbody>
        </table>
      </section>
      <wb-report-kpis
        data-testid="week-vs-week"
        .heading=${i18n.t('report.weekVsWeek')}
        .lines=${weekAgainstWeek(r.week, r.before)}
        .columns=${[`${i18n.t('report.thisWeek')} ${shortDay(r.monday, lang)}`, `${i18n.t('report.weekBefore')} ${shortDay(r.before.from, lang)}`]}
        .i18n=${i18n}
      ></wb-report-kpis>`;
  }
}
