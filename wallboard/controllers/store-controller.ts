// Hands a Lit host one slice of the store's state and re-renders it only when that slice changed.
// A slice is made from parts picked out of the state (and out of the host's own state when it
// depends on it, as the tablet's filters do), compared by identity: applyDelta keeps every list
// it did not touch as it was, so an unchanged slice keeps its identity and the components it is
// handed to do not render again. The host lets go of the store when it leaves the DOM.
import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { storeContext } from '../context/contexts.js';
import { INITIAL_STATE, type WallboardState, type WallboardStore } from '../store/wallboard-store.js';

export interface StoreControllerOptions<P extends unknown[], T> {
  /** The store to follow, read again before every render. @default the store of the nearest `storeContext` provider */
  store?: () => WallboardStore | undefined;
  /** Picks the parts the slice is made of. Runs on every change of the store and before every render of the host: keep it to lookups. */
  select: (state: WallboardState) => P;
  /** Makes the slice from its parts; runs only when one of them is no longer the same object. @default the first part */
  derive?: (...parts: P) => T;
}

export class StoreController<const P extends unknown[], T = P[0]> implements ReactiveController {
  private store: WallboardStore | undefined;
  private unsubscribe: (() => void) | null = null;
  private connected = false;
  private parts: P | null = null;
  private slice!: T;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: StoreControllerOptions<P, T>,
  ) {
    host.addController(this);
    if (!options.store) new ContextConsumer(host, { context: storeContext, subscribe: true, callback: (store) => this.follow(store) });
  }

  /** The slice, as of the latest change of the store or render of the host. */
  get value(): T {
    if (this.parts === null) this.take(this.store?.state ?? INITIAL_STATE);
    return this.slice;
  }

  hostConnected(): void {
    this.connected = true;
    this.follow(this.options.store ? this.options.store() : this.store);
  }

  hostUpdate(): void {
    if (this.options.store) this.follow(this.options.store());
    // The parts may include the host's own state, which may be why it renders.
    this.take(this.store?.state ?? INITIAL_STATE);
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private follow(store: WallboardStore | undefined): void {
    if (store === this.store && (this.unsubscribe || !this.connected)) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.store = store;
    if (!store || !this.connected) return;
    this.unsubscribe = store.subscribe((state) => {
      if (this.take(state)) this.host.requestUpdate();
    });
  }

  /** Takes the slice of `state`; true when it changed. */
  private take(state: WallboardState): boolean {
    const parts = this.options.select(state);
    if (this.parts !== null && parts.length === this.parts.length && parts.every((part, i) => Object.is(part, this.parts![i]))) return false;
    this.parts = parts;
    this.slice = this.options.derive ? this.options.derive(...parts) : (parts[0] as T);
    return true;
  }
}
