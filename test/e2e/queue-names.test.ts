// End to end, queue names held on the server: an admin names a queue in both languages once
// (PUT /api/v1/queue-settings), and every screen says it in its own language with its next push,
// a Chinese TV 账务查询 and an English tablet "Billing", while a screen's own name.<id>= still wins.
import { describe, expect, it } from 'vitest';
import { waitFor } from '../support/redis.js';
import { ADMIN_AUTH } from '../support/server.js';
import { deepAll, screenshot } from './support/browser.js';
import { useFloor } from './support/use-floor.js';

const floor = useFloor();

describe('queue names held on the server', () => {
  it('show on a zh-CN TV and an English tablet, and a screen URL name still overrides them', async () => {
    const tv = await floor.open('/tv?lang=zh-CN&layout=queues', 1920, 1080, { live: /实时/ });
    const lead = await floor.open('/lead?lang=en', 1024, 768, { live: /Live/ });
    const own = await floor.open('/tv?lang=zh-CN&layout=queues&name.billing=账务', 1920, 1080, { live: /实时/ });
    expect((await deepAll(tv, '.row[data-queue=billing] .name bdi'))[0]?.text).toBe('billing');

    const saved = await fetch(`${floor.server.url}/api/v1/queue-settings`, {
      method: 'PUT',
      headers: { ...ADMIN_AUTH, 'content-type': 'application/json' },
      body: JSON.stringify({ queues: { billing: { name: { zh: '账务查询', en: 'Billing' } } } }),
    });
    expect(saved.status).toBe(200);

    await waitFor(async () => (await deepAll(tv, '.row[data-queue=billing] .name bdi'))[0]?.text === '账务查询', 'the TV to say 账务查询', 15_000);
    await waitFor(async () => (await deepAll(lead, 'wb-queue-card button[data-queue=billing] .name bdi'))[0]?.text === 'Billing', 'the tablet to say Billing', 15_000);
    await screenshot(tv, 'queue-names-tv-zh');
    // The screen that names the queue in its own link keeps its name.
    await own.waitForTimeout(1000);
    expect((await deepAll(own, '.row[data-queue=billing] .name bdi'))[0]?.text).toBe('账务');
    for (const page of [tv, lead, own]) expect(page.problems).toEqual([]);
  }, 60_000);
});
