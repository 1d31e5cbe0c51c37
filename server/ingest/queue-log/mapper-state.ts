// What the queue_log mapper remembers between lines: the calls it has seen (so a re-queued call
// is not announced again), the DID waiting for its ENTERQUEUE, each agent's login, pause, call
// and queues (so one line about an agent yields the state the board should show), and the queue
// names (to tell a transfer to a queue). Bounded: the oldest entries go first, and each map is
// small enough to travel in the stored read position, so a restart mid-file maps the same way.
import { z } from 'zod';
import type { AgentState } from '../../contract/vocabulary.js';

/** Calls remembered: those waiting, talking, or gone elsewhere after an exit or a transfer. */
export const MAX_CALLS = 2000;
/** DIDs whose ENTERQUEUE has not come (yet): most never queue (IVR, voicemail). */
export const MAX_DIDS = 500;
export const MAX_AGENTS = 2000;
export const MAX_QUEUES = 500;
const MAX_AGENT_QUEUES = 64;

/** One agent as the queue_log has described them. */
export interface AgentTrack {
  /** Logged in or a member of some queue (AGENTLOGIN, ADDMEMBER, any call or pause of theirs). */
  loggedIn: boolean;
  paused: boolean;
  pauseReason: string | null;
  /** Why the agent went offline (AGENTCALLBACKLOGOFF's reason), shown while offline. */
  offReason: string | null;
  /** The raw call id the agent is talking on, from CONNECT to its COMPLETE or transfer. */
  call: string | null;
  queues: string[];
  /** When the state the board shows last changed (the first start's agent roster uses it). */
  sinceTs: number;
  /** The id is the member's name (log_membername_as_agent), so it is given as the name too. */
  named: boolean;
  /** The state last shown, as a key: an event only when it changes. Not stored: it is always the derived one at rest. */
  shown: string | null;
}

export interface MapperState {
  /** Raw call id → the queue it waits in now ("" when it waits nowhere: answered, exited, transferred). */
  calls: Map<string, string>;
  /** Raw call id → the DID dialled, until the call's ENTERQUEUE. */
  dids: Map<string, string>;
  agents: Map<string, AgentTrack>;
  queues: Set<string>;
  /** On a first start, lines before this time (local midnight) only teach the state; null once past. */
  warmUntil: number | null;
}

export function initialMapperState(warmUntil: number | null = null): MapperState {
  return { calls: new Map(), dids: new Map(), agents: new Map(), queues: new Set(), warmUntil };
}

/** Sets a key as the newest; drops the oldest past `max`. */
export function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as K);
}

export function rememberQueue(state: MapperState, queue: string): void {
  state.queues.delete(queue);
  state.queues.add(queue);
  if (state.queues.size > MAX_QUEUES) state.queues.delete(state.queues.values().next().value as string);
}

/** The agent's record, created (logged out, never shown) if new, and made the newest. */
export function agentTrack(state: MapperState, id: string, ts: number): AgentTrack {
  const agent = state.agents.get(id) ?? {
    loggedIn: false,
    paused: false,
    pauseReason: null,
    offReason: null,
    call: null,
    queues: [],
    sinceTs: ts,
    named: false,
    shown: null,
  };
  remember(state.agents, id, agent, MAX_AGENTS);
  return agent;
}

export function addAgentQueue(agent: AgentTrack, queue: string | null): void {
  if (queue === null || agent.queues.includes(queue)) return;
  agent.queues = [...agent.queues, queue].slice(-MAX_AGENT_QUEUES);
}

export interface ShownState {
  state: AgentState;
  reason: string | null;
}

/** What the board should show for the agent: offline, else talking, else paused, else available (queue_log has no ringing or wrap-up). */
export function derivedState(agent: AgentTrack): ShownState {
  if (!agent.loggedIn) return { state: 'offline', reason: agent.offReason };
  if (agent.call !== null) return { state: 'talking', reason: null };
  if (agent.paused) return { state: 'paused', reason: agent.pauseReason };
  return { state: 'available', reason: null };
}

export function shownKey(agent: AgentTrack): string {
  const { state, reason } = derivedState(agent);
  return JSON.stringify([state, reason, agent.queues]);
}

// The stored form: tuples, since it is written with every batch.
const agentTuple = z.tuple([
  z.string(), // id
  z.boolean(), // loggedIn
  z.boolean(), // paused
  z.string().nullable(), // pauseReason
  z.string().nullable(), // offReason
  z.string().nullable(), // call
  z.array(z.string()), // queues
  z.number(), // sinceTs
  z.boolean(), // named
]);

export const storedMapperStateSchema = z.object({
  calls: z.array(z.tuple([z.string(), z.string()])).max(MAX_CALLS),
  dids: z.array(z.tuple([z.string(), z.string()])).max(MAX_DIDS),
  agents: z.array(agentTuple).max(MAX_AGENTS),
  queues: z.array(z.string()).max(MAX_QUEUES),
  warmUntil: z.number().nullable(),
});
export type StoredMapperState = z.output<typeof storedMapperStateSchema>;

export function storeMapperState(state: MapperState): StoredMapperState {
  return {
    calls: [...state.calls],
    dids: [...state.dids],
    agents: [...state.agents].map(([id, a]) => [id, a.loggedIn, a.paused, a.pauseReason, a.offReason, a.call, a.queues, a.sinceTs, a.named]),
    queues: [...state.queues],
    warmUntil: state.warmUntil,
  };
}

export function restoreMapperState(stored: StoredMapperState): MapperState {
  const agents = new Map<string, AgentTrack>();
  for (const [id, loggedIn, paused, pauseReason, offReason, call, queues, sinceTs, named] of stored.agents) {
    const agent: AgentTrack = { loggedIn, paused, pauseReason, offReason, call, queues, sinceTs, named, shown: null };
    agent.shown = shownKey(agent);
    agents.set(id, agent);
  }
  return { calls: new Map(stored.calls), dids: new Map(stored.dids), agents, queues: new Set(stored.queues), warmUntil: stored.warmUntil };
}
