import { consume } from '@lit/context';
import { LitElement, html } from 'lit';
import { property } from 'lit/decorators.js';
import { DEFAULT_TIME_ZONE } from '../../../server/contract/constants.js';
import type { LimitReached, SourceFeed } from '../../../server/contract/snapshot.js';
import { i18nContext } from '../../context/contexts.js';
import { createI18n, isolate, type I18n, type MessageKey } from '../../i18n/i18n.js';
import { baseStyles, statusStyles } from '../../theme/shared-styles.js';
import { statusIcon, type Status } from '../../theme/status-icons.js';
import styles from '../wb-connection-status/wb-connection-status.styles.js';

const LOOK: Readonly<Record<Exclude<SourceFeed['state'], 'live'>, { tone: Status; key: MessageKey }>> = {
  quiet: { tone: 'atRisk', key: 'source.quiet' },
  down: { tone: 'missed', key: 'source.down' },
  gone: { tone: 'missed', key: 'source.gone' },
};

/**
 * Names each PBX source that is not feeding the board as it should, and since when, and says when
 * the server has reached a cardinality limit (new queues, agents, teams or complaints refused);
 * nothing while all is well.
 */
export class WbSourceStatus extends LitElement {
  static override styles = [baseStyles, statusStyles, styles];

  /** The sources the server reports (feed.sources); live ones are not shown. */
  @property({ attribute: false }) sources: readonly SourceFeed[] = [];
  /** The cardinality limits the server has reached (snapshot.limits). */
  @property({ attribute: false }) limits: readonly LimitReached[] = [];
  /** The call centre's time zone, for the times. @default "Asia/Shanghai" */
  @property() timeZone = DEFAULT_TIME_ZONE;
  /** Translations and time formats. @default zh-CN, or the screen's from i18nContext */
  @consume({ context: i18nContext, subscribe: true })
  @property({ attribute: false })
  i18n: I18n = createI18n('zh-CN');

  override render() {
    return [this.renderLimits(), ...this.renderSources()];
  }

  private renderLimits() {
    const { i18n, limits } = this;
    if (limits.length === 0) return null;
    const kinds = limits.map((l) => i18n.t(`limits.${l.kind}`)).join(i18n.t('limits.separator'));
    const detail = limits.map((l) => i18n.t('limits.detail', { kind: i18n.t(`limits.${l.kind}`), count: l.count, max: l.max })).join('\n');
    return html`<span class="pill status-atRisk" role="status" title=${detail} data-testid="limits" data-kinds=${limits.map((l) => l.kind).join(' ')}
      ><svg class="status-icon" viewBox="0 0 24 24" aria-hidden="true">${statusIcon('atRisk')}</svg><span>${i18n.t('limits.reached', { kinds })}</span></span
    >`;
  }

  private renderSources() {
    const { i18n } = this;
    return this.sources
      .filter((s): s is SourceFeed & { state: keyof typeof LOOK } => s.state !== 'live')
      .map((s) => {
        const look = LOOK[s.state];
        const label = i18n.t(look.key, { source: isolate(s.source), time: i18n.hourMinute(s.sinceTs, this.timeZone) });
        return html`<span
          class="pill status-${look.tone} ${s.state === 'quiet' ? '' : 'stale'}"
          role="status"
          title=${s.reason ? `${s.adapter}: ${s.reason}` : s.adapter}
          data-testid="source"
          data-source=${s.source}
          data-state=${s.state}
          ><svg class="status-icon" viewBox="0 0 24 24" aria-hidden="true">${statusIcon(look.tone)}</svg><span>${label}</span></span
        >`;
      });
  }
}
