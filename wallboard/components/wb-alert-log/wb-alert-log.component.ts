import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { AccessApi } from '../../access/access-api.js';
import { endsSession, failureMessage } from '../../access/failure-message.js';
import { WbSessionEndEvent } from '../../events/wb-session-end.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.js';
import { adminStyles } from '../../theme/admin-styles.js';
import { formStyles } from '../../theme/form-styles.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { ALERT_OUTCOMES, ALERT_TRANSITIONS, AlertLogApi, HOOK_KINDS, type AlertDelivery, type AlertHookInfo, type AlertLog } from './alert-log-api.js';
import styles from './wb-alert-log.styles.js';

/** A word of the catalogue for a value the server sent, or the value itself when it is one this page does not know. */
function label(i18n: I18n, known: readonly string[], prefix: string, value: string): string {
  return known.includes(value) ? i18n.t(`${prefix}.${value}` as MessageKey) : value;
}

/** Alerts out, for an admin: the configured hooks (with a test message each) and every node's delivery attempts, newest first. */
export class WbAlertLog extends LitElement {
  static override styles = [baseStyles, formStyles, adminStyles, styles];

  /** The access API (the session's CSRF token for a test message). */
  @property({ attribute: false }) api!: AccessApi;
  /** Translations. @default zh-CN */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');
  /** The fetch the alerts' API is read with. @default the window's fetch */
  @property({ attribute: false }) fetch: typeof fetch = (input, init) => fetch(input, init);

  @state() private log: AlertLog | null = null;
  @state() private error: string | null = null;
  /** What the last test message did, per hook. */
  @state() private tested: { hook: string; ok: boolean; error: string | null } | null = null;
  @state() private busy = false;

  private get client(): AlertLogApi {
    return new AlertLogApi(this.api, this.fetch);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Reads the hooks and the log again. */
  async load(): Promise<void> {
    try {
      this.log = await this.client.deliveries();
      this.error = null;
    } catch (error) {
      this.fail(error);
    }
  }

  private fail(error: unknown): void {
    if (endsSession(error)) this.dispatchEvent(new WbSessionEndEvent(error.failure === 'passwordChange'));
    this.error = failureMessage(error, this.i18n);
  }

  private async test(hook: AlertHookInfo): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const outcome = await this.client.sendTest(hook.id);
      this.tested = { hook: hook.id, ok: outcome.ok, error: outcome.error ?? (outcome.status === null ? null : `HTTP ${outcome.status}`) };
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
      await this.load();
    }
  }

  override render() {
    const i18n = this.i18n;
    return html`<section>
      <div class="toolbar">
        <h2>${i18n.t('admin.alerts')}</h2>
        <button type="button" data-testid="alerts-refresh" @click=${() => void this.load()}>${i18n.t('admin.refresh')}</button>
      </div>
      ${this.error === null ? nothing : html`<p class="notice error" role="alert" data-testid="alerts-error">${this.error}</p>`}
      ${this.renderTested(i18n)} ${this.log === null ? html`<p class="empty">${i18n.t('admin.loading')}</p>` : [this.renderHooks(i18n, this.log.hooks), this.renderLog(i18n, this.log.deliveries)]}
    </section>`;
  }

  private renderTested(i18n: I18n) {
    const t = this.tested;
    if (t === null) return nothing;
    return t.ok
      ? html`<p class="notice" role="status" data-testid="alerts-tested">${i18n.t('alerts.testSent', { hook: t.hook })}</p>`
      : html`<p class="notice error" role="alert" data-testid="alerts-tested">${i18n.t('alerts.testFailed', { hook: t.hook, error: t.error ?? '—' })}</p>`;
  }

  private renderHooks(i18n: I18n, hooks: AlertHookInfo[]) {
    if (hooks.length === 0) return html`<p class="empty" data-testid="alerts-no-hooks">${i18n.t('alerts.noHooks')}</p>`;
    return html`<h3>${i18n.t('alerts.hooks')}</h3>
      <ul class="hooks" data-testid="alert-hooks">
        ${repeat(
          hooks,
          (h) => h.id,
          (h) => html`<li data-testid="alert-hook" data-hook=${h.id}>
            <bdi class="id">${h.id}</bdi>
            <span>${label(i18n, HOOK_KINDS, 'alerts.kind', h.kind)}</span>
            <bdi class="dim">${h.host}</bdi>
            <span class="dim">${h.lang === 'en' ? 'English' : '中文'}${h.signed ? ` · ${i18n.t('alerts.signed')}` : ''}</span>
            <button type="button" data-testid="alert-test" ?disabled=${this.busy} @click=${() => void this.test(h)}>${i18n.t('alerts.test')}</button>
          </li>`,
        )}
      </ul>`;
  }

  private renderLog(i18n: I18n, deliveries: AlertDelivery[]) {
    if (deliveries.length === 0) return html`<h3>${i18n.t('alerts.deliveries')}</h3><p class="empty">${i18n.t('admin.none')}</p>`;
    return html`<h3>${i18n.t('alerts.deliveries')}</h3>
      <div class="card scroll"><table data-testid="alert-deliveries">
        <thead><tr>
          <th>${i18n.t('refusal.time')}</th><th>${i18n.t('alerts.hook')}</th><th>${i18n.t('alerts.transition')}</th><th>${i18n.t('alerts.attempt')}</th>
          <th>${i18n.t('alerts.outcome')}</th><th>${i18n.t('alerts.answer')}</th>
        </tr></thead>
        <tbody>${repeat(
          deliveries,
          (d) => d.id,
          (d) => html`<tr data-testid="alert-delivery" data-outcome=${d.outcome}>
            <td class="num">${i18n.dateTime(d.ts)}</td>
            <td><bdi>${d.hook}</bdi></td>
            <td>${label(i18n, ALERT_TRANSITIONS, 'alerts.transition', d.transition)}${d.alarmId === null ? nothing : html` <bdi class="dim">${d.alarmId}</bdi>`}</td>
            <td class="num">${d.attempt}</td>
            <td class="outcome ${d.outcome}">${label(i18n, ALERT_OUTCOMES, 'alerts.outcome', d.outcome)}</td>
            <td class="dim"><bdi>${d.error ?? (d.status === null ? '—' : `HTTP ${d.status}`)}</bdi> · ${i18n.number(d.ms)} ms</td>
          </tr>`,
        )}</tbody>
      </table></div>`;
  }
}
