// @vitest-environment happy-dom
// A KPI as a big numeral over a bullet bar, fed a real snapshot's KPI.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../server/contract/snapshot.js';
import { floorScenario } from '../../../test/support/floor-scenario.js';
import { snapshotFromEvents } from '../../../test/support/snapshot-from-events.js';
import { createI18n } from '../../i18n/i18n.js';
import { mount, text } from '../../testing/dom.js';
import './wb-kpi-tile.js';

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);

let snapshot: Snapshot;

beforeAll(() => {
  snapshot = snapshotFromEvents(floorScenario({ now: NOW }).events, NOW);
});

afterEach(() => document.body.replaceChildren());

describe('wb-kpi-tile', () => {
  it('show the value against its target in the chosen language', async () => {
    const kpi = snapshot.kpis.find((k) => k.id === 'satisfaction')!;
    const tile = await mount(Object.assign(document.createElement('wb-kpi-tile'), { kpi, i18n: createI18n('en') }));
    expect(text(tile, '.label')).toBe('Satisfaction');
    expect(text(tile, '.value')).toBe(`${createI18n('en').points(kpi.value)}pts`);
    expect(text(tile, '.target-text')).toBe('Target ≥ 85');
  });
});
