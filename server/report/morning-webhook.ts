// The morning webhook: at its local time each day, the lease holder sends yesterday's KPIs
// against their targets and the report's link to one hook (a generic signed JSON, which also
// carries the day's PDF, or a WeCom, DingTalk or Feishu robot), shaped and signed as the alarm
// hooks are (alerts/alert-formats.ts). A Redis marker taken with SET NX makes it once a day
// across nodes; a delivery that fails gives the marker back, so a later look tries again.
import { MINUTE_MS } from '../contract/constants.js';
import { ALARM_SEVERITIES } from '../contract/vocabulary.js';
import { ALARM_TRANSITIONS, type AlertHook, type HookLang } from '../alerts/alert-config.js';
import { buildRequest } from '../alerts/alert-formats.js';
import { sendToHook } from '../alerts/hook-sender.js';
import { dayWindow } from '../core/windows.js';
import type { HistoryResponse } from '../contract/history.js';
import type { Logger } from '../log.js';
import type { ReportWebhook } from './report-config.js';
import { morningFigures, morningMessage } from './morning-message.js';

export interface MorningWebhookDeps {
  hook: ReportWebhook;
  /** The board's time zone: `hook.at` and "yesterday" are told in it. */
  timeZone: string;
  boardName: string;
  /** Where readers open the report (PUBLIC_URL, else this server's own address). */
  reportOrigin: () => string;
  isLeaseHolder: () => boolean;
  /** Takes the day's marker; true when this node got it (and so sends). */
  claim: (date: string) => Promise<boolean>;
  /** Gives the marker back after a failed delivery. */
  release: (date: string) => Promise<void>;
  /** The history's answer for one day (interval day). */
  readDay: (date: string) => Promise<HistoryResponse>;
  /** The day's PDF for the generic hook; null when it cannot be printed (the figures go without it). */
  printPdf: (date: string, lang: HookLang) => Promise<Buffer | null>;
  now: () => number;
  log: Logger;
  /** How often the clock is looked at, in ms (a look costs one date computation). @default 5000 */
  pollMs?: number;
  /** One delivery's timeout, in ms. @default 15000 */
  timeoutMs?: number;
  /** Deliveries tried per day by this node before it gives up until tomorrow; the n-th failure waits n minutes. @default 5 */
  maxAttempts?: number;
}

export type MorningOutcome = 'not-due' | 'not-lease-holder' | 'sent-elsewhere' | 'sent' | 'failed' | 'gave-up';

export interface MorningWebhook {
  start(): void;
  stop(): void;
  /** Looks at the clock once and sends if due (the timer calls it; tests too). */
  check(): Promise<MorningOutcome>;
}

export function createMorningWebhook(deps: MorningWebhookDeps): MorningWebhook {
  const [hh, mm] = deps.hook.at.split(':').map(Number) as [number, number];
  const atMinutes = hh * 60 + mm;
  const attempts = new Map<string, { tried: number; nextTs: number }>();
  let timer: ReturnType<typeof setInterval> | null = null;
  let running: Promise<MorningOutcome> | null = null;

  const hook: AlertHook = {
    id: 'morning-report',
    kind: deps.hook.kind,
    url: deps.hook.url,
    secret: deps.hook.secret,
    lang: deps.hook.lang,
    transitions: [...ALARM_TRANSITIONS],
    severities: [...ALARM_SEVERITIES],
  };

  async function deliver(date: string): Promise<boolean> {
    const figures = morningFigures(await deps.readDay(date), date);
    const link = `${deps.reportOrigin()}/report?date=${date}&lang=${deps.hook.lang === 'en' ? 'en' : 'zh'}`;
    const message = morningMessage(figures, { lang: deps.hook.lang, boardName: deps.boardName, link });
    const pdf = deps.hook.kind === 'generic' && figures.recorded ? await deps.printPdf(date, deps.hook.lang) : null;
    const document = {
      version: 1,
      type: 'report.morning',
      board: deps.boardName,
      date,
      link,
      recorded: figures.recorded,
      offered: figures.offered,
      answered: figures.answered,
      kpis: figures.kpis,
      message,
      pdf: pdf === null ? null : { filename: `wallboard-report-${date}.pdf`, contentType: 'application/pdf', base64: pdf.toString('base64') },
    };
    const request = buildRequest(hook, { idempotencyKey: `morning-report:${date}`, message, document }, deps.now());
    const outcome = await sendToHook(hook.kind, request, deps.timeoutMs ?? 15_000, () => performance.now());
    if (outcome.ok) deps.log.info('morning report sent', { date, kind: hook.kind, ms: outcome.ms, pdf: pdf !== null });
    else deps.log.warn('morning report not delivered', { date, kind: hook.kind, status: outcome.status, error: outcome.error });
    return outcome.ok;
  }

  async function checkOnce(): Promise<MorningOutcome> {
    const now = deps.now();
    const today = dayWindow(now, deps.timeZone);
    if (Math.floor((now - today.startTs) / MINUTE_MS) < atMinutes) return 'not-due';
    if (!deps.isLeaseHolder()) return 'not-lease-holder';
    const yesterday = dayWindow(today.startTs - 1, deps.timeZone).day;
    const { tried, nextTs } = attempts.get(yesterday) ?? { tried: 0, nextTs: 0 };
    if (tried >= (deps.maxAttempts ?? 5)) return 'gave-up';
    if (now < nextTs) return 'not-due';
    if (!(await deps.claim(yesterday))) return 'sent-elsewhere';
    attempts.clear();
    attempts.set(yesterday, { tried: tried + 1, nextTs: now + (tried + 1) * MINUTE_MS });
    let ok = false;
    try {
      ok = await deliver(yesterday);
    } catch (error) {
      deps.log.warn('morning report not delivered', { date: yesterday, error: (error as Error).message });
    }
    if (!ok) await deps.release(yesterday);
    return ok ? 'sent' : 'failed';
  }

  const check = () => (running ??= checkOnce().finally(() => (running = null)));

  return {
    start() {
      const look = () => void check().catch((error: Error) => deps.log.warn('morning report check failed', { error: error.message }));
      timer ??= setInterval(look, deps.pollMs ?? 5000);
      look();
    },
    stop() {
      if (timer !== null) clearInterval(timer);
      timer = null;
    },
    check,
  };
}
