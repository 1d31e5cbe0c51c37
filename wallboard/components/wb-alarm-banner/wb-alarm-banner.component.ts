import { consume } from '@lit/context';
import { LitElement, css, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import type { Alarm } from '../../../server/contract/snapshot.js';
import { i18nContext } from '../../context/contexts.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { alarmIcon } from '../alarm-icon.js';
import { alarmLine, alarmScope } from '../alarm-text.js';

/** The TV's banner for a critical alarm: a line of its own at the foot of the screen, large enough to read from 5 m. Nothing while none is critical. */
export class WbAlarmBanner extends LitElement {
  static override styles = css`
    :host { display: contents; }
    .banner { display: flex; flex: none; align-items: center; gap: 1.2rem; padding: 0.6rem 1.4rem; border-radius: 0.5rem; min-width: 0;
      background: var(--wb-missed, #ff5d52); color: #160303; font-size: 2.6rem; font-weight: 800; line-height: 1.15; }
    svg { width: 1.3em; height: 1.3em; flex: none; }
    svg .fill { fill: #160303; }
    .word { padding: 0.05em 0.45em; border: 0.12em solid #160303; border-radius: 0.25em; white-space: nowrap; }
    .what { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
    .more { margin-left: auto; font-size: 0.6em; white-space: nowrap; }
  `;

  /** The active alarms (critical first, as the snapshot orders them). */
  @property({ attribute: false }) alarms: readonly Alarm[] = [];
  /** Display names by queue id. */
  @property({ attribute: false }) names: Readonly<Record<string, string>> = {};
  /** Translations. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');

  override render() {
    const critical = this.alarms.filter((a) => a.severity === 'critical');
    const first = critical[0];
    if (!first) return nothing;
    const { i18n } = this;
    return html`<div class="banner" role="alert" data-testid="alarm-banner" data-alarm=${first.id}>
      <svg viewBox="0 0 24 24" aria-hidden="true">${alarmIcon('critical')}</svg>
      <span class="word">${i18n.t('alarm.banner')}</span>
      <span class="what"><bdi>${alarmScope(first, i18n, this.names)}</bdi> · ${alarmLine(first, i18n)}</span>
      ${critical.length > 1 ? html`<span class="more">${i18n.t('alarm.more', { count: critical.length - 1 })}</span>` : nothing}
    </div>`;
  }
}
