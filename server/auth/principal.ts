// Who is asking, and what each kind may do. Every REST route and the Socket.IO handshake resolve
// a request to one Principal (access.ts) and ask these rules; nothing else decides access. The
// principals themselves are part of the wire contract (server/contract/access.ts).
import type { Principal, TokenRole } from '../contract/access.js';
import type { DisplayView } from '../contract/display-view.js';

export { TOKEN_ROLES, USER_ROLES, type Principal, type TokenRole, type UserRole } from '../contract/access.js';

export type Action =
  /** Any view of the board, the tablet's detail included, and the sources' status. */
  | 'read-board'
  /** Create, list, regenerate and revoke displays (a lead: only those of their teams). */
  | 'manage-displays'
  /** Users, API tokens and the refusal log. */
  | 'administer'
  /** POST /api/v1/events. */
  | 'ingest'
  /** Acknowledge an alarm (a lead or an admin; never a display). */
  | 'acknowledge-alarms'
  /** The day history and its export, GET /api/v1/history (a lead or an admin; an admin API token). */
  | 'read-history';

export function can(principal: Principal, action: Action): boolean {
  switch (principal.kind) {
    case 'display':
      return false; // a display reads its own view only, checked where it is served
    case 'user':
      if (principal.mustChangePassword) return false;
      return (
        action === 'read-board' ||
        action === 'manage-displays' ||
        action === 'acknowledge-alarms' ||
        action === 'read-history' ||
        (action === 'administer' && principal.role === 'admin')
      );
    case 'token':
      return tokenMay(principal.role, action);
    default: {
      const never: never = principal;
      return never;
    }
  }
}

function tokenMay(role: TokenRole, action: Action): boolean {
  switch (role) {
    case 'admin':
      return true;
    case 'automation':
      return action === 'read-board';
    case 'ingest':
      return action === 'ingest';
    default: {
      const never: never = role;
      return never;
    }
  }
}

/** Whether this principal may manage a display showing `view`: admins all, leads their teams' only. */
export function mayManageDisplay(principal: Principal, view: DisplayView): boolean {
  if (!can(principal, 'manage-displays')) return false;
  if (principal.kind !== 'user' || principal.role !== 'lead') return true;
  // A lead's display shows their own teams only, on every page of a playlist.
  const teams = view.playlist ? view.playlist.map((page) => page.team) : [view.team];
  return teams.every((team) => team !== undefined && principal.teams.includes(team));
}
