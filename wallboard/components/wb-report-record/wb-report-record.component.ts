import { LitElement, css, html } from 'lit';
import { property } from 'lit/decorators.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.js';
import type { DayRecord } from '../../report/report-model.js';
import { reportSectionStyles } from '../../report/report-styles.js';
import { baseStyles } from '../../theme/shared-styles.js';

/** The day's record of hold checks, complaints and transfers, side by side. */
export class WbReportRecord extends LitElement {
  static override styles = [
    baseStyles,
    reportSectionStyles,
    css`
      .cards { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1em; }
      dl { display: grid; grid-template-columns: 1fr auto; gap: 0.25em 1em; margin: 0; }
      dt { color: var(--wb-text-dim, #8d9bab); }
      dd { margin: 0; text-align: right; font-weight: 600; font-variant-numeric: tabular-nums; }
      dd.bad { color: var(--wb-missed, #ff5d52); }
      @media print { dd.bad { color: #b00; } }
    `,
  ];

  /** The day's record. */
  @property({ attribute: false }) record: DayRecord | null = null;
  /** Translations and number formats. @default zh-CN */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');

  private card(heading: MessageKey, id: string, items: readonly (readonly [MessageKey, string, boolean?])[]) {
    return html`<section data-testid=${id}>
      <h2>${this.i18n.t(heading)}</h2>
      <dl>
        ${items.map(([key, value, bad]) => html`<dt>${this.i18n.t(key)}</dt><dd class=${bad ? 'bad' : ''} data-item=${key}>${value}${bad ? ' ▲' : ''}</dd>`)}
      </dl>
    </section>`;
  }

  override render() {
    const r = this.record;
    const { i18n } = this;
    if (!r) return html``;
    return html`<div class="cards">
      ${this.card('report.holdChecks', 'hold-record', [
        ['report.due', i18n.number(r.holdChecksDue)],
        ['report.onTime', i18n.number(r.holdChecksOnTime)],
        ['report.onTimeRate', i18n.percent(r.holdCheckOnTimeRate)],
      ])}
      ${this.card('report.complaints', 'complaint-record', [
        ['report.complaintsOpened', i18n.number(r.complaints.opened)],
        ['report.complaintsDue', i18n.number(r.complaintsDue)],
        ['report.complaintsOnTime', i18n.number(r.complaintsRepliedOnTime)],
        ['report.complaintsOverdue', i18n.number(r.complaints.overdue), r.complaints.overdue > 0],
      ])}
      ${this.card('report.transfers', 'transfer-record', [
        ['report.cold', i18n.number(r.coldTransfers)],
        ['report.warm', i18n.number(r.warmTransfers)],
        ...(r.otherTransfers > 0 ? ([['report.otherTransfers', i18n.number(r.otherTransfers)]] as const) : []),
      ])}
    </div>`;
  }
}
