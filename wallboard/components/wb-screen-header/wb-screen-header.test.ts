// @vitest-environment happy-dom
// The screens' top line: the view's own title, then the store's connection state and the time of
// day, both read from what the view provides.
import { afterEach, describe, expect, it } from 'vitest';
import { floorScenario } from '../../../test/support/floor-scenario.js';
import { snapshotFromEvents } from '../../../test/support/snapshot-from-events.js';
import { FakeSocket } from '../../../test/support/fake-socket.js';
import { createI18n } from '../../i18n/i18n.js';
import { WallboardStore } from '../../store/wallboard-store.js';
import { mount, shadow, text } from '../../testing/dom.js';
import { manualClock } from '../../testing/manual-clock.js';
import { provider } from '../../testing/provider.js';
import './wb-screen-header.js';

// 13:59:30 in Shanghai.
const NOW = Date.UTC(2026, 10, 23, 5, 59, 30);

afterEach(() => document.body.replaceChildren());

describe('wb-screen-header', () => {
  it("shows the view's title, where the connection stands and the centre's time, ticking each minute", async () => {
    const socket = new FakeSocket();
    const { clock, advance } = manualClock(NOW);
    const store = new WallboardStore({ socket: socket.asSocket(), clock, view: {}, schedule: (fn) => fn() });
    const header = document.createElement('wb-screen-header');
    header.innerHTML = '<h1>Floor 1</h1>';
    const wrapper = provider({ store, clock, i18n: createI18n('en') });
    wrapper.append(header);
    document.body.append(wrapper);
    await header.updateComplete;
    const status = () => shadow(header).querySelector('wb-connection-status')!;
    expect(
      shadow(header)
        .querySelector('slot')!
        .assignedElements()
        .map((e) => e.textContent),
    ).toEqual(['Floor 1']);
    expect(status().connection).toBe('connecting');
    expect(text(header, '[data-testid=clock]')).toBe('13:59');
    advance(30_000);
    await header.updateComplete;
    expect(text(header, '[data-testid=clock]')).toBe('14:00');

    store.start();
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot: snapshotFromEvents(floorScenario({ now: NOW }).events, NOW) });
    await header.updateComplete;
    await status().updateComplete;
    expect(status().connection).toBe('live');
    expect(text(status(), '[data-testid=connection]')).toBe('Live');

    // A PBX source the server says is down makes the board incomplete, names the source and since
    // when, and leaves the clocks running (the other sources' holds must still fall due).
    const live = snapshotFromEvents(floorScenario({ now: NOW }).events, NOW);
    const lostAt = NOW - 60_000;
    socket.fire('snapshot', {
      seq: 2,
      view: 'k',
      snapshot: {
        ...live,
        feed: {
          state: 'live',
          sinceTs: NOW,
          reason: null,
          sources: [{ source: 'pbx1', adapter: 'ami', state: 'down', sinceTs: lostAt, lastEventTs: lostAt, reason: 'ECONNRESET' }],
        },
      },
    });
    await header.updateComplete;
    await status().updateComplete;
    expect(status().connection).toBe('sourceDown');
    expect(store.state.staleSinceTs).toBeNull();
    expect(text(status(), '[data-testid=connection]')).toBe('Data incomplete');
    const sources = shadow(header).querySelector('wb-source-status')!;
    await sources.updateComplete;
    expect(text(sources, '[data-testid=source]')).toBe('PBX \u2068pbx1\u2069: disconnected since 13:58');
    socket.fire('snapshot', { seq: 3, view: 'k', snapshot: { ...live, feed: { state: 'live', sinceTs: NOW, reason: null, sources: [] } } });
    await header.updateComplete;
    expect(status().connection).toBe('live');

    socket.disconnect();
    await header.updateComplete;
    expect(status().connection).toBe('reconnecting');
    expect(store.state.staleSinceTs).not.toBeNull();
    expect(status().staleSinceTs).toBe(store.state.staleSinceTs);
    store.stop();
  });

  it('stands alone as connecting, in Chinese, on local time', async () => {
    const header = await mount(document.createElement('wb-screen-header'));
    const status = shadow(header).querySelector('wb-connection-status')!;
    await status.updateComplete;
    expect(text(status, '[data-testid=connection]')).toBe('正在连接…');
    expect(text(header, '[data-testid=clock]')).toMatch(/^\d\d:\d\d$/);
  });
});
