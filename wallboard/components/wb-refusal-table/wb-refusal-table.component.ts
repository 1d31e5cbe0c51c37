import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AccessApi } from '../../access/access-api.js';
import { REFUSAL_KINDS, type Refusal } from '../../access/access-types.js';
import { endsSession, failureMessage } from '../../access/failure-message.js';
import { WbSessionEndEvent } from '../../events/wb-session-end.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { adminStyles } from '../../theme/admin-styles.js';
import { formStyles } from '../../theme/form-styles.js';
import { baseStyles } from '../../theme/shared-styles.js';

/** What the server refused lately (wrong sign-ins, throttling, missing credentials, CSRF, foreign origins), newest first. */
export class WbRefusalTable extends LitElement {
  static override styles = [baseStyles, formStyles, adminStyles];

  /** The access API. */
  @property({ attribute: false }) api!: AccessApi;
  /** Translations. @default zh-CN */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');

  @state() private refusals: Refusal[] | null = null;
  /** A server did not answer in time: its refusals are missing. */
  @state() private partial = false;
  @state() private error: string | null = null;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  async load(): Promise<void> {
    try {
      ({ refusals: this.refusals, partial: this.partial } = await this.api.refusals());
      this.error = null;
    } catch (error) {
      if (endsSession(error)) this.dispatchEvent(new WbSessionEndEvent(error.failure === 'passwordChange'));
      this.error = failureMessage(error, this.i18n);
    }
  }

  override render() {
    const i18n = this.i18n;
    return html`<section>
      <div class="toolbar">
        <h2>${i18n.t('admin.refusals')}</h2>
        <button type="button" data-testid="refusals-refresh" @click=${() => void this.load()}>${i18n.t('admin.refresh')}</button>
      </div>
      ${this.error === null ? nothing : html`<p class="notice error" role="alert" data-testid="refusals-error">${this.error}</p>`}
      ${this.partial ? html`<p class="notice" role="status" data-testid="refusals-partial">${i18n.t('admin.partialRefusals')}</p>` : nothing}
      ${this.renderTable(i18n)}
    </section>`;
  }

  private renderTable(i18n: I18n) {
    if (this.refusals === null) return html`<p class="empty">${i18n.t('admin.loading')}</p>`;
    if (this.refusals.length === 0) return html`<p class="empty">${i18n.t('admin.none')}</p>`;
    return html`<div class="card scroll"><table data-testid="refusal-list">
      <thead><tr>
        <th>${i18n.t('refusal.time')}</th><th>${i18n.t('refusal.kind')}</th><th>${i18n.t('refusal.name')}</th>
        <th>${i18n.t('refusal.address')}</th><th>${i18n.t('refusal.path')}</th><th>${i18n.t('refusal.reason')}</th>
      </tr></thead>
      <tbody>${this.refusals.map(
        (r) => html`<tr data-testid="refusal" data-kind=${r.kind}>
          <td class="num">${i18n.dateTime(r.ts)}</td>
          <td>${(REFUSAL_KINDS as readonly string[]).includes(r.kind) ? i18n.t(`refusal.kind.${r.kind}`) : r.kind}</td>
          <td>${r.name === null ? '—' : html`<bdi>${r.name}</bdi>`}</td>
          <td><bdi>${r.address}</bdi></td>
          <td><bdi class="path">${r.path}</bdi></td>
          <td class="dim"><bdi>${r.reason}</bdi></td>
        </tr>`,
      )}</tbody>
    </table></div>`;
  }
}
