import { LitElement, html, nothing, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { AccessApi, AlarmRulesAnswer } from '../../access/access-api.js';
import { AccessError } from '../../access/access-error.js';
import { endsSession, failureMessage } from '../../access/failure-message.js';
import { WbSessionEndEvent } from '../../events/wb-session-end.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import type { MessageKey } from '../../i18n/messages.js';
import { adminStyles } from '../../theme/admin-styles.js';
import { formStyles } from '../../theme/form-styles.js';
import { baseStyles } from '../../theme/shared-styles.js';
import {
  FLOOR_RULES,
  FLOOR_TOTALS,
  newQueue,
  QUEUE_RULES,
  RULE_UNIT,
  SEVERITIES,
  toForm,
  withMode,
  type AlarmRulesDoc,
  type QueueRuleMode,
  type RuleDefaults,
  type RulesForm,
  type ThresholdFields,
  type ThresholdRuleName,
} from './alarm-rules-form.js';
import { fromForm, problemsOf } from './alarm-rules-read.js';
import styles from './wb-alarm-rules-admin.styles.js';

/** A queue the admin may pick for an override: its id and, where the board has one, its name. */
export interface QueueChoice {
  id: string;
  name?: { zh: string; en: string };
}

/** The queues the board knows, from the snapshot (its queues and the server-held names). */
async function snapshotQueues(): Promise<QueueChoice[]> {
  const response = await fetch('/api/v1/snapshot', { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!response.ok) return [];
  const snapshot = (await response.json()) as { queues?: { id: string }[]; queueNames?: Record<string, { zh: string; en: string }> };
  const names = snapshot.queueNames ?? {};
  const ids = new Set([...(snapshot.queues ?? []).map((q) => q.id), ...Object.keys(names)]);
  return [...ids].sort().map((id) => ({ id, ...(names[id] ? { name: names[id] } : {}) }));
}

type Answer = AlarmRulesAnswer & { defaults?: RuleDefaults };

/**
 * The admin's alarm rules: a form per rule (switch, levels, minimum time in the rule's own unit)
 * per-queue overrides and the whole floor's totals, checked as the server checks them, or the
 * rules as JSON ("advanced").
 * The server stays the authority: its refusal is shown as it says it.
 */
export class WbAlarmRulesAdmin extends LitElement {
  static override styles = [baseStyles, formStyles, adminStyles, styles];

  /** The access API. */
  @property({ attribute: false }) api!: AccessApi;
  /** Translations. @default zh-CN */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');
  /** Reads the queues offered for an override. @default the snapshot's queues and names */
  @property({ attribute: false }) queueChoices: () => Promise<QueueChoice[]> = snapshotQueues;

  @state() private answer: Answer | null = null;
  @state() private form: RulesForm | null = null;
  @state() private advanced = false;
  @state() private text = '';
  @state() private choices: QueueChoice[] = [];
  @state() private error: string | null = null;
  @state() private saved = false;
  @state() private busy = false;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.queueChoices().then(
      (c) => (this.choices = c),
      () => (this.choices = []),
    );
  }

  private async load(): Promise<void> {
    try {
      this.show(await this.api.alarmRules());
      this.error = null;
    } catch (error) {
      this.fail(error);
    }
  }

  private show(answer: Answer): void {
    this.answer = answer;
    this.text = JSON.stringify(answer.rules, null, 2);
    this.form = answer.defaults ? toForm(answer.rules as AlarmRulesDoc, answer.defaults) : null;
    if (!answer.defaults) this.advanced = true;
  }

  private fail(error: unknown): void {
    if (endsSession(error)) this.dispatchEvent(new WbSessionEndEvent(error.failure === 'passwordChange'));
    this.error =
      error instanceof AccessError && error.failure === 'invalid' ? this.i18n.t('alarmForm.refused', { reason: error.detail }) : failureMessage(error, this.i18n);
  }

  /** Changes the form (a copy of it: Lit sees a new value). */
  private edit(change: (form: RulesForm) => void): void {
    if (!this.form) return;
    const next = structuredClone(this.form);
    change(next);
    this.form = next;
    this.saved = false;
  }

  private readonly save = async (): Promise<void> => {
    this.saved = false;
    let rules: unknown;
    if (this.advanced) {
      try {
        rules = JSON.parse(this.text);
      } catch (error) {
        this.error = this.i18n.t('alarmRules.badJson', { detail: (error as Error).message });
        return;
      }
    } else {
      const read = this.form && this.answer?.defaults ? fromForm(this.form, this.answer.defaults) : null;
      if (!read?.ok) return;
      rules = read.doc;
    }
    this.busy = true;
    try {
      this.show(await this.api.saveAlarmRules(rules));
      this.error = null;
      this.saved = true;
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
    }
  };

  private readonly reset = (): void => {
    if (this.answer) this.show(this.answer);
    this.error = null;
    this.saved = false;
  };

  /** To the JSON: the form as it stands (when it reads); back to the form: the JSON, when it parses. */
  private readonly toggle = (): void => {
    const defaults = this.answer?.defaults;
    if (!defaults) return;
    if (!this.advanced) {
      const read = this.form ? fromForm(this.form, defaults) : null;
      if (read?.ok) this.text = JSON.stringify(read.doc, null, 2);
      this.advanced = true;
      return;
    }
    try {
      const parsed: unknown = JSON.parse(this.text);
      this.form = toForm(typeof parsed === 'object' && parsed !== null ? parsed : {}, defaults);
      this.advanced = false;
      this.error = null;
    } catch (error) {
      this.error = this.i18n.t('alarmRules.badJson', { detail: (error as Error).message });
    }
  };

  override render() {
    const { i18n, answer, form } = this;
    const source =
      answer === null
        ? nothing
        : answer.source === 'config' || answer.updatedTs === null
          ? i18n.t('alarmRules.fromConfig')
          : i18n.t('alarmRules.fromAdmin', { name: answer.updatedBy ?? '', time: i18n.dateTime(answer.updatedTs) });
    const problems = form && answer?.defaults && !this.advanced ? problemsOf(form, answer.defaults) : [];
    const errors = new Map(problems.map((p) => [p.field, p.code]));
    return html`<section>
      <p class="meta" data-testid="alarm-rules-source">${source}</p>
      ${this.advanced ? this.renderJson() : form ? this.renderForm(form, errors) : html`<p class="empty">${i18n.t('admin.loading')}</p>`}
      ${this.error ? html`<p class="notice error" role="alert" data-testid="alarm-rules-error">${this.error}</p>` : nothing}
      <div class="bar">
        <button class="primary" type="button" data-testid="alarm-rules-save" ?disabled=${this.busy || problems.length > 0 || answer === null} @click=${this.save}>
          ${i18n.t('alarmRules.save')}
        </button>
        <button type="button" data-testid="alarm-rules-reset" ?disabled=${this.busy || answer === null} @click=${this.reset}>${i18n.t('alarmForm.reset')}</button>
        ${problems.length > 0 ? html`<span class="error" data-testid="alarm-rules-problems">${i18n.t('alarmForm.fix', { count: problems.length })}</span>` : nothing}
        ${this.saved ? html`<span class="ok" role="status" data-testid="alarm-rules-saved">${i18n.t('alarmRules.saved')}</span>` : nothing}
        <span class="spacer"></span>
        ${
          answer?.defaults
            ? html`<button type="button" data-testid="alarm-rules-advanced" aria-pressed=${this.advanced ? 'true' : 'false'} @click=${this.toggle}>
              ${i18n.t(this.advanced ? 'alarmForm.backToForm' : 'alarmForm.advanced')}
            </button>`
            : nothing
        }
      </div>
    </section>`;
  }

  private renderJson() {
    const { i18n } = this;
    return html`<p class="meta">${i18n.t(this.answer?.defaults ? 'alarmRules.help' : 'alarmForm.noDefaults')}</p>
      <textarea data-testid="alarm-rules" spellcheck="false" .value=${this.text} @input=${(e: Event) => (this.text = (e.target as HTMLTextAreaElement).value)}></textarea>`;
  }

  private renderForm(form: RulesForm, errors: Map<string, string>) {
    const { i18n } = this;
    return html`<p class="hint">${i18n.t('alarmForm.intro')}</p>
      <label class="check">
        <input type="checkbox" data-testid="alarm-enabled" .checked=${form.enabled} @change=${(e: Event) => this.edit((f) => (f.enabled = (e.target as HTMLInputElement).checked))} />
        ${i18n.t('alarmForm.enabled')}
      </label>
      <div class="card">
        <h3>${i18n.t('alarmForm.rules')}</h3>
        <div class="scroll">
          <table class="rules" data-testid="floor-rules">
            ${this.renderHead(i18n.t('alarmForm.on'))}
            <tbody>
              ${FLOOR_RULES.map((rule) => {
                const f = form.rules[rule];
                const toggle = html`<input type="checkbox" data-field="rules.${rule}.on" aria-label=${this.ruleName(rule)} .checked=${f.on}
                  @change=${(e: Event) => this.edit((x) => (x.rules[rule].on = (e.target as HTMLInputElement).checked))} />`;
                return this.renderRow(`rules.${rule}`, rule, f, f.on, toggle, errors, (change) => this.edit((x) => change(x.rules[rule])));
              })}
            </tbody>
          </table>
        </div>
        ${this.renderKpi(form, errors)}
      </div>
      <div class="card">
        <h3>${i18n.t('alarmForm.queues')}</h3>
        <p class="hint">${i18n.t('alarmForm.queuesHint')}</p>
        <datalist id="alarm-queue-choices">
          ${this.choices.map((c) => html`<option value=${c.id}>${c.name ? (i18n.lang === 'en' ? c.name.en : c.name.zh) : c.id}</option>`)}
        </datalist>
        ${repeat(
          form.queues,
          (_q, i) => i,
          (q, i) => this.renderQueue(form, i, errors),
        )}
        <button type="button" data-testid="alarm-queue-add" @click=${() => this.edit((f) => f.queues.push(newQueue(f, '')))}>＋ ${i18n.t('alarmForm.addQueue')}</button>
      </div>
      <div class="card">
        <h3>${i18n.t('alarmForm.floorTotals')}</h3>
        <p class="hint">${i18n.t('alarmForm.floorTotalsHint')}</p>
        <div class="scroll">
          <table class="rules" data-testid="floor-totals">
            ${this.renderHead(i18n.t('alarmForm.on'))}
            <tbody>
              ${FLOOR_TOTALS.map((rule) => {
                const f = form.floor[rule];
                const named = `${i18n.t('alarmForm.floorTotals')}: ${this.ruleName(rule)}`;
                const toggle = html`<input type="checkbox" data-field="floor.${rule}.on" aria-label=${named} .checked=${f.on}
                  @change=${(e: Event) => this.edit((x) => (x.floor[rule].on = (e.target as HTMLInputElement).checked))} />`;
                return this.renderRow(`floor.${rule}`, rule, f, f.on, toggle, errors, (change) => this.edit((x) => change(x.floor[rule])), named);
              })}
            </tbody>
          </table>
        </div>
      </div>`;
  }

  private renderHead(first: string) {
    const { i18n } = this;
    return html`<thead>
      <tr>
        <th rowspan="2">${i18n.t('alarmForm.rule')}</th>
        <th rowspan="2">${first}</th>
        <th class="group" colspan="2">${i18n.t('alarmForm.warning')}</th>
        <th class="group" colspan="2">${i18n.t('alarmForm.critical')}</th>
        <th rowspan="2">${i18n.t('alarmForm.minTime')}</th>
        <th rowspan="2">${i18n.t('alarmForm.minSample')}</th>
      </tr>
      <tr>
        <th>${i18n.t('alarmForm.raise')}</th>
        <th>${i18n.t('alarmForm.clear')}</th>
        <th>${i18n.t('alarmForm.raise')}</th>
        <th>${i18n.t('alarmForm.clear')}</th>
      </tr>
    </thead>`;
  }

  private ruleName(rule: ThresholdRuleName): string {
    return this.i18n.t('alarmForm.ruleUnit', { rule: this.i18n.t(`alarm.rule.${rule}`), unit: this.i18n.t(`alarmForm.unit.${RULE_UNIT[rule]}`) });
  }

  /** One rule's row: its switch (or mode), levels, minimum time and (service level only) minimum sample. */
  private renderRow(
    path: string,
    rule: ThresholdRuleName,
    f: ThresholdFields,
    editable: boolean,
    control: TemplateResult,
    errors: Map<string, string>,
    change: (update: (fields: ThresholdFields) => void) => void,
    /** What a screen reader says the inputs belong to. */
    named = this.ruleName(rule),
  ) {
    const input = (field: string, value: string, set: (fields: ThresholdFields, v: string) => void, label: string) => {
      const name = `${path}.${field}`;
      const code = errors.get(name);
      return html`<td>
        <input inputmode="decimal" data-field=${name} aria-label="${named}: ${label}" .value=${value} ?disabled=${!editable}
          aria-invalid=${code ? 'true' : 'false'} @input=${(e: Event) => change((x) => set(x, (e.target as HTMLInputElement).value))} />
        ${code ? html`<span class="field-error" data-error=${name}>${this.i18n.t(`alarmForm.err.${code}` as MessageKey)}</span>` : nothing}
      </td>`;
    };
    const { i18n } = this;
    const levels = SEVERITIES.flatMap((sev) => [
      input(`${sev}.raise`, f[sev].raise, (x, v) => (x[sev].raise = v), `${i18n.t(`alarmForm.${sev}`)} ${i18n.t('alarmForm.raise')}`),
      input(`${sev}.clear`, f[sev].clear, (x, v) => (x[sev].clear = v), `${i18n.t(`alarmForm.${sev}`)} ${i18n.t('alarmForm.clear')}`),
    ]);
    return html`<tr class=${editable ? '' : 'off'} data-rule=${rule}>
      <td class="name">${this.ruleName(rule)}</td>
      <td class="switch">${control}</td>
      ${levels} ${input('minTime', f.minTime, (x, v) => (x.minTime = v), i18n.t('alarmForm.minTime'))}
      ${rule === 'service-level' ? input('minSample', f.minSample, (x, v) => (x.minSample = v), i18n.t('alarmForm.minSample')) : html`<td></td>`}
    </tr>`;
  }

  private renderKpi(form: RulesForm, errors: Map<string, string>) {
    const { i18n } = this;
    const k = form.kpi;
    const field = (name: 'minTime' | 'minSample', label: string) => {
      const code = errors.get(`kpi.${name}`);
      return html`<label>${label}
        <input inputmode="decimal" data-field="kpi.${name}" .value=${k[name]} ?disabled=${!k.on} aria-invalid=${code ? 'true' : 'false'}
          @input=${(e: Event) => this.edit((f) => (f.kpi[name] = (e.target as HTMLInputElement).value))} />
        ${code ? html`<span class="field-error" data-error="kpi.${name}">${i18n.t(`alarmForm.err.${code}` as MessageKey)}</span>` : nothing}
      </label>`;
    };
    return html`<h3>${i18n.t('alarm.rule.kpi-missed')}</h3>
      <p class="hint">${i18n.t('alarmForm.kpiHint')}</p>
      <div class="kpi" data-rule="kpi-missed">
        <label class="check">
          <input type="checkbox" data-field="kpi.on" .checked=${k.on} @change=${(e: Event) => this.edit((f) => (f.kpi.on = (e.target as HTMLInputElement).checked))} />
          ${i18n.t('alarmForm.on')}
        </label>
        <label>${i18n.t('alarmForm.severity')}
          <select data-field="kpi.severity" ?disabled=${!k.on} @change=${(e: Event) => this.edit((f) => (f.kpi.severity = (e.target as HTMLSelectElement).value === 'critical' ? 'critical' : 'warning'))}>
            ${SEVERITIES.map((s) => html`<option value=${s} ?selected=${k.severity === s}>${i18n.t(`alarmForm.${s}`)}</option>`)}
          </select>
        </label>
        ${field('minTime', i18n.t('alarmForm.minTime'))} ${field('minSample', i18n.t('alarmForm.kpiMinSample'))}
      </div>`;
  }

  private renderQueue(form: RulesForm, i: number, errors: Map<string, string>) {
    const { i18n } = this;
    const q = form.queues[i]!;
    const code = errors.get(`queues.${i}.queue`);
    const modes: QueueRuleMode[] = ['inherit', 'off', 'own'];
    return html`<div class="queue" data-testid="alarm-queue" data-index=${i}>
      <div class="queue-head">
        <label>${i18n.t('alarmForm.queue')}
          <input list="alarm-queue-choices" data-field="queues.${i}.queue" maxlength="129" .value=${q.queue} aria-invalid=${code ? 'true' : 'false'}
            @input=${(e: Event) => this.edit((f) => (f.queues[i]!.queue = (e.target as HTMLInputElement).value))} />
          ${code ? html`<span class="field-error" data-error="queues.${i}.queue">${i18n.t(`alarmForm.err.${code}` as MessageKey)}</span>` : nothing}
        </label>
        <button type="button" class="danger" data-testid="alarm-queue-remove" @click=${() => this.edit((f) => f.queues.splice(i, 1))}>${i18n.t('alarmForm.removeQueue')}</button>
      </div>
      <div class="scroll">
        <table class="rules">
          ${this.renderHead(i18n.t('alarmForm.mode'))}
          <tbody>
            ${QUEUE_RULES.map((rule) => {
              const own = q.rules[rule];
              const floorOn = form.rules[rule].on;
              // "As above" shows the rules' figures as they stand in the form.
              const shown = own.mode === 'inherit' ? form.rules[rule] : own;
              const select = html`<select data-field="queues.${i}.${rule}.mode" aria-label=${this.ruleName(rule)} ?disabled=${!floorOn}
                  @change=${(e: Event) => (this.form = withMode(form, i, rule, (e.target as HTMLSelectElement).value as QueueRuleMode))}>
                  ${modes.map((m) => html`<option value=${m} ?selected=${own.mode === m}>${i18n.t(`alarmForm.mode.${m}`)}</option>`)}
                </select>
                ${floorOn ? nothing : html`<span class="hint">${i18n.t('alarmForm.floorOff')}</span>`}`;
              return this.renderRow(`queues.${i}.${rule}`, rule, shown, floorOn && own.mode === 'own', select, errors, (change) =>
                this.edit((x) => change(x.queues[i]!.rules[rule])),
              );
            })}
          </tbody>
        </table>
      </div>
    </div>`;
  }
}
