import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AccessApi } from '../../access/access-api.js';
import { AccessError } from '../../access/access-error.js';
import type { UserPrincipal } from '../../access/access-types.js';
import { failureMessage } from '../../access/failure-message.js';
import { browserNavigator, type PageNavigator } from '../../access/navigator.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { baseStyles } from '../../theme/shared-styles.js';
import styles from './wb-account-links.styles.js';

/** A signed-in user's way to the other page (the lead view or the admin page) and out. */
export class WbAccountLinks extends LitElement {
  static override styles = [baseStyles, styles];

  /** The access API. */
  @property({ attribute: false }) api!: AccessApi;
  /** The signed-in user. */
  @property({ attribute: false }) principal!: UserPrincipal;
  /** The page this sits on: the link goes to the other one. @default "lead" */
  @property() page: 'lead' | 'admin' = 'lead';
  /** Translations. @default zh-CN, or the page's */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');
  /** Where the page sends the browser. @default the window's location */
  @property({ attribute: false }) navigator: PageNavigator = browserNavigator;

  @state() private error: string | null = null;
  @state() private busy = false;

  private async signOut(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await this.api.logout();
      this.navigator.go('/login');
    } catch (error) {
      // Already signed out (expired, or elsewhere): the login page is where the reader wanted to go.
      if (error instanceof AccessError && error.failure === 'unauthorized') return this.navigator.go('/login');
      this.error = failureMessage(error, this.i18n);
    } finally {
      this.busy = false;
    }
  }

  override render() {
    const i18n = this.i18n;
    const lang = i18n.lang === 'en' ? '?lang=en' : '';
    return html`<nav part="nav">
      <bdi class="who" data-testid="account-name">${this.principal.name}</bdi>
      ${
        this.page === 'lead'
          ? html`<a class="link" href="/admin${lang}" data-testid="account-admin" id="account-admin">${i18n.t('account.admin')}</a>`
          : html`<a class="link" href="/lead${lang}" data-testid="account-lead" id="account-lead">${i18n.t('account.lead')}</a>`
      }
      <button type="button" class="link" data-testid="sign-out" id="sign-out" ?disabled=${this.busy} @click=${() => void this.signOut()}>${i18n.t('account.signOut')}</button>
      ${this.error === null ? nothing : html`<span class="error" role="alert">${this.error}</span>`}
    </nav>`;
  }
}
