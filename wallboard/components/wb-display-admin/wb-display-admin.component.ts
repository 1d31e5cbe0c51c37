import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Display, DisplayLayout, UserPrincipal } from '../../access/access-types.js';
import { isolate, type I18n } from '../../i18n/i18n.js';
import { LANGS, type Lang } from '../../i18n/messages.js';
import { adminStyles } from '../../theme/admin-styles.js';
import { formStyles } from '../../theme/form-styles.js';
import { baseStyles } from '../../theme/shared-styles.js';
import { copyText } from '../copy-text.js';
import { fieldOf } from '../form-fields.js';
import { AdminList } from '../admin-list.js';
import '../wb-qr-code/wb-qr-code.js';
import { MAX_PLAYLIST_PAGES } from '../../../server/contract/constants.js';
import { displayOfForm, viewSummary } from './display-form.js';
import styles from './wb-display-admin.styles.js';

interface Pending {
  action: 'revoke' | 'link';
  id: string;
}

/**
 * The displays a lead or admin manages: each with the QR code of its link (pairing a TV is
 * pointing a phone at it), what it shows, when and from where it was last seen, how many screens
 * are on it now; a new link or a revoke after an inline confirmation; and the form for a new one.
 * A lead may only make displays of their own teams; the server checks it again.
 */
export class WbDisplayAdmin extends AdminList<Display, Pending> {
  static override styles = [baseStyles, formStyles, adminStyles, styles];

  /** The signed-in user. */
  @property({ attribute: false }) principal!: UserPrincipal;
  /** How often the list is read again (connected counts, last seen), in ms; 0 for never. @default 15000 */
  @property({ type: Number }) pollMs = 15_000;

  @state() private copied: { id: string; ok: boolean } | null = null;
  @state() private created: string | null = null;
  /** The playlist's pages in the form, by id (their fields are named page-<id>-…); empty without a playlist. */
  @state() private pages: number[] = [];
  private nextPageId = 0;
  private timer: ReturnType<typeof setInterval> | null = null;

  override connectedCallback(): void {
    super.connectedCallback(); // reads the list
    if (this.pollMs > 0) this.timer = setInterval(() => void this.load(), this.pollMs);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** A server did not answer in time: its screens are not in the counts. */
  @state() private partial = false;

  protected async fetchItems(): Promise<Display[]> {
    const { displays, partial } = await this.api.displays();
    this.partial = partial;
    return displays;
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const field = (name: string) => fieldOf(data, name);
    const result = displayOfForm({
      name: field('name'),
      queues: field('queues'),
      team: field('team'),
      layout: field('layout') as DisplayLayout,
      lang: field('lang') as Lang,
      title: field('title'),
      agentNames: data.get('agentNames') !== null,
      reloadAt: field('reloadAt'),
      pages: this.pages.map((id) => ({
        queues: field(`page-${id}-queues`),
        team: field(`page-${id}-team`),
        layout: field(`page-${id}-layout`) as DisplayLayout,
        title: field(`page-${id}-title`),
        seconds: field(`page-${id}-seconds`),
      })),
    });
    if (!result.ok) return void (this.error = this.i18n.t(result.reason === 'twoPages' ? 'display.twoPages' : 'display.nameRequired'));
    await this.run(async () => {
      const display = await this.api.createDisplay(result.name, result.view);
      this.created = display.id;
      this.items = [display, ...(this.items ?? []).filter((d) => d.id !== display.id)];
      form.reset();
      this.pages = [];
    });
  }

  private async confirm(pending: Pending): Promise<void> {
    await this.run(async () => {
      if (pending.action === 'revoke') {
        await this.api.revokeDisplay(pending.id);
        this.items = (this.items ?? []).filter((d) => d.id !== pending.id);
      } else {
        const display = await this.api.regenerateLink(pending.id);
        this.items = (this.items ?? []).map((d) => (d.id === display.id ? display : d));
      }
    });
  }

  private async copy(display: Display): Promise<void> {
    this.copied = { id: display.id, ok: await copyText(display.link) };
  }

  override render() {
    const i18n = this.i18n;
    return html`<section>
      <div class="toolbar">
        <h2>${i18n.t('admin.displays')}</h2>
        <button type="button" data-testid="displays-refresh" @click=${() => void this.load()}>${i18n.t('admin.refresh')}</button>
      </div>
      ${this.error === null ? nothing : html`<p class="notice error" role="alert" data-testid="displays-error">${this.error}</p>`}
      ${this.renderForm(i18n)}
      ${this.renderList(i18n)}
    </section>`;
  }

  private renderForm(i18n: I18n) {
    const { principal } = this;
    const isAdmin = principal.role === 'admin';
    const teams = principal.teams;
    return html`<details class="card create" ?open=${this.items !== null && this.items.length === 0}>
      <summary data-testid="display-create-open">${i18n.t('display.create')}</summary>
      <form class="grid" id="display-create" data-testid="display-create" @submit=${(e: SubmitEvent) => void this.create(e)}>
        <label>${i18n.t('display.name')}<input name="name" id="display-name" required maxlength="128" /></label>
        <label class="check wide"
          ><input type="checkbox" id="display-playlist" data-testid="display-playlist" .checked=${this.pages.length > 0} @change=${this.togglePlaylist} />${i18n.t(
            'display.playlist',
          )}</label
        >
        ${this.pages.length > 0 ? this.renderPages(i18n, isAdmin, teams) : this.renderScope(i18n, isAdmin, teams)}
        <label>${i18n.t('display.lang')}<select name="lang" id="display-lang">
          ${LANGS.map((l) => html`<option value=${l} ?selected=${l === i18n.lang}>${l === 'en' ? 'English' : '中文'}</option>`)}
        </select></label>
        <label class="check wide"><input type="checkbox" name="agentNames" id="display-agent-names" checked />${i18n.t('display.agentNames')}</label>
        <label class="wide">${i18n.t('display.reloadAt')}<input type="time" name="reloadAt" id="display-reload-at" /><span class="hint">${i18n.t('display.reloadAtHint')}</span></label>
        <div class="wide actions"><button class="primary" type="submit" id="display-submit" ?disabled=${this.busy}>${i18n.t('admin.create')}</button></div>
      </form>
    </details>`;
  }

  /** What a display without a playlist shows: team, queues, layout, title. */
  private renderScope(i18n: I18n, isAdmin: boolean, teams: readonly string[]) {
    return html`<label>${i18n.t('display.team')}${
      isAdmin
        ? html`<input name="team" id="display-team" maxlength="128" placeholder=${i18n.t('display.anyTeam')} />`
        : html`<select name="team" id="display-team" required>
                ${teams.map((t) => html`<option value=${t}>${t}</option>`)}
              </select>`
    }</label>
        <label class="wide">${i18n.t('display.queues')}<input name="queues" id="display-queues" /><span class="hint">${i18n.t('display.queuesHint')}</span></label>
        <label>${i18n.t('display.layout')}<select name="layout" id="display-layout">
          <option value="standard">${i18n.t('display.layout.standard')}</option>
          <option value="queues">${i18n.t('display.layout.queues')}</option>
        </select></label>
        <label class="wide">${i18n.t('display.title')}<input name="title" id="display-title" maxlength="128" /><span class="hint">${i18n.t('display.titleHint')}</span></label>`;
  }

  private readonly togglePlaylist = (event: Event): void => {
    this.pages = (event.target as HTMLInputElement).checked ? [this.nextPageId++, this.nextPageId++] : [];
  };

  /** A playlist's pages: each its own queues, team, layout, title and seconds. */
  private renderPages(i18n: I18n, isAdmin: boolean, teams: readonly string[]) {
    const count = this.pages.length;
    return html`<div class="wide pages" data-testid="display-pages">
      <p class="hint">${i18n.t('display.playlistHint')}</p>
      ${repeat(
        this.pages,
        (id) => id,
        (id, i) =>
          html`<fieldset class="grid page" data-testid="display-page">
            <legend>${i18n.t('display.page', { n: i + 1 })}</legend>
            <label>${i18n.t('display.team')}${
              isAdmin
                ? html`<input name=${`page-${id}-team`} maxlength="128" placeholder=${i18n.t('display.anyTeam')} />`
                : html`<select name=${`page-${id}-team`} required>
                    ${teams.map((t) => html`<option value=${t}>${t}</option>`)}
                  </select>`
            }</label
            >
            <label>${i18n.t('display.queues')}<input name=${`page-${id}-queues`} /></label>
            <label
              >${i18n.t('display.layout')}<select name=${`page-${id}-layout`}>
                <option value="standard">${i18n.t('display.layout.standard')}</option>
                <option value="queues">${i18n.t('display.layout.queues')}</option>
              </select></label
            >
            <label>${i18n.t('display.title')}<input name=${`page-${id}-title`} maxlength="80" /></label>
            <label>${i18n.t('display.pageSeconds')}<input type="number" name=${`page-${id}-seconds`} min="10" max="3600" value="30" required /></label>
            ${
              count > 2
                ? html`<button type="button" class="remove" @click=${() => (this.pages = this.pages.filter((p) => p !== id))}>${i18n.t('display.removePage', { n: i + 1 })}</button>`
                : nothing
            }
          </fieldset>`,
      )}
      ${
        count < MAX_PLAYLIST_PAGES
          ? html`<button type="button" data-testid="display-add-page" @click=${() => (this.pages = [...this.pages, this.nextPageId++])}>${i18n.t('display.addPage')}</button>`
          : nothing
      }
    </div>`;
  }

  private renderList(i18n: I18n) {
    if (this.items === null) return html`<p class="empty">${i18n.t('admin.loading')}</p>`;
    if (this.items.length === 0) return html`<p class="empty" data-testid="displays-empty">${i18n.t('admin.none')}</p>`;
    return html`${this.partial ? html`<p class="notice" role="status" data-testid="displays-partial">${i18n.t('admin.partialScreens')}</p>` : nothing}
      <div class="cards" data-testid="display-list">${repeat(
        this.items,
        (d) => d.id,
        (d) => this.renderDisplay(d, i18n),
      )}</div>`;
  }

  private renderDisplay(d: Display, i18n: I18n) {
    const pending = this.pending?.id === d.id ? this.pending.action : null;
    const seen = d.lastSeenTs === null ? i18n.t('time.never') : i18n.ago(d.lastSeenTs, this.now);
    return html`<article class="card display ${this.created === d.id ? 'created' : ''}" data-testid="display" data-display-id=${d.id}>
      <wb-qr-code .text=${d.link} .label=${i18n.t('display.qr', { name: isolate(d.name) })} data-testid="display-qr"></wb-qr-code>
      <div class="info">
        <h3><bdi data-testid="display-name">${d.name}</bdi></h3>
        ${this.created === d.id ? html`<p class="dim" role="status">${i18n.t('display.created', { name: isolate(d.name) })}</p>` : nothing}
        <dl>
          <dt>${i18n.t('display.view')}</dt>
          <dd data-testid="display-view">${viewSummary(d.view, i18n).map((part, i) => html`${i > 0 ? ' · ' : ''}<bdi>${part}</bdi>`)}</dd>
          <dt>${i18n.t('display.lastSeen')}</dt>
          <dd data-testid="display-last-seen" title=${d.lastSeenTs === null ? '' : i18n.dateTime(d.lastSeenTs)}>${seen}</dd>
          <dt>${i18n.t('display.address')}</dt>
          <dd data-testid="display-address"><bdi>${d.lastAddress ?? '—'}</bdi></dd>
          <dt>${i18n.t('display.connected')}</dt>
          <dd data-testid="display-connected" class=${d.connected > 0 ? 'on' : 'dim'}>${i18n.number(d.connected)}</dd>
        </dl>
        <input class="link" readonly .value=${d.link} aria-label=${i18n.t('display.link')} data-testid="display-link" @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
        ${
          pending === null
            ? html`<div class="actions">
                <button type="button" data-testid="display-copy" @click=${() => void this.copy(d)}>${i18n.t('display.copyLink')}</button>
                <button type="button" data-testid="display-new-link" @click=${() => (this.pending = { action: 'link', id: d.id })}>${i18n.t('display.newLink')}</button>
                <button type="button" class="danger" data-testid="display-revoke" @click=${() => (this.pending = { action: 'revoke', id: d.id })}>${i18n.t('display.revoke')}</button>
                ${this.copied?.id === d.id ? html`<span class=${this.copied.ok ? 'dim' : 'error'}>${this.copied.ok ? i18n.t('admin.copied') : i18n.t('admin.copyFailed')}</span>` : nothing}
              </div>`
            : html`<div class="confirm" role="alertdialog">
                <p>${pending === 'revoke' ? i18n.t('display.revokeConfirm', { name: isolate(d.name) }) : i18n.t('display.newLinkConfirm')}</p>
                <button type="button" class="danger primary" data-testid="display-confirm" ?disabled=${this.busy} @click=${() => void this.confirm({ action: pending, id: d.id })}>
                  ${pending === 'revoke' ? i18n.t('display.revoke') : i18n.t('display.newLink')}
                </button>
                <button type="button" data-testid="display-cancel" @click=${() => (this.pending = null)}>${i18n.t('admin.cancel')}</button>
              </div>`
        }
      </div>
    </article>`;
  }
}
