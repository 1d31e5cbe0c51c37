import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { AccessError } from '../../access/access-error.js';
import type { AccessApi } from '../../access/access-api.js';
import type { UserPrincipal } from '../../access/access-types.js';
import { browserNavigator, type PageNavigator } from '../../access/navigator.js';
import { DEFAULT_NEXT } from '../../access/next-path.js';
import type { WbLangChangeEvent } from '../../events/wb-lang-change.js';
import { createI18n, isolate, type I18n } from '../../i18n/i18n.js';
import type { Lang } from '../../i18n/messages.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { formStyles } from '../../theme/form-styles.js';
import '../wb-lang-toggle/wb-lang-toggle.js';
import { fieldOf } from '../form-fields.js';
import styles from './wb-login-page.styles.js';

/** The server's minimum for a new password; checked here first so the reader hears it at once. */
export const PASSWORD_MIN = 10;

type Step = 'checking' | 'signIn' | 'change';

/**
 * `/login`: name and password, then, for a one-time password, a new password of the reader's
 * own before going on to `next`. Every failure says what happened and what to do, in the
 * page's language; a throttled sign-in counts down the seconds to wait.
 */
export class WbLoginPage extends LitElement {
  static override styles = [baseStyles, formStyles, styles];

  /** The access API. */
  @property({ attribute: false }) api!: AccessApi;
  /** Where to go once signed in: a same-origin path (see access/next-path.ts). @default "/lead" */
  @property() next = DEFAULT_NEXT;
  /** The page's language. @default "zh-CN" */
  @property() language: Lang = 'zh-CN';
  /** Where the page sends the browser. @default the window's location */
  @property({ attribute: false }) navigator: PageNavigator = browserNavigator;
  /** The time, for the throttle countdown. @default Date.now */
  @property({ attribute: false }) now: () => number = () => Date.now();

  @state() private step: Step = 'checking';
  @state() private error: string | null = null;
  @state() private busy = false;
  @state() private retryUntil = 0;
  @state() private user: UserPrincipal | null = null;
  /** The one-time password just typed, so the change step need not ask for it again. */
  private oneTimePassword: string | null = null;
  private countdown: ReturnType<typeof setInterval> | null = null;

  private get i18n(): I18n {
    return createI18n(this.language);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.checkSession();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopCountdown();
  }

  /** A reader already signed in goes straight on, or to the change step if they still must. */
  private async checkSession(): Promise<void> {
    try {
      const { principal } = await this.api.session();
      if (principal.kind === 'user') {
        if (!principal.mustChangePassword) return this.goOn();
        this.user = principal;
        this.step = 'change';
        return;
      }
    } catch (error) {
      if (!(error instanceof AccessError)) throw error;
    }
    this.step = 'signIn';
  }

  private async signIn(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy || this.secondsToWait() > 0) return;
    const form = new FormData(event.target as HTMLFormElement);
    const name = fieldOf(form, 'name').trim();
    const password = fieldOf(form, 'password');
    if (!name || !password) return;
    this.busy = true;
    this.error = null;
    try {
      const { principal } = await this.api.login(name, password);
      if (principal.kind === 'user' && principal.mustChangePassword) {
        this.user = principal;
        this.oneTimePassword = password;
        this.step = 'change';
      } else {
        this.goOn();
      }
    } catch (error) {
      this.fail(error, 'signIn');
    } finally {
      this.busy = false;
    }
  }

  private async change(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const i18n = this.i18n;
    const form = new FormData(event.target as HTMLFormElement);
    const current = this.oneTimePassword ?? fieldOf(form, 'current');
    const next = fieldOf(form, 'new');
    const repeat = fieldOf(form, 'repeat');
    if (next.length < PASSWORD_MIN) return void (this.error = i18n.t('login.tooShort', { min: PASSWORD_MIN }));
    if (next !== repeat) return void (this.error = i18n.t('login.mismatch'));
    if (next === current) return void (this.error = i18n.t('login.sameAsOld'));
    this.busy = true;
    this.error = null;
    try {
      await this.api.changePassword(current, next);
      this.goOn();
    } catch (error) {
      this.fail(error, 'change');
    } finally {
      this.busy = false;
    }
  }

  private fail(error: unknown, during: 'signIn' | 'change'): void {
    if (!(error instanceof AccessError)) throw error;
    const i18n = this.i18n;
    switch (error.failure) {
      case 'unauthorized':
        if (during === 'change') {
          // The one-time password was wrong, or the session ended: start again from the top.
          this.oneTimePassword = null;
          this.step = 'signIn';
          this.error = i18n.t('login.currentWrong');
        } else this.error = i18n.t('login.wrong');
        return;
      case 'throttled':
        this.retryUntil = this.now() + (error.retryAfterS ?? 1) * 1000;
        this.error = null;
        this.startCountdown();
        return;
      case 'invalid':
        this.error = during === 'change' ? i18n.t('login.tooShort', { min: PASSWORD_MIN }) : i18n.t('login.wrong');
        return;
      case 'unreachable':
        this.error = i18n.t('login.unreachable');
        return;
      case 'forbidden':
      case 'passwordChange':
      case 'notFound':
      case 'conflict':
      case 'server':
        this.error = i18n.t('login.failed', { status: error.status });
        return;
      default: {
        const never: never = error.failure;
        return never;
      }
    }
  }

  /** On to `next`; the default tablet opens in the language the reader chose here. */
  private goOn(): void {
    this.navigator.go(this.next === DEFAULT_NEXT && this.language === 'en' ? `${DEFAULT_NEXT}?lang=en` : this.next);
  }

  private secondsToWait(): number {
    return Math.max(0, Math.ceil((this.retryUntil - this.now()) / 1000));
  }

  private startCountdown(): void {
    this.stopCountdown();
    this.countdown = setInterval(() => {
      if (this.secondsToWait() === 0) this.stopCountdown();
      this.requestUpdate();
    }, 1000);
  }

  private stopCountdown(): void {
    if (this.countdown !== null) clearInterval(this.countdown);
    this.countdown = null;
  }

  private readonly onLang = (event: WbLangChangeEvent) => {
    this.language = event.detail.lang;
    this.error = null;
    document.documentElement.lang = this.language;
    const params = new URLSearchParams({ lang: this.language === 'en' ? 'en' : 'zh' });
    if (this.next !== DEFAULT_NEXT) params.set('next', this.next);
    this.navigator.setSearch(`?${params.toString()}`);
  };

  override render() {
    const i18n = this.i18n;
    return html`<main>
      <div class="top">
        <span class="brand">${i18n.t('login.subtitle')}</span>
        <wb-lang-toggle .language=${this.language} .label=${i18n.t('lang.switch')} @wb-lang-change=${this.onLang}></wb-lang-toggle>
      </div>
      <section class="card" aria-live="polite">${this.renderStep(i18n)}</section>
    </main>`;
  }

  private renderStep(i18n: I18n) {
    switch (this.step) {
      case 'checking':
        return html`<p class="dim">${i18n.t('admin.loading')}</p>`;
      case 'signIn':
        return this.renderSignIn(i18n);
      case 'change':
        return this.renderChange(i18n);
      default: {
        const never: never = this.step;
        return never;
      }
    }
  }

  private renderSignIn(i18n: I18n) {
    const wait = this.secondsToWait();
    return html`<h1>${i18n.t('login.title')}</h1>
      <form id="login-form" data-testid="login-form" @submit=${(e: SubmitEvent) => void this.signIn(e)} novalidate>
        <label>${i18n.t('login.name')}<input id="login-name" name="name" autocomplete="username" autocapitalize="none" spellcheck="false" required /></label>
        <label>${i18n.t('login.password')}<input id="login-password" name="password" type="password" autocomplete="current-password" required /></label>
        ${this.renderError(wait > 0 ? i18n.t('login.throttled', { seconds: wait }) : this.error, wait > 0 ? 'throttled' : 'error')}
        <button id="login-submit" class="primary" type="submit" ?disabled=${this.busy || wait > 0}>${this.busy ? i18n.t('login.busy') : i18n.t('login.submit')}</button>
      </form>`;
  }

  private renderChange(i18n: I18n) {
    const user = this.user;
    return html`<h1>${i18n.t('login.changeTitle')}</h1>
      ${user ? html`<p class="dim" data-testid="signed-in-as">${i18n.t('login.signedInAs', { name: isolate(user.name) })}</p>` : nothing}
      <p>${i18n.t('login.changeHint', { min: PASSWORD_MIN })}</p>
      <form id="change-form" data-testid="change-form" @submit=${(e: SubmitEvent) => void this.change(e)} novalidate>
        ${
          this.oneTimePassword === null
            ? html`<label>${i18n.t('login.current')}<input id="change-current" name="current" type="password" autocomplete="current-password" required /></label>`
            : nothing
        }
        <label>${i18n.t('login.new')}<input id="change-new" name="new" type="password" autocomplete="new-password" minlength=${PASSWORD_MIN} required /></label>
        <label>${i18n.t('login.repeat')}<input id="change-repeat" name="repeat" type="password" autocomplete="new-password" minlength=${PASSWORD_MIN} required /></label>
        ${this.renderError(this.error, 'error')}
        <button id="change-submit" class="primary" type="submit" ?disabled=${this.busy}>${i18n.t('login.change')}</button>
      </form>`;
  }

  private renderError(message: string | null, kind: 'error' | 'throttled') {
    return message === null ? nothing : html`<p class="error" role="alert" id="login-error" data-testid="login-error" data-kind=${kind}>${message}</p>`;
  }
}
