// Translation and locale formatting in one object that views hand to their leaf components.
// Intl formatters are costly to build, so each is made once per language and time zone.
import { CATALOGUES, type Lang, type MessageKey } from './messages.js';

export type { Lang, MessageKey };

export interface I18n {
  readonly lang: Lang;
  /** The message for `key`, with `{name}` placeholders filled from `params`. */
  t(key: MessageKey, params?: Readonly<Record<string, string | number>>): string;
  /** A count: 1,234. */
  number(value: number): string;
  /** A fraction 0..1 as a percentage with `digits` decimals; "—" for null. */
  percent(value: number | null, digits?: number): string;
  /** Satisfaction-style points: 86.4; "—" for null. */
  points(value: number | null): string;
  /** A duration as m:ss, or h:mm:ss from an hour on; negative values count as zero. */
  duration(ms: number): string;
  /** Wall-clock time HH:MM:SS in `timeZone` (24-hour on every locale: a call centre runs 7 × 24). */
  time(ts: number, timeZone: string): string;
  /** Wall-clock time HH:MM in `timeZone`. */
  hourMinute(ts: number, timeZone: string): string;
  /** How long ago `ts` was at `now`: "just now", "5 minutes ago", "3 hours ago", "2 days ago". */
  ago(ts: number, now: number): string;
  /** Date and time MM-DD HH:MM:SS in `timeZone` (the admin page's logs: the browser's own zone). */
  dateTime(ts: number, timeZone?: string): string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * `name` wrapped in Unicode's first-strong isolate and pop-directional isolate, for a name put
 * into a sentence (a translated message): its own direction (an RTL override, a Hebrew name)
 * stays inside it and does not reorder the words around it. Markup uses <bdi> instead.
 */
export function isolate(name: string): string {
  return `\u2068${name}\u2069`;
}

const NO_VALUE = '—';

/** The Intl locale behind each UI language. */
const LOCALE: Readonly<Record<Lang, string>> = { 'zh-CN': 'zh-CN', en: 'en-GB' };

const cache = new Map<Lang, I18n>();

export function createI18n(lang: Lang): I18n {
  const existing = cache.get(lang);
  if (existing) return existing;
  const catalogue = CATALOGUES[lang];
  const locale = LOCALE[lang];
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const oneDecimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const percentFormats = new Map<number, Intl.NumberFormat>();
  const timeFormats = new Map<string, Intl.DateTimeFormat>();
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'always', style: 'long' });
  const dateTimes = new Map<string, Intl.DateTimeFormat>();

  const percentFormat = (digits: number) => {
    let format = percentFormats.get(digits);
    if (!format) {
      format = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
      percentFormats.set(digits, format);
    }
    return format;
  };
  const timeFormat = (timeZone: string, seconds: boolean) => {
    const key = `${timeZone}|${seconds}`;
    let format = timeFormats.get(key);
    if (!format) {
      format = new Intl.DateTimeFormat(locale, {
        hour: '2-digit',
        minute: '2-digit',
        ...(seconds ? { second: '2-digit' } : {}),
        hourCycle: 'h23',
        timeZone,
      });
      timeFormats.set(key, format);
    }
    return format;
  };

  const i18n: I18n = {
    lang,
    t(key, params) {
      const template = catalogue[key];
      if (!params) return template;
      return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
    },
    number: (value) => integer.format(value),
    percent: (value, digits = 1) => (value === null ? NO_VALUE : percentFormat(digits).format(value)),
    points: (value) => (value === null ? NO_VALUE : oneDecimal.format(value)),
    duration(ms) {
      const total = Math.max(0, Math.floor(ms / 1000));
      const s = total % 60;
      const m = Math.floor(total / 60) % 60;
      const h = Math.floor(total / 3600);
      const ss = String(s).padStart(2, '0');
      return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
    },
    time: (ts, timeZone) => timeFormat(timeZone, true).format(ts),
    hourMinute: (ts, timeZone) => timeFormat(timeZone, false).format(ts),
    ago(ts, now) {
      const ms = Math.max(0, now - ts);
      if (ms < MINUTE) return catalogue['time.justNow'];
      if (ms < HOUR) return relative.format(-Math.floor(ms / MINUTE), 'minute');
      if (ms < DAY) return relative.format(-Math.floor(ms / HOUR), 'hour');
      return relative.format(-Math.floor(ms / DAY), 'day');
    },
    dateTime(ts, timeZone) {
      const key = timeZone ?? '';
      let format = dateTimes.get(key);
      if (!format) {
        format = new Intl.DateTimeFormat(locale, {
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          hourCycle: 'h23',
          ...(timeZone ? { timeZone } : {}),
        });
        dateTimes.set(key, format);
      }
      const parts = Object.fromEntries(format.formatToParts(ts).map((p) => [p.type, p.value]));
      return `${parts['month']}-${parts['day']} ${parts['hour']}:${parts['minute']}:${parts['second']}`;
    },
  };
  cache.set(lang, i18n);
  return i18n;
}
