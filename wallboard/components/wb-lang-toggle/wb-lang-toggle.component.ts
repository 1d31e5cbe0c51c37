import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { LANGS, type Lang } from '../../i18n/messages.js';
import { WbLangChangeEvent } from '../../events/wb-lang-change.js';
import styles from './wb-lang-toggle.styles.js';

/** Each language by its own name, so a reader finds theirs whatever is shown now. */
const NATIVE: Readonly<Record<Lang, string>> = { 'zh-CN': '中文', en: 'English' };

/** The zh/en switch of the login and admin pages; fires `wb-lang-change`. */
export class WbLangToggle extends LitElement {
  static override styles = styles;

  /** The language shown now. @default "zh-CN" */
  @property() language: Lang = 'zh-CN';
  /** Accessible name of the group, in the current language. */
  @property() label = '';

  override render() {
    return html`<div role="group" aria-label=${this.label}>
      ${LANGS.map(
        (lang) =>
          html`<button type="button" lang=${lang} aria-pressed=${lang === this.language ? 'true' : 'false'} data-testid="lang-${lang}"
            @click=${() => lang !== this.language && this.dispatchEvent(new WbLangChangeEvent(lang))}>${NATIVE[lang]}</button>`,
      )}
    </div>`;
  }
}
