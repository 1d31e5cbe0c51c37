// End to end, the alarms: six callers waiting three minutes on a queue nobody serves, published
// as a producer would. A paired TV (Chinese) shows the critical banner and marks the queue's row
// by a bell and a word; a lead's tablet (English) acknowledges it with one tap, and the server's
// REST alarm list names the lead. An admin turns on the whole floor's callers-waiting rule in the
// Alarm rules form, and the tablet lists the floor's alarm as the whole floor's.
import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../server/contract/snapshot.js';
import type { EventInput } from '../../server/core/events.js';
import { waitFor } from '../support/redis.js';
import { ADMIN_AUTH } from '../support/server.js';
import { deepAll, deepText, screenshot } from './support/browser.js';
import { useFloor } from './support/use-floor.js';

const floor = useFloor();

const alarms = async () => (await (await fetch(`${floor.server.url}/api/v1/alarms`, { headers: ADMIN_AUTH })).json()) as { active: Alarm[]; log: Alarm[] };
const criticalWait = async () => (await alarms()).active.find((a) => a.rule === 'longest-wait' && a.scope === 'stranded' && a.severity === 'critical');

describe('alarms end to end', () => {
  it('a paired TV shows the critical banner and marks the queue; the tablet acknowledges it', async () => {
    const now = Date.now();
    const events: EventInput[] = Array.from({ length: 6 }, (_, i) => ({ type: 'call.queued', ts: now - 180_000 + i * 1000, callId: `stranded-${i}`, queue: 'stranded' }));
    await floor.publish(events);
    const alarm = await waitFor(criticalWait, 'the server to raise the critical longest-wait alarm', 20_000);
    expect(alarm).toMatchObject({ threshold: 120, acknowledgedBy: null });

    const display = await floor.createDisplay('Alarm TV', { lang: 'zh-CN', layout: 'queues', queues: ['stranded', 'billing'], queueNames: { stranded: '滞留队列' } });
    expect(display.status).toBe(201);
    const { link } = (await display.json()) as { link: string };
    const tv = await floor.open(link, 1920, 1080, { as: null, live: /实时/ });
    const banner = await waitFor(async () => (await deepAll(tv, '[data-testid=alarm-banner]'))[0], 'the banner', 15_000);
    expect(banner.text).toContain('严重告警');
    const firstCritical = (await alarms()).active.filter(
      (a) =>
        a.severity === 'critical' &&
        // What a view of these two queues shows: their alarms, the whole floor's, and those about a KPI or a source.
        (a.scope === 'stranded' ||
          a.scope === 'billing' ||
          a.scope === 'floor' ||
          !['longest-wait', 'waiting', 'service-level', 'no-agent', 'hold-check-overdue'].includes(a.rule)),
    )[0];
    expect(banner.data['alarm']).toBe(firstCritical!.id);
    const mark = await waitFor(async () => (await deepAll(tv, '.row[data-queue=stranded] [data-testid=queue-alarm]'))[0], 'the row mark', 10_000);
    expect(mark).toMatchObject({ text: '严重', data: { severity: 'critical' } });
    // Large enough to read from 5 m: the banner's text is at least 40 px high on a 1080p screen.
    const fontPx = await tv.evaluate(() => {
      const view = document.querySelector('wb-tv-view')?.shadowRoot?.querySelector('wb-alarm-banner')?.shadowRoot?.querySelector('.banner');
      return view ? parseFloat(getComputedStyle(view).fontSize) : 0;
    });
    expect(fontPx).toBeGreaterThanOrEqual(40);
    await screenshot(tv, 'alarm-tv-zh');

    const lead = await floor.open('/lead?lang=en', 1280, 800, { as: { name: 'lead.wang' }, live: /Live/ });
    const row = `li[data-alarm="${alarm.id}"]`;
    await waitFor(async () => (await deepAll(lead, `${row} [data-testid=alarm-ack]`)).length === 1, 'the Acknowledge button', 10_000);
    expect(await deepText(lead, `${row}`)).toMatch(/Critical.*stranded.*Longest wait 3:\d\d · limit 2:00/s);
    await lead.locator(`wb-alarm-list ${row} [data-testid=alarm-ack]`).click();
    await waitFor(
      async () => (await deepText(lead, `${row} .meta`))?.match(/^Acknowledged by lead\.wang at \d\d:\d\d:\d\d$/),
      'the acknowledgement on the tablet',
      10_000,
    );
    expect((await alarms()).active.find((a) => a.id === alarm.id)).toMatchObject({ acknowledgedBy: 'lead.wang' });
    expect(await deepAll(lead, `${row} [data-testid=alarm-ack]`)).toEqual([]);
    await screenshot(lead, 'alarm-lead-en');

    expect(tv.problems).toEqual([]);
    expect(lead.problems).toEqual([]);
  }, 90_000);

  it('an admin turns on the floor’s callers waiting in the form, and the tablet lists the floor’s alarm', async () => {
    const admin = await floor.open('/admin?lang=en', 1280, 1000, { as: { role: 'admin' }, live: false });
    await admin.click('[data-testid=tab-alarms]');
    await admin.check('[data-field="floor.waiting.on"]');
    await admin.fill('[data-field="floor.waiting.warning.raise"]', '3');
    await admin.fill('[data-field="floor.waiting.warning.clear"]', '0');
    await admin.fill('[data-field="floor.waiting.critical.raise"]', '');
    await admin.fill('[data-field="floor.waiting.critical.clear"]', '');
    await admin.fill('[data-field="floor.waiting.minTime"]', '0');
    await screenshot(admin, 'alarm-rules-floor-en');
    await admin.click('[data-testid=alarm-rules-save]');
    await admin.locator('[data-testid=alarm-rules-saved]').waitFor();
    const rules = (await (await fetch(`${floor.server.url}/api/v1/alarm-rules`, { headers: ADMIN_AUTH })).json()) as { rules: { floor?: unknown } };
    expect(rules.rules.floor).toEqual({ waiting: { warning: { raise: 3, clear: 0 }, critical: null, minMs: 0 } });
    expect(admin.problems).toEqual([]);

    // Three callers in three queues nobody serves: the floor has at least three waiting, whatever the scenario does.
    const now = Date.now();
    await floor.publish(['north', 'south', 'east'].map((queue, i) => ({ type: 'call.queued', ts: now + i, callId: `spread-${i}`, queue }) satisfies EventInput));
    const alarm = await waitFor(async () => (await alarms()).active.find((a) => a.rule === 'waiting' && a.scope === 'floor'), 'the floor’s alarm', 20_000);
    expect(alarm).toMatchObject({ severity: 'warning', threshold: 3 });
    const lead = await floor.open('/lead?lang=en', 1280, 800, { as: { name: 'lead.li' }, live: /Live/ });
    const row = `li[data-alarm="${alarm.id}"]`;
    await waitFor(async () => (await deepAll(lead, row)).length === 1, 'the floor’s alarm on the tablet', 10_000);
    expect(await deepText(lead, row)).toMatch(/Alarm.*Whole floor.*Callers waiting \d+ · limit 3/s);
    expect(lead.problems).toEqual([]);
  }, 90_000);
});
