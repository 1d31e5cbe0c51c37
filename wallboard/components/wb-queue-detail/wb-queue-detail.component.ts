import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { i18nContext } from '../../context/contexts.js';
import type { AgentRow, HeldCall, IntradayBucket, Kpi, QueueStats, RecentAbandon } from '../../../server/contract/snapshot.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { baseStyles } from '../../theme/shared-styles.js';
import '../wb-agent-table/wb-agent-table.js';
import { loggedOffAllDay } from '../wb-agent-table/agent-order.js';
import '../wb-hold-board/wb-hold-board.js';
import '../wb-intraday-chart/wb-intraday-chart.js';
import '../wb-staffing-card/wb-staffing-card.js';
import '../wb-target-history/wb-target-history.js';
import styles from './wb-queue-detail.styles.js';
import { rows } from '../keyed-rows.js';
import { DEFAULT_TIME_ZONE } from '../../../server/contract/constants.js';
import { DEFAULT_TIME_IN_STATE, type TimeInStateThresholds } from '../../../server/contract/time-in-state.js';

// Rows of the drill-down's held calls (the latest checks first, then "+N more") and of its abandons: a tablet shows about that many in
// sight, and 100 held calls' countdowns laid out and ticking cost more than all the rest of an update on a busy floor.
const LIST_ROWS = 12;

/** The tablet's drill-down: one queue (or all) with its figures (exits beside abandons), charts, agents, held calls and abandons. */
export class WbQueueDetail extends LitElement {
  static override styles = [baseStyles, styles];

  /** The queue's heading. */
  @property() heading = '';
  /** The queue drilled into; null for the all-queues overview. */
  @property({ attribute: false }) queueId: string | null = null;
  /** The queue's figures; null for the all-queues overview. */
  @property({ attribute: false }) queue: QueueStats | null = null;
  /** The queue's agents. */
  @property({ attribute: false }) agents: readonly AgentRow[] = [];
  /** Per state, the times in state past which an agent is marked (the snapshot's timeInState). @default DEFAULT_TIME_IN_STATE */
  @property({ attribute: false }) timeInState: TimeInStateThresholds = DEFAULT_TIME_IN_STATE;
  /** The queue's held calls. */
  @property({ attribute: false }) held: readonly HeldCall[] = [];
  /** The queue's recent abandons, newest first. */
  @property({ attribute: false }) abandons: readonly RecentAbandon[] = [];
  /** The queue's intraday buckets. */
  @property({ attribute: false }) buckets: readonly IntradayBucket[] = [];
  /** The KPIs with their targets, for the targets' history. */
  @property({ attribute: false }) kpis: readonly Kpi[] = [];
  /** The service-level target (fraction). @default 0.8 */
  @property({ type: Number }) serviceLevelTarget = 0.8;
  /** The service-level threshold, in ms. @default 20000 */
  @property({ type: Number }) serviceLevelMs = 20_000;
  /** Start of the current 15-minute bucket. */
  @property({ type: Number }) nowTs = 0;
  /** The hold-check interval, in ms. */
  @property({ type: Number }) intervalMs = 30_000;
  /** The call centre's time zone. */
  @property() timeZone = DEFAULT_TIME_ZONE;
  /** Translations and number formats. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');

  override render() {
    const { i18n, queue: q } = this;
    return html`
      <div class="summary">
        <h2><bdi>${this.heading}</bdi></h2>
        ${
          q
            ? html`<span class="figure"><b class="num">${i18n.number(q.waiting)}</b><span>${i18n.t('queues.waiting')}</span></span>
              <span class="figure"><b class="num">${i18n.number(q.answered)}</b><span>${i18n.t('queues.answered')}</span></span>
              <span class="figure"><b class="num">${i18n.number(q.abandoned)}</b><span>${i18n.t('queues.abandoned')}</span></span>
              <span class="figure" title=${i18n.t('queues.exitedHint')}
                ><b class="num" data-testid="exited">${i18n.number(q.exited)}</b><span>${i18n.t('queues.exited')}</span></span
              >
              <span class="figure"><b class="num">${i18n.percent(q.serviceLevel)}</b><span>${i18n.t('queues.serviceLevel')}</span></span>
              <span class="figure"><b class="num">${i18n.percent(q.agentConnectRate)}</b><span>${i18n.t('queues.connect')}</span></span>`
            : null
        }
      </div>
      ${
        q
          ? html`<wb-staffing-card class="card" .staffing=${q.staffing} .agents=${q.agents} .thresholdMs=${this.serviceLevelMs} .target=${this.serviceLevelTarget}></wb-staffing-card>`
          : null
      }
      <div class="charts">
        <div class="card">
          <h3>${i18n.t('chart.intraday')}</h3>
          <wb-intraday-chart class="chart" .buckets=${this.buckets} .nowTs=${this.nowTs} .timeZone=${this.timeZone} .target=${this.serviceLevelTarget}></wb-intraday-chart>
        </div>
        <div class="card">
          <h3>${i18n.t('lead.history')}</h3>
          <wb-target-history .buckets=${this.buckets} .queue=${this.queueId} .kpis=${this.kpis} .serviceLevelTarget=${this.serviceLevelTarget}
            .nowTs=${this.nowTs} .timeZone=${this.timeZone}></wb-target-history>
        </div>
      </div>
      <div class="lists">
        <div class="card">
          <h3>${i18n.t('lead.agents')} · ${i18n.number(this.agents.filter((a) => !loggedOffAllDay(a)).length)}</h3>
          <wb-agent-table .agents=${this.agents} .timeInState=${this.timeInState}></wb-agent-table>
        </div>
        <div class="side">
          <div class="card">
            <h3>${i18n.t('lead.held')} · ${i18n.number(this.held.length)}</h3>
            <wb-hold-board go-see .rows=${Math.max(1, Math.min(LIST_ROWS, this.held.length))} .held=${this.held} .intervalMs=${this.intervalMs}></wb-hold-board>
          </div>
          <div class="card">
            <h3>${i18n.t('lead.recentAbandons')}</h3>
            ${
              this.abandons.length === 0
                ? html`<div class="dim">${i18n.t('lead.noAbandons')}</div>`
                : html`<ul>
                  ${rows(
                    this.abandons.slice(0, LIST_ROWS),
                    (a) => `${a.callId}@${a.ts}`,
                    (a) => html`<li>
                      <span class="num">${i18n.time(a.ts, this.timeZone)}</span>
                      <span class=${a.tier === 'standard' ? 'dim' : 'vip'}>${i18n.t(`tier.${a.tier}`)}</span>
                      <span class="num">${a.waitMs === null ? '—' : i18n.t('lead.waited', { time: i18n.duration(a.waitMs) })}</span>
                    </li>`,
                  )}
                </ul>`
            }
          </div>
        </div>
      </div>
    `;
  }
}
