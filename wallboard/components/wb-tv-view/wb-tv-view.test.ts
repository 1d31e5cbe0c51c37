// @vitest-environment happy-dom
// The wall screen fed by the real store over a scripted socket, on a clock the test moves by hand.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../server/contract/snapshot.js';
import { diffSnapshot } from '../../../server/contract/delta.js';
import { encode } from '../../../server/core/events.js';
import { floorScenario } from '../../../test/support/floor-scenario.js';
import { aggregatorOf } from '../../../test/support/snapshot-from-events.js';
import { mount, shadow, text } from '../../testing/dom.js';
import { viewWithStore } from '../../testing/view-with-store.js';
import './wb-tv-view.js';

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);

let aggregator: ReturnType<typeof aggregatorOf>;
let snapshot: Snapshot;

beforeAll(() => {
  aggregator = aggregatorOf(floorScenario({ now: NOW }).events);
  snapshot = aggregator.snapshot(NOW);
});

afterEach(() => document.body.replaceChildren());

describe('wb-tv-view', () => {
  it('renders the snapshot and follows deltas, in English when the link says so', async () => {
    const { el, socket, store } = viewWithStore('wb-tv-view', '?lang=en', NOW);
    await mount(el);
    store.start();
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot });
    await el.updateComplete;
    expect(text(el, 'h1')).toBe('Hotline wallboard');
    const summary = shadow(el).querySelector('wb-wait-summary')!;
    await summary.updateComplete;
    expect(text(summary, '[data-testid=waiting]')).toBe(String(snapshot.totals.waiting));

    aggregator.applyBatch([{ stream: 'wallboard:events', id: `${NOW + 500}-0`, fields: encode({ type: 'call.queued', ts: NOW + 500, callId: 'tv-new', queue: 'vip' }) }]);
    const next = aggregator.snapshot(NOW + 500);
    socket.fire('delta', diffSnapshot(snapshot, next, 2)!);
    await el.updateComplete;
    await summary.updateComplete;
    expect(text(summary, '[data-testid=waiting]')).toBe(String(next.totals.waiting));
    expect(shadow(el).querySelectorAll('wb-kpi-gauge, wb-kpi-tile')).toHaveLength(6);
    // The service-level target is drawn on the intraday chart, and named in its legend.
    const chart = shadow(el).querySelector('wb-intraday-chart')!;
    await chart.updateComplete;
    expect(chart.target).toBe(snapshot.thresholds.serviceLevelTarget);
    expect(shadow(chart).querySelectorAll('line.target')).toHaveLength(1);
    expect(text(chart, '.legend')).toContain('SL target 80%');
    store.stop();
  });

  it('leaves no listener on the clock or the store after it is taken off the page, however often', async () => {
    const { el, socket, clock, store } = viewWithStore('wb-tv-view', '', NOW);
    store.start();
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot });
    for (let i = 0; i < 20; i++) {
      await mount(el);
      el.remove();
    }
    expect(store.listenerCount).toBe(0);
    expect(clock.listenerCount).toBe(0);
    await mount(el);
    // One subscription per slice: the screen's data and its data clock, the ordered queues, the
    // queues in alarm, the day's totals series, and the header's connection state.
    expect(store.listenerCount).toBe(6);
    store.stop();
  });

  it("stops the data's clocks while the data is stale, and keeps the pages turning", async () => {
    const { el, socket, clock, store, advance } = viewWithStore('wb-tv-view', '', NOW);
    await mount(el);
    store.start();
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot });
    await el.updateComplete;
    const summary = shadow(el).querySelector('wb-wait-summary')!;
    const table = shadow(el).querySelector('wb-queue-table')!;
    const holds = shadow(el).querySelector('wb-hold-board')!;
    expect(summary.clock).toBe(clock);
    expect(table.rotationClock).toBe(clock);

    socket.disconnect();
    await el.updateComplete;
    await summary.updateComplete;
    expect(shadow(el).querySelector('.main')!.classList.contains('stale')).toBe(true);
    expect(summary.clock).not.toBe(clock);
    expect(summary.clock!.now()).toBe(store.state.staleSinceTs);
    expect(holds.clock).toBe(summary.clock);
    expect(table.clock).toBe(summary.clock);
    expect(table.rotationClock).toBe(clock);
    const frozen = text(summary, '[data-testid=longest-wait]');
    advance(5000);
    await summary.updateComplete;
    expect(text(summary, '[data-testid=longest-wait]')).toBe(frozen);

    socket.connect();
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot });
    await el.updateComplete;
    expect(summary.clock).toBe(clock);
    expect(shadow(el).querySelector('.main')!.classList.contains('stale')).toBe(false);
    store.stop();
  });

  it('waits for the first snapshot, and says in its footer what it ignored in its link', async () => {
    const { el, socket, store } = viewWithStore('wb-tv-view', '?layout=huge&lang=en', NOW);
    await mount(el);
    expect(text(el, '.waiting-screen')).toBe('Connecting…');
    expect(text(el, 'footer .warn')).toBe('Ignored in link: layout=huge');
    store.start();
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot });
    await el.updateComplete;
    expect(shadow(el).querySelector('.waiting-screen')).toBeNull();
    expect(text(el, 'footer')).toContain(snapshot.day);
    store.stop();
  });
});
