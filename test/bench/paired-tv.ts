// A wall TV for the benchmarks that watch one in Chromium (soak.ts, tv-push-cost.ts): a display
// paired on the stack, its cookie in a context of its own at the TV's size, the deltas it
// receives counted off the WebSocket, Chromium's Performance domain on, and /tv showing a snapshot.
import type { Browser, CDPSession, Page } from 'playwright-core';
import { pairDisplay } from '../../simulator/load/pair-display.js';

export interface PairedTv {
  page: Page;
  cdp: CDPSession;
  /** Deltas received since the page opened. */
  deltas(): number;
}

export interface PairedTvOptions {
  /** The display's name on the admin page. */
  name: string;
  /** @default 1920x1080 */
  viewport?: { width: number; height: number };
  /** Listeners to add before the page loads (errors, navigations), so its first moments count too. @default none */
  beforeLoad?: (page: Page) => void;
}

/** Pairs a display on the stack at `url` (with its admin `token`) and opens /tv as it, waiting for the first snapshot. */
export async function openPairedTv(browser: Browser, stack: { url: string; token: string }, options: PairedTvOptions): Promise<PairedTv> {
  const display = await pairDisplay(stack.url, stack.token, options.name);
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1920, height: 1080 } });
  const eq = display.cookie.indexOf('=');
  await context.addCookies([{ name: display.cookie.slice(0, eq), value: display.cookie.slice(eq + 1), url: stack.url }]);
  const page = await context.newPage();
  options.beforeLoad?.(page);
  let deltas = 0;
  page.on('websocket', (ws) =>
    ws.on('framereceived', (frame) => {
      if (typeof frame.payload === 'string' && frame.payload.startsWith('42["delta"')) deltas += 1;
    }),
  );
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(`${stack.url}/tv`);
  await page.waitForFunction(() => (window as unknown as { wallboard?: { store?: { state: { snapshot: unknown } } } }).wallboard?.store?.state.snapshot != null, null, {
    timeout: 60_000,
  });
  return { page, cdp, deltas: () => deltas };
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
