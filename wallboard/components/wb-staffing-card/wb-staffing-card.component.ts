import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { i18nContext } from '../../context/contexts.js';
import type { QueueStaffing } from '../../../server/contract/snapshot.js';
import type { AgentState } from '../../../server/contract/vocabulary.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { baseStyles, statusStyles } from '../../theme/shared-styles.js';
import { statusIcon } from '../../theme/status-icons.js';
import { staffingShortfall } from '../staffing-shortfall.js';
import styles from './wb-staffing-card.styles.js';

/** The tablet's staffing hint for one queue: agents needed now beside those on it, with the inputs the figure rests on (the handle time with its wrap-up part, from servers that measure it). */
export class WbStaffingCard extends LitElement {
  static override styles = [baseStyles, statusStyles, styles];

  /** The queue's hint; null with too little traffic, undefined from a server without it. */
  @property({ attribute: false }) staffing: QueueStaffing | null | undefined = null;
  /** The queue's agents by state, to split those on it into free, on a call and in wrap-up; none from a caller that does not pass them. @default null */
  @property({ attribute: false }) agents: Readonly<Record<AgentState, number>> | null = null;
  /** The service-level threshold the figure aims at, in ms. @default 20000 */
  @property({ type: Number }) thresholdMs = 20_000;
  /** The service-level target (fraction). @default 0.8 */
  @property({ type: Number }) target = 0.8;
  /** Translations and number formats. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');

  override render() {
    const { i18n, staffing: s } = this;
    const goal = i18n.t('staffing.target', { percent: i18n.percent(this.target, 0), seconds: i18n.number(this.thresholdMs / 1000) });
    if (!s) {
      return html`<h3>${i18n.t('staffing.title')}</h3>
        <p class="dim" data-testid="staffing-none">${i18n.t('staffing.noData')}</p>`;
    }
    const short = staffingShortfall(s);
    const status = short > 0 ? 'atRisk' : 'met';
    const needed = i18n.number(s.needed);
    return html`<h3>${i18n.t('staffing.title')}</h3>
      <div class="figures">
        <span class="figure"><b class="num" data-testid="staffing-needed">${s.capped ? i18n.t('staffing.atLeast', { n: needed }) : needed}</b><span>${i18n.t('staffing.needed')}</span></span>
        <span class="figure"
          ><b class="num" data-testid="staffing-on-queue">${i18n.number(s.onQueue)}</b><span>${i18n.t('staffing.onQueue')}</span>${this.split()}</span
        >
        <span class="verdict status-${status}" data-testid="staffing-verdict"
          ><svg class="status-icon" viewBox="0 0 24 24" aria-hidden="true">${statusIcon(status)}</svg>${
            short > 0 ? i18n.t('staffing.shortBy', { n: i18n.number(short) }) : i18n.t('staffing.enough')
          }</span
        >
      </div>
      <dl data-testid="staffing-inputs">
        <div><dt>${i18n.t('staffing.arrivals')}</dt><dd class="num">${i18n.number(s.arrivalsPerHour)}</dd></div>
        <div><dt>${i18n.t('staffing.aht')}</dt><dd class="num">${i18n.duration(s.meanHandleMs)}</dd></div>
        ${
          s.meanWrapMs === undefined
            ? nothing
            : html`<div><dt>${i18n.t('staffing.wrap')}</dt><dd class="num" data-testid="staffing-wrap">${i18n.duration(s.meanWrapMs)}</dd></div>`
        }
        <div><dt>${i18n.t('staffing.patience')}</dt><dd class="num">${s.patienceMs === null ? i18n.t('staffing.noAbandons') : i18n.duration(s.patienceMs)}</dd></div>
        <div><dt>${i18n.t('staffing.model')}</dt><dd>${i18n.t(s.model === 'erlangA' ? 'staffing.erlangA' : 'staffing.erlangC')}</dd></div>
      </dl>
      <p class="basis">${goal}</p>
      <p class="basis">${i18n.t('staffing.basis')}</p>`;
  }

  /** Those on the queue by what they are doing: free, on a call (ringing, talking or holding) and in wrap-up. */
  private split() {
    const a = this.agents;
    if (!a) return nothing;
    const { i18n } = this;
    return html`<span class="split" data-testid="staffing-split"
      >${i18n.t('staffing.split', { free: i18n.number(a.available), onCall: i18n.number(a.ringing + a.talking + a.hold), wrap: i18n.number(a.acw) })}</span
    >`;
  }
}
