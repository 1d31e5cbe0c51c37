// Slices of a snapshot that the views hand to their components. Pure: the views' StoreControllers
// call them only when the lists they come from changed, so what they return keeps its identity
// between changes and the component it goes to does not render again.
import { BUCKET_MS } from '../../server/contract/constants.js';
import type { AgentRow, HeldCall, Kpi, KpiId, QueueStats, RecentAbandon } from '../../server/contract/snapshot.js';

/** An empty list that stays the same object, for slices of a screen with no snapshot yet. */
export const NONE: readonly never[] = [];

/** Queues in the order the screen's link lists them (others after, by id). */
export function orderQueues(queues: readonly QueueStats[], order: readonly string[]): QueueStats[] {
  if (order.length === 0) return [...queues];
  const rank = new Map(order.map((id, i) => [id, i]));
  return [...queues].sort((a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity) || (a.id < b.id ? -1 : 1));
}

export const kpiOf = (kpis: readonly Kpi[], id: KpiId): Kpi | null => kpis.find((k) => k.id === id) ?? null;

/** The agents who serve `queue`; all of them for null (all queues). */
export const agentsOfQueue = (agents: readonly AgentRow[], queue: string | null): readonly AgentRow[] =>
  queue === null ? agents : agents.filter((a) => a.queues.includes(queue));

export const heldOfQueue = (held: readonly HeldCall[], queue: string | null): readonly HeldCall[] => (queue === null ? held : held.filter((h) => h.queue === queue));

export const abandonsOfQueue = (abandons: readonly RecentAbandon[], queue: string | null): readonly RecentAbandon[] =>
  queue === null ? abandons : abandons.filter((a) => a.queue === queue);

/** Every team the server knows, and the one chosen even if it knows none by that name yet. */
export const teamsToOffer = (teams: readonly string[], chosen: string | null): readonly string[] =>
  chosen === null || teams.includes(chosen) ? teams : [...teams, chosen].sort();

/** Start of the 15-minute bucket holding `ts`. */
export const bucketStart = (ts: number) => Math.floor(ts / BUCKET_MS) * BUCKET_MS;
