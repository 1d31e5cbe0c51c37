// What a screen shows comes from its link, so each TV is configured once by its URL
// (documented in wallboard/README.md). Bad values are ignored and reported, never fatal:
// a wall screen with a typo should still show the floor, and say what it ignored.
import { LANGS, type Lang } from '../i18n/messages.js';
import type { View } from '../../server/contract/view.js';

export type Page = 'tv' | 'lead';

const TV_LAYOUTS = ['standard', 'queues'] as const;
export type TvLayout = (typeof TV_LAYOUTS)[number];

export interface ScreenConfig {
  /** Which view: from the path, `/lead` or (default) `/tv`. */
  page: Page;
  /** UI language. @default "zh-CN" */
  lang: Lang;
  /** Queue ids to follow; empty means all. */
  queues: string[];
  /** Only this team's agents and held calls. @default null (all teams) */
  team: string | null;
  /** TV layout. @default "standard" */
  layout: TvLayout;
  /** How long each page of queues stays up when they do not fit, in ms. @default 15000 */
  rotateMs: number;
  /** Screen title shown in the header instead of the default. @default null */
  title: string | null;
  /** Display names for queue ids, from `name.<queueId>=<label>`. */
  queueNames: Record<string, string>;
  /** TV: reload the page when no data arrived for this long, in ms (0: never). @default 90000 */
  watchdogMs: number;
  /** TV: reload once a night at this time of the board's time zone, "HH:MM". @default null (never) */
  reloadAt: string | null;
  /** Queue pre-selected on the tablet. @default null */
  selectedQueue: string | null;
  /** Parameters that were present but unusable, as `name=value`. */
  ignored: string[];
}

export const DEFAULT_ROTATE_MS = 15_000;
export const MIN_ROTATE_S = 5;
export const MAX_ROTATE_S = 600;
export const DEFAULT_WATCHDOG_MS = 90_000;
// Twice the server's heartbeat (15 s), so a quiet floor never looks like a dead feed.
export const MIN_WATCHDOG_S = 30;
export const MAX_WATCHDOG_S = 3600;
/** "HH:MM", 00:00 to 23:59. */
export const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A watchdog setting in seconds as ms: 0 turns it off; out of range is null. */
export function watchdogMsOf(seconds: number): number | null {
  if (seconds === 0) return 0;
  return Number.isInteger(seconds) && seconds >= MIN_WATCHDOG_S && seconds <= MAX_WATCHDOG_S ? seconds * 1000 : null;
}

const list = (raw: string | null) =>
  raw === null
    ? []
    : [
        ...new Set(
          raw
            .split(',')
            .map((s) => s.trim())
            .filter((s) => s.length > 0),
        ),
      ];

export function parseScreenConfig(pathname: string, search: string): ScreenConfig {
  const params = new URLSearchParams(search);
  const ignored: string[] = [];
  const page: Page = /^\/lead\/?$/.test(pathname) ? 'lead' : 'tv';

  const rawLang = params.get('lang');
  let lang: Lang = 'zh-CN';
  if (rawLang !== null) {
    const match = LANGS.find((l) => l.toLowerCase() === rawLang.toLowerCase() || l.split('-')[0] === rawLang.toLowerCase());
    if (match) lang = match;
    else ignored.push(`lang=${rawLang}`);
  }

  const rawLayout = params.get('layout');
  let layout: TvLayout = 'standard';
  if (rawLayout !== null) {
    if ((TV_LAYOUTS as readonly string[]).includes(rawLayout)) layout = rawLayout as TvLayout;
    else ignored.push(`layout=${rawLayout}`);
  }

  const rawRotate = params.get('rotate');
  let rotateMs = DEFAULT_ROTATE_MS;
  if (rawRotate !== null) {
    const seconds = Number(rawRotate);
    if (Number.isFinite(seconds) && seconds >= MIN_ROTATE_S && seconds <= MAX_ROTATE_S) rotateMs = Math.round(seconds * 1000);
    else ignored.push(`rotate=${rawRotate}`);
  }

  const rawWatchdog = params.get('watchdog');
  let watchdogMs = DEFAULT_WATCHDOG_MS;
  if (rawWatchdog !== null) {
    const ms = rawWatchdog.trim() === '' ? null : watchdogMsOf(Number(rawWatchdog));
    if (ms !== null) watchdogMs = ms;
    else ignored.push(`watchdog=${rawWatchdog}`);
  }

  const rawReload = params.get('reload');
  let reloadAt: string | null = null;
  if (rawReload !== null) {
    if (WALL_TIME.test(rawReload)) reloadAt = rawReload;
    else ignored.push(`reload=${rawReload}`);
  }

  const queueNames: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key.startsWith('name.') && key.length > 5 && value.trim()) queueNames[key.slice(5)] = value.trim();
  }

  const team = params.get('team')?.trim() || null;
  const title = params.get('title')?.trim() || null;
  const selectedQueue = params.get('queue')?.trim() || null;
  return { page, lang, queues: list(params.get('queues')), team, layout, rotateMs, title, queueNames, watchdogMs, reloadAt, selectedQueue, ignored };
}

/** The server-side view a screen subscribes to. */
export function viewOf(config: ScreenConfig): View {
  const view: View = {};
  if (config.queues.length > 0) view.queues = config.queues;
  if (config.team) view.team = config.team;
  if (config.page === 'lead') view.detail = true;
  return view;
}
