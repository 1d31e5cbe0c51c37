// The Socket.IO protocol between the server and the wallboard. Typed event maps shared by both
// sides; the wallboard imports this file with `import type` only.
import type { Alarm, Snapshot } from './snapshot.js';
import type { View } from './view.js';
import type { Delta } from './delta.js';

export interface SnapshotMessage {
  /** Sequence number of this snapshot in its view; the next delta carries seq + 1. */
  seq: number;
  /** The view's canonical key (its room). */
  view: string;
  snapshot: Snapshot;
}

export interface ServerToClientEvents {
  /** A full snapshot: on subscribe, and again on every `resync`. */
  snapshot: (message: SnapshotMessage) => void;
  /** Changes since the previous message of the same view; a gap in seq means: ask for resync. */
  delta: (delta: Delta) => void;
  /** This screen's access ended: its display was revoked, or its user's session ended. The server disconnects it next. */
  access: (info: { reason: 'revoked' | 'signed-out' }) => void;
  /** A subscription the server would not serve; the screen keeps its earlier view, if it had one, and shows the reason. */
  refused: (message: RefusedMessage) => void;
}

/** Why a subscription was refused. tooManyViews: this server already serves as many distinct views as it is configured to. */
export interface RefusedMessage {
  reason: 'tooManyViews';
  /** The same in English words, for a log or a screen without a translation. */
  message: string;
}

export interface ClientToServerEvents {
  /** Follow a view (replacing any earlier one); answered by a `snapshot`. */
  subscribe: (view: View) => void;
  /** Ask for a fresh snapshot of the current view (after a seq gap). */
  resync: () => void;
  /** Clock probe: the server answers with its own time, for offset = serverTs - (t0 + t1) / 2. */
  clock: (ack: (serverTs: number) => void) => void;
  /** A lead or an admin acknowledges an alarm (a display may not); answered with the outcome. */
  'alarm:acknowledge': (alarmId: string, ack: (result: AlarmAckAnswer) => void) => void;
}

/** The answer to an acknowledgement, over the socket and from POST /api/v1/alarms/:id/ack. */
export type AlarmAckAnswer =
  { ok: true; /** It was acknowledged already (by `alarm.acknowledgedBy`): nothing was written. */ already: boolean; alarm: Alarm } | { ok: false; error: string };

export type { Delta, Snapshot, View };
