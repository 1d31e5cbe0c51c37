// End to end, as a floor puts a TV into service: an admin signs in at /login with the one-time
// password, chooses a password, creates a display at /admin; a second browser (the TV) opens the
// display's link and shows the board; the admin revokes it and the TV says so within 5 s. And
// hostile names (markup, a right-to-left override, emoji) stay text on the wall.
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/redis.js';
import { ADMIN_AUTH } from '../support/server.js';
import { screenshot } from './support/browser.js';
import { useFloor } from './support/use-floor.js';

const floor = useFloor();

describe('putting a TV into service', () => {
  it('an admin creates a display, a TV opens its link and shows the board, the admin revokes it and the TV says so', async () => {
    const made = await fetch(`${floor.server.url}/api/v1/users`, {
      method: 'POST',
      headers: { ...ADMIN_AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'floor-admin', role: 'admin' }),
    });
    const { password: oneTime } = (await made.json()) as { password: string };

    // The admin, on a laptop: /admin sends them to sign in first.
    const admin = await floor.open('/admin?lang=en', 1280, 800, { as: null, live: false });
    await admin.waitForURL(/\/login\?next=/);
    await admin.fill('#login-name', 'floor-admin');
    await admin.fill('#login-password', oneTime);
    await admin.click('#login-submit');
    await admin.fill('#change-new', 'a password of my own');
    await admin.fill('#change-repeat', 'a password of my own');
    await admin.click('#change-submit');
    await admin.waitForURL(/\/admin/);
    await admin.click('[data-testid=tab-displays]');
    // The form opens by itself while there is no display yet.
    if (!(await admin.locator('#display-name').isVisible())) await admin.click('[data-testid=display-create-open]');
    await admin.fill('#display-name', 'Floor 1 TV');
    await admin.selectOption('#display-lang', 'en');
    await admin.click('#display-submit');
    const card = admin.locator('[data-testid=display]', { hasText: 'Floor 1 TV' });
    await card.waitFor();
    const link = await card.locator('[data-testid=display-link]').inputValue();
    expect(link).toMatch(/\/pair\/[A-Za-z0-9_-]{43}$/);
    await screenshot(admin, 'access-admin-displays');

    // The TV: opens the link once; the secret leaves the address bar, the board goes live.
    const tv = await floor.open(link, 1920, 1080, { as: null, live: /Live/ });
    expect(new URL(tv.url()).pathname).toBe('/tv');
    const rest = await floor.rest();
    expect(rest.totals.waiting).toBeGreaterThan(0);
    await screenshot(tv, 'access-tv-paired');
    // The admin page shows the screen as connected.
    await waitFor(async () => {
      await admin.reload();
      await admin.click('[data-testid=tab-displays]');
      return (await card.locator('[data-testid=display-connected]').textContent())?.match(/1/);
    }, 'the display listed as connected');

    // Revoked: the TV says so within 5 s, and a reload does not bring the board back.
    await card.locator('[data-testid=display-revoke]').click();
    const revokedAt = Date.now();
    await card.locator('[data-testid=display-confirm]').click();
    await tv.locator('#revoked-screen').waitFor({ timeout: 5000 });
    expect(Date.now() - revokedAt).toBeLessThan(5000);
    expect(await tv.locator('#revoked-screen').textContent()).toMatch(/This screen's link was revoked/);
    await screenshot(tv, 'access-tv-revoked');
    await tv.reload();
    await tv.locator('#revoked-screen').waitFor({ timeout: 10_000 });
    expect((await fetch(link, { redirect: 'manual' })).status).toBe(404);

    expect(admin.problems).toEqual([]);
    expect(tv.problems).toEqual([]);
  }, 90_000);
});

describe('names are text', () => {
  it('shows markup, a right-to-left override and emoji in names as text, without reordering what is beside them', async () => {
    const now = Date.now();
    const hostile = '<script>alert(1)</script>\u202Egnp.exe😀';
    await floor.publish([
      { type: 'agent.state', ts: now - 60_000, agentId: 'x1', state: 'talking', team: 'Q', name: hostile, queues: ['billing'] },
      { type: 'call.queued', ts: now - 50_000, callId: 'x-c1', queue: 'billing' },
      { type: 'call.answered', ts: now - 40_000, callId: 'x-c1', queue: 'billing', agentId: 'x1' },
      { type: 'call.held', ts: now - 5_000, callId: 'x-c1', agentId: 'x1' },
    ]);
    const display = await floor.createDisplay('Hostile names', { lang: 'en', team: 'Q' });
    const { link } = (await display.json()) as { link: string };
    const tv = await floor.open(link, 1920, 1080, { as: null, live: /Live/ });
    // The held call's row names the agent: the whole name, as text, isolated from its neighbours.
    const row = await waitFor(
      () =>
        tv.evaluate((needle) => {
          const walk = (root: Document | ShadowRoot): Element | null => {
            for (const el of Array.from(root.querySelectorAll('*'))) {
              if (el.shadowRoot) {
                const found = walk(el.shadowRoot);
                if (found) return found;
              }
              if (el.childElementCount === 0 && el.textContent?.includes(needle)) return el;
            }
            return null;
          };
          const el = walk(document);
          if (!el) return null;
          return { text: el.textContent, tag: el.tagName, bidi: getComputedStyle(el).unicodeBidi };
        }, '<script>alert(1)</script>'),
      'the hostile name on the hold board',
    );
    expect(row.text).toContain(hostile);
    expect(row.tag === 'BDI' || /isolate/.test(row.bidi) || row.text.includes('\u2068')).toBe(true);
    await screenshot(tv, 'access-tv-hostile-names');
    expect(tv.problems).toEqual([]);
  }, 60_000);
});
