// A sample of full screens beside the bare ones: real socket.io-client connections that apply
// every delta with the wallboard's own applyDelta, so the load test also proves the numbers a
// screen ends with are the server's, not only that deltas arrived.
import { io, type Socket } from 'socket.io-client';
import { applyDelta, fingerprint } from '../../server/contract/delta.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/contract/protocol.js';
import type { Snapshot } from '../../server/contract/snapshot.js';

export interface CheckingScreens {
  ready(timeoutMs: number): Promise<void>;
  /** Waits until every screen has applied what `truth` has, then counts the screens whose numbers differ from it. */
  check(truth: () => Promise<Snapshot>, timeoutMs: number): Promise<{ screens: number; differing: number; resyncs: number }>;
  close(): void;
}

/** What must agree: every count and rate of the floor and of each queue, the agents by state, the events applied. */
function numbersOf(snapshot: Snapshot): string {
  return fingerprint({ totals: snapshot.totals, queues: snapshot.queues, agents: snapshot.agents, applied: snapshot.ingest.applied });
}

export function connectCheckingScreens(url: string, token: string, count: number): CheckingScreens {
  const screens: { socket: Socket<ServerToClientEvents, ClientToServerEvents>; snapshot: Snapshot | null; seq: number }[] = [];
  let resyncs = 0;
  for (let i = 0; i < count; i++) {
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelayMax: 5000,
      auth: { token },
    });
    const screen = { socket, snapshot: null as Snapshot | null, seq: -1 };
    socket.on('connect', () => socket.emit('subscribe', {}));
    socket.on('snapshot', (message) => {
      screen.snapshot = message.snapshot;
      screen.seq = message.seq;
    });
    socket.on('delta', (delta) => {
      if (!screen.snapshot || delta.seq !== screen.seq + 1) {
        resyncs += 1;
        socket.emit('resync');
        return;
      }
      screen.snapshot = applyDelta(screen.snapshot, delta);
      screen.seq = delta.seq;
    });
    screens.push(screen);
  }
  return {
    async ready(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      while (screens.some((s) => s.snapshot === null)) {
        if (Date.now() > deadline) throw new Error('the checking screens got no snapshot');
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async check(truth, timeoutMs) {
      const expected = await truth();
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline && screens.some((s) => (s.snapshot?.ingest.applied ?? -1) < expected.ingest.applied)) await new Promise((r) => setTimeout(r, 100));
      const want = numbersOf(expected);
      return { screens: count, differing: screens.filter((s) => !s.snapshot || numbersOf(s.snapshot) !== want).length, resyncs };
    },
    close() {
      for (const { socket } of screens) socket.close();
    },
  };
}
