// What the TV and the tablet views share around their own panels: they provide the store, the
// translations and the clocks to everything below them (context/contexts.ts), stop the data's
// clock while the data is stale, show a waiting screen until the first snapshot, and say which
// parts of the screen's link were ignored. The header is <wb-screen-header>.
import { ContextProvider } from '@lit/context';
import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Snapshot } from '../../server/contract/snapshot.js';
import type { ScreenConfig } from '../config/screen-config.js';
import { clockContext, dataClockContext, i18nContext, storeContext } from '../context/contexts.js';
import { createI18n, type I18n } from '../i18n/i18n.js';
import { frozenClock, type Clock, type ClockSource } from '../store/clock-source.js';
import type { WallboardStore } from '../store/wallboard-store.js';
import { StoreController } from './store-controller.js';

export interface ScreenControllerOptions {
  /** The live data, read again before every render. */
  store: () => WallboardStore;
  /** The shared server clock, read again before every render. */
  clock: () => ClockSource;
  /** What the screen shows, from its link; read again before every render. */
  config: () => ScreenConfig;
}

export class ScreenController implements ReactiveController {
  private readonly options: ScreenControllerOptions;
  private readonly data: StoreController<[Snapshot | null, number | null], { snapshot: Snapshot | null; stale: boolean }>;
  private readonly dataClock: StoreController<[number | null, ClockSource], Clock>;
  private readonly storeProvider: ContextProvider<typeof storeContext>;
  private readonly i18nProvider: ContextProvider<typeof i18nContext>;
  private readonly clockProvider: ContextProvider<typeof clockContext>;
  private readonly dataClockProvider: ContextProvider<typeof dataClockContext>;

  constructor(host: ReactiveControllerHost & HTMLElement, options: ScreenControllerOptions) {
    this.options = options;
    this.data = new StoreController(host, {
      store: options.store,
      select: (s) => [s.snapshot, s.staleSinceTs],
      derive: (snapshot, staleSinceTs) => ({ snapshot, stale: staleSinceTs !== null }),
    });
    this.dataClock = new StoreController(host, {
      store: options.store,
      select: (s) => [s.staleSinceTs, options.clock()],
      derive: (staleSinceTs, clock): Clock => (staleSinceTs === null ? clock : frozenClock(staleSinceTs)),
    });
    this.storeProvider = new ContextProvider(host, { context: storeContext });
    this.i18nProvider = new ContextProvider(host, { context: i18nContext });
    this.clockProvider = new ContextProvider(host, { context: clockContext });
    this.dataClockProvider = new ContextProvider(host, { context: dataClockContext });
    // After the slices above, so that they are up to date when this one reads them.
    host.addController(this);
  }

  /** Translations in the screen's language. */
  get i18n(): I18n {
    return createI18n(this.options.config().lang);
  }

  /** The latest snapshot; null until the first one. */
  get snapshot(): Snapshot | null {
    return this.data.value.snapshot;
  }

  /** Whether the data on screen is no longer current (the server or its feed is gone). */
  get stale(): boolean {
    return this.data.value.stale;
  }

  /** What the screen says about the parts of its link it could not use; null when there are none. */
  get ignored(): string | null {
    const { ignored } = this.options.config();
    return ignored.length > 0 ? this.i18n.t('config.ignored', { detail: ignored.join(', ') }) : null;
  }

  /** `content` with the latest snapshot, or the waiting screen until there is one. */
  body(content: (snapshot: Snapshot) => unknown): unknown {
    const { snapshot } = this;
    return snapshot ? content(snapshot) : html`<div class="waiting-screen">${this.i18n.t('conn.connecting')}</div>`;
  }

  hostUpdate(): void {
    // Before the host renders, so the components it is about to create find every value.
    this.storeProvider.setValue(this.options.store());
    this.i18nProvider.setValue(this.i18n);
    this.clockProvider.setValue(this.options.clock());
    this.dataClockProvider.setValue(this.dataClock.value);
  }
}
