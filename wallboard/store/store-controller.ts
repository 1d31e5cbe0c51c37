// Connects a Lit host to the store: the host re-renders when the store's state changes, and
// lets go of the store when it leaves the DOM (no listener outlives its element).
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { WallboardState, WallboardStore } from './wallboard-store.js';

export class StoreController implements ReactiveController {
  state: WallboardState;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly store: WallboardStore,
  ) {
    this.state = store.state;
    host.addController(this);
  }

  hostConnected(): void {
    this.unsubscribe = this.store.subscribe((state) => {
      if (state === this.state) return;
      this.state = state;
      this.host.requestUpdate();
    });
  }

  hostDisconnected(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
