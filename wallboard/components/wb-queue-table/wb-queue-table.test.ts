// @vitest-environment happy-dom
// Queues per page, turning with server time on a clock the test moves by hand; and weeks on a kiosk,
// where turning pages must not leave nodes behind.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QueueStats } from '../../../server/contract/snapshot.js';
import type { Snapshot } from '../../../server/contract/snapshot.js';
import { floorScenario } from '../../../test/support/floor-scenario.js';
import { snapshotFromEvents } from '../../../test/support/snapshot-from-events.js';
import { createI18n } from '../../i18n/i18n.js';
import { ClockSource } from '../../store/clock-source.js';
import { countNodes, mount, shadow, text } from '../../testing/dom.js';
import { manualClock } from '../../testing/manual-clock.js';
import './wb-queue-table.js';

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);

let snapshot: Snapshot;

beforeAll(() => {
  snapshot = snapshotFromEvents(floorScenario({ now: NOW }).events, NOW);
});

afterEach(() => document.body.replaceChildren());

const queue = (i: number, waiting: number): QueueStats => ({
  id: `q${String(i).padStart(2, '0')}`,
  waiting,
  longestWaitMs: 0,
  queued: 10,
  answered: 8,
  abandoned: 1,
  exited: 0,
  agentConnectRate: 0.9,
  serviceLevel: 0.8,
  asaMs: 5000,
  oldestQueuedTs: waiting > 0 ? 1_000_000 - 30_000 * i : null,
  shortAbandoned: 0,
  expired: 0,
  vipWaiting: 0,
  window15m: { offered: 1, answered: 1, abandoned: 0, exited: 0, serviceLevel: 1, asaMs: 1, agentConnectRate: 1 },
  agents: { available: 1, ringing: 0, talking: 2, hold: 0, acw: 0, paused: 0, offline: 0 },
});

describe('wb-queue-table', () => {
  it('judges each queue’s longest wait by its own service-level threshold, else the floor’s', async () => {
    const { clock } = manualClock(1_000_000);
    // Both have waited 30 s (queue 1): 15 s is at risk past its own 15 s; 20 s of the floor's, too; 60 s of its own, not yet.
    const own15 = { ...queue(1, 1), id: 'fast', thresholds: { serviceLevelMs: 15_000, serviceLevelTarget: 0.8, shortAbandonMs: 0 } };
    const own60 = { ...queue(1, 1), id: 'slow', thresholds: { serviceLevelMs: 60_000, serviceLevelTarget: 0.8, shortAbandonMs: 0 } };
    const floor = { ...queue(1, 1), id: 'floor' };
    const el = await mount(Object.assign(document.createElement('wb-queue-table'), { queues: [own15, own60, floor], clock, thresholdMs: 20_000, rows: 6 }));
    const statusOf = (id: string) => [...shadow(el).querySelector(`.row[data-queue=${id}]`)!.classList].find((c) => c.startsWith('status-'));
    expect([statusOf('fast'), statusOf('slow'), statusOf('floor')]).toEqual(['status-atRisk', 'status-none', 'status-atRisk']);
  });

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

  it('wb-queue-table keeps the same number of nodes however many pages it turns', async () => {
    let now = 1_000_000;
    let fire: (() => void) | null = null;
    const clock = new ClockSource({ now: () => now, setTimer: (fn) => (fire = fn), clearTimer: () => (fire = null) });
    const el = Object.assign(document.createElement('wb-queue-table'), {
      clock,
      rows: 9,
      rotateMs: 15_000,
      queues: Array.from({ length: 50 }, (_, i) => queue(i, i % 3)),
    });
    document.body.append(el);
    await el.updateComplete;
    const counts: number[] = [];
    for (let step = 0; step < 240; step++) {
      now += 1000;
      const f = fire as (() => void) | null;
      fire = null;
      f?.();
      if (step % 5 === 0) el.queues = Array.from({ length: 50 }, (_, i) => queue(i, (i + step) % 4));
      await el.updateComplete;
      if (step % 60 === 59) counts.push(countNodes(el.shadowRoot!));
    }
    expect(new Set(counts).size, counts.join(',')).toBe(1);
    el.remove();
  });

  it('marks a queue short of agents with "+N needed" / "缺 N 人" and its mark, and says nothing where the queue has enough', async () => {
    const staffing = {
      needed: 7,
      onQueue: 4,
      arrivalsPerHour: 120,
      meanHandleMs: 180_000,
      patienceMs: null,
      model: 'erlangC' as const,
      predictedServiceLevel: 0.83,
      capped: false,
    };
    const queues = [
      { ...queue(1, 3), staffing },
      { ...queue(2, 0), staffing: { ...staffing, onQueue: 7 } },
      { ...queue(3, 0), staffing: null },
      queue(4, 0), // a server without the hint
    ];
    const { clock } = manualClock(NOW);
    for (const [lang, words] of [
      ['zh-CN', '缺 3 人'],
      ['en', '+3 needed'],
    ] as const) {
      const el = await mount(Object.assign(document.createElement('wb-queue-table'), { queues, clock, rows: 8, i18n: createI18n(lang) }));
      const badges = [...shadow(el).querySelectorAll('[data-testid="staffing-short"]')];
      expect(badges.map((b) => b.closest('.row')!.getAttribute('data-queue'))).toEqual(['q01']);
      expect(badges[0]!.textContent.replace(/\s+/g, ' ').trim()).toBe(words);
      // Not colour alone: a shape beside the words, and the words for a screen reader.
      expect(badges[0]!.querySelector('svg')).not.toBeNull();
      expect(badges[0]!.getAttribute('aria-label')).toContain('3');
      el.remove();
    }
  });
});
