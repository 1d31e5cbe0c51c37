import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { Snapshot } from '../../../server/contract/snapshot.js';
import { seriesOf } from '../../charts/intraday-geometry.js';
import { queueNamesFor, type ScreenConfig } from '../../config/screen-config.js';
import { ScreenController } from '../../controllers/screen-controller.js';
import { StoreController } from '../../controllers/store-controller.js';
import { isolate, type I18n } from '../../i18n/i18n.js';
import type { ClockSource } from '../../store/clock-source.js';
import type { WallboardStore } from '../../store/wallboard-store.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { NONE, bucketStart, kpiOf, orderQueues } from '../view-data.js';
import '../wb-agent-states/wb-agent-states.js';
import '../wb-alarm-banner/wb-alarm-banner.js';
import { alarmsByQueue } from '../alarm-text.js';
import '../wb-hold-board/wb-hold-board.js';
import '../wb-intraday-chart/wb-intraday-chart.js';
import '../wb-kpi-gauge/wb-kpi-gauge.js';
import '../wb-kpi-tile/wb-kpi-tile.js';
import '../wb-queue-table/wb-queue-table.js';
import '../wb-screen-header/wb-screen-header.js';
import '../wb-wait-summary/wb-wait-summary.js';
import styles from './wb-tv-view.styles.js';

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

  private readonly screen = new ScreenController(this, { store: () => this.store, clock: () => this.clock, config: () => this.config });
  private readonly queues = new StoreController(this, {
    store: () => this.store,
    select: (s) => [s.snapshot?.queues ?? NONE, this.config.queues],
    derive: orderQueues,
  });
  private readonly queueAlarms = new StoreController(this, {
    store: () => this.store,
    select: (s) => [s.snapshot?.alarms?.active ?? NONE],
    derive: alarmsByQueue,
  });
  private readonly totals = new StoreController(this, {
    store: () => this.store,
    select: (s) => [s.snapshot?.intraday ?? NONE, null],
    derive: seriesOf,
  });

  override render() {
    const i18n = this.screen.i18n;
    return html`<div class="screen">
      <wb-screen-header>
        <h1><bdi>${this.config.title ?? i18n.t('app.tv')}</bdi></h1>
        <span class="scope">${this.scopeLabel(i18n)}</span>
        <span class="spacer"></span>
      </wb-screen-header>
      ${this.screen.body((s) => this.renderMain(s, i18n))}
      <footer>
        <span class="warn">${this.screen.ignored ?? nothing}</span>
        <span>${this.screen.snapshot?.day ?? nothing}</span>
      </footer>
    </div>`;
  }

  private scopeLabel(i18n: I18n): string {
    const { queues, team } = this.config;
    const queueNames = queueNamesFor(this.config.queueNames, this.screen.snapshot?.queueNames, this.config.lang);
    const parts = [queues.length === 0 ? i18n.t('scope.allQueues') : queues.map((q) => isolate(queueNames[q] ?? q)).join('、')];
    if (team) parts.push(i18n.t('scope.team', { team: isolate(team) }));
    return parts.join(' · ');
  }

  private renderMain(s: Snapshot, i18n: I18n) {
    const { layout } = this.config;
    const queueNames = queueNamesFor(this.config.queueNames, s.queueNames, this.config.lang);
    const stale = this.screen.stale;
    const threshold = s.thresholds.serviceLevelMs;
    const waits = html`<section class="panel">
      <wb-wait-summary .totals=${s.totals} .thresholdMs=${threshold}></wb-wait-summary>
    </section>`;
    const queueTable = html`<section class="panel grow">
      <h2>${i18n.t('queues.title')}</h2>
      <wb-queue-table class="grow" .queues=${this.queues.value} .names=${queueNames} .thresholdMs=${threshold} .rotateMs=${this.config.rotateMs}
        .alarms=${this.queueAlarms.value}></wb-queue-table>
    </section>`;
    const banner = html`<wb-alarm-banner .alarms=${s.alarms?.active ?? NONE} .names=${queueNames}></wb-alarm-banner>`;
    const holds = html`<section class="panel grow">
      <wb-hold-board class="grow" .heading=${i18n.t('hold.title')} .held=${s.held} .names=${queueNames} .intervalMs=${s.thresholds.holdCheckIntervalMs}></wb-hold-board>
    </section>`;
    const agents = html`<section class="panel">
      <h2>${i18n.t('agents.title')}</h2>
      <wb-agent-states .agents=${s.agents}></wb-agent-states>
    </section>`;
    if (layout === 'queues') {
      return html`<div class="body">
        <div class="main queues ${stale ? 'stale' : ''}">
          <div class="col">${queueTable}</div>
          <div class="col">${waits}${holds}${agents}</div>
        </div>
        ${banner}
      </div>`;
    }
    return html`<div class="body">
      <div class="main standard ${stale ? 'stale' : ''}">
      <div class="col">${waits}${queueTable}</div>
      <div class="col">
        <section class="panel">
          <div class="kpis">
            ${GAUGES.map((id) => html`<wb-kpi-gauge .kpi=${kpiOf(s.kpis, id)} data-kpi=${id}></wb-kpi-gauge>`)}
            ${TILES.map((id) => html`<wb-kpi-tile .kpi=${kpiOf(s.kpis, id)} data-kpi=${id}></wb-kpi-tile>`)}
          </div>
        </section>
        <section class="panel grow">
          <h2>${i18n.t('chart.intraday')}</h2>
          <wb-intraday-chart class="grow" .buckets=${this.totals.value} .nowTs=${bucketStart(s.serverTs)} .timeZone=${s.timeZone}
            .target=${s.thresholds.serviceLevelTarget}></wb-intraday-chart>
        </section>
      </div>
      <div class="col">${holds}${agents}</div>
      </div>
      ${banner}
    </div>`;
  }
}
