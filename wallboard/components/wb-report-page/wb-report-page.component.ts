import { LitElement, html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { endsSession, failureMessage } from '../../access/failure-message.js';
import { browserNavigator, type PageNavigator } from '../../access/navigator.js';
import { loginUrl } from '../../access/next-path.js';
import type { WbLangChangeEvent } from '../../events/wb-lang-change.js';
import { createI18n, type I18n } from '../../i18n/i18n.js';
import type { Lang } from '../../i18n/messages.js';
import { addDays, isIsoDay, mondayOf, yesterdayIn } from '../../report/report-dates.js';
import { longDay } from '../../report/report-format.js';
import { loadDay, loadWeek, type HistoryGet, type Report } from '../../report/report-loader.js';
import { reportSearch, type ReportPick } from '../../report/report-query.js';
import { formStyles } from '../../theme/form-styles.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { DEFAULT_TIME_ZONE } from '../../../server/contract/constants.js';
import '../wb-lang-toggle/wb-lang-toggle.js';
import '../wb-report-day/wb-report-day.js';
import '../wb-report-week/wb-report-week.js';
import styles from './wb-report-page.styles.js';

type Shown = { view: 'day'; date: string } | { view: 'week'; monday: string };

/**
 * `/report`: the morning report of a day (yesterday by default) or the Monday review of a week,
 * for a lead or an admin. Sets `data-ready` once what it shows has drawn (the data, "no data" or
 * the failure), so the PDF printer prints then and not before.
 */
export class WbReportPage extends LitElement {
  static override styles = [baseStyles, formStyles, styles];

  /** The history API (report-loader.ts). */
  @property({ attribute: false }) get!: HistoryGet;
  /** What the address asked for. @default yesterday */
  @property({ attribute: false }) pick: ReportPick = { view: 'day', date: null };
  /** The page's language. @default "zh-CN" */
  @property() language: Lang = 'zh-CN';
  /** Where the page sends the browser. @default the window's location */
  @property({ attribute: false }) navigator: PageNavigator = browserNavigator;
  /** The time, for "yesterday". @default Date.now */
  @property({ attribute: false }) now: () => number = () => Date.now();

  @state() private shown: Shown | null = null;
  @state() private report: Report | null = null;
  @state() private error: unknown = null;
  private timeZone = DEFAULT_TIME_ZONE;
  private loads = 0;

  private get i18n(): I18n {
    return createI18n(this.language);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    const { pick } = this;
    const yesterday = yesterdayIn(this.now(), this.timeZone);
    void this.show(pick.view === 'day' ? { view: 'day', date: pick.date ?? yesterday } : { view: 'week', monday: pick.monday ?? mondayOf(addDays(yesterday, -6)) }, pick);
  }

  /** Loads and shows a day or a week; `asked` says whether the day was defaulted (then the board's zone decides it). */
  private async show(shown: Shown, asked: ReportPick = shown): Promise<void> {
    const load = ++this.loads;
    delete this.dataset['ready'];
    this.shown = shown;
    this.error = null;
    this.report = null;
    this.navigator.setSearch(reportSearch(shown, this.language));
    try {
      const report = shown.view === 'day' ? await loadDay(this.get, shown.date) : await loadWeek(this.get, shown.monday);
      if (load !== this.loads) return;
      const zone = shown.view === 'day' ? report.kind === 'day' && report.days.timeZone : report.kind === 'week' && report.week.timeZone;
      // Yesterday was taken in the default zone before the server named the board's: ask again if that moved it.
      if (zone && zone !== this.timeZone) {
        this.timeZone = zone;
        const yesterday = yesterdayIn(this.now(), zone);
        if (asked.view === 'day' && asked.date === null && yesterday !== (shown.view === 'day' ? shown.date : '')) return this.show({ view: 'day', date: yesterday });
        if (asked.view === 'week' && asked.monday === null && mondayOf(addDays(yesterday, -6)) !== (shown.view === 'week' ? shown.monday : ''))
          return this.show({ view: 'week', monday: mondayOf(addDays(yesterday, -6)) });
      }
      this.report = report;
    } catch (error) {
      if (load !== this.loads) return;
      if (endsSession(error)) return this.navigator.go(loginUrl(`/report${reportSearch(shown, this.language)}`));
      this.error = error;
    }
    await this.drawn();
    if (load === this.loads) this.dataset['ready'] = 'true';
  }

  /** Resolves when this page and every component under it have rendered, and the charts have measured themselves. */
  private async drawn(): Promise<void> {
    const settle = async (root: ParentNode): Promise<void> => {
      for (const el of root.querySelectorAll('*')) {
        if (el instanceof LitElement) await el.updateComplete;
        if (el.shadowRoot) await settle(el.shadowRoot);
      }
    };
    await this.updateComplete;
    await settle(this.renderRoot);
    // A chart learns its size from a ResizeObserver after layout: two frames, then it has redrawn.
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    await settle(this.renderRoot);
  }

  private readonly onLang = (event: WbLangChangeEvent) => {
    this.language = event.detail.lang;
    document.documentElement.lang = this.language;
    document.title = this.i18n.t('report.title');
    if (this.shown) this.navigator.setSearch(reportSearch(this.shown, this.language));
  };

  private pickDay(value: string): void {
    if (!isIsoDay(value) || !this.shown) return;
    void this.show(this.shown.view === 'day' ? { view: 'day', date: value } : { view: 'week', monday: mondayOf(value) });
  }

  private switchView(view: 'day' | 'week'): void {
    const s = this.shown;
    if (!s || s.view === view) return;
    void this.show(s.view === 'day' ? { view: 'week', monday: mondayOf(s.date) } : { view: 'day', date: addDays(s.monday, 6) });
  }

  private pdfHref(s: Shown): string {
    return `/api/v1/report.pdf${reportSearch(s, this.language)}`;
  }

  override render() {
    const { i18n } = this;
    const s = this.shown;
    if (!s) return nothing;
    const heading =
      s.view === 'day' ? longDay(s.date, i18n.lang) : i18n.t('report.weekTitle', { from: longDay(s.monday, i18n.lang), to: longDay(addDays(s.monday, 6), i18n.lang) });
    return html`<div class="page" data-view=${s.view}>
      <header>
        <h1>${i18n.t('report.title')}<span class="sub" data-testid="report-heading">${heading}</span></h1>
        <div class="controls">
          <div class="views" role="group">
            <button type="button" aria-pressed=${s.view === 'day'} data-testid="view-day" @click=${() => this.switchView('day')}>${i18n.t('report.dayView')}</button>
            <button type="button" aria-pressed=${s.view === 'week'} data-testid="view-week" @click=${() => this.switchView('week')}>${i18n.t('report.weekView')}</button>
          </div>
          <label class="pick"
            >${i18n.t(s.view === 'day' ? 'report.pickDay' : 'report.pickWeek')}
            <input type="date" data-testid="report-date" .value=${s.view === 'day' ? s.date : s.monday} @change=${(e: Event) => this.pickDay((e.target as HTMLInputElement).value)}
          /></label>
          <a class="button" data-testid="report-pdf" href=${this.pdfHref(s)} download>${i18n.t('report.pdf')}</a>
        </div>
        <wb-lang-toggle .language=${this.language} .label=${i18n.t('lang.switch')} @wb-lang-change=${this.onLang}></wb-lang-toggle>
        <a class="link" href="/lead${this.language === 'en' ? '?lang=en' : ''}">${i18n.t('account.lead')}</a>
      </header>
      <main>${this.renderBody(i18n)}</main>
    </div>`;
  }

  private renderBody(i18n: I18n) {
    if (this.error !== null)
      return html`<p class="state error" role="alert" data-testid="report-error">${i18n.t('report.failed', { detail: failureMessage(this.error, i18n) })}</p>`;
    const r = this.report;
    if (!r) return html`<p class="state">${i18n.t('report.loading')}</p>`;
    switch (r.kind) {
      case 'day':
        return html`<wb-report-day .report=${r} .i18n=${i18n}></wb-report-day>`;
      case 'week':
        return html`<wb-report-week .report=${r} .i18n=${i18n}></wb-report-week>`;
      default: {
        const never: never = r;
        return never;
      }
    }
  }
}
