// @vitest-environment happy-dom
// Callers on hold with their check countdowns, on a clock the test moves by hand; and weeks on a kiosk,
// where held calls coming, going and re-sorting must not leave nodes behind.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HeldCall } from '../../../server/contract/snapshot.js';
import type { Snapshot } from '../../../server/contract/snapshot.js';
import { encode } from '../../../server/core/events.js';
import { floorScenario } from '../../../test/support/floor-scenario.js';
import { aggregatorOf } from '../../../test/support/snapshot-from-events.js';
import { createI18n } from '../../i18n/i18n.js';
import { ClockSource } from '../../store/clock-source.js';
import { countNodes, mount, shadow, text } from '../../testing/dom.js';
import { manualClock } from '../../testing/manual-clock.js';
import './wb-hold-board.js';

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);

let aggregator: ReturnType<typeof aggregatorOf>;
let snapshot: Snapshot;

beforeAll(() => {
  aggregator = aggregatorOf(floorScenario({ now: NOW }).events);
  snapshot = aggregator.snapshot(NOW);
});

afterEach(() => document.body.replaceChildren());

describe('wb-hold-board', () => {
  it('puts an overdue check on top, marks it, counts up how late it is, and clears it on the check-in', async () => {
    const { clock, advance } = manualClock(NOW);
    const el = await mount(Object.assign(document.createElement('wb-hold-board'), { held: snapshot.held, clock, rows: 10, i18n: createI18n('en') }));
    const rows = () =>
      [...shadow(el).querySelectorAll('.row')].map((r) => ({
        call: r.getAttribute('data-call'),
        state: r.getAttribute('data-state'),
        due: r.querySelector('[data-testid=hold-due]')!.textContent.replace(/\s+/g, ' ').trim(),
      }));
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
    aggregator.applyBatch([
      {
        stream: 'wallboard:events',
        id: `${NOW + 8000}-0`,
        fields: encode({ type: 'call.hold_check', ts: NOW + 8000, callId: 'hold0', agentId: snapshot.held[0]!.agentId }),
      },
    ]);
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

  it('wb-hold-board keeps the same number of nodes while held calls come, go and re-sort', async () => {
    let now = 1_000_000;
    let fire: (() => void) | null = null;
    const clock = new ClockSource({ now: () => now, setTimer: (fn) => (fire = fn), clearTimer: () => (fire = null) });
    const held = (step: number): HeldCall[] =>
      Array.from({ length: 3 + (step % 5) }, (_, i) => ({
        callId: `c${(i * 7 + step) % 11}`,
        agentId: `a${i}`,
        queue: 'billing',
        heldSinceTs: now - 60_000,
        lastCheckTs: now - ((i * 13_000 + step * 3_000) % 45_000),
        nextCheckDueTs: now - ((i * 13_000 + step * 3_000) % 45_000) + 30_000,
        team: 'A',
        agentName: null,
        tier: i % 3 === 0 ? ('gold' as const) : ('standard' as const),
        checksMissed: i % 2,
      })).filter((h, i, all) => all.findIndex((x) => x.callId === h.callId) === i);
    const el = Object.assign(document.createElement('wb-hold-board'), { clock, rows: 20, held: held(0) });
    document.body.append(el);
    await el.updateComplete;
    const counts: number[] = [];
    for (let step = 1; step <= 200; step++) {
      now += 1000;
      const f = fire as (() => void) | null;
      fire = null;
      f?.();
      el.held = held(step % 10);
      await el.updateComplete;
      if (step % 50 === 0) counts.push(countNodes(el.shadowRoot!));
    }
    expect(new Set(counts).size, counts.join(',')).toBe(1);
    el.remove();
  });
});
