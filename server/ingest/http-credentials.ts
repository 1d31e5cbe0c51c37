// Who may post events. The route asks an IngestAuthenticator about the Authorization header and
// gets back a principal (whose budget and idempotency keys the request uses) or a refusal. Today
// one configured shared secret; the access-control issue's API tokens with the ingest role plug
// in here, and the endpoint's contract (Bearer token, 401/403) stays as it is.
import { createHash, timingSafeEqual } from 'node:crypto';

export type Credential =
  /** `principal` names the credential, never holds it: it keys rate limits and idempotency keys. */
  | { ok: true; principal: string }
  /** missing: no Bearer token; invalid: not a token we know (both 401); forbidden: a known token without the ingest role (403). */
  | { ok: false; reason: 'missing' | 'invalid' | 'forbidden' };

export interface IngestAuthenticator {
  /** Checks the request's Authorization header; async so a token store can be asked. */
  authenticate(authorization: string | undefined): Promise<Credential>;
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive, RFC 6750), or null. */
export function bearerToken(authorization: string | undefined): string | null {
  const match = /^Bearer +([\x21-\x7e]+) *$/i.exec(authorization ?? '');
  return match?.[1] ?? null;
}

const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();

/** The principal every caller of the shared secret is. */
export const SHARED_SECRET_PRINCIPAL = 'shared-secret';

/**
 * Accepts the one configured token. Both sides are hashed first so the comparison takes the same
 * time whatever the sent token's length, and timingSafeEqual does not leak how much of it matched.
 */
export function sharedSecretAuthenticator(token: string): IngestAuthenticator {
  const expected = digest(token);
  return {
    authenticate: (authorization) => {
      const sent = bearerToken(authorization);
      if (sent === null) return Promise.resolve({ ok: false, reason: 'missing' });
      return Promise.resolve(timingSafeEqual(digest(sent), expected) ? { ok: true, principal: SHARED_SECRET_PRINCIPAL } : { ok: false, reason: 'invalid' });
    },
  };
}
