// One POST to a hook, bounded in time and in what is read back: a hook that hangs (no headers, or
// a body that never ends) fails the attempt after the timeout, and at most 16 KB of its answer
// is read. Redirects are not followed: a robot's URL that moved is a configuration to fix.
import { judgeAnswer, type HookRequest } from './alert-formats.js';
import type { HookKind } from './alert-config.js';

const MAX_ANSWER_BYTES = 16 * 1024;

/** How one attempt went. */
export interface AttemptOutcome {
  ok: boolean;
  /** The HTTP status, when there was an answer. */
  status: number | null;
  /** Why it failed: a status, a robot's error code, a timeout or a network error. */
  error: string | null;
  /** How long it took, in ms. */
  ms: number;
}

/** Sends one request; never throws. `elapsed` measures the attempt (performance.now in production). */
export async function sendToHook(kind: HookKind, request: HookRequest, timeoutMs: number, elapsed: () => number): Promise<AttemptOutcome> {
  const started = elapsed();
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const response = await fetch(request.url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal });
    const body = await readCapped(response);
    const verdict = judgeAnswer(kind, response.status, body);
    return { ok: verdict.ok, status: response.status, error: verdict.ok ? null : verdict.error, ms: Math.round(elapsed() - started) };
  } catch (error) {
    const timedOut = signal.aborted;
    return { ok: false, status: null, error: timedOut ? `timed out after ${timeoutMs} ms` : describeNetworkError(error), ms: Math.round(elapsed() - started) };
  }
}

async function readCapped(response: Response): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= MAX_ANSWER_BYTES) {
      await reader.cancel();
      break;
    }
  }
  return new TextDecoder().decode(Buffer.concat(chunks).subarray(0, MAX_ANSWER_BYTES));
}

/** fetch's "fetch failed" says nothing; its cause says what (ECONNREFUSED, ENOTFOUND…). The URL is never in it. */
function describeNetworkError(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message.slice(0, 200);
  return error instanceof Error ? error.message.slice(0, 200) : String(error);
}
