// Facts of the wire contract that both the server and the screens compute with.

/** The hotline's time zone when none is configured (the carriers' hotlines run on Beijing time). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** Length of one intraday interval: the snapshot's buckets start on these boundaries of the local day. */
export const BUCKET_MS = 15 * 60_000;

/** The rolling window's granularity. */
export const MINUTE_MS = 60_000;

/** 24 hours: a calendar day in UTC date arithmetic, and a span of days for retention and limits (a local day is 23 to 25 h, see windows.ts). */
export const DAY_MS = 24 * 3600_000;

/** The rolling window the snapshot reports, in minutes. */
export const WINDOW_MINUTES = 15;

/** The stream producers append to unless told otherwise (docs/event-contract.md, Transport). */
export const DEFAULT_STREAM_KEY = 'wallboard:events';

/** The most pages a display's playlist may turn through (display-view.ts; the display form offers no more). */
export const MAX_PLAYLIST_PAGES = 12;
