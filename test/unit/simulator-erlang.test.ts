// The queueing formulas, and the model checked against them at steady state.
//
// Tolerance: the run is seeded, so the figures below are fixed numbers, not a coin toss each
// time; what the tolerance must justify is that a correct model lands inside it and a wrong
// one does not. The standard error comes from batch means (20 consecutive batches of about
// 5,000 calls each; a batch spans ~600 mean handle times, far longer than the queue's
// relaxation time, so batch means are close to independent). A correct model is within
// 4 standard errors with probability > 99.99 %; the test also demands that the standard error
// be small (< 0.01), so the band stays tight, and shows that it excludes the formula for one
// agent more or fewer, i.e. that it can tell a wrong model from a right one.
import { describe, expect, it } from 'vitest';
import { createCallCentre } from '../../simulator/model/call-centre.js';
import { erlangAFigures, erlangB, erlangC, erlangCFigures, agentsForServiceLevel } from '../../server/core/erlang.js';
import { createQueueCheck, expectedFigures, type MeasuredFigures } from '../../simulator/model/queue-check.js';
import type { ModelConfig } from '../../simulator/model/model-config.js';
import { erlangAConfig, mmnConfig } from '../../simulator/scenarios/queueing-models.js';

const START = Date.parse('2025-06-02T00:00:00+08:00');

describe('Erlang formulas', () => {
  it('match published Erlang B and C values', () => {
    // Erlang B(10, 8) = 0.1217 and C(10, 8) = 0.4092 (standard tables).
    expect(erlangB(10, 8)).toBeCloseTo(0.12166, 4);
    expect(erlangC(10, 8)).toBeCloseTo(0.40918, 4);
    expect(erlangC(1, 0.5)).toBeCloseTo(0.5, 10); // M/M/1: P(wait) = ρ
    expect(erlangC(5, 5)).toBe(1);
  });

  it('give the M/M/1 waiting time: ASA = ρ / (μ − λ)', () => {
    const f = erlangCFigures({ servers: 1, arrivalRatePerSec: 0.5, meanHandleMs: 1000, thresholdMs: 1000 });
    expect(f.asaMs).toBeCloseTo(1000, 6);
    expect(f.serviceLevel).toBeCloseTo(1 - 0.5 * Math.exp(-0.5), 10);
  });

  it('Erlang A tends to Erlang C as patience grows', () => {
    const input = { servers: 10, arrivalRatePerSec: 8 / 180, meanHandleMs: 180_000, thresholdMs: 20_000 };
    const c = erlangCFigures(input);
    const a = erlangAFigures({ ...input, meanPatienceMs: 1e10 });
    expect(a.waitProbability).toBeCloseTo(c.waitProbability, 4);
    expect(a.serviceLevel).toBeCloseTo(c.serviceLevel, 4);
    expect(a.abandonRate).toBeLessThan(1e-4);
  });

  it('Erlang A with patience equal to handle time is M/M/∞: waiting is the Poisson tail', () => {
    // With θ = μ the number in system is Poisson(A) whatever N, and P(wait) = P(X ≥ N).
    const load = 8;
    const servers = 10;
    let cdf = 0;
    let term = Math.exp(-load);
    for (let k = 0; k < servers; k++) {
      cdf += term;
      term *= load / (k + 1);
    }
    const a = erlangAFigures({ servers, arrivalRatePerSec: load / 100, meanHandleMs: 100_000, meanPatienceMs: 100_000, thresholdMs: 20_000 });
    expect(a.waitProbability).toBeCloseTo(1 - cdf, 8);
    // Every queued caller is either answered or abandons: SL ≤ 1 − abandon rate.
    expect(a.serviceLevel).toBeLessThanOrEqual(1 - a.abandonRate + 1e-9);
  });

  it('sizes a group for 80/20', () => {
    const n = agentsForServiceLevel({ arrivalRatePerSec: 8 / 180, meanHandleMs: 180_000, thresholdMs: 20_000 }, 0.8);
    const at = (servers: number) => erlangCFigures({ servers, arrivalRatePerSec: 8 / 180, meanHandleMs: 180_000, thresholdMs: 20_000 }).serviceLevel;
    expect(at(n)).toBeGreaterThanOrEqual(0.8);
    expect(at(n - 1)).toBeLessThan(0.8);
  });
});

/** Runs the model until `calls` calls have arrived; the first 5 % are warm-up. */
function steadyState(config: ModelConfig, calls: number, seed: number): MeasuredFigures {
  const spanMs = (calls / config.arrivals.peakRatePerSec) * 1000;
  const model = createCallCentre({ config, seed, startTs: START });
  const check = createQueueCheck({ fromTs: START + spanMs * 0.05, thresholdMs: 20_000 });
  for (let event = model.next(); event && event.ts <= START + spanMs; event = model.next()) check.observe(event);
  return check.result();
}

const within = (measured: number, expected: number, se: number) => Math.abs(measured - expected) <= 4 * se;

describe('the model at steady state', () => {
  it('mmn: waiting probability and service level match Erlang C (10 agents, 8 Erlangs)', () => {
    const config = mmnConfig({ agents: 10, arrivalRate: { kind: 'flat', perSec: 8 / 180 }, ahtMs: 180_000 });
    const expected = expectedFigures(config, 'erlang-c');
    const measured = steadyState(config, 120_000, 7);
    const se = measured.standardError!;
    expect(measured.calls).toBeGreaterThan(100_000);
    expect(se.waitProbability).toBeLessThan(0.01);
    expect(se.serviceLevel).toBeLessThan(0.01);
    expect(within(measured.waitProbability, expected.waitProbability, se.waitProbability)).toBe(true);
    expect(within(measured.serviceLevel, expected.serviceLevel, se.serviceLevel)).toBe(true);
    expect(measured.abandonRate).toBe(0);
    expect(measured.asaMs! / expected.asaMs!).toBeGreaterThan(0.9);
    expect(measured.asaMs! / expected.asaMs!).toBeLessThan(1.1);
    // The band is narrow enough to reject the formula for 9 or 11 agents.
    for (const servers of [9, 11]) {
      const wrong = expectedFigures(mmnConfig({ agents: servers, arrivalRate: { kind: 'flat', perSec: 8 / 180 }, ahtMs: 180_000 }), 'erlang-c');
      expect(within(measured.waitProbability, wrong.waitProbability, se.waitProbability)).toBe(false);
    }
  });

  it('erlang-a: waiting, service level and abandonment match Erlang A (10 agents, 10 Erlangs, patience = AHT)', () => {
    const overrides = { agents: 10, arrivalRate: { kind: 'flat', perSec: 10 / 180 } as const, ahtMs: 180_000, patienceMs: 180_000 };
    const config = erlangAConfig(overrides);
    const expected = expectedFigures(config, 'erlang-a');
    const measured = steadyState(config, 120_000, 11);
    const se = measured.standardError!;
    expect(se.waitProbability).toBeLessThan(0.01);
    expect(se.abandonRate).toBeLessThan(0.01);
    expect(within(measured.waitProbability, expected.waitProbability, se.waitProbability)).toBe(true);
    expect(within(measured.serviceLevel, expected.serviceLevel, se.serviceLevel)).toBe(true);
    expect(within(measured.abandonRate, expected.abandonRate, se.abandonRate)).toBe(true);
    for (const servers of [9, 11]) {
      const wrong = expectedFigures(erlangAConfig({ ...overrides, agents: servers }), 'erlang-a');
      expect(within(measured.abandonRate, wrong.abandonRate, se.abandonRate)).toBe(false);
    }
  });
});
