// What a paired TV shows, held on the server with its display: the same choices a TV link's URL
// parameters make (wallboard/config/screen-config.ts), validated by one schema. The server derives
// the socket view from it and serves the display nothing else, so a TV cannot ask for more than
// the lead who made it chose.
import { z } from 'zod';
import { MAX_PLAYLIST_PAGES } from './constants.js';
import { VIEW_LIMITS, type View } from './view.js';

const name = z.string().trim().min(1).max(VIEW_LIMITS.nameLength);

export const DISPLAY_LAYOUTS = ['standard', 'queues'] as const;
export const DISPLAY_LANGS = ['zh-CN', 'en'] as const;

/** One page of a display's playlist: what it shows and for how long. */
export const playlistPageSchema = z.strictObject({
  queues: z.array(name).max(VIEW_LIMITS.queues).optional(),
  team: name.optional(),
  layout: z.enum(DISPLAY_LAYOUTS).optional(),
  title: z.string().trim().min(1).max(80).optional(),
  /** How long this page stays up, in seconds. */
  seconds: z.number().int().min(10).max(3600),
});

const displayViewFields = z.strictObject({
  /** Queue ids to show; absent or empty means all. */
  queues: z.array(name).max(VIEW_LIMITS.queues).optional(),
  /** Only this team's agents and held calls. */
  team: name.optional(),
  /** TV layout. @default "standard" */
  layout: z.enum(DISPLAY_LAYOUTS).optional(),
  /** Screen language. @default "zh-CN" */
  lang: z.enum(DISPLAY_LANGS).optional(),
  /** Title in the header instead of the default. */
  title: z.string().trim().min(1).max(80).optional(),
  /** Display names of queue ids (账务查询 for `billing`). */
  queueNames: z
    .record(name, z.string().trim().min(1).max(64))
    .refine((names) => Object.keys(names).length <= VIEW_LIMITS.queues, `at most ${VIEW_LIMITS.queues} names`)
    .optional(),
  /** Seconds each page of queues stays up when they do not fit. @default 15 */
  rotateS: z.number().int().min(5).max(600).optional(),
  /** Reload the TV when no data arrived for this many seconds (at least twice the server's 15 s heartbeat); 0 never. @default 90 */
  watchdogS: z.union([z.literal(0), z.number().int().min(30).max(3600)]).optional(),
  /** Reload the TV once a night at this time of the board's time zone ("HH:MM"); each screen within 10 minutes after it. */
  reloadAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time HH:MM')
    .optional(),
  /** Whether held calls show the agent's name; without it they show the agent id only. @default true */
  agentNames: z.boolean().optional(),
  /**
   * Pages the display turns through, each for its own seconds (the standard board, the queue
   * table, each team's board…), in step with every screen of the same playlist. Language,
   * names, agent names, watchdog and nightly reload are the display's; queues, team, layout and
   * title are each page's.
   */
  playlist: z.array(playlistPageSchema).min(2).max(MAX_PLAYLIST_PAGES).optional(),
});

export const displayViewSchema = displayViewFields.refine(
  (view) => !view.playlist || (view.queues === undefined && view.team === undefined && view.layout === undefined && view.title === undefined),
  { message: 'with a playlist, queues, team, layout and title are set on each page', path: ['playlist'] },
);

export type DisplayView = z.infer<typeof displayViewFields>;
export type PlaylistPage = z.infer<typeof playlistPageSchema>;

/** The socket view a display (or one page of its playlist) is served: its queues and team, never the tablet's detail. */
export function socketViewOf(display: Pick<DisplayView, 'queues' | 'team'>): View {
  const view: View = {};
  if (display.queues && display.queues.length > 0) view.queues = display.queues;
  if (display.team) view.team = display.team;
  return view;
}

/** Every view a display may read: its own, or each page's of its playlist (the first is where it starts). */
export function socketViewsOf(display: DisplayView): View[] {
  return display.playlist ? display.playlist.map(socketViewOf) : [socketViewOf(display)];
}
