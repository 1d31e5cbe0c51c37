// Each agent's day: calls handled and their handle time, holds, hold checks missed, transfers cold
// and warm, counted by event time into the current local day and replaced when the next day
// opens, as the day's other counters are. A handle runs from the answer to the call's end or its
// first transfer (the staffing hint's handle time, handleEndTs): each answered visit remembers the
// handle it booked, so an end or a transfer delivered late rebooks it rather than counting twice.
import { z } from 'zod';
import type { CoreConfig } from './core-config.js';
import { currentDay, inToday, placeInDay, type DayState } from './day.js';
import { handleEndTs } from './handle-time.js';
import type { AgentToday } from '../contract/snapshot.js';
import type { AgentDayCounters, AgentDays } from './day-counters.js';

export type { AgentDayCounters } from './day-counters.js';

/** The handle an answered visit booked for its agent: counted on the day of doneTs. */
export const bookedHandleSchema = z.object({ agentId: z.string(), doneTs: z.number(), handleMs: z.number() });
export type BookedHandle = z.infer<typeof bookedHandleSchema>;

export function emptyAgentDay(): AgentDayCounters {
  return { handled: 0, handleSumMs: 0, holds: 0, holdChecksMissed: 0, coldTransfers: 0, warmTransfers: 0 };
}

/** The agents' day is part of the day's state: it closes with the day (day.ts). */
export type AgentDayState = DayState;

/**
 * Whether `ts` is in today's counters, opening a later day as the day counters do; a closed
 * day's event counts nowhere (the module that counts the event's own totals books it as late).
 */
function placeQuietly(state: AgentDayState, ts: number, config: CoreConfig): boolean {
  if (inToday(state.today, ts)) return true;
  if (state.today && ts < state.today.startTs) return false;
  return placeInDay(state, ts, config) === 'today';
}

/** Adds to an agent's counters for the day of `ts` (a negative amount takes back, never opening a day). */
export function countAgentDay(state: AgentDayState, agentId: string, ts: number, config: CoreConfig, add: Partial<AgentDayCounters>): void {
  let taking = false;
  for (const key in add) if (add[key as keyof AgentDayCounters]! < 0) taking = true;
  if (taking ? !inToday(state.today, ts) : !placeQuietly(state, ts, config)) return;
  const day = state.today!.day;
  if (state.agentDays?.day !== day) {
    if (taking) return;
    state.agentDays = { day, agents: new Map() };
  }
  const agents = state.agentDays.agents;
  let counters = agents.get(agentId);
  if (!counters) {
    // As many agents as the state may remember: a feed of made-up agent ids cannot grow it further.
    if (taking || agents.size >= config.limits.agents) return;
    agents.set(agentId, (counters = emptyAgentDay()));
  }
  for (const key in add) counters[key as keyof AgentDayCounters] += add[key as keyof AgentDayCounters]!;
}

/** The part of a call its handles read: answered visits with their agent, the end and the transfers. */
export interface HandlingCall {
  visits: { outcome: string | null; outcomeTs: number | null; agentId: string | null; handle: BookedHandle | null }[];
  endedTs: number | null;
  transfers: number[];
}

/** After an answer, a transfer or an end: books each answered visit's handle as it stands now, taking back what changed. */
export function rebookHandles(state: AgentDayState, call: HandlingCall, config: CoreConfig): void {
  for (const visit of call.visits) {
    const answeredTs = visit.outcome === 'answered' ? visit.outcomeTs : null;
    const doneTs = answeredTs === null || visit.agentId === null ? null : handleEndTs(call, answeredTs);
    const handleMs = doneTs === null ? 0 : Math.max(0, doneTs - answeredTs!);
    const booked = visit.handle ?? null;
    // Compared before a record is made: most calls' handles are unchanged by most events.
    if (doneTs === null ? booked === null : booked !== null && booked.agentId === visit.agentId && booked.doneTs === doneTs && booked.handleMs === handleMs) continue;
    const next = doneTs === null ? null : { agentId: visit.agentId!, doneTs, handleMs };
    if (booked) countAgentDay(state, booked.agentId, booked.doneTs, config, { handled: -1, handleSumMs: -booked.handleMs });
    if (next) countAgentDay(state, next.agentId, next.doneTs, config, { handled: 1, handleSumMs: next.handleMs });
    visit.handle = next;
  }
}

/** What the agents' part reads to give each agent's day. */
export interface AgentDaySource {
  today: DayState['today'];
  agentDays: AgentDays | null;
}

/** Today's counters per agent as of `now` (none once local midnight has passed), and where today starts. */
export function agentDaysNow(state: AgentDaySource, now: number, config: CoreConfig): { startTs: number; agents: ReadonlyMap<string, AgentDayCounters> } {
  const day = currentDay(state.today, now, config);
  return { startTs: day.startTs, agents: state.agentDays?.day === day.day ? state.agentDays.agents : new Map() };
}

/** One agent's figures for the read side; `liveMissed` adds the checks falling due in holds still open. */
export function agentToday(counters: AgentDayCounters | undefined, liveMissed: number, active: boolean): AgentToday {
  const c = counters ?? emptyAgentDay();
  return {
    handled: c.handled,
    meanHandleMs: c.handled > 0 ? Math.round(c.handleSumMs / c.handled) : null,
    holds: c.holds,
    holdChecksMissed: c.holdChecksMissed + liveMissed,
    coldTransfers: c.coldTransfers,
    warmTransfers: c.warmTransfers,
    active: active || counters !== undefined,
  };
}
