import { LitElement, html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { createI18n, isolate } from '../../i18n/i18n.js';
import { LANGS, type Lang } from '../../i18n/messages.js';
import { baseStyles } from '../../theme/shared-styles.js';
import styles from './wb-revoked-screen.styles.js';

/**
 * What a TV shows once its display's link is revoked: in both languages (whoever walks past
 * should understand it), the screen's own language first and largest, and what to do about it.
 * Nothing else runs behind it: the screen has stopped reconnecting.
 */
export class WbRevokedScreen extends LitElement {
  static override styles = [baseStyles, styles];

  /** The screen's language, shown first. @default "zh-CN" */
  @property() language: Lang = 'zh-CN';
  /** The display's name, when the screen knew it. @default null */
  @property({ attribute: false }) displayName: string | null = null;

  override render() {
    const order = [this.language, ...LANGS.filter((l) => l !== this.language)];
    return html`<div class="screen" role="alert" data-testid="revoked-screen" id="revoked-screen">
      <svg class="icon" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="12" cy="12" r="10"></circle>
        <path d="M5 19 19 5"></path>
      </svg>
      ${order.map((lang, i) => {
        const i18n = createI18n(lang);
        return html`<div class="lang ${i === 0 ? 'first' : 'second'}" lang=${lang}>
          <h1 data-testid="revoked-title">${i18n.t('revoked.title')}</h1>
          <p class="what">${i18n.t('revoked.what')}</p>
        </div>`;
      })}
      ${this.displayName ? html`<p class="display" data-testid="revoked-display">${createI18n(this.language).t('revoked.display', { name: isolate(this.displayName) })}</p>` : nothing}
    </div>`;
  }
}
