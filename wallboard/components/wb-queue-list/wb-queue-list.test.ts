// @vitest-environment happy-dom
// The tablet's queue list costs only what changed: a delta re-renders the cards of the queues it
// touched, and a tick of the clock only the cards in sight that show a growing wait.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QueueStats } from '../../../server/contract/snapshot.js';
import { floorScenario } from '../../../test/support/floor-scenario.js';
import { snapshotFromEvents } from '../../../test/support/snapshot-from-events.js';
import { createI18n } from '../../i18n/i18n.js';
import { ClockSource } from '../../store/clock-source.js';
import { mount, shadow } from '../../testing/dom.js';
import { WbQueueCard } from './wb-queue-card.js';
import './wb-queue-list.js';

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);
const QUEUES = Array.from({ length: 50 }, (_, i) => `q${String(i + 1).padStart(2, '0')}`);

let queues: QueueStats[];
const renders = new Map<string, number>();

beforeAll(() => {
  queues = snapshotFromEvents(floorScenario({ now: NOW, queues: QUEUES, agentsPerQueue: 2 }).events, NOW).queues;
  // Counts each card's renders by the queue it shows.
  const render = WbQueueCard.prototype.render;
  WbQueueCard.prototype.render = function (this: WbQueueCard) {
    renders.set(this.queue.id, (renders.get(this.queue.id) ?? 0) + 1);
    return render.call(this);
  };
});

afterEach(() => document.body.replaceChildren());

/** A clock moved by hand: `tick()` fires the next 1 s boundary. */
function manualClock() {
  let now = NOW;
  let timer: (() => void) | null = null;
  const clock = new ClockSource({ now: () => now, setTimer: (fn) => (timer = fn), clearTimer: () => (timer = null) });
  const tick = () => {
    now += 1000;
    const fire = timer;
    timer = null;
    fire?.();
  };
  return { clock, tick };
}

async function settled(list: HTMLElement & { updateComplete: Promise<boolean> }) {
  await list.updateComplete;
  await Promise.all([...shadow(list).querySelectorAll('wb-queue-card')].map((c) => c.updateComplete));
}

const card = (list: Element, id: string) => shadow(list).querySelector<WbQueueCard>(`wb-queue-card:has(> button[data-queue="${id}"])`)!;

describe('wb-queue-list', () => {
  it('re-renders only the card of the queue a delta changed, and the cards whose selection changed', async () => {
    const { clock } = manualClock();
    const list = await mount(Object.assign(document.createElement('wb-queue-list'), { queues, clock, i18n: createI18n('en') }));
    await settled(list);
    expect(renders.size).toBe(50);
    renders.clear();

    // As applyDelta does: the touched queue is a new object, the others the same ones.
    list.queues = queues.map((q) => (q.id === 'q07' ? { ...q, waiting: 42 } : q));
    await settled(list);
    expect([...renders]).toEqual([['q07', 1]]);
    expect(card(list, 'q07').querySelector('.waiting')!.textContent).toContain('42');

    renders.clear();
    list.selected = 'q12';
    await settled(list);
    expect([...renders]).toEqual([['q12', 1]]);
    expect(card(list, 'q12').querySelector('button')!.getAttribute('aria-pressed')).toBe('true');
  });

  it('ticks only the cards in sight that show a wait, and catches a card up when it comes back into sight', async () => {
    const { clock, tick } = manualClock();
    const waitingSince = NOW - 5_000;
    const shown = queues.map((q, i) => ({ ...q, oldestQueuedTs: i < 3 ? waitingSince : null }));
    const list = await mount(Object.assign(document.createElement('wb-queue-list'), { queues: shown, clock, i18n: createI18n('en') }));
    await settled(list);
    const [first, second] = [card(list, 'q01'), card(list, 'q02')];
    second.setInSight(false);
    await settled(list);
    renders.clear();

    tick();
    await settled(list);
    // q01 and q03 wait and are in sight; q02 waits out of sight; the other 47 show no wait.
    expect([...renders.keys()].sort()).toEqual(['q01', 'q03']);
    expect(first.querySelector('.long')!.textContent).toContain('0:06');
    expect(second.querySelector('.long')!.textContent).toContain('0:05');

    renders.clear();
    second.setInSight(true);
    await settled(list);
    expect([...renders.keys()]).toEqual(['q02']);
    expect(second.querySelector('.long')!.textContent).toContain('0:06');
  });

  it('emits the tapped queue, and null when the selected one is tapped again', async () => {
    const list = await mount(Object.assign(document.createElement('wb-queue-list'), { queues, selected: 'q03' }));
    await settled(list);
    const picked: (string | null)[] = [];
    list.addEventListener('wb-queue-select', (e) => picked.push((e as CustomEvent<{ queue: string | null }>).detail.queue));
    for (const id of ['q05', 'q03']) shadow(list).querySelector<HTMLElement>(`button[data-queue="${id}"]`)!.click();
    expect(picked).toEqual(['q05', null]);
  });
});
