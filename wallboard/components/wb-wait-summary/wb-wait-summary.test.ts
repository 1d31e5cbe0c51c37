// @vitest-environment happy-dom
// Calls waiting and the longest wait, ticking on a clock the test moves by hand.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../server/contract/snapshot.js';
import { floorScenario } from '../../../test/support/floor-scenario.js';
import { snapshotFromEvents } from '../../../test/support/snapshot-from-events.js';
import { createI18n } from '../../i18n/i18n.js';
import { mount, text } from '../../testing/dom.js';
import { exitEvents } from '../../testing/exits.js';
import { manualClock } from '../../testing/manual-clock.js';
import './wb-wait-summary.js';

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);

let snapshot: Snapshot;

beforeAll(() => {
  snapshot = snapshotFromEvents(floorScenario({ now: NOW }).events, NOW);
});

afterEach(() => document.body.replaceChildren());

describe('wb-wait-summary', () => {
  it('shows calls waiting and ticks the longest wait from oldestQueuedTs on the shared clock', async () => {
    const { clock, advance } = manualClock(NOW);
    const el = await mount(Object.assign(document.createElement('wb-wait-summary'), { totals: snapshot.totals, clock }));
    expect(text(el, '[data-testid=waiting]')).toBe(String(snapshot.totals.waiting));
    const first = NOW - snapshot.totals.oldestQueuedTs!;
    expect(text(el, '[data-testid=longest-wait]')).toBe(createI18n('zh-CN').duration(first));
    advance(61_000);
    await el.updateComplete;
    expect(text(el, '[data-testid=longest-wait]')).toBe(createI18n('zh-CN').duration(first + 61_000));
    expect(text(el, '.sub .alert')).toBe('等待过长');
  });

  it('stops ticking when nobody waits', async () => {
    const { clock } = manualClock(NOW);
    const el = await mount(Object.assign(document.createElement('wb-wait-summary'), { totals: { ...snapshot.totals, waiting: 0, oldestQueuedTs: null }, clock }));
    await el.updateComplete;
    expect(clock.listenerCount).toBe(0);
    el.remove();
  });

  it("shows today's exits beside the abandons once there are any, in both languages", async () => {
    const { clock } = manualClock(NOW);
    const withExits = snapshotFromEvents([...floorScenario({ now: NOW }).events, ...exitEvents(NOW)], NOW).totals;
    expect(withExits.exited).toBe(6);
    const el = await mount(Object.assign(document.createElement('wb-wait-summary'), { totals: withExits, clock }));
    expect(text(el, '.today .exited')).toBe('离开队列6');
    expect(text(el, '[data-testid=abandoned]')).toBe(String(snapshot.totals.abandoned));
    el.i18n = createI18n('en');
    await el.updateComplete;
    expect(text(el, '.today .exited')).toBe('Left queue6');
    // A floor whose PBX reports no exits keeps its line as it was.
    el.totals = snapshot.totals;
    await el.updateComplete;
    expect(snapshot.totals.exited).toBe(0);
    expect(text(el, '.today .exited')).toBeNull();
  });
});
