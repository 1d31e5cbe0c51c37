// The access-control contract as the pages see it (the server's REST answers). A display's view
// is the contract's own type; the principals mirror server/auth/principal.ts, which the
// wallboard may not import (lint keeps it to server/contract).
import type { DisplayView } from '../../server/contract/display-view.js';

export type UserRole = 'lead' | 'admin';
export type TokenRole = 'ingest' | 'automation' | 'admin';
export type DisplayLayout = DisplayView['layout'] & string;
export type { DisplayView };

export type Principal =
  | { kind: 'display'; id: string; name: string; view: DisplayView }
  | { kind: 'user'; name: string; role: UserRole; teams: string[]; mustChangePassword: boolean }
  | { kind: 'token'; id: string; name: string; role: TokenRole };

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

export interface Session {
  principal: Principal;
  /** Null for a token (Bearer requests need none). */
  csrfToken: string | null;
}

export interface Display {
  id: string;
  name: string;
  view: DisplayView;
  /** The pairing link; a regenerated link replaces it. */
  link: string;
  createdBy: string;
  createdTs: number;
  lastSeenTs: number | null;
  lastAddress: string | null;
  /** Screens connected with this display's pairing now. */
  connected: number;
}

export interface UserRecord {
  name: string;
  role: UserRole;
  teams: string[];
  createdTs: number;
  lastLoginTs: number | null;
  mustChangePassword: boolean;
}

export interface TokenRecord {
  id: string;
  name: string;
  role: TokenRole;
  createdTs: number;
  lastUsedTs: number | null;
}

export const REFUSAL_KINDS = ['login', 'throttled', 'unauthorized', 'forbidden', 'csrf', 'origin', 'handshake'] as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[number];

export interface Refusal {
  ts: number;
  kind: RefusalKind;
  address: string;
  path: string;
  reason: string;
  name: string | null;
}
