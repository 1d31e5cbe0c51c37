// Hundreds of real Socket.IO clients on loopback, each subscribed to the whole-floor view,
// measuring what a wallboard would see: event-to-client latency (receipt time minus the
// event time of the newest applied event, `ingest.lastEventTs`), dropped deltas (gaps in
// seq) and late ones. Clients do not rebuild the snapshot: the measurement must not be
// limited by the measuring side more than necessary.
import { io, type Socket } from 'socket.io-client';
import type { IngestStats } from '../../server/contract/snapshot.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../server/contract/protocol.js';

export interface FleetStepMetrics {
  /** Latency samples, ms, one per delta or snapshot carrying a newer ingest. */
  latencies: number[];
  deltas: number;
  /** Deltas missed (gaps in seq), summed over clients. */
  dropped: number;
  /** Deltas whose latency exceeded the late threshold. */
  late: number;
}

export interface ClientFleet {
  /** Resolves once every client has its first snapshot. */
  ready: Promise<void>;
  /** Starts a new measurement step and returns the previous one's figures. */
  nextStep(): FleetStepMetrics;
  /** The newest ingest counters any client saw. */
  ingest(): IngestStats | null;
  close(): void;
}

export function connectFleet(url: string, token: string, clients: number, lateMs: number): ClientFleet {
  let step: FleetStepMetrics = emptyStep();
  let ingest: IngestStats | null = null;
  const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
  const ready: Promise<void>[] = [];
  const seen = (received: number, next: IngestStats | undefined) => {
    if (!next) return;
    if (!ingest || next.applied >= ingest.applied) ingest = next;
    if (next.lastEventTs === null) return;
    const latency = received - next.lastEventTs;
    step.latencies.push(latency);
    if (latency > lateMs) step.late++;
  };
  for (let i = 0; i < clients; i++) {
    // forceNew: one connection per client, as separate screens would have.
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, { transports: ['websocket'], forceNew: true, reconnectionDelay: 200, auth: { token } });
    sockets.push(socket);
    let seq = -1;
    ready.push(
      new Promise((resolve) => {
        socket.on('snapshot', (message) => {
          seq = message.seq;
          seen(Date.now(), message.snapshot.ingest);
          resolve();
        });
      }),
    );
    socket.on('connect', () => socket.emit('subscribe', {}));
    socket.on('delta', (delta) => {
      const received = Date.now();
      step.deltas++;
      if (seq >= 0 && delta.seq !== seq + 1) {
        step.dropped += Math.max(1, delta.seq - seq - 1);
        socket.emit('resync');
      }
      seq = delta.seq;
      seen(received, delta.set.ingest);
    });
  }
  return {
    ready: Promise.all(ready).then(() => {}),
    nextStep() {
      const done = step;
      step = emptyStep();
      return done;
    },
    ingest: () => ingest,
    close: () => {
      for (const socket of sockets) socket.close();
    },
  };
}

function emptyStep(): FleetStepMetrics {
  return { latencies: [], deltas: 0, dropped: 0, late: 0 };
}

/** The p-th percentile (0..100) of unsorted samples, or null when there are none. */
export function percentile(samples: number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = samples.slice().sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
