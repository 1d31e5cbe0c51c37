import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { UserPrincipal, UserRecord, UserRole } from '../../access/access-types.js';
import { isolate, type I18n } from '../../i18n/i18n.js';
import { adminStyles } from '../../theme/admin-styles.js';
import { formStyles } from '../../theme/form-styles.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { copyText } from '../copy-text.js';
import { fieldOf, listOf } from '../form-fields.js';
import { secretNotice } from '../secret-notice.js';
import { AdminList } from '../admin-list.js';

interface Pending {
  action: 'reset' | 'delete';
  name: string;
}

/** The admin's users: who they are, their teams, their last sign-in; add, reset a password, delete. A new or reset password is shown once. */
export class WbUserAdmin extends AdminList<UserRecord, Pending> {
  static override styles = [baseStyles, formStyles, adminStyles];

  /** The signed-in admin (their own row has no delete). */
  @property({ attribute: false }) principal!: UserPrincipal;

  @state() private secret: { name: string; password: string } | null = null;
  @state() private copied: boolean | null = null;

  protected fetchItems(): Promise<UserRecord[]> {
    return this.api.users();
  }

  private async add(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const name = fieldOf(data, 'name').trim();
    if (!name) return;
    const role = fieldOf(data, 'role') as UserRole;
    const teams = listOf(fieldOf(data, 'teams'));
    await this.run(async () => {
      const { user, password } = await this.api.createUser(name, role, teams);
      this.showSecret(user.name, password);
      form.reset();
    });
  }

  private async confirm({ action, name }: Pending): Promise<void> {
    await this.run(async () => {
      if (action === 'reset') this.showSecret(name, await this.api.resetPassword(name));
      else await this.api.deleteUser(name);
    });
  }

  private showSecret(name: string, password: string): void {
    this.secret = { name, password };
    this.copied = null;
  }

  override render() {
    const i18n = this.i18n;
    return html`<section>
      <div class="toolbar"><h2>${i18n.t('admin.users')}</h2></div>
      ${this.error === null ? nothing : html`<p class="notice error" role="alert" data-testid="users-error">${this.error}</p>`}
      ${
        this.secret === null
          ? nothing
          : secretNotice({
              i18n,
              message: i18n.t('user.password', { name: isolate(this.secret.name) }),
              secret: this.secret.password,
              copied: this.copied,
              onCopy: () => void copyText(this.secret?.password ?? '').then((ok) => (this.copied = ok)),
              onDone: () => (this.secret = null),
              testid: 'user-password',
            })
      }
      <div class="card">
        <h3>${i18n.t('user.add')}</h3>
        <form class="grid" id="user-create" data-testid="user-create" @submit=${(e: SubmitEvent) => void this.add(e)}>
          <label>${i18n.t('admin.name')}<input name="name" id="user-name" required maxlength="64" autocapitalize="none" spellcheck="false" /></label>
          <label>${i18n.t('admin.role')}<select name="role" id="user-role">
            <option value="lead">${i18n.t('user.role.lead')}</option>
            <option value="admin">${i18n.t('user.role.admin')}</option>
          </select></label>
          <label>${i18n.t('admin.teams')}<input name="teams" id="user-teams" placeholder=${i18n.t('user.teamsHint')} /></label>
          <div class="actions"><button class="primary" type="submit" id="user-submit" ?disabled=${this.busy}>${i18n.t('user.add')}</button></div>
        </form>
      </div>
      ${this.renderTable(i18n)}
    </section>`;
  }

  private renderTable(i18n: I18n) {
    if (this.items === null) return html`<p class="empty">${i18n.t('admin.loading')}</p>`;
    if (this.items.length === 0) return html`<p class="empty">${i18n.t('admin.none')}</p>`;
    return html`<div class="card scroll"><table data-testid="user-list">
      <thead><tr><th>${i18n.t('admin.name')}</th><th>${i18n.t('admin.role')}</th><th>${i18n.t('admin.teams')}</th><th>${i18n.t('user.lastLogin')}</th><th></th></tr></thead>
      <tbody>${repeat(
        this.items,
        (u) => u.name,
        (u) => this.renderRow(u, i18n),
      )}</tbody>
    </table></div>`;
  }

  private renderRow(u: UserRecord, i18n: I18n) {
    const self = u.name === this.principal.name;
    const pending = this.pending?.name === u.name ? this.pending.action : null;
    const row = html`<tr data-testid="user" data-user=${u.name}>
      <td><bdi class="name">${u.name}</bdi> ${self ? html`<span class="tag">${i18n.t('user.you')}</span>` : nothing}
        ${u.mustChangePassword ? html`<span class="tag warn" data-testid="user-must-change">${i18n.t('user.mustChange')}</span>` : nothing}</td>
      <td>${i18n.t(`user.role.${u.role}`)}</td>
      <td>${u.teams.length === 0 ? '—' : u.teams.map((t, i) => html`${i > 0 ? ', ' : ''}<bdi>${t}</bdi>`)}</td>
      <td title=${u.lastLoginTs === null ? '' : i18n.dateTime(u.lastLoginTs)}>${u.lastLoginTs === null ? i18n.t('time.never') : i18n.ago(u.lastLoginTs, this.now)}</td>
      <td class="actions-cell"><div class="actions">
        <button type="button" data-testid="user-reset" @click=${() => (this.pending = { action: 'reset', name: u.name })}>${i18n.t('user.reset')}</button>
        ${self ? nothing : html`<button type="button" class="danger" data-testid="user-delete" @click=${() => (this.pending = { action: 'delete', name: u.name })}>${i18n.t('admin.delete')}</button>`}
      </div></td>
    </tr>`;
    if (pending === null) return row;
    return html`${row}<tr><td colspan="5"><div class="confirm" role="alertdialog">
      <p>${pending === 'reset' ? i18n.t('user.resetConfirm', { name: isolate(u.name) }) : i18n.t('user.deleteConfirm', { name: isolate(u.name) })}</p>
      <button type="button" class="danger primary" data-testid="user-confirm" ?disabled=${this.busy} @click=${() => void this.confirm({ action: pending, name: u.name })}>
        ${pending === 'reset' ? i18n.t('user.reset') : i18n.t('admin.delete')}
      </button>
      <button type="button" data-testid="user-cancel" @click=${() => (this.pending = null)}>${i18n.t('admin.cancel')}</button>
    </div></td></tr>`;
  }
}
