// Prints the server's own /report page to PDF with headless Chromium (playwright-core), one
// print at a time. The page is loaded with the requester's own credential (their session cookie
// or their Bearer token), so the PDF shows what they may see and nothing more, and it is printed
// once the page says it has drawn (`data-ready`), not after a guessed sleep.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import type { Logger } from '../log.js';

/** What the request authenticated with, passed on to the browser as is. */
export type PrintCredential = { kind: 'bearer'; token: string } | { kind: 'cookie'; name: string; value: string };

export interface PrintJob {
  /** The page to print: the server's own origin (as the request reached it) + /report?… */
  url: string;
  credential: PrintCredential;
}

export interface PdfPrinterOptions {
  /** The Chromium to launch. @default "/usr/bin/chromium" */
  chromiumPath: string;
  /** How long one print may take once started (launch, load, draw, print), in ms. @default 30000 */
  timeoutMs?: number;
  /** Prints waiting beyond this many are refused at once (PrinterBusyError). @default 4 */
  maxWaiting?: number;
  log: Logger;
}

/** Chromium is not where the configuration says: the route answers 503 with the path to fix. */
export class ChromiumMissingError extends Error {
  override name = 'ChromiumMissingError';
}

/** Too many prints already waiting, or this one ran out of time: the route answers 503. */
export class PrinterBusyError extends Error {
  override name = 'PrinterBusyError';
}

/** How this project runs Debian's Chromium headless, for the printer and the tests alike. */
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** A4's printable width at 96 px/in with the page's 11 mm margins: the layout the PDF gets. */
const A4_VIEWPORT = { width: 711, height: 1040 };

export interface PdfPrinter {
  print(job: PrintJob): Promise<Buffer>;
  /** Prints queued or running now. */
  pending(): number;
}

export function createPdfPrinter(options: PdfPrinterOptions): PdfPrinter {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxWaiting = options.maxWaiting ?? 4;
  let queue: Promise<unknown> = Promise.resolve();
  let pending = 0;

  const printOne = async (job: PrintJob): Promise<Buffer> => {
    if (!existsSync(options.chromiumPath)) throw new ChromiumMissingError(`no Chromium at ${options.chromiumPath} (set report.chromiumPath in the config file)`);
    const started = Date.now();
    let browser: Browser | null = null;
    const timer = setTimeout(() => void browser?.close().catch(() => undefined), timeoutMs);
    try {
      browser = await chromium.launch({ executablePath: options.chromiumPath, args: CHROMIUM_FLAGS, timeout: timeoutMs });
      const url = new URL(job.url);
      const context = await browser.newContext({
        viewport: A4_VIEWPORT,
        ignoreHTTPSErrors: true,
        ...(job.credential.kind === 'bearer' ? { extraHTTPHeaders: { authorization: `Bearer ${job.credential.token}` } } : {}),
      });
      if (job.credential.kind === 'cookie')
        await context.addCookies([
          { name: job.credential.name, value: job.credential.value, url: url.origin, httpOnly: true, sameSite: 'Lax', secure: url.protocol === 'https:' },
        ]);
      const page = await context.newPage();
      await page.emulateMedia({ media: 'print' });
      const left = () => Math.max(1000, timeoutMs - (Date.now() - started));
      await page.goto(job.url, { waitUntil: 'load', timeout: left() });
      await page.waitForSelector('wb-report-page[data-ready="true"]', { timeout: left() });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      options.log.info('report printed', { path: url.pathname + url.search, bytes: pdf.length, ms: Date.now() - started });
      return pdf;
    } catch (error) {
      if (error instanceof ChromiumMissingError) throw error;
      if (Date.now() - started >= timeoutMs) throw new PrinterBusyError(`the report took longer than ${timeoutMs} ms to print`);
      throw error;
    } finally {
      clearTimeout(timer);
      await browser?.close().catch(() => undefined);
    }
  };

  return {
    print(job) {
      if (pending > maxWaiting) return Promise.reject(new PrinterBusyError(`${pending} reports are being printed already; try again in a minute`));
      pending += 1;
      const result = queue.then(() => printOne(job));
      queue = result.catch(() => undefined);
      return result.finally(() => (pending -= 1));
    },
    pending: () => pending,
  };
}
