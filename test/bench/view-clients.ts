// A child process of `npm run bench:views`: holds a share of the light Socket.IO clients (one
// connection each, as separate screens would have), subscribes each to the view it is told,
// and counts what they receive. Apart from the server, so the bench does not measure itself;
// it reports its own CPU so a saturated client side shows. Driven over IPC by view-cost.ts.
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/contract/protocol.js';
import { viewKey, type View } from '../../server/contract/view.js';

export type ToClients =
  | { type: 'connect'; url: string; count: number; options: Partial<ManagerOptions & SocketOptions> }
  | { type: 'subscribe'; views: View[] }
  | { type: 'measure' }
  | { type: 'report' }
  | { type: 'close' };

export interface ClientsReport {
  deltas: number;
  snapshots: number;
  gaps: number;
  refused: number;
  cpuMs: number;
  ms: number;
}

export type FromClients = { type: 'connected' } | { type: 'subscribed' } | { type: 'report'; report: ClientsReport };

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const send = (message: FromClients) => process.send!(message);
const clients: { socket: Client; want: string | null; has: string | null; seq: number }[] = [];
let counts = { deltas: 0, snapshots: 0, gaps: 0, refused: 0 };
let since = { cpu: process.cpuUsage(), at: performance.now() };
let waiting: (() => void) | null = null;

function checkSubscribed(): void {
  if (waiting && clients.every((c) => c.has === c.want)) {
    const done = waiting;
    waiting = null;
    done();
  }
}

process.on('message', (message: ToClients) => {
  switch (message.type) {
    case 'connect': {
      let connected = 0;
      for (let i = 0; i < message.count; i++) {
        const socket: Client = io(message.url, { ...message.options, forceNew: true });
        const client = { socket, want: null as string | null, has: null as string | null, seq: -1 };
        clients.push(client);
        socket.once('connect', () => {
          if (++connected === message.count) send({ type: 'connected' });
        });
        socket.on('snapshot', (m) => {
          counts.snapshots += 1;
          client.has = m.view;
          client.seq = m.seq;
          checkSubscribed();
        });
        socket.on('delta', (delta) => {
          counts.deltas += 1;
          if (client.seq >= 0 && delta.seq !== client.seq + 1) counts.gaps += 1;
          client.seq = delta.seq;
        });
        socket.on('refused', () => (counts.refused += 1));
      }
      return;
    }
    case 'subscribe':
      waiting = () => send({ type: 'subscribed' });
      clients.forEach((c, i) => {
        c.want = viewKey(message.views[i % message.views.length]!);
        c.socket.emit('subscribe', message.views[i % message.views.length]!);
      });
      checkSubscribed();
      return;
    case 'measure':
      counts = { deltas: 0, snapshots: 0, gaps: 0, refused: 0 };
      since = { cpu: process.cpuUsage(), at: performance.now() };
      return;
    case 'report': {
      const cpu = process.cpuUsage(since.cpu);
      send({ type: 'report', report: { ...counts, cpuMs: (cpu.user + cpu.system) / 1000, ms: performance.now() - since.at } });
      return;
    }
    case 'close':
      for (const c of clients) c.socket.close();
      process.exit(0);
      return;
    default:
      return assertNever(message);
  }
});

function assertNever(value: never): never {
  throw new Error(`unknown message ${JSON.stringify(value)}`);
}
