// The language of the login and admin pages: the link's `lang` if it names one, otherwise the
// first of the browser's languages we have, otherwise Chinese (the floor's language).
import { LANGS, type Lang } from '../i18n/messages.js';

export function langOf(search: string, browserLanguages: readonly string[]): Lang {
  const asked = new URLSearchParams(search).get('lang');
  const fromLink = asked === null ? null : matchLang(asked);
  if (fromLink) return fromLink;
  for (const tag of browserLanguages) {
    const match = matchLang(tag);
    if (match) return match;
  }
  return 'zh-CN';
}

function matchLang(tag: string): Lang | null {
  const lower = tag.toLowerCase();
  return LANGS.find((l) => l.toLowerCase() === lower || l.split('-')[0] === lower.split('-')[0]) ?? null;
}
