// A secret shown once (a one-time password, an API token's secret): the sentence, the secret in
// a box the reader can select, a copy button, and Done, which forgets it.
import { html } from 'lit';
import type { I18n } from '../i18n/i18n.js';

export interface SecretNoticeOptions {
  i18n: I18n;
  /** What the secret is and what to do with it. */
  message: string;
  secret: string;
  /** Whether the last copy worked: true, false, or null before any. */
  copied: boolean | null;
  onCopy: () => void;
  onDone: () => void;
  /** data-testid of the notice; the secret's own is `${testid}-value`. */
  testid: string;
}

export function secretNotice(o: SecretNoticeOptions) {
  const { i18n } = o;
  return html`<div class="notice" role="status" data-testid=${o.testid}>
    <p>${o.message}</p>
    <p class="secret" data-testid="${o.testid}-value">${o.secret}</p>
    <div class="actions">
      <button type="button" data-testid="${o.testid}-copy" @click=${o.onCopy}>${i18n.t('admin.copy')}</button>
      <button type="button" class="primary" data-testid="${o.testid}-done" @click=${o.onDone}>${i18n.t('admin.done')}</button>
      ${o.copied === null ? null : html`<span class=${o.copied ? 'dim' : 'error'}>${o.copied ? i18n.t('admin.copied') : i18n.t('admin.copyFailed')}</span>`}
    </div>
  </div>`;
}
