// Cardinality limits: a ceiling on the queues, agents, teams and complaints the state holds, so a
// PBX bug or a hostile producer that invents ids cannot grow the memory, the checkpoint and every
// screen's snapshot without bound. An event that would add one id past a ceiling is refused (the
// edge dead-letters it); ids already known keep working. Every count is read off the state (the
// queues known are those the board can show: today's, waiting, in the rolling window or served by
// an agent), so the decision is a pure function of the state and a replay refuses the same
// entries. Also the forgetting of agents nobody has heard of for a long time.
import { forgetAgent, type AgentsState } from './agents.js';
import type { ComplaintsState } from './complaints.js';
import type { CardinalityLimits, CoreConfig } from './core-config.js';
import type { QueueEvent } from './events.js';
import type { VisitsState } from './visits.js';
import type { LimitReached } from '../contract/snapshot.js';

export type LimitsState = AgentsState & ComplaintsState & Pick<VisitsState, 'today' | 'waiting' | 'rolling'>;

const NONE: readonly string[] = [];

/** The queue ids an event names that make a queue of the board (a transfer's target only moves a held call); one queue as itself, so that the common case allocates nothing. */
function queuesNamed(event: QueueEvent): string | readonly string[] {
  switch (event.type) {
    case 'call.queued':
    case 'call.answered':
    case 'call.abandoned':
    case 'call.exited':
      return event.queue;
    case 'agent.state':
      return event.queues ?? NONE;
    case 'call.arrived':
    case 'call.blocked':
    case 'call.held':
    case 'call.hold_check':
    case 'call.resumed':
    case 'call.transferred':
    case 'call.ended':
    case 'survey.submitted':
    case 'complaint.opened':
    case 'complaint.replied':
    case 'alarm.raised':
    case 'alarm.acknowledged':
    case 'alarm.cleared':
      return NONE;
    default:
      return assertNever(event);
  }
}

/** The named queues the board does not know yet, each once; NONE (no allocation) when all are known. */
function freshQueues(state: LimitsState, named: string | readonly string[]): readonly string[] {
  if (typeof named === 'string') return knownQueue(state, named) ? NONE : [named];
  let fresh: string[] | null = null;
  for (const q of named) if (!knownQueue(state, q) && !fresh?.includes(q)) (fresh ??= []).push(q);
  return fresh ?? NONE;
}

function assertNever(value: never): never {
  throw new Error(`unhandled event ${JSON.stringify(value)}`);
}

const over = (kind: keyof CardinalityLimits, max: number, id: string) => `${kind} limit reached: ${max} ${kind} known, new id "${id.slice(0, 64)}" refused`;

/** Whether the board knows queue `q` now. */
function knownQueue(state: LimitsState, q: string): boolean {
  return state.servedQueues.has(q) || state.waiting.has(q) || state.rolling.has(q) || (state.today?.queues.has(q) ?? false);
}

/** How many queues the board knows now; a pass over the queues, made only when an event names a new one near the limit. */
function knownQueueCount(state: LimitsState): number {
  const known = new Set(state.servedQueues.keys());
  for (const q of state.waiting.keys()) known.add(q);
  for (const q of state.rolling.keys()) known.add(q);
  if (state.today) for (const q of state.today.queues.keys()) known.add(q);
  return known.size;
}

/** Why the event is refused, when it would add an id past a ceiling; null when it may be applied. */
export function limitRefusal(state: LimitsState, event: QueueEvent, limits: CardinalityLimits): string | null {
  const fresh = freshQueues(state, queuesNamed(event));
  if (fresh.length > 0) {
    // The sizes' sum bounds the count from above: far below the limit, no pass over the queues.
    const atMost = state.servedQueues.size + state.waiting.size + state.rolling.size + (state.today?.queues.size ?? 0);
    if (atMost + fresh.length > limits.queues && knownQueueCount(state) + fresh.length > limits.queues) return over('queues', limits.queues, fresh[0]!);
  }
  if (event.type === 'agent.state') {
    if (!state.agents.has(event.agentId) && state.agents.size >= limits.agents) return over('agents', limits.agents, event.agentId);
    const team = event.team;
    if (team !== undefined && !state.teamSizes.has(team) && state.teamSizes.size >= limits.teams) return over('teams', limits.teams, team);
  }
  if (event.type === 'complaint.opened' || event.type === 'complaint.replied') {
    if (!state.complaints.has(event.complaintId) && state.complaints.size >= limits.complaints) return over('complaints', limits.complaints, event.complaintId);
  }
  return null;
}

/**
 * Lets go of agents nobody has heard of for long, judged at `now` (Redis time, so a replay forgets
 * the same ones) against their last report's event time: soon after logging off, later in any
 * other state (a shift that ended without a log-off, an adapter that stopped reporting).
 */
export function forgetSilent(state: LimitsState, now: number, config: CoreConfig): void {
  for (const agent of state.agents.values()) {
    const keptMs = agent.state === 'offline' ? config.offlineAgentForgetMs : config.silentAgentForgetMs;
    if (agent.lastEventTs < now - keptMs) forgetAgent(state, agent);
  }
}

/** The ceilings the state has reached now, for the board to say so; empty when none. */
export function limitsReached(state: LimitsState, limits: CardinalityLimits): LimitReached[] {
  const counts: Record<keyof CardinalityLimits, () => number> = {
    queues: () => knownQueueCount(state),
    agents: () => state.agents.size,
    teams: () => state.teamSizes.size,
    complaints: () => state.complaints.size,
  };
  const reached: LimitReached[] = [];
  for (const kind of Object.keys(counts) as (keyof CardinalityLimits)[]) {
    const count = counts[kind]();
    if (count >= limits[kind]) reached.push({ kind, max: limits[kind], count });
  }
  return reached;
}
