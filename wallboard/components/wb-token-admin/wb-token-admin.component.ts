import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { TokenRecord, TokenRole } from '../../access/access-types.js';
import { isolate, type I18n } from '../../i18n/i18n.js';
import { adminStyles } from '../../theme/admin-styles.js';
import { formStyles } from '../../theme/form-styles.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { copyText } from '../copy-text.js';
import { fieldOf } from '../form-fields.js';
import { secretNotice } from '../secret-notice.js';
import { AdminList } from '../admin-list.js';

const ROLES: readonly TokenRole[] = ['ingest', 'automation', 'admin'];

/** The admin's API tokens for PBX ingest and automation: list, create (the secret is shown once), delete. */
export class WbTokenAdmin extends AdminList<TokenRecord, string> {
  static override styles = [baseStyles, formStyles, adminStyles];

  @state() private secret: { name: string; token: string } | null = null;
  @state() private copied: boolean | null = null;

  protected fetchItems(): Promise<TokenRecord[]> {
    return this.api.tokens();
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const name = fieldOf(data, 'name').trim();
    if (!name) return;
    const role = fieldOf(data, 'role') as TokenRole;
    await this.run(async () => {
      const created = await this.api.createToken(name, role);
      this.secret = { name: created.name, token: created.token };
      this.copied = null;
      form.reset();
    });
  }

  override render() {
    const i18n = this.i18n;
    return html`<section>
      <div class="toolbar"><h2>${i18n.t('admin.tokens')}</h2></div>
      ${this.error === null ? nothing : html`<p class="notice error" role="alert" data-testid="tokens-error">${this.error}</p>`}
      ${
        this.secret === null
          ? nothing
          : secretNotice({
              i18n,
              message: i18n.t('token.secret', { name: isolate(this.secret.name) }),
              secret: this.secret.token,
              copied: this.copied,
              onCopy: () => void copyText(this.secret?.token ?? '').then((ok) => (this.copied = ok)),
              onDone: () => (this.secret = null),
              testid: 'token-secret',
            })
      }
      <div class="card">
        <h3>${i18n.t('token.create')}</h3>
        <form class="grid" id="token-create" data-testid="token-create" @submit=${(e: SubmitEvent) => void this.create(e)}>
          <label>${i18n.t('admin.name')}<input name="name" id="token-name" required maxlength="64" /></label>
          <label>${i18n.t('admin.role')}<select name="role" id="token-role">
            ${ROLES.map((r) => html`<option value=${r}>${i18n.t(`token.role.${r}`)}</option>`)}
          </select></label>
          <div class="actions"><button class="primary" type="submit" id="token-submit" ?disabled=${this.busy}>${i18n.t('admin.create')}</button></div>
        </form>
      </div>
      ${this.renderTable(i18n)}
    </section>`;
  }

  private renderTable(i18n: I18n) {
    if (this.items === null) return html`<p class="empty">${i18n.t('admin.loading')}</p>`;
    if (this.items.length === 0) return html`<p class="empty">${i18n.t('admin.none')}</p>`;
    return html`<div class="card scroll"><table data-testid="token-list">
      <thead><tr><th>${i18n.t('admin.name')}</th><th>${i18n.t('admin.role')}</th><th>${i18n.t('admin.created')}</th><th>${i18n.t('token.lastUsed')}</th><th></th></tr></thead>
      <tbody>${repeat(
        this.items,
        (t) => t.id,
        (t) => {
          const row = html`<tr data-testid="token" data-token-id=${t.id}>
            <td><bdi class="name">${t.name}</bdi></td>
            <td>${i18n.t(`token.role.${t.role}`)}</td>
            <td>${i18n.dateTime(t.createdTs)}</td>
            <td>${t.lastUsedTs === null ? i18n.t('time.never') : i18n.ago(t.lastUsedTs, this.now)}</td>
            <td class="actions-cell"><div class="actions">
              <button type="button" class="danger" data-testid="token-delete" @click=${() => (this.pending = t.id)}>${i18n.t('admin.delete')}</button>
            </div></td>
          </tr>`;
          if (this.pending !== t.id) return row;
          return html`${row}<tr><td colspan="5"><div class="confirm" role="alertdialog">
            <p>${i18n.t('token.deleteConfirm', { name: isolate(t.name) })}</p>
            <button type="button" class="danger primary" data-testid="token-confirm" ?disabled=${this.busy} @click=${() => void this.run(() => this.api.deleteToken(t.id))}>
              ${i18n.t('admin.delete')}
            </button>
            <button type="button" data-testid="token-cancel" @click=${() => (this.pending = null)}>${i18n.t('admin.cancel')}</button>
          </div></td></tr>`;
        },
      )}</tbody>
    </table></div>`;
  }
}
