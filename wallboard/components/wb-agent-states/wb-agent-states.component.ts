import { consume } from '@lit/context';
import { LitElement, html, svg } from 'lit';
import { property } from 'lit/decorators.js';
import { i18nContext } from '../../context/contexts.js';
import type { AgentState } from '../../../server/contract/vocabulary.js';
import { BAR_STATES, agentBarGeometry } from '../../charts/agent-bar-geometry.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { AGENT_STATE_COLOUR } from '../../theme/agent-colours.js';
import { baseStyles } from '../../theme/shared-styles.js';
import styles from './wb-agent-states.styles.js';

const BAR_WIDTH = 1000;

/** Agents by state: a proportional bar and a legend of big counts with the states' names. */
export class WbAgentStates extends LitElement {
  static override styles = [baseStyles, styles];

  /** Agents by state now. */
  @property({ attribute: false }) agents: Readonly<Record<AgentState, number>> | null = null;
  /** Translations and number formats. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');

  override render() {
    const { agents, i18n } = this;
    if (!agents) return html``;
    const segments = agentBarGeometry(agents, BAR_WIDTH);
    const loggedIn = BAR_STATES.reduce((sum, s) => sum + agents[s], 0);
    return html`
      <svg class="bar" viewBox="0 0 ${BAR_WIDTH} 10" preserveAspectRatio="none" aria-hidden="true">
        ${segments.map((s) => svg`<rect x=${s.x} y="0" width=${Math.max(0, s.width - 2)} height="10" fill=${AGENT_STATE_COLOUR[s.state]}></rect>`)}
      </svg>
      <div class="legend">
        ${BAR_STATES.map(
          (state) => html`<div class="item" data-state=${state}>
            <span class="swatch" style="background:${AGENT_STATE_COLOUR[state]}"></span>
            <span class="count num">${i18n.number(agents[state])}</span>
            <span class="name">${i18n.t(`agent.${state}`)}</span>
          </div>`,
        )}
      </div>
      <div class="foot">${i18n.t('agents.loggedIn', { n: i18n.number(loggedIn) })} · ${i18n.t('agent.offline')} ${i18n.number(agents.offline)}</div>
    `;
  }
}
