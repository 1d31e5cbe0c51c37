// A fake Asterisk Manager Interface on a real TCP socket (127.0.0.1, a free port) for the AMI
// adapter's tests: it greets, checks the login, answers Ping, QueueStatus and CoreShowChannels
// from a scripted state, plays event sequences (test/fixtures/ami) to every logged-in client,
// split at any byte positions, and can refuse logins, stop answering pings or drop every link.
import { readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { AmiParser, type AmiMessage } from '../../server/ingest/ami/ami-wire.js';

export interface FakeQueueEntry {
  queue: string;
  uid: string;
  channel: string;
  callerNum: string;
  /** Seconds waited so far. */
  wait: number;
}

export interface FakeQueueMember {
  queue: string;
  /** Location, e.g. "Local/2004@from-queue/n" or "PJSIP/2005". */
  location: string;
  name: string;
  /** AST_DEVICE_* (1 not in use, 2 in use, 5 unavailable, 6 ringing, 8 on hold). */
  status: number;
  inCall?: boolean;
  paused?: boolean;
  pausedReason?: string;
}

export interface FakeChannel {
  uid: string;
  channel: string;
  bridgeId?: string;
}

export interface FakeAmiState {
  entries: FakeQueueEntry[];
  members: FakeQueueMember[];
  /** The channels up; null: CoreShowChannels is refused ("Permission denied"). */
  channels: FakeChannel[] | null;
}

export interface FakeAmiOptions {
  user: string;
  secret: string;
}

/** One message on the wire: "Key: Value\r\n" lines and the empty line. */
export function amiMessage(fields: Readonly<Record<string, string | number>>, lineEnd = '\r\n'): string {
  return Object.entries(fields)
    .map(([k, v]) => `${k}: ${v}${lineEnd}`)
    .join('')
    .concat(lineEnd);
}

/** The sections of a fixture file, each as wire text (see test/fixtures/ami/README.md). */
export function loadAmiFixture(file: string, lineEnd = '\r\n'): Record<string, string> {
  const text = readFileSync(join(import.meta.dirname, '..', 'fixtures', 'ami', file), 'utf8');
  const sections: Record<string, string[][]> = {};
  let current: string[][] | null = null;
  let message: string[] = [];
  const flush = () => {
    if (current && message.length > 0) current.push(message);
    message = [];
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('### ')) {
      flush();
      current = sections[line.slice(4).trim()] = [];
    } else if (line.startsWith('# ')) {
      continue;
    } else if (line.trim() === '') {
      flush();
    } else {
      message.push(line);
    }
  }
  flush();
  return Object.fromEntries(Object.entries(sections).map(([name, messages]) => [name, messages.map((m) => m.map((l) => l + lineEnd).join('') + lineEnd).join('')]));
}

/** The messages of wire text, parsed by the adapter's own parser. */
export function amiMessages(text: string): AmiMessage[] {
  const parser = new AmiParser();
  return parser.push(text).flatMap((f) => (f.kind === 'message' ? [f.message] : []));
}

export interface PlayOptions {
  /** Byte positions to cut the text at (each piece is written on its own, a few ms apart); or a piece size. */
  cuts?: number[] | number;
}

export class FakeAmi {
  readonly options: FakeAmiOptions;
  state: FakeAmiState = { entries: [], members: [], channels: [] };
  /** Every login attempt, with whether it was accepted and when. */
  readonly logins: Array<{ user: string; ok: boolean; at: number }> = [];
  /** Every action asked, by name, in order. */
  readonly actions: string[] = [];
  answerPings = true;
  /** Run before QueueStatus is answered, so a test can play events in between. */
  beforeQueueStatus: (() => Promise<void>) | null = null;
  private server!: Server;
  private readonly sockets = new Set<Socket>();
  private readonly loggedIn = new Set<Socket>();
  private playing = 0;
  private readonly deferred: Array<() => void> = [];
  port = 0;

  private constructor(options: FakeAmiOptions) {
    this.options = options;
  }

  static async start(options: FakeAmiOptions, port = 0): Promise<FakeAmi> {
    const fake = new FakeAmi(options);
    await fake.listen(port);
    return fake;
  }

  /** Listens (again, after close(): the PBX restarting on its port). */
  async listen(port = this.port): Promise<void> {
    this.server = createServer((socket) => this.accept(socket));
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as { port: number }).port;
  }

  get clients(): number {
    return this.loggedIn.size;
  }

  /** Writes text to every logged-in client, cut into pieces as asked. */
  async play(text: string, options: PlayOptions = {}): Promise<void> {
    // Asterisk writes whole messages: a reply due while a message is played in pieces waits for it.
    this.playing += 1;
    try {
      await this.playPieces(text, options);
    } finally {
      this.playing -= 1;
      if (this.playing === 0) for (const send of this.deferred.splice(0)) send();
    }
  }

  private async playPieces(text: string, options: PlayOptions): Promise<void> {
    const bytes = Buffer.from(text, 'utf8');
    const cuts = typeof options.cuts === 'number' ? range(options.cuts, bytes.length, options.cuts) : (options.cuts ?? []);
    let start = 0;
    for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length), bytes.length]) {
      for (const socket of this.loggedIn) socket.write(bytes.subarray(start, cut));
      start = cut;
      if (cut < bytes.length) await new Promise((r) => setImmediate(r));
    }
  }

  /** Drops every connection at once (a network fault or a PBX restart). */
  dropAll(): void {
    for (const socket of this.sockets) socket.destroy();
  }

  /** Stops listening and drops every connection. */
  async close(): Promise<void> {
    this.dropAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private send(socket: Socket, text: string, end = false): void {
    const write = () => (end ? socket.end(text) : socket.write(text));
    if (this.playing > 0) this.deferred.push(write);
    else write();
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.loggedIn.delete(socket);
    });
    socket.on('error', () => undefined);
    socket.write('Asterisk Call Manager/5.0.2\r\n');
    let buffer = '';
    socket.on('data', (data: Buffer) => {
      buffer += data.toString('utf8');
      let end: number;
      while ((end = buffer.indexOf('\r\n\r\n')) !== -1) {
        const fields: Record<string, string> = {};
        for (const line of buffer.slice(0, end).split('\r\n')) {
          const colon = line.indexOf(':');
          if (colon > 0) fields[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
        }
        buffer = buffer.slice(end + 4);
        void this.answer(socket, fields);
      }
    });
  }

  private async answer(socket: Socket, action: Record<string, string>): Promise<void> {
    const name = action['action'] ?? '';
    const id = action['actionid'] ?? '';
    this.actions.push(name);
    const reply = (fields: Record<string, string | number>) => this.send(socket, amiMessage(fields));
    if (name.toLowerCase() === 'login') {
      const ok = action['username'] === this.options.user && action['secret'] === this.options.secret;
      this.logins.push({ user: action['username'] ?? '', ok, at: Date.now() });
      if (!ok) {
        this.send(socket, amiMessage({ Response: 'Error', ActionID: id, Message: 'Authentication failed' }), true);
        return;
      }
      this.loggedIn.add(socket);
      reply({ Response: 'Success', ActionID: id, Message: 'Authentication accepted' });
      reply({ Event: 'FullyBooted', Privilege: 'system,all', Uptime: 1000, LastReload: 1000, Status: 'Fully Booted' });
      return;
    }
    if (!this.loggedIn.has(socket)) {
      reply({ Response: 'Error', ActionID: id, Message: 'Permission denied' });
      return;
    }
    switch (name.toLowerCase()) {
      case 'ping':
        if (this.answerPings) reply({ Response: 'Success', ActionID: id, Ping: 'Pong', Timestamp: (Date.now() / 1000).toFixed(6) });
        return;
      case 'queuestatus':
        if (this.beforeQueueStatus) await this.beforeQueueStatus();
        return this.queueStatus(socket, id);
      case 'coreshowchannels':
        return this.coreShowChannels(socket, id);
      case 'logoff':
        this.send(socket, amiMessage({ Response: 'Goodbye', ActionID: id, Message: 'Thanks for all the fish.' }), true);
        return;
      default:
        reply({ Response: 'Error', ActionID: id, Message: 'Invalid/unknown command' });
    }
  }

  private queueStatus(socket: Socket, id: string): void {
    const { entries, members } = this.state;
    let text = amiMessage({ Response: 'Success', ActionID: id, EventList: 'start', Message: 'Queue status will follow' });
    let items = 0;
    for (const queue of new Set([...entries.map((e) => e.queue), ...members.map((m) => m.queue)])) {
      const waiting = entries.filter((e) => e.queue === queue);
      text += amiMessage({
        Event: 'QueueParams',
        ActionID: id,
        Queue: queue,
        Max: 0,
        Strategy: 'ringall',
        Calls: waiting.length,
        Holdtime: 12,
        TalkTime: 95,
        Completed: 40,
        Abandoned: 3,
        ServiceLevel: 20,
        ServicelevelPerf: '85.0',
        ServicelevelPerf2: '80.0',
        Weight: 0,
      });
      for (const m of members.filter((x) => x.queue === queue)) {
        text += amiMessage({
          Event: 'QueueMember',
          ActionID: id,
          Queue: queue,
          Name: m.name,
          Location: m.location,
          StateInterface: m.location.startsWith('Local/') ? `hint:${m.location.slice(6).split('@')[0]}@ext-local` : m.location,
          Membership: 'dynamic',
          Penalty: 0,
          CallsTaken: 3,
          LastCall: 1699999000,
          LastPause: 0,
          LoginTime: 1699990000,
          InCall: m.inCall ? 1 : 0,
          Status: m.status,
          Paused: m.paused ? 1 : 0,
          PausedReason: m.pausedReason ?? '',
          Wrapuptime: 0,
        });
        items += 1;
      }
      waiting.forEach((e, i) => {
        text += amiMessage({
          Event: 'QueueEntry',
          ActionID: id,
          Queue: queue,
          Position: i + 1,
          Channel: e.channel,
          Uniqueid: e.uid,
          CallerIDNum: e.callerNum,
          CallerIDName: '<unknown>',
          ConnectedLineNum: '<unknown>',
          ConnectedLineName: '<unknown>',
          Wait: e.wait,
          Priority: 0,
        });
        items += 1;
      });
      items += 1;
    }
    text += amiMessage({ Event: 'QueueStatusComplete', ActionID: id, EventList: 'Complete', ListItems: items });
    this.send(socket, text);
  }

  private coreShowChannels(socket: Socket, id: string): void {
    const { channels } = this.state;
    if (channels === null) {
      this.send(socket, amiMessage({ Response: 'Error', ActionID: id, Message: 'Permission denied' }));
      return;
    }
    let text = amiMessage({ Response: 'Success', ActionID: id, EventList: 'start', Message: 'Channels will follow' });
    for (const c of channels) {
      text += amiMessage({
        Event: 'CoreShowChannel',
        ActionID: id,
        Channel: c.channel,
        ChannelState: 6,
        ChannelStateDesc: 'Up',
        Uniqueid: c.uid,
        Linkedid: c.uid,
        BridgeId: c.bridgeId ?? '',
        Application: c.bridgeId ? 'AppQueue' : 'Queue',
        ApplicationData: '(Outgoing Line)',
        Duration: '00:01:05',
      });
    }
    text += amiMessage({ Event: 'CoreShowChannelsComplete', ActionID: id, EventList: 'Complete', ListItems: channels.length });
    this.send(socket, text);
  }
}

function range(step: number, end: number, first: number): number[] {
  const out: number[] = [];
  for (let i = first; i < end; i += step) out.push(i);
  return out;
}
