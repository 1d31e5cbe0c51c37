// What a paired TV is served of a snapshot: what the TV draws and nothing more. The tablet's
// agent table (names, pause reasons), recent abandons and team list stay with the leads; held
// calls keep the agent's name only where the display's view shows names.
import type { Snapshot } from '../contract/snapshot.js';

export interface DisplayProjection {
  /** Whether held calls carry the agent's name (else the id alone). */
  agentNames: boolean;
}

export function projectForDisplay(snapshot: Snapshot, { agentNames }: DisplayProjection): Snapshot {
  return {
    ...snapshot,
    agentList: [],
    recentAbandons: [],
    teams: [],
    held: agentNames ? snapshot.held : snapshot.held.map((h) => (h.agentName === null ? h : { ...h, agentName: null })),
  };
}
