// Who is asking, and what each kind may do. Every REST route and the Socket.IO handshake resolve
// a request to one Principal (authenticate.ts) and ask these rules; nothing else decides access.
import type { DisplayView } from '../contract/display-view.js';

export const USER_ROLES = ['lead', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const TOKEN_ROLES = ['ingest', 'automation', 'admin'] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];

export type Principal =
  /** A paired TV: its own view, read-only. */
  | { kind: 'display'; id: string; name: string; view: DisplayView }
  /** A person signed in at /login; a lead manages the displays of `teams`. */
  | { kind: 'user'; name: string; role: UserRole; teams: string[]; mustChangePassword: boolean }
  /** An API token (`Authorization: Bearer`), or the environment's admin token (id "env"). */
  | { kind: 'token'; id: string; name: string; role: TokenRole };

export type Action =
  /** Any view of the board, the tablet's detail included, and the sources' status. */
  | 'read-board'
  /** Create, list, regenerate and revoke displays (a lead: only those of their teams). */
  | 'manage-displays'
  /** Users, API tokens and the refusal log. */
  | 'administer'
  /** POST /api/v1/events. */
  | 'ingest';

export function can(principal: Principal, action: Action): boolean {
  switch (principal.kind) {
    case 'display':
      return false; // a display reads its own view only, checked where it is served
    case 'user':
      if (principal.mustChangePassword) return false;
      return action === 'read-board' || action === 'manage-displays' || (action === 'administer' && principal.role === 'admin');
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
  if (principal.kind === 'user' && principal.role === 'lead') return view.team !== undefined && principal.teams.includes(view.team);
  return true;
}
