// Checks a run against queueing theory, measuring from the contract events themselves (the
// same events the server aggregates): a call's wait runs from its call.queued to its
// call.answered or call.abandoned. Calls queued during the warm-up are left out, so the
// empty-floor start does not bias the steady state; batch means give the standard error.
import type { EventInput } from '../../server/core/events.js';
import { mean } from './distributions.js';
import { erlangAFigures, erlangCFigures, type QueueingFigures } from '../../server/core/erlang.js';
import type { ModelConfig } from './model-config.js';

export interface MeasuredFigures {
  /** Calls queued after the warm-up that were answered or abandoned by the end. */
  calls: number;
  waitProbability: number;
  serviceLevel: number;
  abandonRate: number;
  asaMs: number | null;
  /** Standard errors of the three rates, from batch means (null with too few calls). */
  standardError: { waitProbability: number; serviceLevel: number; abandonRate: number } | null;
}

export interface QueueCheckOptions {
  /** Calls queued before this model time are warm-up. */
  fromTs: number;
  /** Service-level threshold. @default 20000 */
  thresholdMs?: number;
  /** Batches for the batch-means standard error. @default 20 */
  batches?: number;
}

export interface QueueCheck {
  observe(event: EventInput): void;
  result(): MeasuredFigures;
}

/** One settled call: wait in ms, and whether it was answered. */
interface Outcome {
  waitMs: number;
  answered: boolean;
}

export function createQueueCheck(options: QueueCheckOptions): QueueCheck {
  const thresholdMs = options.thresholdMs ?? 20_000;
  const batches = options.batches ?? 20;
  const queuedAt = new Map<string, number>();
  // Outcomes in order of queueing, so batches are consecutive stretches of time.
  const order: string[] = [];
  const outcomes = new Map<string, Outcome>();

  return {
    observe(event) {
      // Only queueings and their outcomes matter to the queueing formulas.
      if (event.type === 'call.queued') {
        if (event.ts >= options.fromTs) {
          queuedAt.set(event.callId, event.ts);
          order.push(event.callId);
        }
      } else if (event.type === 'call.answered' || event.type === 'call.abandoned') {
        const since = queuedAt.get(event.callId);
        if (since === undefined) return;
        queuedAt.delete(event.callId);
        outcomes.set(event.callId, { waitMs: event.ts - since, answered: event.type === 'call.answered' });
      }
    },
    result() {
      const settled = order.map((id) => outcomes.get(id)).filter((o): o is Outcome => o !== undefined);
      const all = figures(settled, thresholdMs);
      const size = Math.floor(settled.length / batches);
      let standardError: MeasuredFigures['standardError'] = null;
      if (size >= 50) {
        const parts = Array.from({ length: batches }, (_, b) => figures(settled.slice(b * size, (b + 1) * size), thresholdMs));
        const se = (pick: (f: ReturnType<typeof figures>) => number) => standardErrorOf(parts.map(pick));
        standardError = { waitProbability: se((f) => f.waitProbability), serviceLevel: se((f) => f.serviceLevel), abandonRate: se((f) => f.abandonRate) };
      }
      return { calls: settled.length, ...all, standardError };
    },
  };
}

function figures(outcomes: Outcome[], thresholdMs: number) {
  let waited = 0;
  let within = 0;
  let answered = 0;
  let answeredWait = 0;
  for (const o of outcomes) {
    if (o.waitMs > 0) waited++;
    if (o.answered) {
      answered++;
      answeredWait += o.waitMs;
      if (o.waitMs <= thresholdMs) within++;
    }
  }
  const n = Math.max(1, outcomes.length);
  return {
    waitProbability: waited / n,
    serviceLevel: within / n,
    abandonRate: (outcomes.length - answered) / n,
    asaMs: answered > 0 ? answeredWait / answered : null,
  };
}

function standardErrorOf(values: number[]): number {
  const m = values.reduce((s, v) => s + v, 0) / values.length;
  const variance = values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance / values.length);
}

/** What Erlang C or A predicts for a queueing-model config (flat rate, everyone on duty). */
export function expectedFigures(config: ModelConfig, formula: 'erlang-c' | 'erlang-a', thresholdMs = 20_000): QueueingFigures {
  if (config.arrivals.profile !== 'flat' || config.arrivals.surges.length > 0) throw new RangeError('the formulas need a flat arrival rate');
  if (config.talkMs.kind !== 'exponential') throw new RangeError('the formulas need exponential handle times');
  const input = {
    servers: config.roster.count,
    arrivalRatePerSec: config.arrivals.peakRatePerSec,
    meanHandleMs: mean(config.talkMs),
    thresholdMs,
  };
  switch (formula) {
    case 'erlang-c':
      return erlangCFigures(input);
    case 'erlang-a': {
      if (config.patienceMs.kind !== 'exponential') throw new RangeError('Erlang A needs exponential patience');
      return erlangAFigures({ ...input, meanPatienceMs: mean(config.patienceMs) });
    }
    default: {
      const unknown: never = formula;
      throw new Error(`unknown formula ${String(unknown)}`);
    }
  }
}
