// End to end, a display that turns through pages: an admin builds a two-page playlist in the
// display form at /admin (the whole floor, then the VIP queue's table), the TV opens its link and
// shows each page for its seconds, on server time, each page with its own title, layout and data.
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/redis.js';
import { deepAll, deepText, screenshot } from './support/browser.js';
import { useFloor } from './support/use-floor.js';

const floor = useFloor();

describe('a display playlist end to end', () => {
  it('an admin makes a two-page playlist, and the TV turns through it with each page’s own data', async () => {
    const admin = await floor.open('/admin?lang=en', 1280, 1000, { as: { role: 'admin' }, live: false });
    await admin.click('[data-testid=tab-displays]');
    if (!(await admin.locator('#display-name').isVisible())) await admin.click('[data-testid=display-create-open]');
    await admin.fill('#display-name', 'Turning TV');
    await admin.check('#display-playlist');
    const pages = admin.locator('[data-testid=display-page]');
    expect(await pages.count()).toBe(2);
    await pages.nth(0).locator('input[name$=-title]').fill('Whole floor');
    await pages.nth(0).locator('input[name$=-seconds]').fill('10');
    await pages.nth(1).locator('input[name$=-queues]').fill('vip');
    await pages.nth(1).locator('select[name$=-layout]').selectOption('queues');
    await pages.nth(1).locator('input[name$=-title]').fill('VIP line');
    await pages.nth(1).locator('input[name$=-seconds]').fill('10');
    await admin.selectOption('#display-lang', 'en');
    await screenshot(admin, 'playlist-admin-form-en');
    await admin.click('#display-submit');
    const card = admin.locator('[data-testid=display]', { hasText: 'Turning TV' });
    await card.waitFor();
    expect(await card.textContent()).toContain('turns through 2 pages');
    const link = await card.locator('[data-testid=display-link]').inputValue();
    expect(admin.problems).toEqual([]);

    const tv = await floor.open(link, 1920, 1080, { as: null, live: /Live/ });
    const title = () => deepText(tv, 'h1');
    const queueRows = async () => (await deepAll(tv, '[data-testid=queue-waiting][data-queue]')).map((r) => r.data['queue']);

    // Each page in turn, each showing its own queues; the turn comes within its 10 s.
    for (const expected of ['Whole floor', 'VIP line']) {
      await waitFor(async () => (await title())?.trim() === expected, `the "${expected}" page`, 15_000);
      const rows = await waitFor(async () => {
        const ids = await queueRows();
        return ids.length > 0 && (expected === 'VIP line' ? ids.every((id) => id === 'vip') : ids.length > 1) ? ids : null;
      }, `the "${expected}" page's queues`);
      if (expected === 'VIP line') expect(rows).toEqual(['vip']);
      await screenshot(tv, `playlist-tv-${expected === 'VIP line' ? 'vip' : 'floor'}-en`);
    }
    expect(tv.problems).toEqual([]);
  }, 90_000);
});
