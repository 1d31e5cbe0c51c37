// Where the login page goes on: only a path on this origin, so a crafted link cannot send a
// freshly signed-in lead to another site ("//evil.example", "/\evil.example", "https://…").
export const DEFAULT_NEXT = '/lead';

/** `raw` if it is a same-origin path starting with one `/`; otherwise the default. */
export function safeNext(raw: string | null | undefined): string {
  if (!raw || raw.length > 2000) return DEFAULT_NEXT;
  if (!raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return DEFAULT_NEXT;
  // Browsers drop tabs and newlines from URLs, so "/\t/evil.example" would become "//evil.example".
  if ([...raw].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || c === '\\')) return DEFAULT_NEXT;
  // The login page itself is no place to go on to.
  if (/^\/login(?:[/?#]|$)/.test(raw)) return DEFAULT_NEXT;
  return raw;
}

/** The login page's address that comes back to `here` (a path with its query) afterwards. */
export function loginUrl(here: string): string {
  return `/login?next=${encodeURIComponent(safeNext(here))}`;
}
