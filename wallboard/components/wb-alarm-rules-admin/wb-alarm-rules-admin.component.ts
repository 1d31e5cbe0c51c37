import { LitElement, css, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AccessApi, AlarmRulesAnswer } from '../../access/access-api.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { formStyles } from '../../theme/form-styles.js';
import { baseStyles } from '../../theme/shared-styles.js';

/** The admin's alarm rules editor, a first cut: the rules as JSON, checked by the server's schema, its problems shown. */
export class WbAlarmRulesAdmin extends LitElement {
  static override styles = [
    baseStyles,
    formStyles,
    css`
      :host { display: block; }
      textarea { width: 100%; min-height: 22rem; font-family: ui-monospace, monospace; font-size: 0.9rem; }
      .error { color: var(--wb-missed, #ff5d52); white-space: pre-wrap; }
      .ok { color: var(--wb-met, #3ccf7e); }
      .meta { color: var(--wb-text-dim, #8d9bab); font-size: 0.9rem; }
    `,
  ];

  /** The access API. */
  @property({ attribute: false }) api!: AccessApi;
  /** Translations. @default zh-CN */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');

  @state() private text = '';
  @state() private answer: AlarmRulesAnswer | null = null;
  @state() private error: string | null = null;
  @state() private saved = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.answer = await this.api.alarmRules();
      this.text = JSON.stringify(this.answer.rules, null, 2);
      this.error = null;
    } catch (error) {
      this.error = (error as Error).message;
    }
  }

  private readonly save = async (): Promise<void> => {
    this.saved = false;
    let rules: unknown;
    try {
      rules = JSON.parse(this.text);
    } catch (error) {
      this.error = this.i18n.t('alarmRules.badJson', { detail: (error as Error).message });
      return;
    }
    try {
      this.answer = await this.api.saveAlarmRules(rules);
      this.text = JSON.stringify(this.answer.rules, null, 2);
      this.error = null;
      this.saved = true;
    } catch (error) {
      this.error = (error as Error).message;
    }
  };

  override render() {
    const { i18n, answer } = this;
    const source =
      answer === null
        ? nothing
        : answer.source === 'config' || answer.updatedTs === null
          ? i18n.t('alarmRules.fromConfig')
          : i18n.t('alarmRules.fromAdmin', { name: answer.updatedBy ?? '', time: i18n.dateTime(answer.updatedTs) });
    return html`<p class="meta">${i18n.t('alarmRules.help')}</p>
      <p class="meta" data-testid="alarm-rules-source">${source}</p>
      <textarea data-testid="alarm-rules" spellcheck="false" .value=${this.text} @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}></textarea>
      <p><button type="button" data-testid="alarm-rules-save" @click=${this.save}>${i18n.t('alarmRules.save')}</button></p>
      ${this.error ? html`<p class="error" role="alert" data-testid="alarm-rules-error">${this.error}</p>` : nothing}
      ${this.saved ? html`<p class="ok" role="status">${i18n.t('alarmRules.saved')}</p>` : nothing}`;
  }
}
