import { consume } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { styleMap } from 'lit/directives/style-map.js';
import { dataClockContext, i18nContext } from '../../context/contexts.js';
import type { AgentRow } from '../../../server/contract/snapshot.js';
import { DEFAULT_TIME_IN_STATE, timeLevel, type TimeInStateThresholds } from '../../../server/contract/time-in-state.js';
import { createI18n, type I18n, type MessageKey } from '../../i18n/i18n.js';
import { ClockController } from '../../controllers/clock-controller.js';
import type { Clock } from '../../store/clock-source.js';
import { AGENT_STATE_COLOUR } from '../../theme/agent-colours.js';
import { baseStyles } from '../../theme/shared-styles.js';
import styles from './wb-agent-table.styles.js';
import { rows } from '../keyed-rows.js';
import { DEFAULT_SORT, loggedOffAllDay, nextSort, orderAgents, type AgentSort, type SortKey } from './agent-order.js';
import { RowWindowController } from './row-window-controller.js';

const COLUMNS: readonly { key: SortKey; label: MessageKey; numeric: boolean }[] = [
  { key: 'name', label: 'lead.agents', numeric: false },
  { key: 'state', label: 'lead.state', numeric: false },
  { key: 'time', label: 'lead.timeInState', numeric: true },
  { key: 'handled', label: 'agentDay.handled', numeric: true },
  { key: 'aht', label: 'agentDay.aht', numeric: true },
  { key: 'holds', label: 'agentDay.holds', numeric: true },
  { key: 'missed', label: 'agentDay.missed', numeric: true },
  { key: 'transfers', label: 'agentDay.transfers', numeric: true },
];

/**
 * Agents with their state (colour and name), the pause reason, a ticking time in state marked
 * "long" and "very long" past the configured thresholds (colour and a word), and today's figures.
 * Longest time in state first; a touch on a header sorts by that column. Agents logged off all day
 * are left out, and counted below. The rows scroll under a fixed header, and only those in sight
 * are drawn: 500 agents cost an update, or a tick of the clock, no more than 30.
 */
export class WbAgentTable extends LitElement {
  static override styles = [baseStyles, styles];

  /** The agents to list (the table orders them). */
  @property({ attribute: false }) agents: readonly AgentRow[] = [];
  /** Per state, the times in state past which a row is marked. @default DEFAULT_TIME_IN_STATE, or the snapshot's timeInState */
  @property({ attribute: false }) timeInState: TimeInStateThresholds = DEFAULT_TIME_IN_STATE;
  /** The shared clock the times in state tick from: stopped while the data is stale. @default local time, or the screen's from dataClockContext */
  @consume({ context: dataClockContext, subscribe: true })
  @property({ attribute: false })
  clock: Clock | undefined;
  /** Translations and number formats. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');

  /** The column the rows are sorted by, and which way. */
  @state() private sort: AgentSort = DEFAULT_SORT;

  private readonly ticker = new ClockController(this, { clock: () => this.clock, isActive: () => this.agents.length > 0 });
  private readonly inSight = new RowWindowController(this, {
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.scroll'),
    rows: () => this.renderRoot.querySelectorAll('tbody tr[data-agent]'),
  });
  private ordered: { agents: readonly AgentRow[]; sort: AgentSort; shown: readonly AgentRow[]; hidden: number } | null = null;

  /**
   * The agents listed, in order, made again only when the list or the sort changed: not on the clock's ticks, as a time in state
   * grows alike for everyone and the order by it (the order by since when) stays the same.
   */
  private order(now: number): { shown: readonly AgentRow[]; hidden: number } {
    const o = this.ordered;
    if (o?.agents === this.agents && o.sort === this.sort) return o;
    this.ordered = { agents: this.agents, sort: this.sort, shown: orderAgents(this.agents, this.sort, now), hidden: this.agents.filter(loggedOffAllDay).length };
    return this.ordered;
  }

  private sortBy(key: SortKey): void {
    this.sort = nextSort(this.sort, key);
    this.inSight.toTop();
  }

  override render() {
    const { i18n } = this;
    if (this.agents.length === 0) return html`<div class="empty">${i18n.t('lead.noAgents')}</div>`;
    const now = this.ticker.now();
    const { shown, hidden } = this.order(now);
    // Only the rows in sight (and a few either side) are drawn, between spacers as tall as the rest, so an update or a tick of the
    // clock costs the same with 500 agents as with 20; aria-rowcount and aria-rowindex tell a screen reader the whole table.
    const w = this.inSight.window(shown.length);
    return html`<div class="scroll">
        <table aria-rowcount=${shown.length + 1}>
          <colgroup>
            ${COLUMNS.map((c) => html`<col class="col-${c.key}" />`)}
          </colgroup>
          <thead>
            <tr aria-rowindex="1">
              ${COLUMNS.map(
                (c) => html`<th class=${c.numeric ? 'num' : ''} aria-sort=${this.sort.key === c.key ? (this.sort.descending ? 'descending' : 'ascending') : 'none'}>
                  <button type="button" data-sort=${c.key} @click=${() => this.sortBy(c.key)}>
                    ${i18n.t(c.label)}${this.sort.key === c.key ? html`<span class="arrow" aria-hidden="true">${this.sort.descending ? '▼' : '▲'}</span>` : null}
                  </button>
                </th>`,
              )}
            </tr>
          </thead>
          <tbody>
            ${spacer(w.beforePx)}
            ${
              // By position, like the other lists (keyed-rows.ts): keyed, the window lost an empty marker node about every 15 s of a busy
              // floor (lit#5010); by position, an agent moving to the foot writes the few dozen rows drawn again, no more.
              rows(
                shown.slice(w.start, w.end).map((a, i) => ({ a, rowIndex: w.start + i + 2 })),
                (r) => r.a.id,
                (r) => this.renderRow(r.a, r.rowIndex, now),
              )
            }
            ${spacer(w.afterPx)}
          </tbody>
        </table>
      </div>
      ${hidden > 0 ? html`<div class="hidden-note">${i18n.t('agentTable.hidden', { n: i18n.number(hidden) })}</div>` : null}`;
  }

  private renderRow(a: AgentRow, rowIndex: number, now: number) {
    const { i18n } = this;
    const level = timeLevel(this.timeInState, a.state, now - a.sinceTs, a.reason);
    const t = a.today;
    return html`<tr class="row level-${level}" data-agent=${a.id} data-level=${level} aria-rowindex=${rowIndex}>
      <td class="name"><bdi>${a.name ?? a.id}</bdi>${a.team ? html`<small><bdi>${a.team}</bdi></small>` : null}</td>
      <td>
        <span class="state"
          ><span class="swatch" style="background:${AGENT_STATE_COLOUR[a.state]}"></span><span class="state-name">${i18n.t(`agent.${a.state}`)}</span>${
            a.reason && a.state === 'paused' ? html`<span class="reason"><bdi>${a.reason}</bdi></span>` : null
          }</span
        >
      </td>
      <td class="num time">
        ${level === 'normal' ? null : html`<span class="mark">${level === 'long' ? '▲' : '▲▲'} ${i18n.t(`agentTime.${level}`)}</span>`}${i18n.duration(now - a.sinceTs)}
      </td>
      <td class="num">${t ? i18n.number(t.handled) : '—'}</td>
      <td class="num">${t?.meanHandleMs != null ? i18n.duration(t.meanHandleMs) : '—'}</td>
      <td class="num">${t ? i18n.number(t.holds) : '—'}</td>
      <td class="num ${t && t.holdChecksMissed > 0 ? 'missed' : ''}">${t ? i18n.number(t.holdChecksMissed) : '—'}</td>
      <td class="num">${t ? `${i18n.number(t.coldTransfers)} / ${i18n.number(t.warmTransfers)}` : '—'}</td>
    </tr>`;
  }
}

/** Room for the rows not drawn; nothing when there are none. */
function spacer(px: number) {
  return px > 0 ? html`<tr class="spacer" aria-hidden="true"><td colspan=${COLUMNS.length} style=${styleMap({ height: `${px}px` })}></td></tr>` : nothing;
}
