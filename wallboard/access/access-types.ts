// The access-control contract as the pages see it (the server's REST answers). These mirror
// server/auth/principal.ts and server/contract/display-view.ts, which the server is still
// growing; once display-view.ts lands, DisplayView becomes an `import type` from it.
import type { Lang } from '../i18n/messages.js';

export type UserRole = 'lead' | 'admin';
export type TokenRole = 'ingest' | 'automation' | 'admin';
export type DisplayLayout = 'standard' | 'queues';

/** What a display shows: set when the display is created, and the only view its screens get. */
export interface DisplayView {
  queues?: string[];
  team?: string;
  layout?: DisplayLayout;
  lang?: Lang;
  title?: string;
  queueNames?: Record<string, string>;
  /** Seconds each page of queues stays up, 5..600. */
  rotateS?: number;
  /** Held calls show the agent's name (true, the default) or only the agent id. */
  agentNames?: boolean;
}

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
