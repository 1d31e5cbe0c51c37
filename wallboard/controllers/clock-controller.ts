// Re-renders a Lit host on the shared clock's ticks, but only while the host says it shows
// something that moves (`isActive`, checked after each render): a board with no waiting or held
// calls does no work at all between data changes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Clock } from '../store/clock-source.js';

export interface ClockControllerOptions {
  /** The clock to tick from, read again after every render; nothing ticks while there is none. */
  clock: () => Clock | undefined;
  /** Whether the host shows anything that moves with time right now. @default () => true */
  isActive?: () => boolean;
  /** The host re-renders on every boundary of this period of server time, in ms. @default () => 1000 */
  periodMs?: () => number;
}

export class ClockController implements ReactiveController {
  private readonly clock: () => Clock | undefined;
  private readonly isActive: () => boolean;
  private readonly periodMs: () => number;
  private unsubscribe: (() => void) | null = null;
  private connected = false;
  private activePeriod = 0;
  private activeClock: Clock | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    options: ClockControllerOptions,
  ) {
    this.clock = options.clock;
    this.isActive = options.isActive ?? (() => true);
    this.periodMs = options.periodMs ?? (() => 1000);
    host.addController(this);
  }

  /** Server time now, from the clock (local time while there is none). */
  now(): number {
    return this.clock()?.now() ?? Date.now();
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  hostUpdated(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.sync();
  }

  private sync(): void {
    const clock = this.clock();
    const want = this.connected && clock !== undefined && this.isActive();
    const period = this.periodMs();
    if (want && this.unsubscribe && period === this.activePeriod && clock === this.activeClock) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (!want || !clock) return;
    this.activePeriod = period;
    this.activeClock = clock;
    this.unsubscribe = clock.subscribe(() => this.host.requestUpdate(), period);
  }
}
