// @vitest-environment happy-dom
// The targets through the day, fed real buckets: every KPI for all queues, a queue's own for one.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LitElement } from 'lit';
import type { Snapshot } from '../../../server/contract/snapshot.js';
import { floorScenario } from '../../../test/support/floor-scenario.js';
import { snapshotFromEvents } from '../../../test/support/snapshot-from-events.js';
import { seriesOf } from '../../charts/intraday-geometry.js';
import { createI18n } from '../../i18n/i18n.js';
import { mount, shadow, text } from '../../testing/dom.js';
import { exitEvents } from '../../testing/exits.js';
import { kpiValueText } from '../kpi-format.js';
import './wb-target-history.js';

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);

let snapshot: Snapshot;

beforeAll(() => {
  snapshot = snapshotFromEvents(floorScenario({ now: NOW }).events, NOW);
});

afterEach(() => document.body.replaceChildren());

describe('wb-target-history', () => {
  it('shows every KPI for all queues, ending at the figure the TV shows, with its status in colour, shape and words', async () => {
    const nowTs = Math.floor(NOW / 900_000) * 900_000;
    const el = await mount(
      Object.assign(document.createElement('wb-target-history'), { buckets: seriesOf(snapshot.intraday, null), kpis: snapshot.kpis, nowTs, timeZone: snapshot.timeZone }),
    );
    const cards = [...shadow(el).querySelectorAll('.card')];
    expect(cards.map((c) => c.getAttribute('data-series'))).toEqual([...snapshot.kpis.map((k) => k.id), 'serviceLevel']);
    const zh = createI18n('zh-CN');
    for (const k of snapshot.kpis) {
      const card = cards.find((c) => c.getAttribute('data-series') === k.id)!;
      expect(card.querySelector('[data-testid=history-value]')!.textContent.replace('分', ''), k.id).toBe(kpiValueText(k, zh));
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
    const detail = snapshotFromEvents(floorScenario({ now: NOW }).events, NOW, { detail: true });
    const el = await mount(
      Object.assign(document.createElement('wb-target-history'), {
        buckets: seriesOf(detail.intraday, 'vip'),
        queue: 'vip',
        kpis: detail.kpis,
        nowTs: NOW,
        i18n: createI18n('en'),
      }),
    );
    expect([...shadow(el).querySelectorAll('.card')].map((c) => c.getAttribute('data-series'))).toEqual(['vipConnect', 'serviceLevel']);
    const sl = shadow(el).querySelector('.card[data-series=serviceLevel] wb-target-chart') as LitElement;
    await sl.updateComplete;
    expect(text(sl, '.target-label')).toBe('80%');
    expect(text(el, '.card[data-series=serviceLevel] [data-testid=history-value]')).toBe(
      createI18n('en').percent(detail.queues.find((q) => q.id === 'vip')!.serviceLevel),
    );
  });

  it('counts exits as not connected when it recomputes the connect rates and the service level, ending where the server does', async () => {
    const events = [...floorScenario({ now: NOW }).events, ...exitEvents(NOW, 12)];
    const all = snapshotFromEvents(events, NOW);
    expect(all.totals.exited).toBe(24);
    const el = await mount(
      Object.assign(document.createElement('wb-target-history'), { buckets: seriesOf(all.intraday, null), kpis: all.kpis, nowTs: NOW, i18n: createI18n('en') }),
    );
    const value = (id: string) => text(el, `.card[data-series=${id}] [data-testid=history-value]`);
    const en = createI18n('en');
    for (const id of ['agentConnect', 'vipConnect'] as const)
      expect(value(id), id).toBe(
        kpiValueText(
          all.kpis.find((k) => k.id === id)!,
          en,
        ),
      );
    expect(value('serviceLevel')).toBe(en.percent(all.totals.serviceLevel));
    // Without the exits the floor would look better connected than it is.
    expect(all.totals.agentConnectRate!).toBeLessThan(snapshotFromEvents(floorScenario({ now: NOW }).events, NOW).totals.agentConnectRate!);
  });
});
