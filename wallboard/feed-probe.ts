// Is the server's event feed up? GET /readyz says so, except that a standby replica (another
// process holds the aggregate) is not a fault of the data this screen shows.

interface ReadyBody {
  problems?: unknown;
}

export function createFeedProbe(fetchFn: typeof fetch = fetch, url = '/readyz'): () => Promise<boolean> {
  return async () => {
    const response = await fetchFn(url, { cache: 'no-store' });
    if (response.ok) return true;
    const body = (await response.json().catch(() => ({}))) as ReadyBody;
    const problems = Array.isArray(body.problems) ? body.problems.map(String) : ['not ready'];
    return problems.every((p) => /standby/.test(p));
  };
}
