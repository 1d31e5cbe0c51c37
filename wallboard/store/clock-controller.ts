// Re-renders a Lit host on the shared clock's ticks, but only while the host says it shows
// something that moves (`isActive`, checked after each render): a board with no waiting or held
// calls does no work at all between data changes.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Clock } from './clock-source.js';

export class ClockController implements ReactiveController {
  private unsubscribe: (() => void) | null = null;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly clock: () => Clock | undefined,
    private readonly isActive: () => boolean,
    private readonly periodMs: () => number = () => 1000,
  ) {
    host.addController(this);
  }

  /** Server time now, from the shared clock (local time before one is attached). */
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

  private activePeriod = 0;
  private activeClock: Clock | undefined;

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
