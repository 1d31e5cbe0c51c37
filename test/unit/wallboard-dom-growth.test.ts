// @vitest-environment happy-dom
// Weeks on a kiosk: turning pages and ticking clocks must not leave nodes behind.
import { describe, expect, it } from 'vitest';
import type { QueueStats } from '../../server/contract/snapshot.js';
import { ClockSource } from '../../wallboard/store/clock-source.js';
import '../../wallboard/components/wb-hold-board/wb-hold-board.js';
import '../../wallboard/components/wb-queue-table/wb-queue-table.js';
import type { HeldCall } from '../../server/contract/snapshot.js';

function countNodes(root: Node): number {
  let n = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) n += 1;
  return n;
}

const queue = (i: number, waiting: number): QueueStats => ({
  id: `q${String(i).padStart(2, '0')}`,
  waiting,
  longestWaitMs: 0,
  queued: 10,
  answered: 8,
  abandoned: 1,
  agentConnectRate: 0.9,
  serviceLevel: 0.8,
  asaMs: 5000,
  oldestQueuedTs: waiting > 0 ? 1_000_000 - 30_000 * i : null,
  shortAbandoned: 0,
  expired: 0,
  vipWaiting: 0,
  window15m: { offered: 1, answered: 1, abandoned: 0, serviceLevel: 1, asaMs: 1, agentConnectRate: 1 },
  agents: { available: 1, ringing: 0, talking: 2, hold: 0, acw: 0, paused: 0, offline: 0 },
});

describe('DOM growth', () => {
  it('wb-queue-table keeps the same number of nodes however many pages it turns', async () => {
    let now = 1_000_000;
    let fire: (() => void) | null = null;
    const clock = new ClockSource({ now: () => now, setTimer: (fn) => (fire = fn), clearTimer: () => (fire = null) });
    const el = Object.assign(document.createElement('wb-queue-table'), { clock, rows: 9, rotateMs: 15_000, queues: Array.from({ length: 50 }, (_, i) => queue(i, i % 3)) });
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
        tier: (i % 3 === 0 ? 'gold' : 'standard') as HeldCall['tier'],
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
