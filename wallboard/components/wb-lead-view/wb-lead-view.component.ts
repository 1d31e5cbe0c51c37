import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AgentRow, HeldCall, RecentAbandon, Snapshot } from '../../../server/contract/snapshot.js';
import { seriesOf } from '../../charts/intraday-geometry.js';
import { viewOf, type ScreenConfig } from '../../config/screen-config.js';
import type { WbQueueSelectEvent } from '../../events/wb-queue-select.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { ClockController } from '../../store/clock-controller.js';
import { frozenClock, type Clock, type ClockSource } from '../../store/clock-source.js';
import { StoreController } from '../../store/store-controller.js';
import type { WallboardStore } from '../../store/wallboard-store.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { bucketStart, memo, memo2, orderQueues } from '../view-data.js';
import '../wb-connection-status/wb-connection-status.js';
import '../wb-hold-board/wb-hold-board.js';
import '../wb-queue-detail/wb-queue-detail.js';
import '../wb-queue-list/wb-queue-list.js';
import styles from './wb-lead-view.styles.js';
import { DEFAULT_TIME_ZONE } from '../../../server/contract/constants.js';

const ALERT_ROWS = 3;

/** The team lead's tablet: queues to tap into, the team's hold-check alerts, today's charts. */
export class WbLeadView extends LitElement {
  static override styles = [baseStyles, styles];

  /** The live data. */
  @property({ attribute: false }) store!: WallboardStore;
  /** The shared server clock. */
  @property({ attribute: false }) clock!: ClockSource;
  /** What this tablet shows, from its link. */
  @property({ attribute: false }) config!: ScreenConfig;

  /** The queue drilled into; null for all queues. */
  @state() private selected: string | null = null;
  /** The team filter; null for all teams. */
  @state() private team: string | null = null;

  private data!: StoreController;
  private readonly minute = new ClockController(this, () => this.clock, () => true, () => 60_000);
  private readonly dataClockAt = memo((staleSinceTs: number | null): Clock => (staleSinceTs === null ? this.clock : frozenClock(staleSinceTs)));
  private readonly queues = memo2(orderQueues);
  private readonly agentsOf = memo2((agents: readonly AgentRow[], q: string | null) => (q === null ? agents : agents.filter((a) => a.queues.includes(q))));
  private readonly heldOf = memo2((held: readonly HeldCall[], q: string | null) => (q === null ? held : held.filter((h) => h.queue === q)));
  private readonly abandonsOf = memo2((list: readonly RecentAbandon[], q: string | null) => (q === null ? list : list.filter((a) => a.queue === q)));
  private readonly bucketsOf = memo2(seriesOf);
  /** Every team the server knows, and the one chosen even if it knows none by that name yet. */
  private readonly teamsOf = memo2((teams: readonly string[], chosen: string | null) =>
    chosen === null || teams.includes(chosen) ? teams : [...teams, chosen].sort(),
  );

  override connectedCallback(): void {
    if (!this.data) {
      this.data = new StoreController(this, this.store);
      this.selected = this.config.selectedQueue;
      this.team = this.config.team;
    }
    super.connectedCallback();
  }

  private get i18n(): I18n {
    return createI18n(this.config.lang);
  }

  private readonly onQueueSelect = (event: WbQueueSelectEvent) => {
    this.selected = event.detail.queue;
    this.updateUrl();
  };

  private selectTeam(team: string | null): void {
    if (team === this.team) return;
    this.team = team;
    this.store.setView(viewOf({ ...this.config, team }));
    this.updateUrl();
  }

  /** Keeps the link in step with the filters, so a reload (or a bookmark) comes back here. */
  private updateUrl(): void {
    const url = new URL(location.href);
    const set = (key: string, value: string | null) => (value ? url.searchParams.set(key, value) : url.searchParams.delete(key));
    set('team', this.team);
    set('queue', this.selected);
    history.replaceState(null, '', url);
  }

  override render() {
    const { snapshot, connection, staleSinceTs } = this.data.state;
    const i18n = this.i18n;
    const timeZone = snapshot?.timeZone ?? DEFAULT_TIME_ZONE;
    const teams = this.teamsOf(snapshot?.teams ?? [], this.team);
    return html`<div class="screen">
      <header>
        <h1>${this.config.title ?? i18n.t('app.lead')}</h1>
        <nav class="teams" aria-label=${i18n.t('lead.team')}>
          <button aria-pressed=${this.team === null ? 'true' : 'false'} @click=${() => this.selectTeam(null)}>${i18n.t('lead.allTeams')}</button>
          ${teams.map((t) => html`<button aria-pressed=${this.team === t ? 'true' : 'false'} data-team=${t} @click=${() => this.selectTeam(t)}>${t}</button>`)}
        </nav>
        <wb-connection-status .connection=${connection} .staleSinceTs=${staleSinceTs} .timeZone=${timeZone} .i18n=${i18n}></wb-connection-status>
        <span class="clock">${i18n.hourMinute(this.minute.now(), timeZone)}</span>
      </header>
      ${this.config.ignored.length > 0 ? html`<div class="warn">${i18n.t('config.ignored', { detail: this.config.ignored.join(', ') })}</div>` : nothing}
      ${snapshot ? this.renderBody(snapshot, i18n, staleSinceTs !== null) : html`<div class="waiting-screen">${i18n.t('conn.connecting')}</div>`}
    </div>`;
  }

  private renderBody(s: Snapshot, i18n: I18n, stale: boolean) {
    const q = this.selected;
    const queues = this.queues(s.queues, this.config.queues);
    const queue = q === null ? null : (queues.find((x) => x.id === q) ?? null);
    const heading = q === null ? i18n.t('lead.allQueuesDetail') : (this.config.queueNames[q] ?? q);
    const clock = this.dataClockAt(this.data.state.staleSinceTs);
    return html`
      <section class="alerts">
        <h2>${i18n.t('lead.alerts')}${s.held.length === 0 ? html`<span class="ok">${i18n.t('lead.noAlerts')}</span>` : nothing}</h2>
        ${s.held.length > 0
          ? html`<wb-hold-board go-see .rows=${Math.min(ALERT_ROWS, s.held.length)} .held=${s.held} .names=${this.config.queueNames}
              .intervalMs=${s.thresholds.holdCheckIntervalMs} .clock=${clock} .i18n=${i18n}></wb-hold-board>`
          : nothing}
      </section>
      <div class="main ${stale ? 'stale' : ''}">
        <div class="col">
          <h2>${i18n.t('lead.queues')}</h2>
          <button class="all" aria-pressed=${q === null ? 'true' : 'false'} @click=${() => this.onQueueSelect(new CustomEvent('wb-queue-select', { detail: { queue: null } }))}>
            ${i18n.t('lead.allQueuesDetail')}
          </button>
          <wb-queue-list .queues=${queues} .selected=${q} .names=${this.config.queueNames} .thresholdMs=${s.thresholds.serviceLevelMs}
            .clock=${clock} .i18n=${i18n} @wb-queue-select=${this.onQueueSelect}></wb-queue-list>
        </div>
        <div class="col">
          <wb-queue-detail .heading=${heading} .queueId=${q} .queue=${queue} .agents=${this.agentsOf(s.agentList, q)} .held=${this.heldOf(s.held, q)}
            .abandons=${this.abandonsOf(s.recentAbandons, q)} .buckets=${this.bucketsOf(s.intraday, q)}
            .kpis=${s.kpis} .serviceLevelTarget=${s.thresholds.serviceLevelTarget} .nowTs=${bucketStart(s.serverTs)}
            .intervalMs=${s.thresholds.holdCheckIntervalMs} .timeZone=${s.timeZone} .clock=${clock} .i18n=${i18n}></wb-queue-detail>
        </div>
      </div>
    `;
  }
}
