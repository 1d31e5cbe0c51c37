// The TCP side of AMI: connect, read the banner, log in, keep the link alive with a Ping, route
// replies to the actions that asked and events to the adapter, and reconnect with capped,
// jittered back-off after a drop, a PBX restart or a refused login (a wrong secret is retried
// slowly, never in a tight loop). Not an npm client: the common ones are unmaintained, and losing
// the link without reconnecting is their most reported fault; the protocol is a few lines of text.
import { connect, type Socket } from 'node:net';
import { AmiParser, formatAction, field, type AmiMessage } from './ami-wire.js';
import { backoffDelay, type BackoffOptions } from './backoff.js';

export interface AmiClientOptions {
  host: string;
  port: number;
  user: string;
  secret: string;
  /** The event classes to receive (Login's Events). @default "call,agent" */
  events?: string;
  /** A Ping this often; no reply by the next one and the link is taken for dead. @default 20000 */
  pingIntervalMs?: number;
  /** Connecting and logging in must be done within this. @default 10000 */
  connectTimeoutMs?: number;
  /** A list (QueueStatus, CoreShowChannels) must complete within this. @default 30000 */
  listTimeoutMs?: number;
  /** A list longer than this is refused (its items are read and dropped). @default 100000 */
  maxListItems?: number;
  /** A message longer than this is dropped and counted. @default 65536 */
  maxMessageLength?: number;
  reconnect?: Partial<BackoffOptions>;
  /** [0, 1) for the back-off's jitter. @default Math.random */
  random?: () => number;
  /** The adapter's clock. */
  now: () => number;
}

/** A logged-in connection, for the adapter's questions. Rejects once the connection is gone. */
export interface AmiSession {
  /** Sends an action whose answer is a list of events ending with `completeEvent`; resolves with the items. */
  list(action: Readonly<Record<string, string>>, completeEvent: string): Promise<AmiMessage[]>;
  /** Whether this session is still the connection in use. */
  readonly open: boolean;
  /** Drops the connection (to reconnect and start over), with the reason for the link status. */
  close(reason: string): void;
}

export interface AmiClientHandlers {
  /** Logged in: ask what is true now. Events keep arriving meanwhile. */
  onSession(session: AmiSession): void;
  /** An event not part of a list asked for, with the time it was read. */
  onEvent(message: AmiMessage, receivedAt: number): void;
  /** The link came up, or went down with the reason (ECONNREFUSED, "login refused: …", "no answer to keepalive ping"). */
  onLink(state: 'up' | 'down', reason: string | null): void;
  /** Input the parser dropped: `count` messages over the size limit, or lines without "Key:". */
  onDropped(reason: 'oversized' | 'malformed line', count: number): void;
}

interface Pending {
  completeEvent: string | null;
  items: AmiMessage[];
  overflow: boolean;
  resolve(items: AmiMessage[]): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class AmiClient {
  private readonly options: AmiClientOptions;
  private readonly handlers: AmiClientHandlers;
  private socket: Socket | null = null;
  private parser: AmiParser;
  private stopped = false;
  private attempts = 0;
  private nextActionId = 1;
  private pending = new Map<string, Pending>();
  private retryTimer: NodeJS.Timeout | null = null;
  private pingTimer: NodeJS.Timeout | null = null;
  private session: { open: boolean } | null = null;
  private paused = false;

  constructor(options: AmiClientOptions, handlers: AmiClientHandlers) {
    this.options = options;
    this.handlers = handlers;
    this.parser = new AmiParser({ maxMessageLength: options.maxMessageLength });
  }

  start(): void {
    this.connect();
  }

  /** Closes the connection (logging off first when logged in) and stops reconnecting. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const socket = this.socket;
    if (!socket || socket.destroyed) return;
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    if (this.session) socket.end(formatAction({ Action: 'Logoff', ActionID: this.actionId() }));
    else socket.destroy();
    const timer = setTimeout(() => socket.destroy(), 1_000);
    await closed;
    clearTimeout(timer);
  }

  /** Stops reading (the writer is behind); the PBX buffers, and drops the link if it must: the resync then repairs. */
  pause(): void {
    this.paused = true;
    this.socket?.pause();
  }

  resume(): void {
    this.paused = false;
    this.socket?.resume();
  }

  private actionId(): string {
    return String(this.nextActionId++);
  }

  private connect(): void {
    if (this.stopped) return;
    const { host, port } = this.options;
    const socket = connect({ host, port });
    this.socket = socket;
    this.parser.reset();
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    if (this.paused) socket.pause();
    let reason: string | null = null;
    const fail = (why: string) => {
      reason ??= why;
      socket.destroy();
    };
    const connectTimer = setTimeout(() => fail('no login within the connect timeout'), this.options.connectTimeoutMs ?? 10_000);
    let loggedIn = false;
    const login = () => {
      const id = this.actionId();
      this.request(id, null)
        .then(() => {
          clearTimeout(connectTimer);
          loggedIn = true;
          this.attempts = 0;
          const session = { open: true };
          this.session = session;
          this.startPing(fail);
          this.handlers.onLink('up', null);
          this.handlers.onSession({
            list: (action, complete) => this.list(session, action, complete),
            get open() {
              return session.open;
            },
            close: (why) => {
              if (session.open) fail(why);
            },
          });
        })
        .catch((error: Error) => fail(error.message.startsWith('connection') ? error.message : `login refused: ${error.message}`));
      socket.write(
        formatAction({ Action: 'Login', ActionID: id, Username: this.options.user, Secret: this.options.secret, Events: this.options.events ?? 'call,agent' }),
      );
    };
    let greeted = false;
    socket.on('data', (chunk: string) => {
      const receivedAt = this.options.now();
      for (const frame of this.parser.push(chunk)) {
        if (frame.kind === 'banner') {
          if (!/call manager/i.test(frame.text)) return fail(`not an AMI server (it greeted "${frame.text.slice(0, 60)}")`);
          greeted = true;
          login();
        } else if (greeted) {
          this.route(frame.message, receivedAt);
        }
      }
      this.countDropped();
    });
    // Node's message names the code and the address ("connect ECONNREFUSED 10.0.0.5:5038").
    socket.on('error', (error: NodeJS.ErrnoException) => (reason ??= error.message || error.code || 'socket error'));
    socket.on('close', () => {
      clearTimeout(connectTimer);
      this.stopPing();
      if (this.session) this.session.open = false;
      this.session = null;
      const why = this.stopped ? 'stopped' : (reason ?? (loggedIn ? 'connection closed by the PBX' : 'connection closed before login'));
      for (const pending of this.pending.values()) {
        clearTimeout(pending.timer);
        pending.reject(new Error(`connection lost: ${why}`));
      }
      this.pending.clear();
      this.handlers.onLink('down', why);
      if (this.stopped) return;
      this.attempts += 1;
      const delay = backoffDelay(
        this.attempts,
        { baseMs: this.options.reconnect?.baseMs ?? 500, maxMs: this.options.reconnect?.maxMs ?? 30_000 },
        this.options.random ?? Math.random,
      );
      this.retryTimer = setTimeout(() => this.connect(), delay);
    });
  }

  private countDropped(): void {
    const { oversized, malformedLines } = this.parser.counts;
    if (oversized > 0) this.handlers.onDropped('oversized', oversized);
    if (malformedLines > 0) this.handlers.onDropped('malformed line', malformedLines);
    this.parser.counts.oversized = 0;
    this.parser.counts.malformedLines = 0;
  }

  private route(message: AmiMessage, receivedAt: number): void {
    const id = field(message, 'ActionID');
    const pending = id === undefined ? undefined : this.pending.get(id);
    if (!pending) {
      if (field(message, 'Event') !== undefined) this.handlers.onEvent(message, receivedAt);
      return;
    }
    const response = field(message, 'Response');
    if (response !== undefined) {
      if (response.toLowerCase() === 'error') return this.settle(id!, new Error(field(message, 'Message') ?? 'error'));
      if (pending.completeEvent === null) return this.settle(id!, null);
      return;
    }
    const event = field(message, 'Event');
    if (event === pending.completeEvent || field(message, 'EventList')?.toLowerCase() === 'complete') return this.settle(id!, null);
    if (pending.items.length >= (this.options.maxListItems ?? 100_000)) pending.overflow = true;
    else pending.items.push(message);
  }

  private settle(id: string, error: Error | null): void {
    const pending = this.pending.get(id)!;
    this.pending.delete(id);
    clearTimeout(pending.timer);
    if (error) pending.reject(error);
    else if (pending.overflow) pending.reject(new Error(`more than ${this.options.maxListItems ?? 100_000} items`));
    else pending.resolve(pending.items);
  }

  /** Registers an action's reply: its Response (completeEvent null) or its list. */
  private request(id: string, completeEvent: string | null): Promise<AmiMessage[]> {
    return new Promise((resolve, reject) => {
      const timeout = completeEvent === null ? (this.options.connectTimeoutMs ?? 10_000) : (this.options.listTimeoutMs ?? 30_000);
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer within ${timeout} ms`));
      }, timeout);
      this.pending.set(id, { completeEvent, items: [], overflow: false, resolve, reject, timer });
    });
  }

  private list(session: { open: boolean }, action: Readonly<Record<string, string>>, completeEvent: string): Promise<AmiMessage[]> {
    if (!session.open || !this.socket) return Promise.reject(new Error('connection lost'));
    const id = this.actionId();
    const reply = this.request(id, completeEvent);
    this.socket.write(formatAction({ ...action, ActionID: id }));
    return reply;
  }

  private startPing(fail: (why: string) => void): void {
    const interval = this.options.pingIntervalMs ?? 20_000;
    let outstanding: Promise<unknown> | null = null;
    this.pingTimer = setInterval(() => {
      if (this.paused) return; // replies wait unread while paused
      if (outstanding) return fail('no answer to keepalive ping');
      const id = this.actionId();
      outstanding = this.request(id, null).then(
        () => (outstanding = null),
        () => undefined,
      );
      this.socket?.write(formatAction({ Action: 'Ping', ActionID: id }));
    }, interval);
  }

  private stopPing(): void {
    if (this.pingTimer) clearInterval(this.pingTimer);
    this.pingTimer = null;
  }
}
