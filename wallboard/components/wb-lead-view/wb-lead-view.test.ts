// @vitest-environment happy-dom
// The team lead's tablet fed by the real store over a scripted socket.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../../server/contract/snapshot.js';
import { floorScenario } from '../../../test/support/floor-scenario.js';
import { snapshotFromEvents } from '../../../test/support/snapshot-from-events.js';
import { mount, shadow, text } from '../../testing/dom.js';
import { viewWithStore } from '../../testing/view-with-store.js';
import './wb-lead-view.js';

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);

let snapshot: Snapshot;

beforeAll(() => {
  snapshot = snapshotFromEvents(floorScenario({ now: NOW }).events, NOW);
});

afterEach(() => document.body.replaceChildren());

describe('wb-lead-view', () => {
  it('drills into a tapped queue and re-subscribes when a team is chosen', async () => {
    const { el, socket, store } = viewWithStore('wb-lead-view', '?lang=en', NOW);
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
    const { el, socket, store } = viewWithStore('wb-lead-view', '?team=E组', NOW);
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

  it('offers 20 teams in one select a finger can open, in both languages, and re-subscribes on a choice', async () => {
    const teams = Array.from({ length: 20 }, (_, i) => `${String.fromCharCode(65 + i)}组`);
    for (const [query, all, label] of [
      ['?team=C组', '全部班组', '班组'],
      ['?team=C组&lang=en', 'All teams', 'Team'],
    ] as const) {
      const { el, socket, store } = viewWithStore('wb-lead-view', query, NOW);
      await mount(el);
      store.start();
      socket.fire('snapshot', { seq: 1, view: 'k', snapshot: { ...snapshot, teams } });
      await el.updateComplete;
      expect(shadow(el).querySelectorAll('.teams button')).toHaveLength(0);
      const select = shadow(el).querySelector<HTMLSelectElement>('.teams select')!;
      expect(select.getAttribute('aria-label')).toBe(label);
      expect([...select.options].map((o) => o.textContent)).toEqual([all, ...teams]);
      expect(select.value).toBe('C组');
      select.value = 'T组';
      select.dispatchEvent(new Event('change'));
      expect(socket.emits('subscribe').at(-1)).toEqual([{ team: 'T组', detail: true }]);
      expect(new URL(location.href).searchParams.get('team')).toBe('T组');
      select.value = '';
      select.dispatchEvent(new Event('change'));
      expect(socket.emits('subscribe').at(-1)).toEqual([{ detail: true }]);
      store.stop();
      el.remove();
    }
  });

  it('keeps chips for a few short team names and switches to the select for long ones', async () => {
    const { el, socket, store } = viewWithStore('wb-lead-view', '', NOW);
    await mount(el);
    store.start();
    socket.fire('snapshot', { seq: 1, view: 'k', snapshot: { ...snapshot, teams: ['A组', 'B组', 'C组', 'D组', 'E组', 'F组'] } });
    await el.updateComplete;
    expect(shadow(el).querySelectorAll('.teams button[data-team]')).toHaveLength(6);
    socket.fire('snapshot', { seq: 2, view: 'k', snapshot: { ...snapshot, teams: ['Billing escalations', 'Roaming and travel', 'Mobile broadband'] } });
    await el.updateComplete;
    expect(shadow(el).querySelectorAll('.teams button')).toHaveLength(0);
    expect(shadow(el).querySelectorAll('.teams select option')).toHaveLength(4);
    store.stop();
  });

  it('says under its header what it ignored in its link', async () => {
    const { el } = viewWithStore('wb-lead-view', '?rotate=1', NOW);
    await mount(el);
    expect(text(el, 'wb-screen-header + .warn')).toBe('链接参数无效，已忽略：rotate=1');
    expect(text(el, '.waiting-screen')).toBe('正在连接…');
  });
});
