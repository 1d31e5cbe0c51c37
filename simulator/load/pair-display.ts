// A whole-floor TV display made through the REST API and paired as a browser pairs one (its link
// opened once): the display's id and the session cookie its screens send.

export async function pairDisplay(url: string, token: string, name: string): Promise<{ id: string; cookie: string }> {
  const made = await fetch(`${url}/api/v1/displays`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name, view: {} }),
  });
  if (made.status !== 201) throw new Error(`creating the display: HTTP ${made.status} ${await made.text()}`);
  const { id, link } = (await made.json()) as { id: string; link: string };
  const paired = await fetch(link, { redirect: 'manual' });
  const cookie = paired.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith('wb.sid='));
  if (paired.status !== 302 || !cookie) throw new Error(`pairing the display: HTTP ${paired.status}`);
  return { id, cookie };
}
