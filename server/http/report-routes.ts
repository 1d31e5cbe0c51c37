// GET /api/v1/report.pdf: the morning report of a day (?date=YYYY-MM-DD) or the Monday review of a
// week (?week=<its Monday>), in ?lang=zh|en, printed from the server's own /report page by
// headless Chromium with the requester's own credential (report/pdf-printer.ts).
import { Router, type Request } from 'express';
import type { Access } from '../auth/access.js';
import type { Action } from '../auth/principal.js';
import { bearerToken } from '../ingest/http-credentials.js';
import type { Logger } from '../log.js';
import { ChromiumMissingError, PrinterBusyError, type PdfPrinter, type PrintCredential } from '../report/pdf-printer.js';
import { requireAction } from './access-middleware.js';

/** Who may have the report printed: the same people who may read the history (leads and admins). */
export const REPORT_ACTION: Action = 'read-history';
/** The session cookie's name (auth/access.ts). */
const SESSION_COOKIE = 'wb.sid';

export interface ReportRoutesDeps {
  access: Access;
  printer: PdfPrinter;
  /** Whether the server speaks TLS itself: the printer loads the page over https then. */
  tls: boolean;
  log: Logger;
}

/** Whether `value` is a real calendar day written YYYY-MM-DD. */
function isDay(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** The credential the request authenticated with (a Bearer secret first, as access.ts reads them), and no other. */
function credentialOf(req: Request): PrintCredential | null {
  const token = bearerToken(req.headers.authorization);
  if (token) return { kind: 'bearer', token };
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === SESSION_COOKIE) return { kind: 'cookie', name, value: rest.join('=') };
  }
  return null;
}

/** This server as the request reached it: the address and port it came in on, so the printer needs no public URL. */
function ownOrigin(req: Request, tls: boolean): string {
  const address = (req.socket.localAddress ?? '127.0.0.1').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  const host = address.includes(':') ? `[${address}]` : address;
  return `${tls ? 'https' : 'http'}://${host}:${req.socket.localPort}`;
}

export function createReportRoutes(deps: ReportRoutesDeps): Router {
  const router = Router();
  router.get('/api/v1/report.pdf', requireAction(deps.access, REPORT_ACTION), async (req, res) => {
    const { date, week } = req.query;
    const lang = req.query['lang'] === 'en' ? 'en' : 'zh';
    let search: string;
    let filename: string;
    if (week !== undefined) {
      if (!isDay(week) || new Date(`${week}T12:00:00Z`).getUTCDay() !== 1) {
        res.status(400).json({ error: 'week must be a Monday, YYYY-MM-DD' });
        return;
      }
      search = new URLSearchParams({ week, lang }).toString();
      filename = `wallboard-report-week-${week}.pdf`;
    } else if (isDay(date)) {
      search = new URLSearchParams({ date, lang }).toString();
      filename = `wallboard-report-${date}.pdf`;
    } else {
      res.status(400).json({ error: 'date (YYYY-MM-DD) or week (its Monday) is required' });
      return;
    }
    const credential = credentialOf(req);
    if (!credential) {
      res.status(401).json({ error: 'sign in first' });
      return;
    }
    try {
      const pdf = await deps.printer.print({ url: `${ownOrigin(req, deps.tls)}/report?${search}`, credential });
      res.set({ 'Content-Type': 'application/pdf', 'Content-Disposition': `attachment; filename="${filename}"`, 'Cache-Control': 'no-store' }).send(pdf);
    } catch (error) {
      if (error instanceof ChromiumMissingError || error instanceof PrinterBusyError) {
        deps.log.warn('report not printed', { error: error.message });
        res
          .status(503)
          .set('Retry-After', '60')
          .json({ error: `the PDF cannot be printed now: ${error.message}` });
        return;
      }
      deps.log.error('report printing failed', { error: (error as Error).message });
      res.status(500).json({ error: 'the PDF could not be printed' });
    }
  });
  return router;
}
