// Who may post events to the HTTP ingest: an API token with the ingest (or admin) role, or the
// shared secret of WALLBOARD_INGEST_TOKEN, which deployments from before API tokens still use.
import { bearerToken, sharedSecretAuthenticator, type IngestAuthenticator } from '../ingest/http-credentials.js';
import { can } from './principal.js';
import type { TokenStore } from './token-store.js';

export function ingestAuthenticator(tokens: TokenStore, sharedSecret: string | null): IngestAuthenticator {
  const shared = sharedSecret === null ? null : sharedSecretAuthenticator(sharedSecret);
  return {
    authenticate: async (authorization) => {
      const secret = bearerToken(authorization);
      if (secret === null) return { ok: false, reason: 'missing' };
      if (shared) {
        const verdict = await shared.authenticate(authorization);
        if (verdict.ok) return verdict;
      }
      const token = await tokens.verify(secret);
      if (!token) return { ok: false, reason: 'invalid' };
      if (!can({ kind: 'token', ...token }, 'ingest')) return { ok: false, reason: 'forbidden' };
      return { ok: true, principal: `token:${token.id}` };
    },
  };
}
