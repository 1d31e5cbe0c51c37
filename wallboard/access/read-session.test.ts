// A page's first question to the server: asked again while the server is down (a TV that
// powers up first), and answered by who this browser is, nobody, a revoked display, or a
// server without access control.
import { describe, expect, it } from 'vitest';
import { scriptedFetch, type ScriptedAnswer } from '../testing/scripted-fetch.js';
import { AccessApi } from './access-api.js';
import { readSession } from './read-session.js';

const session = { principal: { kind: 'display', id: 'd1', name: 'Floor', view: { team: 'A' } }, csrfToken: 't' };

async function read(answers: ScriptedAnswer[], refuse = 0) {
  let n = 0;
  const script = scriptedFetch(() => answers[n++]);
  const waits: number[] = [];
  const api = new AccessApi({
    fetch: (input, init) => (refuse-- > 0 ? Promise.reject(new TypeError('Failed to fetch')) : script.fetch(input, init)),
  });
  const state = await readSession(api, { retryMs: 250, sleep: (ms) => Promise.resolve(void waits.push(ms)) });
  return { state, waits };
}

describe('readSession', () => {
  it('asks again while the server is unreachable or failing, then takes the session', async () => {
    const { state, waits } = await read([{ status: 503, body: { error: 'starting' } }, { status: 500 }, { status: 200, body: session }], 2);
    expect(state).toEqual({ kind: 'session', session });
    expect(waits).toEqual([250, 250, 250, 250]);
  });

  it('tells nobody and a revoked display apart', async () => {
    expect((await read([{ status: 401, body: { error: 'unauthorized' } }])).state).toEqual({ kind: 'signedOut' });
    expect((await read([{ status: 401, body: { error: 'revoked' } }])).state).toEqual({ kind: 'revoked' });
    expect((await read([{ status: 403, body: { error: 'password change required' } }])).state).toEqual({ kind: 'signedOut' });
  });

  it('asks again when something in front of the server answers a 404 or the page itself', async () => {
    const { state, waits } = await read([
      { status: 404, body: { error: 'not found' } },
      { status: 200, body: '<!doctype html>' },
      { status: 200, body: session },
    ]);
    expect(state).toEqual({ kind: 'session', session });
    expect(waits).toHaveLength(2);
  });
});
