import { LitElement, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AccessApi } from '../../access/access-api.js';
import type { UserPrincipal } from '../../access/access-types.js';
import { browserNavigator, type PageNavigator } from '../../access/navigator.js';
import { loginUrl } from '../../access/next-path.js';
import type { WbLangChangeEvent } from '../../events/wb-lang-change.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import type { Lang, MessageKey } from '../../i18n/messages.js';
import { formStyles } from '../../theme/form-styles.js';
import { baseStyles } from '../../theme/shared-styles.js';
import '../wb-account-links/wb-account-links.js';
import '../wb-alert-log/wb-alert-log.js';
import '../wb-alarm-rules-admin/wb-alarm-rules-admin.js';
import '../wb-display-admin/wb-display-admin.js';
import '../wb-lang-toggle/wb-lang-toggle.js';
import '../wb-queue-settings/wb-queue-settings.js';
import '../wb-refusal-table/wb-refusal-table.js';
import '../wb-token-admin/wb-token-admin.js';
import '../wb-user-admin/wb-user-admin.js';
import styles from './wb-admin-page.styles.js';

export type AdminTab = 'displays' | 'users' | 'tokens' | 'refusals' | 'queues' | 'alerts' | 'alarms';

const TABS: readonly { tab: AdminTab; key: MessageKey; adminOnly: boolean }[] = [
  { tab: 'displays', key: 'admin.displays', adminOnly: false },
  { tab: 'users', key: 'admin.users', adminOnly: true },
  { tab: 'tokens', key: 'admin.tokens', adminOnly: true },
  { tab: 'refusals', key: 'admin.refusals', adminOnly: true },
  { tab: 'queues', key: 'admin.queueSettings', adminOnly: true },
  { tab: 'alerts', key: 'admin.alerts', adminOnly: true },
  { tab: 'alarms', key: 'admin.alarms', adminOnly: true },
];

/** How often the relative times ("5 minutes ago") are told again, in ms. */
const AGE_TICK_MS = 30_000;

/**
 * `/admin`: a lead's displays, and for an admin also the users, the API tokens and what the
 * server refused lately, one tab each. The server decides what each may do; the page only
 * leaves out what it would refuse.
 */
export class WbAdminPage extends LitElement {
  static override styles = [baseStyles, formStyles, styles];

  /** The access API, holding the session's CSRF token. */
  @property({ attribute: false }) api!: AccessApi;
  /** The signed-in user. */
  @property({ attribute: false }) principal!: UserPrincipal;
  /** The page's language. @default "zh-CN" */
  @property() language: Lang = 'zh-CN';
  /** The tab shown first. @default "displays" */
  @property() tab: AdminTab = 'displays';
  /** Where the page sends the browser. @default the window's location */
  @property({ attribute: false }) navigator: PageNavigator = browserNavigator;
  /** The time, for the ages. @default Date.now */
  @property({ attribute: false }) now: () => number = () => Date.now();
  /** How often the displays are read again, in ms; 0 for never. @default 15000 */
  @property({ type: Number }) pollMs = 15_000;

  @state() private nowTs = 0;
  private ticker: ReturnType<typeof setInterval> | null = null;

  private get i18n(): I18n {
    return createI18n(this.language);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.nowTs = this.now();
    this.ticker = setInterval(() => (this.nowTs = this.now()), AGE_TICK_MS);
    this.addEventListener('wb-session-end', this.onSessionEnd);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.ticker !== null) clearInterval(this.ticker);
    this.ticker = null;
    this.removeEventListener('wb-session-end', this.onSessionEnd);
  }

  private readonly onSessionEnd = () => this.navigator.go(loginUrl(`/admin${this.language === 'en' ? '?lang=en' : ''}`));

  private readonly onLang = (event: WbLangChangeEvent) => {
    this.language = event.detail.lang;
    document.documentElement.lang = this.language;
    this.navigator.setSearch(this.language === 'en' ? '?lang=en' : '?lang=zh');
  };

  private select(tab: AdminTab): void {
    this.tab = tab;
    this.nowTs = this.now();
  }

  override render() {
    const i18n = this.i18n;
    const isAdmin = this.principal.role === 'admin';
    const tabs = TABS.filter((t) => isAdmin || !t.adminOnly);
    const tab = tabs.some((t) => t.tab === this.tab) ? this.tab : 'displays';
    return html`<div class="page">
      <header>
        <h1>${i18n.t('admin.title')}</h1>
        <a class="report-link" href="/report${this.language === 'en' ? '?lang=en' : ''}" data-testid="report-link">${i18n.t('report.link')}</a>
        <wb-lang-toggle .language=${this.language} .label=${i18n.t('lang.switch')} @wb-lang-change=${this.onLang}></wb-lang-toggle>
        <wb-account-links page="admin" .api=${this.api} .principal=${this.principal} .i18n=${i18n} .navigator=${this.navigator}></wb-account-links>
      </header>
      <nav class="tabs" role="tablist">
        ${tabs.map(
          (t) => html`<button type="button" role="tab" aria-selected=${t.tab === tab ? 'true' : 'false'} data-testid="tab-${t.tab}" id="tab-${t.tab}"
            @click=${() => this.select(t.tab)}>${i18n.t(t.key)}</button>`,
        )}
      </nav>
      <main role="tabpanel" aria-labelledby="tab-${tab}">${this.renderTab(tab, i18n)}</main>
    </div>`;
  }

  private renderTab(tab: AdminTab, i18n: I18n) {
    switch (tab) {
      case 'displays':
        return html`<wb-display-admin .api=${this.api} .principal=${this.principal} .i18n=${i18n} .now=${this.nowTs} .pollMs=${this.pollMs}></wb-display-admin>`;
      case 'users':
        return html`<wb-user-admin .api=${this.api} .principal=${this.principal} .i18n=${i18n} .now=${this.nowTs}></wb-user-admin>`;
      case 'tokens':
        return html`<wb-token-admin .api=${this.api} .i18n=${i18n} .now=${this.nowTs}></wb-token-admin>`;
      case 'refusals':
        return html`<wb-refusal-table .api=${this.api} .i18n=${i18n}></wb-refusal-table>`;
      case 'queues':
        return html`<wb-queue-settings .api=${this.api} .i18n=${i18n}></wb-queue-settings>`;
      case 'alerts':
        return html`<wb-alert-log .api=${this.api} .i18n=${i18n}></wb-alert-log>`;
      case 'alarms':
        return html`<wb-alarm-rules-admin .api=${this.api} .i18n=${i18n}></wb-alarm-rules-admin>`;
      default: {
        const never: never = tab;
        return never;
      }
    }
  }
}
