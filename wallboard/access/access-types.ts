// The access-control contract as the pages see it: the server's REST answers, stated once in
// server/contract/access.ts, under the names the pages use.
import type { DisplayInfo, Principal, SessionInfo, TokenInfo, UserInfo } from '../../server/contract/access.js';
export type { DisplayList, RefusalList } from '../../server/contract/access.js';
import type { DisplayView } from '../../server/contract/display-view.js';

export { REFUSAL_KINDS, type Principal, type Refusal, type RefusalKind, type TokenRole, type UserRole } from '../../server/contract/access.js';
export type { DisplayView };
export type DisplayLayout = DisplayView['layout'] & string;
export type UserPrincipal = Extract<Principal, { kind: 'user' }>;
export type Session = SessionInfo;
export type Display = DisplayInfo;
export type UserRecord = UserInfo;
export type TokenRecord = TokenInfo;
