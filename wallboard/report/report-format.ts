// Calendar days as the report writes them, in the page's language: "2026年11月30日 星期一" or
// "Monday 30 November 2026"; a week's day heading "11-30 周一" / "Mon 30/11".
import type { Lang } from '../i18n/messages.js';

const LOCALE: Readonly<Record<Lang, string>> = { 'zh-CN': 'zh-CN', en: 'en-GB' };
const formats = new Map<string, Intl.DateTimeFormat>();

function format(lang: Lang, style: 'long' | 'short'): Intl.DateTimeFormat {
  const key = `${lang}|${style}`;
  let f = formats.get(key);
  if (!f) {
    const options: Intl.DateTimeFormatOptions =
      style === 'long'
        ? { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', weekday: 'long' }
        : { timeZone: 'UTC', month: 'numeric', day: 'numeric', weekday: 'short' };
    f = new Intl.DateTimeFormat(LOCALE[lang], options);
    formats.set(key, f);
  }
  return f;
}

/** A calendar day (YYYY-MM-DD) in words, with its weekday. */
export function longDay(day: string, lang: Lang): string {
  return format(lang, 'long').format(Date.parse(`${day}T12:00:00Z`));
}

/** A calendar day short, with its weekday, for a table heading. */
export function shortDay(day: string, lang: Lang): string {
  return format(lang, 'short').format(Date.parse(`${day}T12:00:00Z`));
}
