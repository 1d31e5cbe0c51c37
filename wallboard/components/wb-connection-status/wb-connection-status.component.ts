import { consume } from '@lit/context';
import { LitElement, html, svg } from 'lit';
import { property } from 'lit/decorators.js';
import { i18nContext } from '../../context/contexts.js';
import { createI18n, type I18n, type MessageKey } from '../../i18n/i18n.js';
import type { ConnectionState } from '../../store/wallboard-store.js';
import { baseStyles, statusStyles } from '../../theme/shared-styles.js';
import { statusIcon, type Status } from '../../theme/status-icons.js';
import styles from './wb-connection-status.styles.js';
import { DEFAULT_TIME_ZONE } from '../../../server/contract/constants.js';

type Tone = Status | 'info';

const LOOK: Readonly<Record<ConnectionState, { tone: Tone; key: MessageKey }>> = {
  live: { tone: 'met', key: 'conn.live' },
  connecting: { tone: 'noData', key: 'conn.connecting' },
  catchingUp: { tone: 'info', key: 'conn.catchingUp' },
  reconnecting: { tone: 'missed', key: 'conn.reconnecting' },
  feedDown: { tone: 'atRisk', key: 'conn.feedDown' },
  sourceDown: { tone: 'atRisk', key: 'conn.sourceDown' },
  refused: { tone: 'missed', key: 'conn.refused' },
};

/** Two arrows chasing each other round: working, neither good nor bad. */
const SYNC_ICON = svg`<path d="M19.5 10A8 8 0 0 0 5.2 7.2M4.5 14a8 8 0 0 0 14.3 2.8" class="ring"/><path d="M5 3v4.5h4.5M19 21v-4.5h-4.5" class="ring"/>`;

/** The connection state, and the time the data on screen is from when it is not live. */
export class WbConnectionStatus extends LitElement {
  static override styles = [baseStyles, statusStyles, styles];

  /** Where the connection stands. */
  @property({ reflect: true }) connection: ConnectionState = 'connecting';
  /** Server time the data is current up to; shown when not live. */
  @property({ attribute: false }) staleSinceTs: number | null = null;
  /** The call centre's time zone, for the "data from" time. @default "Asia/Shanghai" */
  @property() timeZone = DEFAULT_TIME_ZONE;
  /** Translations and number formats. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');

  override render() {
    const { i18n } = this;
    const look = LOOK[this.connection];
    const stale = this.connection === 'reconnecting' || this.connection === 'feedDown' || this.connection === 'sourceDown';
    return html`<span class="pill status-${look.tone} ${stale ? 'stale' : ''}" role="status" data-testid="connection" data-state=${this.connection}>
      ${
        this.connection === 'live'
          ? html`<span class="live-dot"></span>`
          : html`<svg class="status-icon" viewBox="0 0 24 24" aria-hidden="true">${look.tone === 'info' ? SYNC_ICON : statusIcon(look.tone)}</svg>`
      }
      <span>${i18n.t(look.key)}</span>
      ${
        stale && this.staleSinceTs !== null
          ? html`<span class="since" data-testid="data-from">${i18n.t('conn.dataFrom', { time: i18n.time(this.staleSinceTs, this.timeZone) })}</span>`
          : null
      }
    </span>`;
  }
}
