/** A team filter was chosen; `team` is null for all teams. */
export type WbTeamSelectEvent = CustomEvent<{ team: string | null }>;

declare global {
  interface GlobalEventHandlersEventMap {
    'wb-team-select': WbTeamSelectEvent;
  }
}
