// End to end, the tablet's sound and vibration for a new alarm: silent until the lead allows them,
// a confirming beep on the tap that allows them, then one beep and a short buzz for a new warning,
// two beeps and a double buzz for a critical one. The page's own Web Audio and navigator.vibrate
// run as they are; a script added before the page loads only notes each oscillator started and
// each vibration asked for.
import { describe, expect, it } from 'vitest';
import type { Alarm } from '../../server/contract/snapshot.js';
import type { EventInput } from '../../server/core/events.js';
import { waitFor } from '../support/redis.js';
import { ADMIN_AUTH } from '../support/server.js';
import { addSessionCookie, signIn } from '../support/sign-in.js';
import { deepAll, screenshot } from './support/browser.js';
import { useFloor } from './support/use-floor.js';

// Only the callers-waiting rule, and only on this test's two queues, so no alarm of the floor
// scenario (whose waits grow while the test runs) can beep in between.
const off = false as const;
const waitingRule = { warning: { raise: 3, clear: 0 }, critical: { raise: 5, clear: 2 }, minMs: 0 };
const floor = useFloor({
  config: {
    alarms: {
      rules: {
        'longest-wait': off,
        'service-level': off,
        'no-agent': off,
        'hold-check-overdue': off,
        'kpi-missed': off,
        'source-quiet': off,
        waiting: { warning: { raise: 100_000, clear: 90_000 }, critical: null, minMs: 0 },
      },
      queues: { 'sound-a': { waiting: waitingRule }, 'sound-b': { waiting: waitingRule }, 'sound-c': { waiting: waitingRule } },
      // The whole floor's totals have two rules on by default.
      floor: { 'service-level': off, 'no-agent': off },
    },
  },
});

interface Noted {
  beeps: number;
  vibrations: (number | number[])[];
}

const NOTE = `(() => {
  const noted = { beeps: 0, vibrations: [] };
  window.__noted = noted;
  const start = OscillatorNode.prototype.start;
  OscillatorNode.prototype.start = function (...args) { noted.beeps += 1; return start.apply(this, args); };
  const vibrate = typeof navigator.vibrate === 'function' ? navigator.vibrate.bind(navigator) : null;
  navigator.vibrate = (pattern) => { noted.vibrations.push(pattern); return vibrate ? vibrate(pattern) : true; };
})();`;

const active = async () => ((await (await fetch(`${floor.server.url}/api/v1/alarms`, { headers: ADMIN_AUTH })).json()) as { active: Alarm[] }).active;
const queued = (queue: string, n: number, from = 0): EventInput[] =>
  Array.from({ length: n }, (_, i) => ({ type: 'call.queued', ts: Date.now() - 1000, callId: `${queue}-${from + i}`, queue }));

describe('the tablet alarm sound and vibration', () => {
  it('stays silent until the lead allows them, then beeps and buzzes once for a warning and twice for a critical alarm', async () => {
    const page = await floor.page(1280, 800);
    await page.addInitScript(NOTE);
    await addSessionCookie(page.context(), floor.server.url, await signIn(floor.server.url, { name: 'lead.li' }));
    await page.goto(`${floor.server.url}/lead?lang=en`);
    const noted = () => page.evaluate(() => (window as unknown as { __noted: Noted }).__noted);
    const listed = (alarmId: string) => waitFor(async () => (await deepAll(page, `li[data-alarm="${alarmId}"]`)).length === 1, `alarm ${alarmId} on the tablet`, 15_000);
    await waitFor(async () => (await deepAll(page, '[data-testid=alarm-sound]')).length === 1, 'the sound switch', 15_000);

    // Not allowed (the default): a new critical alarm shows, and nothing sounds.
    await floor.publish(queued('sound-a', 6));
    const a = await waitFor(async () => (await active()).find((x) => x.scope === 'sound-a' && x.severity === 'critical'), 'the critical alarm on sound-a', 15_000);
    await listed(a.id);
    expect(await noted()).toEqual({ beeps: 0, vibrations: [] });

    // The lead allows them: the tap itself confirms with one beep and a short buzz.
    await page.locator('wb-alarm-list [data-testid=alarm-sound]').check();
    await waitFor(async () => (await noted()).beeps === 1, 'the confirming beep', 5_000);
    expect(await noted()).toEqual({ beeps: 1, vibrations: [200] });

    // A new warning: one beep, one short buzz.
    await floor.publish(queued('sound-b', 3));
    const b = await waitFor(async () => (await active()).find((x) => x.scope === 'sound-b'), 'the warning on sound-b', 15_000);
    expect(b.severity).toBe('warning');
    await listed(b.id);
    await waitFor(async () => (await noted()).beeps === 2, 'the warning beep', 5_000);
    expect(await noted()).toEqual({ beeps: 2, vibrations: [200, 200] });

    // The same alarm escalated to critical is news again: two beeps, a double buzz.
    await floor.publish(queued('sound-b', 2, 3));
    await waitFor(async () => (await active()).find((x) => x.id === b.id && x.severity === 'critical'), 'the escalation on sound-b', 15_000);
    await waitFor(async () => (await noted()).beeps === 4, 'the critical beeps', 10_000);
    expect(await noted()).toEqual({ beeps: 4, vibrations: [200, 200, [200, 120, 200]] });
    await screenshot(page, 'alarm-sound-lead-en');

    // Switched off again and kept off across a reload: a further alarm is silent.
    await page.locator('wb-alarm-list [data-testid=alarm-sound]').uncheck();
    await page.reload();
    await waitFor(async () => (await deepAll(page, '[data-testid=alarm-sound]')).length === 1, 'the sound switch after the reload', 15_000);
    expect(await page.locator('wb-alarm-list [data-testid=alarm-sound]').isChecked()).toBe(false);
    await floor.publish(queued('sound-c', 3));
    const c = await waitFor(async () => (await active()).find((x) => x.scope === 'sound-c'), 'the warning on sound-c', 15_000);
    await listed(c.id);
    expect(await noted()).toEqual({ beeps: 0, vibrations: [] });
    expect(page.problems).toEqual([]);
  }, 90_000);
});
