// The model's building blocks: seeded draws, distributions, the agenda, the call router, the
// arrival process and the live-mode clock mapping.
import { describe, expect, it } from 'vitest';
import { maxRate, nextArrival, profileWeight, type ArrivalPlan } from '../../simulator/model/arrival-profile.js';
import { lognormal, mean, sample, exponential, uniform, never, validateDistribution } from '../../simulator/model/distributions.js';
import { EventHeap } from '../../simulator/model/event-heap.js';
import { createLocalClock } from '../../simulator/model/local-clock.js';
import { createRandomStreams } from '../../simulator/model/random.js';
import { apportion, staffShifts } from '../../simulator/model/roster.js';
import { Router } from '../../simulator/model/router.js';
import { livePacing, retime } from '../../simulator/pacing.js';

const stats = (xs: number[]) => {
  const m = xs.reduce((s, x) => s + x, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1));
  return { m, sd };
};

describe('random streams', () => {
  it('are reproducible per seed and independent per stream', () => {
    const a = createRandomStreams(5);
    const b = createRandomStreams(5);
    const draws = (r: typeof a.callers) => Array.from({ length: 5 }, () => r.next());
    expect(draws(a.callers)).toEqual(draws(b.callers));
    // Drawing from one stream does not move another.
    draws(a.feed);
    expect(draws(a.arrivals)).toEqual(draws(b.arrivals));
    expect(draws(createRandomStreams(6).callers)).not.toEqual(draws(createRandomStreams(5).callers));
  });

  it('draw uniforms in [0, 1) with the right mean and weighted picks in proportion', () => {
    const r = createRandomStreams(1).callers;
    const xs = Array.from({ length: 50_000 }, () => r.next());
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(stats(xs).m).toBeCloseTo(0.5, 2);
    const counts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 30_000; i++) counts[r.weighted({ a: 1, b: 2, c: 0 })]++;
    expect(counts.c).toBe(0);
    expect(counts.b / counts.a).toBeGreaterThan(1.85);
    expect(counts.b / counts.a).toBeLessThan(2.15);
  });
});

describe('distributions', () => {
  const r = createRandomStreams(2).agents;
  it.each([
    ['exponential', exponential(180_000), 1],
    ['lognormal cv 0.8', lognormal(180_000, 0.8), 0.8],
    ['lognormal cv 0.3', lognormal(4_000, 0.3), 0.3],
  ] as const)('%s has the configured mean and coefficient of variation', (_name, distribution, cv) => {
    const { m, sd } = stats(Array.from({ length: 40_000 }, () => sample(distribution, r)));
    expect(m / mean(distribution)).toBeGreaterThan(0.97);
    expect(m / mean(distribution)).toBeLessThan(1.03);
    expect(sd / m).toBeGreaterThan(cv * 0.93);
    expect(sd / m).toBeLessThan(cv * 1.07);
  });

  it('never happens for infinite patience, and rejects bad figures with the field name', () => {
    expect(sample(never, r)).toBe(Number.POSITIVE_INFINITY);
    expect(sample(uniform(5, 5), r)).toBe(5);
    expect(() => validateDistribution('talkMs', lognormal(-1, 1))).toThrow(/talkMs: meanMs/);
    expect(() => validateDistribution('acwMs', uniform(5, 1))).toThrow(/acwMs/);
  });
});

describe('the agenda', () => {
  it('pops by time, and in scheduling order at equal times', () => {
    const heap = new EventHeap<string>();
    const r = createRandomStreams(3).callers;
    const times = Array.from({ length: 500 }, () => Math.floor(r.next() * 50));
    times.forEach((ts, i) => heap.push(ts, `${ts}:${i}`));
    const out: string[] = [];
    for (let e = heap.pop(); e; e = heap.pop()) out.push(e.item);
    const expected = times
      .map((ts, i) => ({ ts, i }))
      .sort((a, b) => a.ts - b.ts || a.i - b.i)
      .map(({ ts, i }) => `${ts}:${i}`);
    expect(out).toEqual(expected);
  });
});

describe('routing', () => {
  interface Call {
    id: string;
    vipTier: boolean;
    queuedTs: number;
    waiting: boolean;
  }
  interface Agent {
    id: string;
    skills: string[];
    vip: boolean;
  }
  const call = (id: string, vipTier: boolean, queuedTs: number): Call => ({ id, vipTier, queuedTs, waiting: false });

  it('gives a VIP seat the VIP caller first, and a regular seat the longest waiting', () => {
    const router = new Router<Call, Agent>(['billing']);
    expect(router.enqueue(call('std-early', false, 1), 'billing')).toBeUndefined();
    expect(router.enqueue(call('vip-late', true, 5), 'billing')).toBeUndefined();
    expect(router.enqueue(call('std-late', false, 6), 'billing')).toBeUndefined();
    expect(router.waiting()).toBe(3);
    expect(router.agentFree({ id: 'a1', skills: ['billing'], vip: true })?.call.id).toBe('vip-late');
    expect(router.agentFree({ id: 'a2', skills: ['billing'], vip: false })?.call.id).toBe('std-early');
    expect(router.waiting('billing')).toBe(1);
  });

  it('hands a new caller to the longest-idle agent, VIP callers to VIP seats first', () => {
    const router = new Router<Call, Agent>(['billing', 'vip']);
    const regular1 = { id: 'a1', skills: ['billing'], vip: false };
    const regular2 = { id: 'a2', skills: ['billing'], vip: false };
    const seat = { id: 'a3', skills: ['vip', 'billing'], vip: true };
    for (const agent of [regular1, seat, regular2]) expect(router.agentFree(agent)).toBeUndefined();
    expect(router.enqueue(call('c1', false, 1), 'billing')).toBe(regular1);
    expect(router.enqueue(call('c2', true, 2), 'billing')).toBe(seat);
    expect(router.enqueue(call('c3', false, 3), 'billing')).toBe(regular2);
    expect(router.enqueue(call('c4', false, 4), 'billing')).toBeUndefined();
  });

  it('forgets callers who hung up', () => {
    const router = new Router<Call, Agent>(['tech']);
    const gone = call('gone', false, 1);
    router.enqueue(gone, 'tech');
    router.enqueue(call('stays', false, 2), 'tech');
    router.leave(gone, 'tech');
    expect(router.waiting('tech')).toBe(1);
    expect(router.agentFree({ id: 'a1', skills: ['tech'], vip: false })?.call.id).toBe('stays');
  });
});

describe('arrivals', () => {
  const clock = createLocalClock('Asia/Shanghai');
  const midnight = Date.parse('2025-06-02T00:00:00+08:00');

  it('follow the profile: counts per hour match the rate integrated over the hour', () => {
    const plan: ArrivalPlan = { peakRatePerSec: 2, profile: 'hotline', surges: [] };
    const r = createRandomStreams(4).arrivals;
    const perHour = new Array<number>(24).fill(0);
    for (let ts = nextArrival(plan, clock, r, midnight, midnight); ts < midnight + 86_400_000; ts = nextArrival(plan, clock, r, ts, midnight)) {
      perHour[Math.floor((ts - midnight) / 3_600_000)]!++;
    }
    for (const hour of [3, 10, 15, 21]) {
      let expected = 0;
      for (let m = 0; m < 60; m++) expected += plan.peakRatePerSec * 60 * profileWeight('hotline', hour * 60 + m + 0.5);
      // Poisson: sd = sqrt(expected) ≈ 40–85 here; 4 sd.
      expect(Math.abs(perHour[hour]! - expected)).toBeLessThan(4 * Math.sqrt(expected));
    }
  });

  it('apply surge windows relative to the anchor', () => {
    const plan: ArrivalPlan = { peakRatePerSec: 1, profile: 'flat', surges: [{ fromMs: 600_000, toMs: 1_200_000, value: 3 }] };
    expect(maxRate(plan)).toBe(3);
    const r = createRandomStreams(5).arrivals;
    const counts = [0, 0];
    for (let ts = nextArrival(plan, clock, r, midnight, midnight); ts < midnight + 1_200_000; ts = nextArrival(plan, clock, r, ts, midnight)) {
      counts[ts < midnight + 600_000 ? 0 : 1]!++;
    }
    expect(counts[1]! / counts[0]!).toBeGreaterThan(2.6);
    expect(counts[1]! / counts[0]!).toBeLessThan(3.4);
  });

  it('read the local time of day in the configured zone', () => {
    expect(clock.minuteOfDay(Date.parse('2025-06-02T10:30:00+08:00'))).toBe(630);
    expect(createLocalClock('Europe/Paris').minuteOfDay(Date.parse('2025-06-02T10:30:00+02:00'))).toBe(630);
    expect(() => createLocalClock('Mars/Olympus')).toThrow(/Mars\/Olympus/);
  });
});

describe('roster', () => {
  it('splits seats by share and staffs every hour of the day', () => {
    const seats = apportion(10, { billing: 0.5, tech: 0.3, mobile: 0.2 });
    expect(seats.filter((s) => s === 'billing')).toHaveLength(5);
    expect(seats.filter((s) => s === 'mobile')).toHaveLength(2);
    const demand = Array.from({ length: 24 }, (_, h) => (h >= 8 && h < 20 ? 10 : 2));
    const starts = staffShifts(12, demand);
    const coverage = new Array<number>(24).fill(0);
    for (const s of starts) for (let h = 0; h < 9; h++) coverage[(s + h) % 24]!++;
    expect(Math.min(...coverage)).toBeGreaterThanOrEqual(1);
    expect(coverage[12]!).toBeGreaterThan(coverage[3]!);
  });
});

describe('live pacing', () => {
  it('maps model time to wall time at the given speed, and re-times events and deadlines', () => {
    const pacing = livePacing(1_000_000, 10);
    expect(pacing.toWall(1_000_000 + 60_000)).toBe(1_006_000);
    expect(pacing.toModel(1_006_000)).toBe(1_060_000);
    const entry = retime(
      { kind: 'event', dueTs: 1_060_000, event: { type: 'complaint.opened', ts: 1_060_000, complaintId: 'k1', dueTs: 1_060_000 + 3_600_000 }, defect: null },
      pacing,
    );
    expect(entry).toEqual({ kind: 'event', event: { type: 'complaint.opened', ts: 1_006_000, complaintId: 'k1', dueTs: 1_366_000 } });
    const raw = retime({ kind: 'raw', dueTs: 1_060_000, fields: { v: '1', type: 'x', ts: 'yesterday' }, defect: 'bad-number' }, pacing);
    expect(raw).toEqual({ kind: 'raw', fields: { v: '1', type: 'x', ts: 'yesterday' } });
    expect(() => livePacing(0, 0)).toThrow(/speed/);
  });
});
