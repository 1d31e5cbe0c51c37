// A screen reduced to what the load test must know: one WebSocket speaking just enough Engine.IO
// v4 / Socket.IO v5 to be a wallboard (open, connect with its credential, subscribe, answer
// pings, resync on a gap), reading from each delta only its seq and the stream cursor, found by
// searching the frame's bytes rather than decoding and parsing it. A full socket.io-client that applies every
// delta costs the measuring process more than the server spends on it; a few of those check the
// numbers (checking-screens.ts) while thousands of these only count and time what arrives.
import WebSocket from 'ws';

export interface BareScreenOptions {
  /** The server or load balancer, http://host:port. */
  url: string;
  /** A paired display's session cookie ("wb.sid=…"), or null to use `token`. */
  cookie: string | null;
  /** An API token sent in the handshake's auth, when there is no cookie. */
  token: string | null;
  /** Source address to connect from (127.0.0.x on loopback), so the per-address cap sees separate screens. */
  localAddress?: string;
  /** The screen got a snapshot: the seq it stands at and its cursor. */
  onSnapshot(seq: number, cursor: string | null): void;
  /** A delta arrived: the cursor when it carries one, the time it was read, and how many deltas were missed before it (the screen then asks for a resync). */
  onDelta(cursor: string | null, receivedAt: number, missed: number, serverTs: number): void;
  /** The connection ended or was refused; the screen reconnects by itself unless closed. */
  onLost(reason: string): void;
}

export interface BareScreen {
  /** Drops the connection as a network blip would; the screen reconnects with the client's back-off. */
  drop(): void;
  close(): void;
}

/** socket.io-client's defaults as the wallboard uses them: 1 s doubling to 5 s, ±50 % jitter. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(1000 * 2 ** Math.max(0, attempt - 1), 5000);
  return Math.round(base * (0.5 + random()));
}

const CURSORS = Buffer.from('"cursors":{"');
const QUOTE = 0x22;

/** The first stream cursor in a delta or snapshot frame, or null when it carries none. Searched as bytes: decoding every frame would cost the harness more than the server spends sending it. */
export function cursorIn(frame: Buffer): string | null {
  const at = frame.indexOf(CURSORS);
  if (at === -1) return null;
  const valueStart = frame.indexOf('":"', at + CURSORS.length);
  if (valueStart === -1) return null;
  const end = frame.indexOf(QUOTE, valueStart + 3);
  return end === -1 ? null : frame.toString('latin1', valueStart + 3, end);
}

/** The first whole number after `"<name>":` (the seq and serverTs lead a delta), or -1. */
export function numberIn(frame: Buffer, name: 'seq' | 'serverTs'): number {
  const at = frame.indexOf(`"${name}":`);
  if (at === -1) return -1;
  let n = 0;
  for (let i = at + name.length + 3; i < frame.length; i++) {
    const c = frame[i]! - 48;
    if (c < 0 || c > 9) break;
    n = n * 10 + c;
  }
  return n;
}

const startsWith = (frame: Buffer, prefix: string) => frame.length >= prefix.length && frame.toString('latin1', 0, prefix.length) === prefix;

export function openBareScreen(options: BareScreenOptions): BareScreen {
  const wsUrl = `${options.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
  let socket: WebSocket | null = null;
  let closed = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  let seq = -1;

  const connect = () => {
    timer = null;
    if (closed) return;
    const ws = new WebSocket(wsUrl, {
      headers: options.cookie ? { cookie: options.cookie } : {},
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      perMessageDeflate: false,
      // The server is trusted here, and validating every frame's UTF-8 is the harness's biggest cost.
      skipUTF8Validation: true,
    });
    socket = ws;
    let lostSaid = false;
    const lost = (reason: string) => {
      if (lostSaid) return;
      lostSaid = true;
      seq = -1;
      options.onLost(reason);
      ws.removeAllListeners();
      ws.on('error', () => {});
      ws.terminate();
      if (socket === ws) socket = null;
      if (!closed) {
        attempt += 1;
        timer = setTimeout(connect, reconnectDelay(attempt));
      }
    };
    ws.on('message', (data: Buffer, binary: boolean) => {
      if (binary) return;
      switch (data[0] ?? -1) {
        case 48: // "0": Engine.IO open; connect to the main namespace with the credential
          ws.send(options.token && !options.cookie ? `40${JSON.stringify({ token: options.token })}` : '40');
          return;
        case 50: // "2": ping
          ws.send('3');
          return;
        case 49: // "1": close
          lost('closed by the server');
          return;
        case 52: // "4": a Socket.IO packet
          handlePacket(ws, data, lost);
          return;
        default:
          return;
      }
    });
    ws.on('close', () => lost('connection closed'));
    ws.on('error', (error: Error) => lost(error.message));
  };

  const handlePacket = (ws: WebSocket, frame: Buffer, lost: (reason: string) => void) => {
    const type = frame[1];
    if (type === 48) {
      // "40": connected
      attempt = 0;
      ws.send('42["subscribe",{}]');
    } else if (type === 52) {
      lost(`refused: ${frame.toString('utf8', 2, 200)}`); // "44": connect_error
    } else if (type === 49) {
      lost('disconnected by the server'); // "41"
    } else if (type === 50) {
      // "42": an event
      if (startsWith(frame, '42["delta"')) {
        const receivedAt = Date.now();
        const next = numberIn(frame, 'seq');
        const missed = seq >= 0 && next !== seq + 1 ? Math.max(1, next - seq - 1) : 0;
        // Missed deltas: the real client asks for a snapshot; so does this one.
        if (missed > 0) ws.send('42["resync"]');
        seq = next;
        options.onDelta(cursorIn(frame), receivedAt, missed, numberIn(frame, 'serverTs'));
      } else if (startsWith(frame, '42["snapshot"')) {
        seq = numberIn(frame, 'seq');
        options.onSnapshot(seq, cursorIn(frame));
      } else if (startsWith(frame, '42["access"')) {
        lost(`access: ${frame.toString('utf8', 12, 120)}`);
      }
    }
  };

  connect();
  return {
    drop() {
      socket?.terminate();
    },
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.removeAllListeners();
      socket?.on('error', () => {});
      socket?.terminate();
    },
  };
}
