// What the AMI adapter believes about the PBX: the calls it follows and the agents it has seen.
// It is the adapter's "read position": stored with every batch of events in the same MULTI (with a
// sequence number that only grows), and parsed back by schema on start, so a kill -9 and restart
// neither repeats a call's arrival nor forgets a hold check that was pending.
import { z } from 'zod';
import { AGENT_STATES } from '../../contract/vocabulary.js';

/** Something seen at event time `ts` (PBX clock) and at `at` (the adapter's clock, for timers). */
const pendingSchema = z.object({ ts: z.number(), at: z.number() });
export type Pending = z.infer<typeof pendingSchema>;

export const callSchema = z.object({
  /** The Uniqueid of the caller's channel: the PBX's call id, the same queue_log writes. */
  uid: z.string(),
  /** The queue it waits in, or was answered from. */
  queue: z.string().nullable(),
  waiting: z.boolean(),
  /** A QueueCallerLeave with neither an abandon nor an answer yet: the answer follows at once, or the caller left. */
  left: pendingSchema.nullable(),
  /** The agent talking to the caller, and the Uniqueid of that agent's channel (holds and transfers may name it). */
  agentId: z.string().nullable(),
  agentUid: z.string().nullable(),
  /** On hold, as far as the events written say (a call.held without its call.resumed). */
  held: z.boolean(),
  /** An Unhold not yet written: a Hold within the window makes it a hold check, else it becomes a call.resumed. */
  unhold: pendingSchema.nullable(),
  /** The adapter's clock at the last event about it: the oldest is forgotten first when the state is full. */
  touchedAt: z.number(),
});
export type CallBelief = z.infer<typeof callSchema>;

export const agentSchema = z.object({
  id: z.string(),
  name: z.string().nullable(),
  /** Queues it is a member of, and those it is paused in. */
  queues: z.array(z.string()),
  pausedQueues: z.array(z.string()),
  pausedReason: z.string().nullable(),
  /** The device state Asterisk last reported (AST_DEVICE_*: 1 not in use … 8 on hold), null before any. */
  device: z.number().int().nullable(),
  /** On a queue call (AgentConnect until AgentComplete, or the member's InCall). */
  inCall: z.boolean(),
  /** The call ringing it (AgentCalled), until it is answered, rings out or the device says otherwise. */
  ringingFor: z.string().nullable(),
  /** The state last written for it, so an unchanged one is not written again. */
  shown: z.object({ state: z.enum(AGENT_STATES), reason: z.string().nullable(), queues: z.string(), name: z.string().nullable() }).nullable(),
  touchedAt: z.number(),
});
export type AgentBelief = z.infer<typeof agentSchema>;

export interface AmiState {
  calls: Map<string, CallBelief>;
  agents: Map<string, AgentBelief>;
  /** When the adapter lost sight of the PBX (link down, or its last write before a restart); null while in sight. */
  lostTs: number | null;
}

export function emptyAmiState(): AmiState {
  return { calls: new Map(), agents: new Map(), lostTs: null };
}

const positionSchema = z.object({
  v: z.literal(1),
  /** Grows with every commit, so no two stored positions are equal (a retried commit can tell it landed). */
  seq: z.number().int().min(0),
  /** The adapter's clock when it was written. */
  savedTs: z.number(),
  lostTs: z.number().nullable(),
  calls: z.array(callSchema),
  agents: z.array(agentSchema),
});

export interface StoredPosition {
  seq: number;
  savedTs: number;
  state: AmiState;
}

export function serializePosition(seq: number, savedTs: number, state: AmiState): string {
  return JSON.stringify({ v: 1, seq, savedTs, lostTs: state.lostTs, calls: [...state.calls.values()], agents: [...state.agents.values()] });
}

/** The stored position parsed back; a reason instead when it does not fit (the adapter then starts afresh and resyncs). */
export function parsePosition(raw: string): { ok: true; position: StoredPosition } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    return { ok: false, reason: `not JSON: ${(error as Error).message}` };
  }
  const parsed = positionSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join('.') || '(position)'}: ${i.message}`).join('; ') };
  const { seq, savedTs, lostTs, calls, agents } = parsed.data;
  return {
    ok: true,
    position: { seq, savedTs, state: { lostTs, calls: new Map(calls.map((c) => [c.uid, c])), agents: new Map(agents.map((a) => [a.id, a])) } },
  };
}
