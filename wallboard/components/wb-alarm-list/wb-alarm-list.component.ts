import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Alarm } from '../../../server/contract/snapshot.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { alarmIcon } from '../alarm-icon.js';
import { alarmLine, alarmScope } from '../alarm-text.js';
import { alertAllowed, alertFor, setAlertAllowed } from './alarm-alert.js';

/** Fired when the lead taps Acknowledge; the view sends it to the server. */
export type WbAlarmAckEvent = CustomEvent<{ alarmId: string }>;

/** The tablet's alarms: the active ones with Acknowledge, and today's log; sound and vibration when allowed. */
export class WbAlarmList extends LitElement {
  static override styles = [
    baseStyles,
    css`
      :host { display: block; }
      header { display: flex; align-items: center; gap: 0.8rem; }
      h2 { margin: 0; font-size: 1.15rem; }
      .ok { color: var(--wb-met, #3ccf7e); font-size: 0.9rem; }
      label { margin-left: auto; font-size: 0.9rem; display: inline-flex; gap: 0.35rem; align-items: center; }
      ul { list-style: none; margin: 0.4rem 0 0; padding: 0; display: grid; gap: 0.35rem; }
      li { display: grid; grid-template-columns: auto minmax(0, 1fr) auto; gap: 0.6rem; align-items: center; padding: 0.4rem 0.6rem; border-radius: 0.4rem;
        border-left: 0.3rem solid var(--alarm-colour); background: color-mix(in srgb, var(--alarm-colour) 14%, transparent); }
      li.warning { --alarm-colour: var(--wb-at-risk, #f5b83d); }
      li.critical { --alarm-colour: var(--wb-missed, #ff5d52); }
      li.cleared { --alarm-colour: var(--wb-no-data, #7d8a99); opacity: 0.75; }
      svg { width: 1.4em; height: 1.4em; }
      svg .fill { fill: var(--alarm-colour); }
      .word { font-weight: 800; margin-right: 0.4em; }
      .meta { font-size: 0.85em; color: var(--wb-text-dim, #8d9bab); }
      button.ack { font-size: 1rem; padding: 0.45rem 0.9rem; min-height: 2.6rem; }
      .error { color: var(--wb-missed, #ff5d52); font-size: 0.9em; }
      details { margin-top: 0.4rem; }
      /* On a 768-px-high tablet, about three alarms and then a scroll, so the hold alerts and the queues below keep their room. */
      ul.active { max-height: 30vh; overflow-y: auto; }
    `,
  ];

  /** The active alarms. */
  @property({ attribute: false }) active: readonly Alarm[] = [];
  /** Today's log (active and cleared), newest first. */
  @property({ attribute: false }) log: readonly Alarm[] = [];
  /** Display names by queue id. */
  @property({ attribute: false }) names: Readonly<Record<string, string>> = {};
  /** The time zone times are shown in. @default "Asia/Shanghai" */
  @property() timeZone = 'Asia/Shanghai';
  /** Translations. @default zh-CN */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');
  /** Why the last acknowledgement failed, if it did; set by the view. @default null */
  @property({ attribute: false }) ackError: string | null = null;

  @state() private alerting = alertAllowed();
  /** Alarm ids (and their severity) already announced, so only a new one or an escalation beeps. */
  private announced = new Map<string, Alarm['severity']>();
  private primed = false;

  protected override updated(changed: PropertyValues<this>): void {
    if (!changed.has('active')) return;
    const fresh = this.active.filter((a) => a.acknowledgedBy === null && this.announced.get(a.id) !== a.severity);
    this.announced = new Map(this.active.map((a) => [a.id, a.severity]));
    // The first list is what was already there when the page opened: not news.
    if (this.primed && this.alerting && fresh.length > 0) alertFor(fresh.some((a) => a.severity === 'critical') ? 'critical' : 'warning');
    this.primed = true;
  }

  private readonly toggle = (event: Event): void => {
    this.alerting = (event.target as HTMLInputElement).checked;
    setAlertAllowed(this.alerting);
    // A tap is the gesture browsers want before they play sound: a short confirmation.
    if (this.alerting) alertFor('warning');
  };

  private ack(alarmId: string): void {
    this.dispatchEvent(new CustomEvent('wb-alarm-ack', { detail: { alarmId }, bubbles: true, composed: true }));
  }

  override render() {
    const { i18n } = this;
    const cleared = this.log.filter((a) => a.clearedTs !== null);
    return html`<header>
        <h2>${i18n.t('alarm.title')}</h2>
        ${this.active.length === 0 ? html`<span class="ok">${i18n.t('alarm.none')}</span>` : nothing}
        <label><input type="checkbox" data-testid="alarm-sound" .checked=${this.alerting} @change=${this.toggle} />${i18n.t('alarm.sound')}</label>
      </header>
      ${this.ackError ? html`<div class="error" role="status">${i18n.t('alarm.ackFailed', { reason: this.ackError })}</div>` : nothing}
      <ul class="active" data-testid="alarm-list">
        ${repeat(
          this.active,
          (a) => a.id,
          (a) => this.row(a, i18n),
        )}
      </ul>
      ${
        cleared.length > 0
          ? html`<details>
            <summary>${i18n.t('alarm.log')} (${cleared.length})</summary>
            <ul>
              ${repeat(
                cleared,
                (a) => a.id,
                (a) => this.row(a, i18n),
              )}
            </ul>
          </details>`
          : nothing
      }`;
  }

  private row(a: Alarm, i18n: I18n) {
    const time = (ts: number) => i18n.time(ts, this.timeZone);
    const meta =
      a.clearedTs !== null
        ? i18n.t('alarm.cleared', { time: time(a.clearedTs) })
        : a.acknowledgedBy !== null
          ? i18n.t('alarm.acked', { name: a.acknowledgedBy, time: time(a.acknowledgedTs ?? a.raisedTs) })
          : i18n.t('alarm.raisedAt', { time: time(a.raisedTs) });
    return html`<li class="${a.clearedTs === null ? a.severity : 'cleared'}" data-alarm=${a.id}>
      <svg viewBox="0 0 24 24" aria-hidden="true">${alarmIcon(a.severity)}</svg>
      <div>
        <div><span class="word">${i18n.t(a.severity === 'critical' ? 'alarm.critical' : 'alarm.warning')}</span> <bdi>${alarmScope(a, i18n, this.names)}</bdi></div>
        <div>${alarmLine(a, i18n)}</div>
        <div class="meta">${meta}</div>
      </div>
      ${a.clearedTs === null && a.acknowledgedBy === null ? html`<button class="ack" data-testid="alarm-ack" @click=${() => this.ack(a.id)}>${i18n.t('alarm.ack')}</button>` : html`<span></span>`}
    </li>`;
  }
}
