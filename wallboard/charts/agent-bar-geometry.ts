// Geometry of the agents-by-state bar: one segment per state in a fixed order, widths in
// proportion to the counts. Offline agents are left out of the bar (they are not on the floor).
import { scaleLinear } from 'd3-scale';
import type { AgentState } from '../../server/contract/vocabulary.js';

/** The order states appear in, from ready to away. */
export const BAR_STATES = ['available', 'ringing', 'talking', 'hold', 'acw', 'paused'] as const satisfies readonly AgentState[];

export interface AgentSegment {
  state: AgentState;
  count: number;
  x: number;
  width: number;
}

export function agentBarGeometry(counts: Readonly<Record<AgentState, number>>, width: number): AgentSegment[] {
  const total = BAR_STATES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
  if (total === 0) return [];
  const x = scaleLinear().domain([0, total]).range([0, width]);
  let at = 0;
  return BAR_STATES.filter((s) => (counts[s] ?? 0) > 0).map((state) => {
    const count = counts[state];
    const segment = { state, count, x: x(at), width: x(at + count) - x(at) };
    at += count;
    return segment;
  });
}
