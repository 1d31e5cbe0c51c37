// @vitest-environment happy-dom
// A KPI on a dial, fed a real snapshot's KPI.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LitElement } from 'lit';
import type { Snapshot } from '../../../server/contract/snapshot.js';
import { floorScenario } from '../../../test/support/floor-scenario.js';
import { snapshotFromEvents } from '../../../test/support/snapshot-from-events.js';
import { mount, shadow, text } from '../../testing/dom.js';
import './wb-kpi-gauge.js';

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);

let snapshot: Snapshot;

beforeAll(() => {
  snapshot = snapshotFromEvents(floorScenario({ now: NOW }).events, NOW);
});

afterEach(() => document.body.replaceChildren());

describe('wb-kpi-gauge', () => {
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
});
