// Agents: the latest state each one reported (a late report of an older state is ignored),
// with the name, team, queues and VIP skill the reports carry. The agents' part of the
// snapshot: counts by state, per queue served, the agent list and the teams.
import { z } from 'zod';
import { agentToday, type AgentDayCounters } from './agent-day.js';
import type { EventOf } from './events.js';
import { getOrCreate } from './map-utils.js';
import type { AgentRow } from '../contract/snapshot.js';
import { LISTS } from '../contract/delta.js';
import type { View } from '../contract/view.js';
import { AGENT_STATES, type AgentState } from '../contract/vocabulary.js';

export const agentRecordSchema = z.object({
  id: z.string(),
  state: z.enum(AGENT_STATES),
  sinceTs: z.number(),
  /** Time of the newest state report; older ones arriving late are ignored. */
  lastEventTs: z.number(),
  name: z.string().nullable(),
  team: z.string().nullable(),
  queues: z.array(z.string()),
  vip: z.boolean(),
  reason: z.string().nullable(),
  /** Latest event time at which the agent was logged in (0: never seen so): an agent offline since before today was logged off all day. */
  activeTs: z.number(),
});
export type AgentRecord = z.infer<typeof agentRecordSchema>;

export interface AgentsState {
  agents: Map<string, AgentRecord>;
  // Two indexes derived from `agents` (rebuilt on restore, never stored): what the cardinality
  // limits count without a pass over every agent.
  /** Team → how many remembered agents are in it. */
  teamSizes: Map<string, number>;
  /** Queue → how many remembered agents serve it. */
  servedQueues: Map<string, number>;
}

function countUp(index: Map<string, number>, key: string): void {
  index.set(key, (index.get(key) ?? 0) + 1);
}

function countDown(index: Map<string, number>, key: string): void {
  const n = (index.get(key) ?? 1) - 1;
  if (n > 0) index.set(key, n);
  else index.delete(key);
}

export function teamSizesOf(agents: Iterable<AgentRecord>): Map<string, number> {
  const index = new Map<string, number>();
  for (const a of agents) if (a.team !== null) countUp(index, a.team);
  return index;
}

export function servedQueuesOf(agents: Iterable<AgentRecord>): Map<string, number> {
  const index = new Map<string, number>();
  for (const a of agents) for (const q of a.queues) countUp(index, q);
  return index;
}

/** Forgets an agent, and takes it out of the indexes. */
export function forgetAgent(state: AgentsState, agent: AgentRecord): void {
  state.agents.delete(agent.id);
  if (agent.team !== null) countDown(state.teamSizes, agent.team);
  for (const q of agent.queues) countDown(state.servedQueues, q);
}

export function onAgentState(state: AgentsState, event: EventOf<'agent.state'>): void {
  let agent = state.agents.get(event.agentId);
  if (agent === undefined) {
    agent = {
      id: event.agentId,
      state: event.state,
      sinceTs: event.ts,
      lastEventTs: event.ts,
      name: null,
      team: null,
      queues: [],
      vip: false,
      reason: null,
      activeTs: 0,
    };
    state.agents.set(event.agentId, agent);
  }
  if (event.ts < agent.lastEventTs) return; // a late report of an older state
  agent.lastEventTs = event.ts;
  // Logged in up to this report, or from it on.
  if (agent.state !== 'offline' || event.state !== 'offline') agent.activeTs = Math.max(agent.activeTs, event.ts);
  if (agent.state !== event.state) {
    agent.state = event.state;
    agent.sinceTs = event.ts;
  }
  agent.reason = event.reason ?? null;
  if (event.name !== undefined) agent.name = event.name;
  if (event.team !== undefined && event.team !== agent.team) {
    if (agent.team !== null) countDown(state.teamSizes, agent.team);
    countUp(state.teamSizes, event.team);
    agent.team = event.team;
  }
  // Most reports repeat the agent's queues: the index and the list stay as they are.
  if (event.queues !== undefined && !sameList(agent.queues, event.queues)) {
    for (const q of agent.queues) countDown(state.servedQueues, q);
    for (const q of event.queues) countUp(state.servedQueues, q);
    agent.queues = event.queues;
  }
  if (event.vip !== undefined) agent.vip = event.vip;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function emptyAgentCounts(): Record<AgentState, number> {
  return Object.fromEntries(AGENT_STATES.map((s) => [s, 0])) as Record<AgentState, number>;
}

/** The queues the agents serve: those of one team, or of everyone. */
export function servedQueues(state: AgentsState, team?: string): string[] {
  const out: string[] = [];
  for (const a of state.agents.values()) if (team === undefined || a.team === team) out.push(...a.queues);
  return out;
}

export interface AgentsPart {
  /** The agents the view shows, by state. */
  counts: Record<AgentState, number>;
  /** Every agent, by state, under each queue they serve. */
  byQueue: Map<string, Record<AgentState, number>>;
  list: AgentRow[];
  teams: string[];
}

/** Each agent's day, for the rows: today's counters, where today starts, and the checks falling due in holds still open. */
export interface AgentDayFigures {
  startTs: number;
  agents: ReadonlyMap<string, AgentDayCounters>;
  liveMissed: ReadonlyMap<string, number>;
}

export function agentsPart(state: AgentsState, view: View, queues: ReadonlySet<string> | null, days?: AgentDayFigures): AgentsPart {
  const shown = [...state.agents.values()].filter((a) => agentInView(a, view, queues));
  const counts = emptyAgentCounts();
  for (const a of shown) counts[a.state] += 1;
  // Agents by state per queue they serve, in one pass over every agent.
  const byQueue = new Map<string, Record<AgentState, number>>();
  for (const a of state.agents.values()) for (const q of a.queues) getOrCreate(byQueue, q, emptyAgentCounts)[a.state] += 1;
  return {
    counts,
    byQueue,
    list: shown.map((a) => agentRow(a, days)).sort(LISTS.agentList.compare),
    teams: [...new Set([...state.agents.values()].flatMap((a) => (a.team === null ? [] : [a.team])))].sort(),
  };
}

function agentInView(agent: AgentRecord, view: View, queues: ReadonlySet<string> | null): boolean {
  if (view.team !== undefined) return agent.team === view.team;
  return queues === null || agent.queues.some((q) => queues.has(q));
}

function agentRow(a: AgentRecord, days: AgentDayFigures | undefined): AgentRow {
  const row: AgentRow = { id: a.id, name: a.name, team: a.team, state: a.state, sinceTs: a.sinceTs, queues: a.queues, vip: a.vip, reason: a.reason };
  if (days) row.today = agentToday(days.agents.get(a.id), days.liveMissed.get(a.id) ?? 0, a.state !== 'offline' || a.activeTs >= days.startTs);
  return row;
}
