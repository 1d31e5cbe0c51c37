import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { dataClockContext, i18nContext } from '../../context/contexts.js';
import type { AgentRow } from '../../../server/contract/snapshot.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { ClockController } from '../../controllers/clock-controller.js';
import type { Clock } from '../../store/clock-source.js';
import { AGENT_STATE_COLOUR } from '../../theme/agent-colours.js';
import { baseStyles } from '../../theme/shared-styles.js';
import styles from './wb-agent-table.styles.js';
import { rows } from '../keyed-rows.js';

/** Agents with their state (colour and name) and a ticking time in state. */
export class WbAgentTable extends LitElement {
  static override styles = [baseStyles, styles];

  /** The agents to list, in display order. */
  @property({ attribute: false }) agents: readonly AgentRow[] = [];
  /** The shared clock the times in state tick from: stopped while the data is stale. @default local time, or the screen's from dataClockContext */
  @consume({ context: dataClockContext, subscribe: true })
  @property({ attribute: false })
  clock: Clock | undefined;
  /** Translations and number formats. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');

  private readonly ticker = new ClockController(this, { clock: () => this.clock, isActive: () => this.agents.length > 0 });

  override render() {
    const { i18n } = this;
    if (this.agents.length === 0) return html`<div class="empty">${i18n.t('lead.noAgents')}</div>`;
    const now = this.ticker.now();
    return html`<table>
      <thead>
        <tr><th>${i18n.t('lead.agents')}</th><th>${i18n.t('lead.state')}</th><th class="num">${i18n.t('lead.timeInState')}</th></tr>
      </thead>
      <tbody>
        ${rows(
          this.agents,
          (a) => a.id,
          (a) => html`<tr data-agent=${a.id}>
            <td class="name"><bdi>${a.name ?? a.id}</bdi>${a.team ? html`<small><bdi>${a.team}</bdi></small>` : null}</td>
            <td><span class="state"><span class="swatch" style="background:${AGENT_STATE_COLOUR[a.state]}"></span>${i18n.t(`agent.${a.state}`)}${a.reason && a.state === 'paused' ? html`<span class="reason"><bdi>${a.reason}</bdi></span>` : null}</span></td>
            <td class="num">${i18n.duration(now - a.sinceTs)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}
