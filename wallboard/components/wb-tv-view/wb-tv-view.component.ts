import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { Snapshot } from '../../../server/contract/snapshot.js';
import type { ScreenConfig } from '../../config/screen-config.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { ClockController } from '../../store/clock-controller.js';
import { frozenClock, type Clock, type ClockSource } from '../../store/clock-source.js';
import { StoreController } from '../../store/store-controller.js';
import type { WallboardStore } from '../../store/wallboard-store.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { bucketStart, kpisById, memo, memo2, orderQueues, totalsSeries } from '../view-data.js';
import '../wb-agent-states/wb-agent-states.js';
import '../wb-connection-status/wb-connection-status.js';
import '../wb-hold-board/wb-hold-board.js';
import '../wb-intraday-chart/wb-intraday-chart.js';
import '../wb-kpi-gauge/wb-kpi-gauge.js';
import '../wb-kpi-tile/wb-kpi-tile.js';
import '../wb-queue-table/wb-queue-table.js';
import '../wb-wait-summary/wb-wait-summary.js';
import styles from './wb-tv-view.styles.js';
import { DEFAULT_TIME_ZONE } from '../../../server/contract/constants.js';

const GAUGES = ['systemConnect', 'agentConnect', 'vipConnect'] as const;
const TILES = ['satisfaction', 'complaintReply', 'firstContactResolution'] as const;

/** The wall screen: read from five metres, never scrolls, needs no touch. */
export class WbTvView extends LitElement {
  static override styles = [baseStyles, styles];

  /** The live data. */
  @property({ attribute: false }) store!: WallboardStore;
  /** The shared server clock. */
  @property({ attribute: false }) clock!: ClockSource;
  /** What this screen shows, from its link. */
  @property({ attribute: false }) config!: ScreenConfig;

  private data!: StoreController;
  private readonly minute = new ClockController(this, () => this.clock, () => true, () => 60_000);
  private readonly kpis = memo(kpisById);
  private readonly queues = memo2(orderQueues);
  private readonly series = memo(totalsSeries);
  /** The clock the data's timers read: live, or stopped when the data went stale. */
  private readonly dataClockAt = memo((staleSinceTs: number | null): Clock => (staleSinceTs === null ? this.clock : frozenClock(staleSinceTs)));
  private dataClock!: Clock;

  override connectedCallback(): void {
    // The store arrives as a property before the element is attached (see main.ts).
    this.data ??= new StoreController(this, this.store);
    super.connectedCallback();
  }

  private get i18n(): I18n {
    return createI18n(this.config.lang);
  }

  override render() {
    const { snapshot, connection, staleSinceTs } = this.data.state;
    this.dataClock = this.dataClockAt(staleSinceTs);
    const i18n = this.i18n;
    const timeZone = snapshot?.timeZone ?? DEFAULT_TIME_ZONE;
    const now = this.minute.now();
    return html`<div class="screen">
      <header>
        <h1>${this.config.title ?? i18n.t('app.tv')}</h1>
        <span class="scope">${this.scopeLabel(i18n)}</span>
        <span class="spacer"></span>
        <wb-connection-status .connection=${connection} .staleSinceTs=${staleSinceTs} .timeZone=${timeZone} .i18n=${i18n}></wb-connection-status>
        <span class="clock" data-testid="clock">${i18n.hourMinute(now, timeZone)}</span>
      </header>
      ${snapshot ? this.renderMain(snapshot, i18n, staleSinceTs !== null) : html`<div class="waiting-screen">${i18n.t('conn.connecting')}</div>`}
      <footer>
        <span class="warn">${this.config.ignored.length > 0 ? i18n.t('config.ignored', { detail: this.config.ignored.join(', ') }) : nothing}</span>
        <span>${snapshot ? snapshot.day : nothing}</span>
      </footer>
    </div>`;
  }

  private scopeLabel(i18n: I18n): string {
    const { queues, team, queueNames } = this.config;
    const parts = [queues.length === 0 ? i18n.t('scope.allQueues') : queues.map((q) => queueNames[q] ?? q).join('、')];
    if (team) parts.push(i18n.t('scope.team', { team }));
    return parts.join(' · ');
  }

  private renderMain(s: Snapshot, i18n: I18n, stale: boolean) {
    const layout = this.config.layout;
    const kpis = this.kpis(s.kpis);
    const queues = this.queues(s.queues, this.config.queues);
    const threshold = s.thresholds.serviceLevelMs;
    const waits = html`<section class="panel">
      <wb-wait-summary .totals=${s.totals} .thresholdMs=${threshold} .clock=${this.dataClock} .i18n=${i18n}></wb-wait-summary>
    </section>`;
    const queueTable = html`<section class="panel grow">
      <h2>${i18n.t('queues.title')}</h2>
      <wb-queue-table class="grow" .queues=${queues} .names=${this.config.queueNames} .thresholdMs=${threshold}
        .rotateMs=${this.config.rotateMs} .clock=${this.dataClock} .rotationClock=${this.clock} .i18n=${i18n}></wb-queue-table>
    </section>`;
    const holds = html`<section class="panel grow">
      <wb-hold-board class="grow" .heading=${i18n.t('hold.title')} .held=${s.held} .names=${this.config.queueNames} .intervalMs=${s.thresholds.holdCheckIntervalMs}
        .clock=${this.dataClock} .i18n=${i18n}></wb-hold-board>
    </section>`;
    const agents = html`<section class="panel">
      <h2>${i18n.t('agents.title')}</h2>
      <wb-agent-states .agents=${s.agents} .i18n=${i18n}></wb-agent-states>
    </section>`;
    if (layout === 'queues') {
      return html`<div class="main queues ${stale ? 'stale' : ''}">
        <div class="col">${queueTable}</div>
        <div class="col">${waits}${holds}${agents}</div>
      </div>`;
    }
    return html`<div class="main standard ${stale ? 'stale' : ''}">
      <div class="col">${waits}${queueTable}</div>
      <div class="col">
        <section class="panel">
          <div class="kpis">
            ${GAUGES.map((id) => html`<wb-kpi-gauge .kpi=${kpis[id] ?? null} .i18n=${i18n} data-kpi=${id}></wb-kpi-gauge>`)}
            ${TILES.map((id) => html`<wb-kpi-tile .kpi=${kpis[id] ?? null} .i18n=${i18n} data-kpi=${id}></wb-kpi-tile>`)}
          </div>
        </section>
        <section class="panel grow">
          <h2>${i18n.t('chart.intraday')}</h2>
          <wb-intraday-chart class="grow" .buckets=${this.series(s.intraday)} .nowTs=${bucketStart(s.serverTs)} .timeZone=${s.timeZone}
            .target=${s.thresholds.serviceLevelTarget} .i18n=${i18n}></wb-intraday-chart>
        </section>
      </div>
      <div class="col">${holds}${agents}</div>
    </div>`;
  }
}
