// @vitest-environment happy-dom
// Components fed real snapshots (contract events through the server's aggregator) through their
// properties; the views fed by the store over a scripted socket. Clocks are driven by hand.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LitElement } from 'lit';
import { encode } from '../../server/core/events.js';
import type { Snapshot } from '../../server/contract/snapshot.js';
import { diffSnapshot } from '../../server/contract/delta.js';
import { seriesOf } from '../../wallboard/charts/intraday-geometry.js';
import { kpiValueText } from '../../wallboard/components/kpi-format.js';
import { parseScreenConfig, viewOf } from '../../wallboard/config/screen-config.js';
import { createI18n } from '../../wallboard/i18n/i18n.js';
import { ClockSource } from '../../wallboard/store/clock-source.js';
import { WallboardStore, type ConnectionState } from '../../wallboard/store/wallboard-store.js';
import '../../wallboard/components/wb-connection-status/wb-connection-status.js';
import '../../wallboard/components/wb-hold-board/wb-hold-board.js';
import '../../wallboard/components/wb-kpi-gauge/wb-kpi-gauge.js';
import '../../wallboard/components/wb-kpi-tile/wb-kpi-tile.js';
import '../../wallboard/components/wb-lead-view/wb-lead-view.js';
import '../../wallboard/components/wb-queue-table/wb-queue-table.js';
import '../../wallboard/components/wb-target-history/wb-target-history.js';
import '../../wallboard/components/wb-tv-view/wb-tv-view.js';
import '../../wallboard/components/wb-wait-summary/wb-wait-summary.js';
import { FakeSocket } from '../support/fake-socket.js';
import { floorScenario } from '../e2e/support/floor-scenario.js';
import { aggregatorOf } from '../e2e/support/snapshot-from-events.js';
import type { Aggregator } from '../../server/aggregator.js';

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);

/** A clock whose time and timer the test moves by hand. */
function manualClock(start: number) {
  let now = start;
  let pending: (() => void) | null = null;
  const clock = new ClockSource({ now: () => now, setTimer: (fn) => (pending = fn), clearTimer: () => (pending = null) });
  return {
    clock,
    /** Moves time on and fires the tick, as the real timer would. */
    advance(ms: number) {
      now += ms;
      const fire = pending;
      pending = null;
      fire?.();
    },
  };
}

async function mount<T extends LitElement>(el: T): Promise<T> {
  document.body.append(el);
  await el.updateComplete;
  return el;
}

const shadow = (el: Element) => el.shadowRoot!;
const text = (el: Element, selector: string) => shadow(el).querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;

let aggregator: Aggregator;
let snapshot: Snapshot;

beforeAll(() => {
  aggregator = aggregatorOf(floorScenario({ now: NOW }).events);
  snapshot = aggregator.snapshot(NOW);
});

afterEach(() => document.body.replaceChildren());

describe('wb-kpi-gauge and wb-kpi-tile', () => {
  it('tell met, at risk and missed by colour class, by shape and by words', async () => {
    const base = snapshot.kpis.find((k) => k.id === 'agentConnect')!;
    for (const [status, label, shape] of [
      ['met', '达标', 'circle'],
      ['atRisk', '预警', 'M12 2.5'],
      ['missed', '未达标', 'M8 2h8'],
    ] as const) {
      const gauge = await mount(Object.assign(document.createElement('wb-kpi-gauge'), { kpi: { ...base, status } }));
      expect(shadow(gauge).querySelector('svg.gauge')!.getAttribute('class')).toContain(`status-${status}`);
      const badge = shadow(gauge).querySelector('wb-status-badge')!;
      await (badge as LitElement).updateComplete;
      expect(text(badge, '.label')).toBe(label);
      expect(shadow(badge).querySelector('svg')!.innerHTML).toContain(shape);
    }
  });

  it('show the value against its target in the chosen language', async () => {
    const kpi = snapshot.kpis.find((k) => k.id === 'satisfaction')!;
    const tile = await mount(Object.assign(document.createElement('wb-kpi-tile'), { kpi, i18n: createI18n('en') }));
    expect(text(tile, '.label')).toBe('Satisfaction');
    expect(text(tile, '.value')).toBe(`${createI18n('en').points(kpi.value)}pts`);
    expect(text(tile, '.target-text')).toBe('Target ≥ 85');
  });
});

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
});

describe('wb-hold-board', () => {
  it('puts an overdue check on top, marks it, counts up how late it is, and clears it on the check-in', async () => {
    const { clock, advance } = manualClock(NOW);
    const el = await mount(Object.assign(document.createElement('wb-hold-board'), { held: snapshot.held, clock, rows: 10, i18n: createI18n('en') }));
    const rows = () => [...shadow(el).querySelectorAll('.row')].map((r) => ({ call: r.getAttribute('data-call'), state: r.getAttribute('data-state'), due: r.querySelector('[data-testid=hold-due]')!.textContent!.replace(/\s+/g, ' ').trim() }));
    // The scenario: hold0 overdue by 11 s, hold1 due in 7 s, hold2 due in 18 s, hold3 due in 24 s.
    expect(rows()).toEqual([
      { call: 'hold0', state: 'overdue', due: 'Overdue +0:11' },
      { call: 'hold1', state: 'soon', due: 'Next check 0:07' },
      { call: 'hold2', state: 'ok', due: 'Next check 0:18' },
      { call: 'hold3', state: 'ok', due: 'Next check 0:24' },
    ]);
    advance(8_000);
    await el.updateComplete;
    expect(rows().slice(0, 2)).toEqual([
      { call: 'hold0', state: 'overdue', due: 'Overdue +0:19' },
      { call: 'hold1', state: 'overdue', due: 'Overdue +0:01' },
    ]);
    // The agent checks in on hold0: the server's next snapshot restarts its clock.
    aggregator.applyBatch([{ stream: 'wallboard:events', id: `${NOW + 8000}-0`, fields: encode({ type: 'call.hold_check', ts: NOW + 8000, callId: 'hold0', agentId: snapshot.held[0]!.agentId }) }]);
    el.held = aggregator.snapshot(NOW + 8000).held;
    await el.updateComplete;
    expect(rows().find((r) => r.call === 'hold0')).toEqual({ call: 'hold0', state: 'ok', due: 'Next check 0:30' });
    expect(rows()[0]!.call).toBe('hold1');
  });

  it('shows a quiet line and runs no timer when nobody is on hold', async () => {
    const { clock } = manualClock(NOW);
    const el = await mount(Object.assign(document.createElement('wb-hold-board'), { held: [], clock }));
    expect(text(el, '.empty')).toBe('当前没有持机通话');
    expect(clock.listenerCount).toBe(0);
  });
});

describe('wb-queue-table', () => {
  it('rotates pages of queues with server time', async () => {
    const { clock, advance } = manualClock(Math.floor(NOW / 15_000) * 15_000 + 1000);
    const el = await mount(Object.assign(document.createElement('wb-queue-table'), { queues: snapshot.queues, clock, rows: 4 }));
    const shown = () => [...shadow(el).querySelectorAll('.row')].map((r) => r.getAttribute('data-queue'));
    const first = shown();
    expect(first).toHaveLength(3); // six queues in two balanced pages
    expect(text(el, '.pager')).toMatch(/第 \d\/2 页/);
    advance(15_000);
    await el.updateComplete;
    expect(shown()).not.toEqual(first);
    expect([...first, ...shown()].sort()).toEqual(snapshot.queues.map((q) => q.id).sort());
  });
});

describe('wb-connection-status', () => {
  it('says the data is from when the connection was lost, in the centre time zone', async () => {
    const el = await mount(Object.assign(document.createElement('wb-connection-status'), { connection: 'reconnecting', staleSinceTs: Date.UTC(2026, 10, 23, 6, 4, 5) }));
    expect(text(el, '[data-testid=data-from]')).toBe('数据截至 14:04:05');
    el.connection = 'live';
    await el.updateComplete;
    expect(text(el, '[data-testid=data-from]')).toBeNull();
  });

  it('says the feed is catching up in a neutral colour and shape, without stopping the data', async () => {
    const el = await mount(Object.assign(document.createElement('wb-connection-status'), { connection: 'catchingUp' as ConnectionState, staleSinceTs: null as number | null }));
    expect(text(el, '[data-testid=connection]')).toBe('正在追赶，数据可能滞后');
    const pill = shadow(el).querySelector('.pill')!;
    expect(pill.classList.contains('status-info')).toBe(true);
    expect(pill.classList.contains('stale')).toBe(false);
    expect(pill.querySelector('svg')!.innerHTML).toContain('ring');
    el.connection = 'feedDown';
    el.staleSinceTs = Date.UTC(2026, 10, 23, 6, 4, 5);
    el.i18n = createI18n('en');
    await el.updateComplete;
    expect(text(el, '[data-testid=connection]')).toBe('Data feed interrupted Data from 14:04:05');
  });
});

describe('wb-target-history', () => {
  it('shows every KPI for all queues, ending at the figure the TV shows, with its status in colour, shape and words', async () => {
    const nowTs = Math.floor(NOW / 900_000) * 900_000;
    const el = await mount(Object.assign(document.createElement('wb-target-history'), { buckets: seriesOf(snapshot.intraday, null), kpis: snapshot.kpis, nowTs, timeZone: snapshot.timeZone }));
    const cards = [...shadow(el).querySelectorAll('.card')];
    expect(cards.map((c) => c.getAttribute('data-series'))).toEqual([...snapshot.kpis.map((k) => k.id), 'serviceLevel']);
    const zh = createI18n('zh-CN');
    for (const k of snapshot.kpis) {
      const card = cards.find((c) => c.getAttribute('data-series') === k.id)!;
      expect(card.querySelector('[data-testid=history-value]')!.textContent!.replace('分', ''), k.id).toBe(kpiValueText(k, zh));
      expect(card.getAttribute('data-status'), k.id).toBe(k.status);
      const chart = card.querySelector('wb-target-chart')!;
      await chart.updateComplete;
      const marker = chart.shadowRoot!.querySelector('.marker')!;
      expect(marker.getAttribute('class')).toContain(`status-${k.status}`);
      expect(marker.innerHTML).toContain(k.status === 'met' ? 'circle' : k.status === 'atRisk' ? 'M12 2.5' : 'M8 2h8');
      expect(chart.shadowRoot!.querySelectorAll('line.target')).toHaveLength(1);
    }
    expect(text(el, '.card[data-series=systemConnect] .name')).toBe('系统接通率');
    const system = shadow(el).querySelector('.card[data-series=systemConnect] wb-target-chart')!;
    expect(text(system, '.target-label')).toBe('99%'); // on the dashed line
    expect(system.shadowRoot!.querySelector('svg')!.getAttribute('aria-label')).toBe('系统接通率 · 目标 ≥ 99%');
  });

  it('shows one queue its connect rates by tier and its service level', async () => {
    const detail = aggregator.snapshot(NOW, { detail: true });
    const el = await mount(Object.assign(document.createElement('wb-target-history'), { buckets: seriesOf(detail.intraday, 'vip'), queue: 'vip', kpis: detail.kpis, nowTs: NOW, i18n: createI18n('en') }));
    expect([...shadow(el).querySelectorAll('.card')].map((c) => c.getAttribute('data-series'))).toEqual(['vipConnect', 'serviceLevel']);
    const sl = shadow(el).querySelector('.card[data-series=serviceLevel] wb-target-chart') as LitElement;
    await sl.updateComplete;
    expect(text(sl, '.target-label')).toBe('80%');
    expect(text(el, '.card[data-series=serviceLevel] [data-testid=history-value]')).toBe(createI18n('en').percent(detail.queues.find((q) => q.id === 'vip')!.serviceLevel));
  });
});

function viewWithStore(tag: 'wb-tv-view' | 'wb-lead-view', search: string) {
  const socket = new FakeSocket();
  const { clock, advance } = manualClock(NOW);
  const config = parseScreenConfig(tag === 'wb-tv-view' ? '/tv' : '/lead', search);
  const store = new WallboardStore({ socket: socket.asSocket(), clock, view: viewOf(config), schedule: (fn) => fn() });
  const el = document.createElement(tag);
  Object.assign(el, { store, clock, config });
  return { el, socket, clock, store, advance };
}

describe('wb-tv-view', () => {
  it('renders the snapshot and follows deltas, in English when the link says so', async () => {
    const { el, socket, store } = viewWithStore('wb-tv-view', '?lang=en');
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
    const { el, socket, clock, store } = viewWithStore('wb-tv-view', '');
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
    // day's totals series, and the header's connection state.
    expect(store.listenerCount).toBe(5);
    store.stop();
  });
});

describe('wb-lead-view', () => {
  it('drills into a tapped queue and re-subscribes when a team is chosen', async () => {
    const { el, socket, store } = viewWithStore('wb-lead-view', '?lang=en');
    await mount(el);
    store.start();
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot });
    await el.updateComplete;
    const list = shadow(el).querySelector('wb-queue-list')!;
    await list.updateComplete;
    (shadow(list).querySelector('button[data-queue=vip]') as HTMLElement).click();
    await el.updateComplete;
    const detail = shadow(el).querySelector('wb-queue-detail')!;
    await detail.updateComplete;
    expect(text(detail, 'h2')).toBe('vip');
    expect(detail.agents.every((a) => a.queues.includes('vip'))).toBe(true);
    expect(new URL(location.href).searchParams.get('queue')).toBe('vip');

    (shadow(el).querySelector('button[data-team="B组"]') as HTMLElement).click();
    expect(socket.emits('subscribe').at(-1)).toEqual([{ team: 'B组', detail: true }]);
    store.stop();
  });

  it('offers every team the server knows, whatever the filter, and keeps the chosen one', async () => {
    const { el, socket, store } = viewWithStore('wb-lead-view', '?team=E组');
    await mount(el);
    store.start();
    // Filtered to a team the server has no agent of: the snapshot still lists every team.
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot: { ...snapshot, agentList: [], teams: ['A组', 'B组', 'C组', 'D组'] } });
    await el.updateComplete;
    const buttons = [...shadow(el).querySelectorAll('.teams button[data-team]')];
    expect(buttons.map((b) => b.getAttribute('data-team'))).toEqual(['A组', 'B组', 'C组', 'D组', 'E组']);
    expect(shadow(el).querySelector('button[data-team="E组"]')!.getAttribute('aria-pressed')).toBe('true');
    store.stop();
  });
});
