import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { Snapshot } from '../../../server/contract/snapshot.js';
import type { AccessApi } from '../../access/access-api.js';
import type { UserPrincipal } from '../../access/access-types.js';
import { seriesOf } from '../../charts/intraday-geometry.js';
import { queueNamesFor, viewOf, type ScreenConfig } from '../../config/screen-config.js';
import { ScreenController } from '../../controllers/screen-controller.js';
import { StoreController } from '../../controllers/store-controller.js';
import type { WbQueueSelectEvent } from '../../events/wb-queue-select.js';
import type { I18n } from '../../i18n/i18n.js';
import type { ClockSource } from '../../store/clock-source.js';
import type { WallboardStore } from '../../store/wallboard-store.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { DEFAULT_TIME_IN_STATE } from '../../../server/contract/time-in-state.js';
import { NONE, abandonsOfQueue, agentsOfQueue, bucketStart, heldOfQueue, orderQueues, teamsToOffer } from '../view-data.js';
import '../wb-account-links/wb-account-links.js';
import '../wb-alarm-list/wb-alarm-list.js';
import type { WbAlarmAckEvent } from '../wb-alarm-list/wb-alarm-list.js';
import '../wb-hold-board/wb-hold-board.js';
import '../wb-queue-detail/wb-queue-detail.js';
import '../wb-queue-list/wb-queue-list.js';
import '../wb-screen-header/wb-screen-header.js';
import styles from './wb-lead-view.styles.js';

const ALERT_ROWS = 3;
// The team chips fit a 1024-px tablet's header up to about six short names; more scrolled off it unseen.
const CHIP_TEAMS = 6;
const CHIP_CHARS = 36;

/** The team lead's tablet: queues to tap into, the team's hold-check alerts, today's charts. */
export class WbLeadView extends LitElement {
  static override styles = [baseStyles, styles];

  /** The live data. */
  @property({ attribute: false }) store!: WallboardStore;
  /** The shared server clock. */
  @property({ attribute: false }) clock!: ClockSource;
  /** What this tablet shows, from its link. */
  @property({ attribute: false }) config!: ScreenConfig;
  /** The signed-in user, for the links to the admin page and out; null on a server without access control. @default null */
  @property({ attribute: false }) account: { api: AccessApi; principal: UserPrincipal } | null = null;

  /** The queue drilled into; null for all queues. */
  @state() private selected: string | null = null;
  /** The team filter; null for all teams. */
  @state() private team: string | null = null;
  /** Why the last acknowledgement failed; null when it did not. */
  @state() private ackError: string | null = null;
  private configured = false;

  private readonly screen = new ScreenController(this, { store: () => this.store, clock: () => this.clock, config: () => this.config });
  private readonly queues = new StoreController(this, {
    store: () => this.store,
    select: (s) => [s.snapshot?.queues ?? NONE, this.config.queues],
    derive: orderQueues,
  });
  // The drill-down's lists, each made again only when its own list or the selected queue changed.
  private readonly agents = new StoreController(this, {
    store: () => this.store,
    select: (s) => [s.snapshot?.agentList ?? NONE, this.selected],
    derive: agentsOfQueue,
  });
  private readonly held = new StoreController(this, {
    store: () => this.store,
    select: (s) => [s.snapshot?.held ?? NONE, this.selected],
    derive: heldOfQueue,
  });
  private readonly abandons = new StoreController(this, {
    store: () => this.store,
    select: (s) => [s.snapshot?.recentAbandons ?? NONE, this.selected],
    derive: abandonsOfQueue,
  });
  private readonly buckets = new StoreController(this, {
    store: () => this.store,
    select: (s) => [s.snapshot?.intraday ?? NONE, this.selected],
    derive: seriesOf,
  });

  override connectedCallback(): void {
    // The config arrives as a property before the element is attached (see main.ts).
    if (!this.configured) {
      this.configured = true;
      this.selected = this.config.selectedQueue;
      this.team = this.config.team;
    }
    super.connectedCallback();
  }

  private readonly onQueueSelect = (event: WbQueueSelectEvent) => {
    this.selected = event.detail.queue;
    this.updateUrl();
  };

  private readonly onAlarmAck = (event: WbAlarmAckEvent) => {
    void this.store.acknowledgeAlarm(event.detail.alarmId).then((answer) => {
      this.ackError = answer.ok ? null : answer.error;
    });
  };

  private selectTeam(team: string | null): void {
    if (team === this.team) return;
    this.team = team;
    this.store.setView(viewOf({ ...this.config, team }));
    this.updateUrl();
  }

  protected override updated(): void {
    // After the render, when the options exist (a value bound on the <select> would come before them).
    const select = this.renderRoot.querySelector<HTMLSelectElement>('.team-select');
    if (select) select.value = this.team ?? '';
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
    const i18n = this.screen.i18n;
    const teams = teamsToOffer(this.screen.snapshot?.teams ?? NONE, this.team);
    const ignored = this.screen.ignored;
    return html`<div class="screen">
      <wb-screen-header>
        <h1><bdi>${this.config.title ?? i18n.t('app.lead')}</bdi></h1>
        <nav class="teams" aria-label=${i18n.t('lead.team')}>${this.renderTeams(teams, i18n)}</nav>
        ${
          this.account
            ? html`<a class="report-link" href="/report${i18n.lang === 'en' ? '?lang=en' : ''}" data-testid="report-link">${i18n.t('report.link')}</a>
                <wb-account-links class="account" page="lead" .api=${this.account.api} .principal=${this.account.principal} .i18n=${i18n}></wb-account-links>`
            : nothing
        }
      </wb-screen-header>
      ${ignored === null ? nothing : html`<div class="warn">${ignored}</div>`}
      ${this.screen.body((s) => this.renderBody(s, i18n))}
    </div>`;
  }

  /** Chips while a few short ones fit beside the title; past that, one select, which a touch screen opens as its own picker. */
  private renderTeams(teams: readonly string[], i18n: I18n) {
    if (teams.length > CHIP_TEAMS || teams.join('').length > CHIP_CHARS) {
      return html`<select class="team-select" aria-label=${i18n.t('lead.team')} @change=${(e: Event) => this.selectTeam((e.target as HTMLSelectElement).value || null)}>
        <option value="">${i18n.t('lead.allTeams')}</option>
        ${teams.map((t) => html`<option value=${t} data-team=${t}>${t}</option>`)}
      </select>`;
    }
    return html`<button aria-pressed=${this.team === null ? 'true' : 'false'} @click=${() => this.selectTeam(null)}>${i18n.t('lead.allTeams')}</button>
      ${teams.map((t) => html`<button aria-pressed=${this.team === t ? 'true' : 'false'} data-team=${t} @click=${() => this.selectTeam(t)}><bdi>${t}</bdi></button>`)}`;
  }

  private renderBody(s: Snapshot, i18n: I18n) {
    const q = this.selected;
    const queueNames = queueNamesFor(this.config.queueNames, s.queueNames, this.config.lang);
    const queues = this.queues.value;
    const queue = q === null ? null : (queues.find((x) => x.id === q) ?? null);
    const heading = q === null ? i18n.t('lead.allQueuesDetail') : (queueNames[q] ?? q);
    return html`
      <section class="alerts">
        <wb-alarm-list .active=${s.alarms?.active ?? NONE} .log=${s.alarms?.log ?? NONE} .names=${queueNames} .timeZone=${s.timeZone} .i18n=${i18n}
          .ackError=${this.ackError} @wb-alarm-ack=${this.onAlarmAck}></wb-alarm-list>
      </section>
      <section class="alerts">
        <h2>${i18n.t('lead.alerts')}${s.held.length === 0 ? html`<span class="ok">${i18n.t('lead.noAlerts')}</span>` : nothing}</h2>
        ${
          s.held.length > 0
            ? html`<wb-hold-board go-see .rows=${Math.min(ALERT_ROWS, s.held.length)} .held=${s.held} .names=${queueNames}
              .intervalMs=${s.thresholds.holdCheckIntervalMs}></wb-hold-board>`
            : nothing
        }
      </section>
      <div class="main ${this.screen.stale ? 'stale' : ''}">
        <div class="col">
          <h2>${i18n.t('lead.queues')}</h2>
          <button class="all" aria-pressed=${q === null ? 'true' : 'false'} @click=${() => this.onQueueSelect(new CustomEvent('wb-queue-select', { detail: { queue: null } }))}>
            ${i18n.t('lead.allQueuesDetail')}
          </button>
          <wb-queue-list .queues=${queues} .selected=${q} .names=${queueNames} .thresholdMs=${s.thresholds.serviceLevelMs}
            @wb-queue-select=${this.onQueueSelect}></wb-queue-list>
        </div>
        <div class="col">
          <wb-queue-detail .heading=${heading} .queueId=${q} .queue=${queue} .agents=${this.agents.value} .timeInState=${s.timeInState ?? DEFAULT_TIME_IN_STATE} .held=${this.held.value}
            .abandons=${this.abandons.value} .buckets=${this.buckets.value} .kpis=${s.kpis} .serviceLevelTarget=${s.thresholds.serviceLevelTarget} .serviceLevelMs=${s.thresholds.serviceLevelMs}
            .nowTs=${bucketStart(s.serverTs)} .intervalMs=${s.thresholds.holdCheckIntervalMs} .timeZone=${s.timeZone}></wb-queue-detail>
        </div>
      </div>
    `;
  }
}
