// The access-control answers the server gives and the admin and login pages read: who a request
// is (Principal), the displays, users and tokens as the API lists them, and what was refused.
// Stated once, here, for the server's routes and the wallboard's pages alike.
import type { DisplayView } from './display-view.js';

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

/** GET /api/v1/session and the login's answer. */
export interface SessionInfo {
  principal: Principal;
  /** The session's CSRF token; null for a token (Bearer requests need none). */
  csrfToken: string | null;
}

/** A display as GET /api/v1/displays lists it. */
export interface DisplayInfo {
  id: string;
  name: string;
  view: DisplayView;
  /** The pairing link; a regenerated link replaces it. */
  link: string;
  createdBy: string;
  createdTs: number;
  lastSeenTs: number | null;
  lastAddress: string | null;
  /** Screens connected with this display's pairing now, on every node that answered in time (see `partial` on the list). */
  connected: number;
}

/** A user as GET /api/v1/users lists it: never the password's hash. */
export interface UserInfo {
  name: string;
  role: UserRole;
  teams: string[];
  createdTs: number;
  lastLoginTs: number | null;
  mustChangePassword: boolean;
}

/** An API token as GET /api/v1/tokens lists it: never the secret. */
export interface TokenInfo {
  id: string;
  name: string;
  role: TokenRole;
  createdTs: number;
  lastUsedTs: number | null;
}

export const REFUSAL_KINDS = ['login', 'throttled', 'unauthorized', 'forbidden', 'csrf', 'origin', 'handshake'] as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[number];

/** GET /api/v1/displays: `partial` when a node did not answer in time, so its screens are not counted. */
export interface DisplayList {
  displays: DisplayInfo[];
  partial: boolean;
}

/** GET /api/v1/refusals, every node's, newest first: `partial` when a node did not answer in time. */
export interface RefusalList {
  refusals: Refusal[];
  partial: boolean;
}

/** One entry of GET /api/v1/refusals. */
export interface Refusal {
  ts: number;
  kind: RefusalKind;
  /** The client's address. */
  address: string;
  path: string;
  reason: string;
  /** The user name tried or the principal refused, when there was one. */
  name: string | null;
}
