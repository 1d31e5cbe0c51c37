// Plays the server's side of the access API for the pages' tests, as FakeSocket does for the
// store: every request is recorded (method, path, CSRF header, body), and a handler answers it.
// The client itself (AccessApi) is the real one; its wire behaviour is pinned against a real HTTP
// server in access/access-api.test.ts.

export interface RecordedRequest {
  method: string;
  path: string;
  csrf: string | null;
  body: unknown;
}

export interface ScriptedAnswer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type ScriptHandler = (request: RecordedRequest) => ScriptedAnswer | undefined;

export interface ScriptedFetch {
  fetch: typeof fetch;
  requests: RecordedRequest[];
  /** The requests that change state (not GET). */
  changes(): RecordedRequest[];
}

/** A fetch that answers with `handler`, or 404 when it returns nothing. */
export function scriptedFetch(handler: ScriptHandler): ScriptedFetch {
  const requests: RecordedRequest[] = [];
  const fetchImpl = (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers = new Headers(init?.headers);
    const raw = typeof init?.body === 'string' ? init.body : null;
    const request: RecordedRequest = {
      method: init?.method ?? 'GET',
      path: typeof input === 'string' ? input : input instanceof URL ? input.pathname : input.url,
      csrf: headers.get('x-csrf-token'),
      body: raw === null ? undefined : (JSON.parse(raw) as unknown),
    };
    requests.push(request);
    const answer = handler(request) ?? { status: 404, body: { error: 'not found' } };
    const body = answer.status === 204 || answer.body === undefined ? null : JSON.stringify(answer.body);
    return Promise.resolve(new Response(body, { status: answer.status, headers: { 'content-type': 'application/json', ...answer.headers } }));
  };
  return { fetch: fetchImpl, requests, changes: () => requests.filter((r) => r.method !== 'GET') };
}

/** Waits until `check` passes (re-rendered components settle over a few microtasks and timers). */
export async function until(check: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
