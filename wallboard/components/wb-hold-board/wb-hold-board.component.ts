import { consume } from '@lit/context';
import { LitElement, html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { dataClockContext, i18nContext } from '../../context/contexts.js';
import { LISTS } from '../../../server/contract/delta.js';
import type { HeldCall } from '../../../server/contract/snapshot.js';
import { SizeController } from '../../controllers/size-controller.js';
import { createI18n, isolate, type I18n } from '../../i18n/i18n.js';
import { ClockController } from '../../controllers/clock-controller.js';
import type { Clock } from '../../store/clock-source.js';
import { baseStyles, statusStyles } from '../../theme/shared-styles.js';
import { statusIcon } from '../../theme/status-icons.js';
import { rowsThatFit } from '../pagination.js';
import { holdTiming } from './hold-timing.js';
import styles from './wb-hold-board.styles.js';
import { rows } from '../keyed-rows.js';

const ROW_EM = 3.8;
const GAP_EM = 0.35;
/** Heights of the heading, the rule line and the "+N more" line, in em of the board. */
const HEADING_EM = 2.1;
const RULE_EM = 1.65;
const MORE_EM = 1.7;
const RING = 2 * Math.PI * 9;

/**
 * Every caller on hold with the agent, time on hold and a live countdown to the next check.
 * A check that falls due moves to the top (the list is ordered by due time, so the most late
 * is first), turns red with an octagon, and counts up how late it is.
 */
export class WbHoldBoard extends LitElement {
  static override styles = [baseStyles, statusStyles, styles];

  /** The held calls. */
  @property({ attribute: false }) held: readonly HeldCall[] = [];
  /** Display names by queue id. */
  @property({ attribute: false }) names: Readonly<Record<string, string>> = {};
  /** The hold-check interval, in ms. @default 30000 */
  @property({ type: Number }) intervalMs = 30_000;
  /** Rows to show; 0 fits as many as the height allows. @default 0 */
  @property({ type: Number }) rows = 0;
  /** A heading above the list, with the count of overdue checks beside it; empty for none. */
  @property() heading = '';
  /** Tell the lead which agent to go and see on an overdue row. @default false */
  @property({ type: Boolean, attribute: 'go-see' }) goSee = false;
  /** The shared clock the countdowns tick from: stopped while the data is stale. @default local time, or the screen's from dataClockContext */
  @consume({ context: dataClockContext, subscribe: true })
  @property({ attribute: false })
  clock: Clock | undefined;
  /** Translations and number formats. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');

  private readonly size = new SizeController(this, { width: 500, height: 600 });
  private readonly ticker = new ClockController(this, { clock: () => this.clock, isActive: () => this.held.length > 0 });
  private ordered: HeldCall[] = [];
  private fit = 6;
  private fittedHeight = -1;
  private heightEm = 30;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('held')) {
      this.ordered = [...this.held].sort(LISTS.held.compare);
    }
    if (this.rows > 0) this.fit = this.rows;
    else if (this.size.height !== this.fittedHeight) {
      this.fittedHeight = this.size.height;
      const em = parseFloat(getComputedStyle(this).fontSize) || 16;
      this.heightEm = this.size.height / em;
    }
    // Rows all show when they fit; otherwise one row's room goes to the "+N more" line.
    const room = this.heightEm - (this.heading ? HEADING_EM : 0) - RULE_EM + GAP_EM;
    if (this.rows === 0) {
      const all = this.ordered.length;
      this.fit = all * (ROW_EM + GAP_EM) <= room ? Math.max(1, all) : rowsThatFit((room - MORE_EM) * 16, (ROW_EM + GAP_EM) * 16) + 1;
    }
  }

  override render() {
    const { i18n } = this;
    const now = this.ticker.now();
    const late = this.ordered.filter((h) => h.nextCheckDueTs <= now).length;
    const heading = this.heading
      ? html`<h2>${this.heading}${
          this.ordered.length > 0
            ? html`<span class="count ${late > 0 ? 'overdue' : ''}" data-testid="hold-overdue-count"
              >${late > 0 ? `${i18n.t('hold.overdue')} ${i18n.number(late)} / ` : ''}${i18n.number(this.ordered.length)}</span
            >`
            : null
        }</h2>`
      : null;
    const rule = html`${heading}<div class="rule">${i18n.t('hold.rule', { seconds: Math.round(this.intervalMs / 1000) })}</div>`;
    if (this.ordered.length === 0) return html`${rule}<div class="empty">${i18n.t('hold.none')}</div>`;
    const visible = this.ordered.length > this.fit ? this.ordered.slice(0, this.fit - 1) : this.ordered;
    const hidden = this.ordered.length - visible.length;
    return html`${rule}
      <div class="list" role="list">
        ${rows(
          visible,
          (h) => h.callId,
          (h) => {
            const t = holdTiming(h.nextCheckDueTs, now, this.intervalMs);
            const agent = h.agentName ?? h.agentId;
            const meta = [h.team, h.queue === null ? null : (this.names[h.queue] ?? h.queue)]
              .filter((s): s is string => !!s)
              .map(isolate)
              .join(' · ');
            return html`<div class="row ${t.state}" role="listitem" style="--row-h: ${ROW_EM}em" data-call=${h.callId} data-state=${t.state}>
              ${
                t.state === 'overdue'
                  ? html`<svg class="status-icon icon status-missed" viewBox="0 0 24 24" aria-hidden="true">${statusIcon('missed')}</svg>`
                  : html`<svg class="ring" viewBox="0 0 24 24" aria-hidden="true">
                    <circle class="bg" cx="12" cy="12" r="9"></circle>
                    <circle class="left" cx="12" cy="12" r="9" stroke-dasharray="${RING * t.fractionLeft} ${RING}"></circle>
                  </svg>`
              }
              <div class="who">
                <div class="agent"><bdi>${agent}</bdi></div>
                <div class="meta">
                  ${t.state === 'overdue' && this.goSee ? html`<span class="go">${i18n.t('hold.goSee', { agent: isolate(agent) })}</span> · ` : null}${h.tier !== 'standard' ? html`<span class="vip">${i18n.t(`tier.${h.tier}`)}</span> · ` : null}${meta}${
                    h.checksMissed > 0 ? html` · ${i18n.t('hold.missed', { n: h.checksMissed })}` : null
                  }
                </div>
              </div>
              <div class="held"><span class="cap">${i18n.t('hold.onHold')}</span><span class="v num">${i18n.duration(now - h.heldSinceTs)}</span></div>
              <div class="due" data-testid="hold-due">
                <span class="cap">${t.state === 'overdue' ? i18n.t('hold.overdue') : i18n.t('hold.nextCheck')}</span>
                <span class="v num">${t.state === 'overdue' ? `+${i18n.duration(t.lateMs)}` : i18n.duration(t.remainingMs + 999)}</span>
              </div>
            </div>`;
          },
        )}
      </div>
      ${hidden > 0 ? html`<div class="more">${i18n.t('hold.more', { n: hidden })}</div>` : null}`;
  }
}
