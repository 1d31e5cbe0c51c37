// What the admin page's lists share: the access API, the list read from it, the error said in
// the page's language (a session that ended sends the reader to sign in), and one action at a
// time, each followed by reading the list again.
import { LitElement } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AccessApi } from '../access/access-api.js';
import { endsSession, failureMessage } from '../access/failure-message.js';
import { WbSessionEndEvent } from '../events/wb-session-end.js';
import { createI18n, type I18n } from '../i18n/i18n.js';

export abstract class AdminList<Item, Pending> extends LitElement {
  /** The access API. */
  @property({ attribute: false }) api!: AccessApi;
  /** Translations. @default zh-CN */
  @property({ attribute: false }) i18n: I18n = createI18n('zh-CN');
  /** The time "last seen" and "last used" are told from, in ms. @default 0 (set by the page) */
  @property({ type: Number }) now = 0;

  /** The list; null until first read. */
  @state() protected items: Item[] | null = null;
  @state() protected error: string | null = null;
  /** The action waiting for its inline confirmation. */
  @state() protected pending: Pending | null = null;
  @state() protected busy = false;

  /** Reads the list from the API. */
  protected abstract fetchItems(): Promise<Item[]>;

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  /** Reads the list again. */
  async load(): Promise<void> {
    try {
      this.items = await this.fetchItems();
      this.error = null;
    } catch (error) {
      this.fail(error);
    }
  }

  protected fail(error: unknown): void {
    if (endsSession(error)) this.dispatchEvent(new WbSessionEndEvent(error.failure === 'passwordChange'));
    this.error = failureMessage(error, this.i18n);
  }

  /** Runs one action (none while another runs), says what failed, then reads the list again. */
  protected async run(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      await action();
      this.error = null;
    } catch (error) {
      this.fail(error);
    } finally {
      this.busy = false;
      this.pending = null;
      await this.load();
    }
  }
}
