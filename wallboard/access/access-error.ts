// Why a request to the access API failed, in the terms a page explains to a person: each kind
// has its own bilingual text (the server's English `error` is kept for the console only).
export type AccessFailure =
  /** Not signed in, or wrong name or password (the server gives the same answer for both). */
  | 'unauthorized'
  /** Too many attempts: wait `retryAfterS`. */
  | 'throttled'
  /** Signed in, but this is not yours to do. */
  | 'forbidden'
  /** The one-time password must be changed before anything else. */
  | 'passwordChange'
  /** The server refused the input (400). */
  | 'invalid'
  /** Gone already (404). */
  | 'notFound'
  /** The name is taken (409). */
  | 'conflict'
  /** No answer: the network or the server is down. */
  | 'unreachable'
  /** Anything else (5xx). */
  | 'server';

export class AccessError extends Error {
  constructor(
    readonly failure: AccessFailure,
    /** HTTP status; 0 when no answer came. */
    readonly status: number,
    /** The server's own words, for the console. */
    readonly detail: string,
    /** Seconds to wait, when throttled. */
    readonly retryAfterS: number | null = null,
  ) {
    super(`${failure} (${status}): ${detail}`);
    this.name = 'AccessError';
  }
}

/** The failure an HTTP error status and body stand for. */
export function failureOf(status: number, error: string): AccessFailure {
  if (status === 401) return 'unauthorized';
  if (status === 429) return 'throttled';
  if (status === 403) return /password change/i.test(error) ? 'passwordChange' : 'forbidden';
  if (status === 400) return 'invalid';
  if (status === 404) return 'notFound';
  if (status === 409) return 'conflict';
  return 'server';
}
