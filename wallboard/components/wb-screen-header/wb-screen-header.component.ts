import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { DEFAULT_TIME_ZONE } from '../../../server/contract/constants.js';
import { clockContext, i18nContext } from '../../context/contexts.js';
import { ClockController } from '../../controllers/clock-controller.js';
import { StoreController } from '../../controllers/store-controller.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import type { Clock } from '../../store/clock-source.js';
import type { ConnectionState } from '../../store/wallboard-store.js';
import { baseStyles } from '../../theme/shared-styles.js';
import '../wb-connection-status/wb-connection-status.js';
import '../wb-source-status/wb-source-status.js';
import type { LimitReached, SourceFeed } from '../../../server/contract/snapshot.js';
import styles from './wb-screen-header.styles.js';

const NO_SOURCES: readonly SourceFeed[] = [];
const NO_LIMITS: readonly LimitReached[] = [];

/**
 * The top line of a screen: what the view puts in it first (its title and its own controls),
 * then where the connection stands and the time of day. Views size it through its parts:
 * `header`, `connection`, `sources` and `clock`.
 */
export class WbScreenHeader extends LitElement {
  static override styles = [baseStyles, styles];

  /** Translations and time formats. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');
  /** The shared server clock the time of day reads. @default local time, or the screen's from clockContext */
  @consume({ context: clockContext, subscribe: true })
  @property({ attribute: false })
  clock: Clock | undefined;

  private readonly status = new StoreController(this, {
    select: (s) => [s.connection, s.staleSinceTs, s.snapshot?.timeZone ?? DEFAULT_TIME_ZONE, s.snapshot?.feed?.sources ?? NO_SOURCES, s.snapshot?.limits ?? NO_LIMITS],
    derive: (connection: ConnectionState, staleSinceTs: number | null, timeZone: string, sources: readonly SourceFeed[], limits: readonly LimitReached[]) => ({
      connection,
      staleSinceTs,
      timeZone,
      sources,
      limits,
    }),
  });
  private readonly minute = new ClockController(this, { clock: () => this.clock, periodMs: () => 60_000 });

  override render() {
    const { connection, staleSinceTs, timeZone, sources, limits } = this.status.value;
    return html`<header part="header">
      <slot></slot>
      <wb-connection-status part="connection" .connection=${connection} .staleSinceTs=${staleSinceTs} .timeZone=${timeZone}></wb-connection-status>
      <wb-source-status part="sources" .sources=${sources} .limits=${limits} .timeZone=${timeZone}></wb-source-status>
      <span class="clock" part="clock" data-testid="clock">${this.i18n.hourMinute(this.minute.now(), timeZone)}</span>
    </header>`;
  }
}
