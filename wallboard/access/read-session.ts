// What a page learns first: who this browser is. A server that is down (a TV that powers up
// before it), or anything in front of it that answers something else, is asked again until it
// answers, so a wall screen comes up by itself.
import type { AccessApi } from './access-api.js';
import { AccessError } from './access-error.js';
import type { Session } from './access-types.js';

export type SessionState =
  /** Signed in (a user), paired (a display), or a token. */
  | { kind: 'session'; session: Session }
  /** Nobody: the page goes to the login. */
  | { kind: 'signedOut' }
  /** A display whose link was revoked (401 with error "revoked"): the TV says so instead of showing a login form. */
  | { kind: 'revoked' };

export interface ReadSessionOptions {
  /** Waits between attempts while the server is unreachable or failing, in ms. @default 5000 */
  retryMs?: number;
  /** Called before each wait, with the failure, so the page can say it is still trying. */
  onRetry?: (error: AccessError) => void;
  /** The wait. @default a timer */
  sleep?: (ms: number) => Promise<void>;
}

export async function readSession(api: AccessApi, options: ReadSessionOptions = {}): Promise<SessionState> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (;;) {
    try {
      return { kind: 'session', session: await api.session() };
    } catch (error) {
      if (!(error instanceof AccessError)) throw error;
      // A one-time password still to change answers 403 on everything else, but never on this.
      if (error.failure === 'unauthorized' && error.detail === 'revoked') return { kind: 'revoked' };
      if (error.failure === 'unauthorized' || error.failure === 'passwordChange') return { kind: 'signedOut' };
      options.onRetry?.(error);
      await sleep(options.retryMs ?? 5000);
    }
  }
}
