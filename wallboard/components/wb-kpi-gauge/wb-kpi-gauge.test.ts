// @vitest-environment happy-dom
// A KPI on a dial, fed a real snapshot's KPI.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LitElement } from 'lit';
import type { Kpi, Snapshot } from '../../../server/contract/snapshot.js';
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

describe('wb-kpi-gauge redraws', () => {
  /** The changes to the gauge's shadow DOM while `kpi` is set to each reading in turn. */
  async function mutationsFor(readings: Kpi[]): Promise<number> {
    const gauge = await mount(Object.assign(document.createElement('wb-kpi-gauge'), { kpi: readings[0]! }));
    let changes = 0;
    const observer = new MutationObserver((records) => (changes += records.length));
    observer.observe(shadow(gauge), { subtree: true, childList: true, characterData: true, attributes: true });
    for (const kpi of readings.slice(1)) {
      gauge.kpi = kpi;
      await gauge.updateComplete;
    }
    await Promise.resolve();
    observer.disconnect();
    return changes + observer.takeRecords().length;
  }

  it('nothing for a reading that moved only in digits it does not show, and the new figure for one that did', async () => {
    const base = { ...snapshot.kpis.find((k) => k.id === 'agentConnect')!, value: 0.91234, status: 'met' as const };
    expect(await mutationsFor([base, { ...base, value: 0.91236 }, { ...base, value: 0.91231 }])).toBe(0);
    const gauge = await mount(Object.assign(document.createElement('wb-kpi-gauge'), { kpi: base }));
    gauge.kpi = { ...base, value: 0.9251 };
    await gauge.updateComplete;
    expect(text(gauge, '.numeral')).toBe('92.5%');
    // Many small steps that add up to a visible move are drawn: each is held to what is on screen, not to the step before.
    // All of them read 91.3 %, so only the arc tells.
    const start = { ...base, value: 0.91255 };
    const steps = Array.from({ length: 20 }, (_, i) => ({ ...base, value: 0.91255 + (i + 1) * 0.00004 }));
    expect(await mutationsFor([start, ...steps])).toBeGreaterThan(0);
    expect(await mutationsFor([base, { ...base, status: 'atRisk' }])).toBeGreaterThan(0);
  });
});
