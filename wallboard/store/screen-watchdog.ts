// A TV runs for weeks with nobody near it. The watchdog reloads a page whose feed went silent
// (the server sends every screen at least an empty delta every 15 s, so silence is a fault, not a
// quiet floor) and, if asked, once a night. Either reload happens only while the server answers
// /healthz, so it never swaps a stale board for the browser's error page. Reloads for silence back
// off (each one in a row doubles the wait, up to 16×), so a feed that stays broken does not make
// the wall flash every minute and a half.

export interface NightlyReload {
  /** Wall time in the board's time zone, "HH:MM". */
  at: string;
  /** The board's time zone (the snapshot's), read when the time is due. */
  timeZone: () => string;
  /** Each screen picks its own moment within this window after `at`, so a floor does not reload at once. @default 600000 */
  spreadMs?: number;
}

export interface WatchdogOptions {
  /** When the screen last received a snapshot or delta (local clock, ms), or null before the first. */
  lastDelivery: () => number | null;
  /** False once the screen stopped for good (its access ended): nothing to watch. */
  active: () => boolean;
  /** Reload when nothing arrived for this long, in ms; 0 turns it off. */
  stallMs: number;
  /** Reloads for silence in a row before this page (sessionStorage keeps the count across them). @default 0 */
  previousStalls?: number;
  nightly?: NightlyReload | null;
  /** The server's time (the clock source's corrected now), for the nightly reload. */
  serverNow: () => number;
  /** The local clock, for silence. @default Date.now */
  localNow?: () => number;
  /** Answers true when the server would serve the page again. */
  probe: () => Promise<boolean>;
  /** Reloads the page; `why` says which rule did it. */
  reload: (why: 'stalled' | 'nightly') => void;
  /** How often to look. @default 5000 */
  checkEveryMs?: number;
  /** How long to wait after the server did not answer before asking again. @default 30000 */
  retryProbeMs?: number;
  random?: () => number;
}

const MAX_BACKOFF = 16;

export class ScreenWatchdog {
  private readonly options: WatchdogOptions;
  private readonly localNow: () => number;
  private readonly startedAt: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private nightlyDue: number | null = null;
  private probeNotBefore = 0;
  private probing = false;

  constructor(options: WatchdogOptions) {
    this.options = options;
    this.localNow = options.localNow ?? Date.now;
    this.startedAt = this.localNow();
  }

  /** How long silence must last before a reload, after the reloads for silence already made in a row. */
  get stallLimitMs(): number {
    return this.options.stallMs * Math.min(MAX_BACKOFF, 2 ** (this.options.previousStalls ?? 0));
  }

  start(): void {
    if (this.timer !== null) return;
    this.timer = setInterval(() => void this.check(), this.options.checkEveryMs ?? 5000);
  }

  stop(): void {
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
  }

  /** One look: exposed for the tests; the timer calls it. */
  async check(): Promise<void> {
    if (!this.options.active()) return this.stop();
    const why = this.due();
    if (why === null || this.probing || this.localNow() < this.probeNotBefore) return;
    this.probing = true;
    const up = await this.options.probe().catch(() => false);
    this.probing = false;
    if (!up) {
      this.probeNotBefore = this.localNow() + (this.options.retryProbeMs ?? 30_000);
      return;
    }
    this.stop();
    this.options.reload(why);
  }

  private due(): 'stalled' | 'nightly' | null {
    if (this.options.stallMs > 0) {
      const since = this.options.lastDelivery() ?? this.startedAt;
      if (this.localNow() - since >= this.stallLimitMs) return 'stalled';
    }
    const nightly = this.options.nightly;
    if (!nightly) return null;
    // Fixed at the first look rather than at start, when the snapshot (and its time zone) has come.
    this.nightlyDue ??= nextWallTime(this.options.serverNow(), nightly.at, nightly.timeZone()) + (nightly.spreadMs ?? 600_000) * (this.options.random ?? Math.random)();
    if (this.options.serverNow() >= this.nightlyDue) return 'nightly';
    return null;
  }
}

/** The next moment after `now` when the wall clock in `timeZone` reads `at` ("HH:MM"). */
export function nextWallTime(now: number, at: string, timeZone: string): number {
  const [hh, mm] = at.split(':').map(Number) as [number, number];
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(now);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const msIntoDay = ((part('hour') * 60 + part('minute')) * 60 + part('second')) * 1000 + (now % 1000);
  const target = (hh * 60 + mm) * 60_000;
  const ahead = (target - msIntoDay + 86_400_000) % 86_400_000;
  return now + (ahead === 0 ? 86_400_000 : ahead);
}
