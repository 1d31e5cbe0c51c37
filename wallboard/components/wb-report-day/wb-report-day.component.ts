import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import type { DayReport } from '../../report/report-loader.js';
import { longDay, shortDay } from '../../report/report-format.js';
import {
  agentsOf,
  alarmsOf,
  comparisonDays,
  dayRecord,
  HOUR_MS,
  isRecorded,
  kpiLines,
  mergePeriods,
  queueLabel,
  seriesOf,
  totalOf,
  worstHalfHours,
} from '../../report/report-model.js';
import { reportSectionStyles } from '../../report/report-styles.js';
import { baseStyles } from '../../theme/shared-styles.js';
import '../wb-report-agents/wb-report-agents.js';
import '../wb-report-alarms/wb-report-alarms.js';
import '../wb-report-kpis/wb-report-kpis.js';
import '../wb-report-record/wb-report-record.js';
import '../wb-report-sl/wb-report-sl.js';
import '../wb-report-traffic/wb-report-traffic.js';
import '../wb-report-worst/wb-report-worst.js';

/** One day of the morning report: its KPIs beside the day before and last week's, then the day's detail. */
export class WbReportDay extends LitElement {
  static override styles = [
    baseStyles,
    reportSectionStyles,
    css`
      .grid { display: grid; grid-template-columns: minmax(0, 1.35fr) minmax(0, 1fr); gap: 1em; align-items: start; }
      .side { display: flex; flex-direction: column; gap: 1em; }
      .wide { grid-column: 1 / -1; }
      .multiples { display: grid; grid-template-columns: repeat(auto-fill, minmax(28em, 1fr)); gap: 1em 1.5em; }
      .multiples wb-report-traffic { height: 15em; }
      .multiples wb-report-traffic.total { grid-column: 1 / -1; height: 18em; }
      .note { color: var(--wb-at-risk, #f5b83d); margin: 0; }
      @media print {
        .grid { display: block; }
        .grid > *, .side > * { margin-bottom: 4mm; }
        .traffic, .agents { break-before: page; }
        .multiples { grid-template-columns: 1fr 1fr; gap: 3mm 5mm; }
        .multiples wb-report-traffic { height: 48mm; break-inside: avoid; }
        .multiples wb-report-traffic.total { height: 62mm; }
        .note { color: #000; font-style: italic; }
      }
    `,
  ];

  /** The day's answers from the history API. */
  @property({ attribute: false }) report: DayReport | null = null;
  /** Half-hours with fewer handled calls are not ranked among the worst. @default 10 */
  @property({ type: Number }) minHandled = 10;
  /** Translations and number formats. @default zh-CN */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');

  override render() {
    const r = this.report;
    const { i18n } = this;
    if (!r) return html``;
    const { date, days, intraday } = r;
    const total = totalOf(days.rows, date);
    if (!isRecorded(days, date) || !total)
      return html`<section class="no-data" data-testid="report-no-data">
        <h2>${i18n.t('report.noData', { date: longDay(date, i18n.lang) })}</h2>
        <p class="hint">${i18n.t('report.noDataHint')}</p>
      </section>`;
    const tz = days.timeZone;
    const lang = i18n.lang;
    const final = days.days.find((d) => d.date === date)?.final ?? true;
    const compare = comparisonDays(date);
    const slTarget = days.targets.serviceLevel?.target ?? null;
    const hourly = (queue: string | null) => mergePeriods(seriesOf(intraday.rows, queue), total.startTs, total.endTs, HOUR_MS);
    const names = Object.fromEntries(intraday.queues.map((q) => [q, queueLabel(intraday, q, lang)]));
    return html`<div class="grid" data-testid="report-day" data-date=${date}>
      ${final ? null : html`<p class="note wide" data-testid="report-not-final">${i18n.t('report.notFinal')}</p>`}
      <wb-report-kpis
        .heading=${i18n.t('report.kpis')}
        .lines=${kpiLines(days, compare)}
        .columns=${[`${i18n.t('report.theDay')} ${shortDay(compare[0]!, lang)}`, `${i18n.t('report.dayBefore')} ${shortDay(compare[1]!, lang)}`, `${i18n.t('report.lastWeek')} ${shortDay(compare[2]!, lang)}`]}
        .i18n=${i18n}
      ></wb-report-kpis>
      <div class="side">
        <wb-report-record .record=${dayRecord(days, total, date)} .i18n=${i18n}></wb-report-record>
        <wb-report-worst
          .periods=${worstHalfHours(seriesOf(intraday.rows, null), total.startTs, total.endTs, { minHandled: this.minHandled })}
          .minHandled=${this.minHandled}
          .target=${slTarget}
          .timeZone=${tz}
          .i18n=${i18n}
        ></wb-report-worst>
      </div>
      <wb-report-sl
        class="wide"
        .points=${seriesOf(intraday.rows, null)}
        .dayStartTs=${total.startTs}
        .dayEndTs=${total.endTs}
        .target=${slTarget}
        .timeZone=${tz}
        .i18n=${i18n}
      ></wb-report-sl>
      <section class="wide traffic">
        <h2>${i18n.t('report.traffic')}</h2>
        <div class="multiples">
          <wb-report-traffic class="total" .heading=${i18n.t('scope.allQueues')} .periods=${hourly(null)} .timeZone=${tz} .i18n=${i18n} data-queue="total"></wb-report-traffic>
          ${intraday.queues.map(
            (q) => html`<wb-report-traffic .heading=${names[q]!} .periods=${hourly(q)} .timeZone=${tz} .i18n=${i18n} data-queue=${q}></wb-report-traffic>`,
          )}
        </div>
      </section>
      <wb-report-alarms class="wide" .alarms=${alarmsOf(days, date)} .names=${names} .timeZone=${tz} .i18n=${i18n}></wb-report-alarms>
      <wb-report-agents class="wide agents" .agents=${agentsOf(days.agents, date)} .i18n=${i18n}></wb-report-agents>
    </div>`;
  }
}
