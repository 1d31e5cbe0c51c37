import { html, nothing } from 'lit';
import { state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { QueueSettingInput, QueueSettingsReply } from '../../../server/contract/queue-settings.js';
import type { I18n } from '../../i18n/i18n.js';
import { adminStyles } from '../../theme/admin-styles.js';
import { formStyles } from '../../theme/form-styles.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { AdminList } from '../admin-list.js';
import { fieldOf } from '../form-fields.js';
import { percent, seconds, settingOf } from './queue-setting-form.js';

type Row = [id: string, setting: QueueSettingInput];

/**
 * The admin's per-queue settings: a form per queue with its names in both languages and its
 * thresholds (blank: the floor-wide figure), one to add a queue, and a save replaces the whole
 * record on the server, which every screen shows with its next push.
 */
export class WbQueueSettings extends AdminList<Row, string> {
  static override styles = [baseStyles, formStyles, adminStyles];

  @state() private reply: QueueSettingsReply | null = null;
  /** Set when the last save went through: its version. */
  @state() private savedVersion: number | null = null;
  @state() private formError: string | null = null;

  protected async fetchItems(): Promise<Row[]> {
    this.reply = await this.api.queueSettings();
    return Object.entries(this.reply.queues).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Saves the record with this queue's setting replaced (or removed, with `setting` null). */
  private save(id: string, setting: QueueSettingInput | null): Promise<void> {
    const queues = Object.fromEntries((this.items ?? []).filter(([q]) => q !== id));
    if (setting !== null) queues[id] = setting;
    this.savedVersion = null;
    let refusal: unknown = null;
    // The refusal is said after the list is read again (which clears the list's own error).
    return this.run(async () => {
      try {
        this.savedVersion = (await this.api.saveQueueSettings(queues)).version;
      } catch (error) {
        refusal = error;
      }
    }).then(() => {
      if (refusal !== null) this.fail(refusal);
    });
  }

  private submit(event: SubmitEvent, id: string | null): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const queue = id ?? fieldOf(data, 'queue').trim();
    if (!queue) return;
    const read = settingOf(data);
    this.formError = read.ok ? null : this.i18n.t(`queueSettings.${read.reason}`);
    if (!read.ok) return;
    void this.save(queue, read.setting).then(() => {
      if (id === null && this.error === null) form.reset();
    });
  }

  override render() {
    const i18n = this.i18n;
    const d = this.reply?.defaults;
    return html`<section>
      <div class="toolbar"><h2>${i18n.t('admin.queueSettings')}</h2></div>
      ${d ? html`<p class="hint">${i18n.t('queueSettings.intro', { sl: seconds(d.serviceLevelMs), target: percent(d.serviceLevelTarget), short: seconds(d.shortAbandonMs) })}</p>` : nothing}
      ${this.reply?.source === 'config' ? html`<p class="hint" data-testid="from-config">${i18n.t('queueSettings.fromConfig')}</p>` : nothing}
      ${this.error === null ? nothing : html`<p class="notice error" role="alert" data-testid="queue-settings-error">${this.error}</p>`}
      ${this.formError === null ? nothing : html`<p class="notice error" role="alert" data-testid="queue-settings-form-error">${this.formError}</p>`}
      ${this.savedVersion === null ? nothing : html`<p class="notice" role="status" data-testid="queue-settings-saved">${i18n.t('queueSettings.saved', { version: this.savedVersion })}</p>`}
      ${
        this.items === null
          ? html`<p class="empty">${i18n.t('admin.loading')}</p>`
          : repeat(
              this.items,
              ([id]) => id,
              ([id, setting]) => this.renderForm(i18n, id, setting),
            )
      }
      ${this.items === null ? nothing : this.renderForm(i18n, null, {})}
    </section>`;
  }

  /** One queue's form; `id` null is the form that adds a queue. */
  private renderForm(i18n: I18n, id: string | null, s: QueueSettingInput) {
    return html`<div class="card">
      <h3>${id === null ? i18n.t('queueSettings.add') : html`<bdi>${id}</bdi>`}</h3>
      <form class="grid" data-testid=${id === null ? 'queue-add' : 'queue-setting'} data-queue=${id ?? ''} @submit=${(e: SubmitEvent) => this.submit(e, id)}>
        ${id === null ? html`<label>${i18n.t('queueSettings.queue')}<input name="queue" required maxlength="128" /></label>` : nothing}
        <label>${i18n.t('queueSettings.nameZh')}<input name="zh" lang="zh-CN" maxlength="64" .value=${s.name?.zh ?? ''} /></label>
        <label>${i18n.t('queueSettings.nameEn')}<input name="en" lang="en" maxlength="64" .value=${s.name?.en ?? ''} /></label>
        <label>${i18n.t('queueSettings.slSeconds')}<input name="slSeconds" inputmode="decimal" .value=${seconds(s.serviceLevelMs)} /></label>
        <label>${i18n.t('queueSettings.slTarget')}<input name="targetPercent" inputmode="decimal" .value=${percent(s.serviceLevelTarget)} /></label>
        <label>${i18n.t('queueSettings.shortSeconds')}<input name="shortSeconds" inputmode="decimal" .value=${seconds(s.shortAbandonMs)} /></label>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this.busy}>${i18n.t(id === null ? 'admin.create' : 'queueSettings.save')}</button>
          ${
            id === null
              ? nothing
              : html`<button type="button" class="danger" data-testid="queue-remove" ?disabled=${this.busy} @click=${() => void this.save(id, null)}>
                  ${i18n.t('queueSettings.remove')}
                </button>`
          }
        </div>
      </form>
    </div>`;
  }
}
