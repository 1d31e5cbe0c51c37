// End to end, the TV's watchdog: a paired display with a 30 s watchdog stays up on a silent floor
// (the server's heartbeat keeps it fed), and reloads itself when its socket goes on carrying
// nothing from the server, here made silent by routing the WebSocket through the test and
// dropping what the server sends. The page that comes back is live again.
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/redis.js';
import { deepText, screenshot } from './support/browser.js';
import { useFloor } from './support/use-floor.js';

// A floor of its own with no traffic at all: nothing changes, so only the heartbeat reaches the TV.
const floor = useFloor({ scenario: false });

describe('the TV watchdog end to end', () => {
  it('keeps a quiet board, and reloads one whose feed went silent once the server answers', async () => {
    const made = await floor.createDisplay('Watched TV', { lang: 'en', watchdogS: 30 });
    expect(made.status).toBe(201);
    const { link } = (await made.json()) as { link: string };

    const tv = await floor.page(1920, 1080);
    let silent = false;
    // When the page last got data (a Socket.IO event: snapshot or delta, heartbeats included), not an Engine.IO ping.
    let lastData = 0;
    await tv.routeWebSocket(/\/socket\.io\//, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((message) => {
        if (silent) return;
        if (typeof message === 'string' && message.startsWith('42')) lastData = Date.now();
        ws.send(message);
      });
    });
    // A navigation of the page (the first one, or the watchdog's reload) hears the server again.
    const loads: number[] = [];
    tv.on('framenavigated', (frame) => {
      if (frame !== tv.mainFrame()) return;
      loads.push(Date.now());
      silent = false;
    });
    await tv.goto(link);
    await waitFor(async () => (await deepText(tv, '[data-testid=connection]'))?.match(/Live/), 'the TV to go live', 15_000);
    const firstLoads = loads.length;

    // 40 s of a floor where nothing happens, longer than the watchdog, and no reload.
    await new Promise((resolve) => setTimeout(resolve, 40_000));
    expect(loads.length).toBe(firstLoads);

    // The server's frames stop reaching the page (Engine.IO's pings too): 30 s after the last data
    // it had, and within the watchdog's next 5 s look, the page reloads.
    silent = true;
    await waitFor(() => loads.length > firstLoads, 'the watchdog to reload the silent TV', 50_000);
    const reloadedAfter = loads.at(-1)! - lastData;
    expect(reloadedAfter).toBeGreaterThanOrEqual(30_000);
    expect(reloadedAfter).toBeLessThan(45_000);
    expect(await tv.evaluate(() => sessionStorage.getItem('wb.watchdog.stalls'))).toBe('1');
    await waitFor(async () => (await deepText(tv, '[data-testid=connection]'))?.match(/Live/), 'the reloaded TV to go live', 15_000);
    // The first data ends the run of reloads for silence.
    await waitFor(async () => (await tv.evaluate(() => sessionStorage.getItem('wb.watchdog.stalls'))) === null, 'the stall count to reset');
    expect(tv.problems).toEqual([]);
    await screenshot(tv, 'watchdog-tv-reloaded-en');
  }, 150_000);
});
