// The wallboard's one source of live data. It owns the typed socket: subscribes to a view,
// takes the full snapshot, applies deltas in sequence with the server's own applyDelta (so
// client and server agree by construction), asks for a resync on a gap, measures the server
// clock, follows the feed status the server pushes, and tells listeners at most once per
// animation frame.
import type { Socket } from 'socket.io-client';
import { applyDelta } from '../../server/contract/delta.js';
import type { AlarmAckAnswer, ClientToServerEvents, Delta, ServerToClientEvents, SnapshotMessage } from '../../server/contract/protocol.js';
import type { Snapshot } from '../../server/contract/snapshot.js';
import type { View } from '../../server/contract/view.js';
import { bestOffset, sampleOf, type ClockSample } from './clock-offset.js';
import type { ClockSource } from './clock-source.js';
import { feedConnection, type ConnectionState } from './feed-connection.js';

export type { ConnectionState };

/**
 * Why the server will not feed this screen any more: its display's link was revoked, the user's
 * session ended (signed out elsewhere, expired, deleted), or the handshake had no credential.
 * The screen stops reconnecting; main.ts shows the revoked screen or goes to the login page.
 */
export type AccessEnd = 'revoked' | 'signed-out' | 'unauthorized';
export type WallboardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface WallboardState {
  snapshot: Snapshot | null;
  connection: ConnectionState;
  /** Server time up to which the data on screen is known to be current; null while it is. */
  staleSinceTs: number | null;
  /** Set when the server ended this screen's access; null while it has it. */
  access: AccessEnd | null;
}

export interface WallboardStoreOptions {
  socket: WallboardSocket;
  clock: ClockSource;
  view: View;
  /** How often to re-measure the clock offset while connected, in ms. @default 600000 */
  clockProbeMs?: number;
  /** How many clock probes make one measurement. @default 5 */
  clockProbes?: number;
  /** How long to wait before connecting again after the server refused a handshake for a passing reason, in ms. @default 5000 */
  refusedRetryMs?: number;
  /** Runs a notification batch: the browser passes `nextFrame`. @default a 16 ms timer */
  schedule?: (fn: () => void) => void;
}

/** The state before the first snapshot. */
export const INITIAL_STATE: WallboardState = { snapshot: null, connection: 'connecting', staleSinceTs: null, access: null };

type Listener = (state: WallboardState) => void;

const CLOCK_PROBE_TIMEOUT_MS = 3000;

export class WallboardStore {
  private readonly socket: WallboardSocket;
  private readonly clock: ClockSource;
  private readonly options: WallboardStoreOptions;
  private readonly schedule: (fn: () => void) => void;
  private readonly listeners = new Set<Listener>();
  private view: View;
  private current: WallboardState = INITIAL_STATE;
  private seq = -1;
  /** True from (re)subscribe or resync until the snapshot that answers it. */
  private awaitingSnapshot = true;
  private notifyPending = false;
  private clockMeasured = false;
  private timers: ReturnType<typeof setInterval>[] = [];
  private started = false;
  private probing = false;
  private retry: ReturnType<typeof setTimeout> | null = null;
  private deliveredAt: number | null = null;

  constructor(options: WallboardStoreOptions) {
    this.options = options;
    this.socket = options.socket;
    this.clock = options.clock;
    this.view = options.view;
    this.schedule = options.schedule ?? defaultSchedule;
  }

  get state(): WallboardState {
    return this.current;
  }

  /** Calls `listener` with the state now and after every batch of changes; returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.current);
    return () => this.listeners.delete(listener);
  }

  /** When the last snapshot or delta arrived (local clock), or null before the first: the watchdog's pulse. */
  get lastDeliveryAt(): number | null {
    return this.deliveredAt;
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.socket.on('connect', this.onConnect);
    this.socket.on('disconnect', this.onDisconnect);
    this.socket.on('snapshot', this.onSnapshot);
    this.socket.on('delta', this.onDelta);
    this.socket.on('access', this.onAccess);
    this.socket.on('refused', this.onRefused);
    this.socket.on('connect_error', this.onConnectError);
    if (this.socket.connected) this.onConnect();
    else this.socket.connect();
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.socket.off('connect', this.onConnect);
    this.socket.off('disconnect', this.onDisconnect);
    this.socket.off('snapshot', this.onSnapshot);
    this.socket.off('delta', this.onDelta);
    this.socket.off('access', this.onAccess);
    this.socket.off('refused', this.onRefused);
    this.socket.off('connect_error', this.onConnectError);
    this.stopTimers();
    this.stopRetry();
    this.socket.disconnect();
  }

  /** False from a (re)subscribe or resync until the snapshot that answers it: the data on hand is the current view's. */
  get settled(): boolean {
    return !this.awaitingSnapshot;
  }

  /** Acknowledges an alarm as the signed-in lead; the server answers whether it did (or had already). */
  acknowledgeAlarm(alarmId: string, timeoutMs = 5000): Promise<AlarmAckAnswer> {
    if (!this.socket.connected) return Promise.resolve({ ok: false, error: 'offline' });
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, error: 'no answer' }), timeoutMs);
      this.socket.emit('alarm:acknowledge', alarmId, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
    });
  }

  /** Follows another view: subscribes again and waits for its snapshot. */
  setView(view: View): void {
    this.view = view;
    this.awaitingSnapshot = true;
    if (this.socket.connected) this.socket.emit('subscribe', view);
  }

  private readonly onConnect = (): void => {
    this.awaitingSnapshot = true;
    this.socket.emit('subscribe', this.view);
    this.stopTimers();
    void this.measureClock();
    const clockProbeMs = this.options.clockProbeMs ?? 600_000;
    this.timers.push(setInterval(() => void this.measureClock(), clockProbeMs));
  };

  private readonly onDisconnect = (reason: string): void => {
    this.stopTimers();
    if (this.current.access !== null) return;
    // A server that dropped us on purpose is not retried by socket.io itself.
    if (reason === 'io server disconnect' && this.started) this.socket.connect();
    if (this.current.connection === 'connecting') return;
    this.update({
      connection: 'reconnecting',
      staleSinceTs: this.current.staleSinceTs ?? this.clock.now(),
    });
  };

  // The server serves as many distinct views as it may. It keeps serving the view this screen
  // had, if any (its deltas apply again); the pill says so until a snapshot comes, and the new
  // view is asked for again in a while, when another screen may have left.
  private readonly onRefused = (): void => {
    if (this.current.snapshot !== null) this.awaitingSnapshot = false;
    this.update({ connection: 'refused' });
    this.timers.push(
      setTimeout(() => {
        if (this.socket.connected) this.socket.emit('subscribe', this.view);
      }, this.options.refusedRetryMs ?? 5000),
    );
  };

  private readonly onAccess = (info: { reason: 'revoked' | 'signed-out' }): void => {
    this.endAccess(info.reason === 'revoked' ? 'revoked' : 'signed-out');
  };

  // The server's auth middleware refuses a handshake with these messages ('forbidden': signed in,
  // but not allowed to read the board yet, as with a password still to change: the login page
  // sorts that out). Any other refusal by the middleware ('unavailable': the server could not
  // check the credential) is not retried by socket.io itself, so the store tries again; a network
  // fault leaves the socket active, and socket.io retries it.
  private readonly onConnectError = (error: Error): void => {
    if (error.message === 'revoked' || error.message === 'unauthorized') return this.endAccess(error.message);
    if (error.message === 'forbidden') return this.endAccess('unauthorized');
    if (!this.socket.active && this.retry === null) {
      this.retry = setTimeout(() => {
        this.retry = null;
        if (this.started && this.current.access === null) this.socket.connect();
      }, this.options.refusedRetryMs ?? 5000);
    }
  };

  /** No reconnecting from here on: a revoked link or an ended session does not come back by retrying. */
  private endAccess(access: AccessEnd): void {
    if (this.current.access !== null) return;
    this.current = { ...this.current, access };
    this.stopTimers();
    this.stopRetry();
    this.socket.disconnect();
    this.update({});
  }

  private readonly onSnapshot = (message: SnapshotMessage): void => {
    this.deliveredAt = Date.now();
    if (!this.clockMeasured) this.clock.setOffset(message.snapshot.serverTs - Date.now());
    this.seq = message.seq;
    this.awaitingSnapshot = false;
    this.update({ snapshot: message.snapshot, ...feedConnection(message.snapshot.feed) });
  };

  private readonly onDelta = (delta: Delta): void => {
    this.deliveredAt = Date.now();
    const snapshot = this.current.snapshot;
    if (this.awaitingSnapshot || !snapshot) return;
    if (delta.seq <= this.seq) return;
    if (delta.seq !== this.seq + 1) {
      this.awaitingSnapshot = true;
      this.socket.emit('resync');
      return;
    }
    this.seq = delta.seq;
    // The feed status arrives as `set.feed` when it changes; the deltas in between stay in sequence.
    const next = applyDelta(snapshot, delta);
    this.update(next.feed === snapshot.feed ? { snapshot: next } : { snapshot: next, ...feedConnection(next.feed) });
  };

  private async measureClock(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      const samples: ClockSample[] = [];
      for (let i = 0; i < (this.options.clockProbes ?? 5) && this.socket.connected; i++) {
        const sample = await this.probeClock();
        if (sample) samples.push(sample);
      }
      const offset = bestOffset(samples);
      if (offset !== null) {
        this.clockMeasured = true;
        this.clock.setOffset(offset);
      }
    } finally {
      this.probing = false;
    }
  }

  private probeClock(): Promise<ClockSample | null> {
    return new Promise((resolve) => {
      const t0 = Date.now();
      const timer = setTimeout(() => resolve(null), CLOCK_PROBE_TIMEOUT_MS);
      this.socket.emit('clock', (serverTs: number) => {
        clearTimeout(timer);
        resolve(typeof serverTs === 'number' ? sampleOf(t0, serverTs, Date.now()) : null);
      });
    });
  }

  private stopTimers(): void {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
  }

  private stopRetry(): void {
    if (this.retry !== null) clearTimeout(this.retry);
    this.retry = null;
  }

  private update(patch: Partial<WallboardState>): void {
    this.current = { ...this.current, ...patch };
    if (this.notifyPending) return;
    this.notifyPending = true;
    this.schedule(() => {
      this.notifyPending = false;
      for (const listener of [...this.listeners]) listener(this.current);
    });
  }
}

// Without a frame scheduler (Node, the integration tests) notifications batch on a short timer;
// the browser passes nextFrame (next-frame.ts) from main.ts.
function defaultSchedule(fn: () => void): void {
  setTimeout(fn, 16);
}
