// A stand-in for the Socket.IO client socket in the wallboard's unit tests and the rendering
// benchmark (the end-to-end tests use the real server): records what the store emits and lets a
// test play the server.
import type { WallboardSocket } from '../../wallboard/store/wallboard-store.js';

type Handler = (...args: never[]) => void;

export class FakeSocket {
  connected = false;
  readonly emitted: { event: string; args: unknown[] }[] = [];
  /** Server time the clock probe answers with; null leaves probes unanswered. */
  serverClock: (() => number) | null = () => Date.now();
  private readonly handlers = new Map<string, Set<Handler>>();

  on(event: string, handler: Handler): this {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler);
    return this;
  }

  off(event: string, handler: Handler): this {
    this.handlers.get(event)?.delete(handler);
    return this;
  }

  emit(event: string, ...args: unknown[]): this {
    this.emitted.push({ event, args });
    if (event === 'clock' && this.serverClock) (args[0] as (ts: number) => void)(this.serverClock());
    return this;
  }

  connect(): this {
    this.connected = true;
    this.fire('connect');
    return this;
  }

  disconnect(): this {
    if (!this.connected) return this;
    this.connected = false;
    this.fire('disconnect', 'io client disconnect');
    return this;
  }

  /** The server side: deliver an event to the store. */
  fire(event: string, ...args: unknown[]): void {
    for (const handler of [...(this.handlers.get(event) ?? [])]) (handler as (...a: unknown[]) => void)(...args);
  }

  /** Listeners still registered, over all events (for leak checks). */
  get handlerCount(): number {
    let n = 0;
    for (const set of this.handlers.values()) n += set.size;
    return n;
  }

  emits(event: string): unknown[][] {
    return this.emitted.filter((e) => e.event === event).map((e) => e.args);
  }

  asSocket(): WallboardSocket {
    return this as unknown as WallboardSocket;
  }
}
