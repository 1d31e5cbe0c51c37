// Queueing formulas the simulator is checked against, and that size its roster.
// Erlang C is M/M/N (infinitely patient callers); Erlang A is M/M/N+M (exponential patience,
// Palm 1943, Garnett–Mandelbaum–Reiman 2002). Erlang A is solved numerically as a birth–death
// chain, and its service level by integrating the tagged caller's progress through the queue,
// so neither needs special functions.

export interface QueueingFigures {
  /** Probability that a caller who queues does not reach an agent at once (P(wait > 0)). */
  waitProbability: number;
  /** Answered within the threshold / (answered + abandoned), the contract's service level. */
  serviceLevel: number;
  /** Probability that a queued caller abandons. */
  abandonRate: number;
  /** Mean wait of answered calls in ms (Erlang C only; null for Erlang A). */
  asaMs: number | null;
  /** Offered load in Erlangs, λ / μ. */
  offeredLoad: number;
}

export interface QueueingInput {
  servers: number;
  arrivalRatePerSec: number;
  meanHandleMs: number;
  /** Service-level threshold. */
  thresholdMs: number;
}

/** Erlang B: probability that all `servers` are busy in a loss system with `load` Erlangs. */
export function erlangB(servers: number, load: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return b;
}

/** Erlang C: probability of waiting in M/M/N with `load` Erlangs; 1 when load ≥ servers. */
export function erlangC(servers: number, load: number): number {
  if (load >= servers) return 1;
  const b = erlangB(servers, load);
  return (servers * b) / (servers - load * (1 - b));
}

export function erlangCFigures(input: QueueingInput): QueueingFigures {
  const { servers, arrivalRatePerSec, meanHandleMs, thresholdMs } = input;
  const mu = 1000 / meanHandleMs;
  const load = arrivalRatePerSec / mu;
  if (load >= servers) throw new RangeError(`Erlang C needs load < servers (load ${load.toFixed(2)}, servers ${servers})`);
  const c = erlangC(servers, load);
  const drainPerSec = servers * mu - arrivalRatePerSec;
  return {
    waitProbability: c,
    serviceLevel: 1 - c * Math.exp((-drainPerSec * thresholdMs) / 1000),
    abandonRate: 0,
    asaMs: (c / drainPerSec) * 1000,
    offeredLoad: load,
  };
}

export interface ErlangAInput extends QueueingInput {
  meanPatienceMs: number;
}

export function erlangAFigures(input: ErlangAInput): QueueingFigures {
  const { servers: n, arrivalRatePerSec: lambda, meanHandleMs, meanPatienceMs, thresholdMs } = input;
  const mu = 1000 / meanHandleMs;
  const theta = 1000 / meanPatienceMs;
  const pi = stationary(n, lambda, mu, theta);
  // PASTA: an arrival sees the stationary distribution.
  let wait = 0;
  let queueLength = 0;
  for (let k = n; k < pi.length; k++) {
    wait += pi[k]!;
    queueLength += (k - n) * pi[k]!;
  }
  const abandonRate = (theta * queueLength) / lambda;
  const answeredWithin = pi.slice(0, n).reduce((s, p) => s + p, 0) + servedWithin(pi.slice(n), n * mu, theta, thresholdMs / 1000);
  return { waitProbability: wait, serviceLevel: answeredWithin, abandonRate, asaMs: null, offeredLoad: lambda / mu };
}

/** Stationary distribution of M/M/N+M, truncated where the tail is negligible. */
function stationary(n: number, lambda: number, mu: number, theta: number): number[] {
  if (!(theta > 0)) throw new RangeError('Erlang A needs a finite mean patience');
  const terms = [1];
  let term = 1;
  let largest = 1;
  for (let k = 1; ; k++) {
    const death = Math.min(k, n) * mu + Math.max(k - n, 0) * theta;
    term = (term * lambda) / death;
    terms.push(term);
    largest = Math.max(largest, term);
    // Keep the numbers in range for large centres; only ratios matter.
    if (term > 1e250) {
      for (let i = 0; i < terms.length; i++) terms[i]! *= 1e-250;
      term *= 1e-250;
      largest *= 1e-250;
    }
    if (k > n && death > lambda && term < 1e-16 * largest) break;
    if (k > n + 1_000_000) throw new RangeError('Erlang A chain did not converge');
  }
  const total = terms.reduce((s, t) => s + t, 0);
  return terms.map((t) => t / total);
}

/**
 * P(served within t) for arrivals that find j = 0, 1, … callers ahead in the queue (weights
 * `ahead[j]`). With j ahead the line moves at rate Nμ + jθ, and the tagged caller gives up at
 * rate θ; integrated with RK4 from 0 to t seconds.
 */
function servedWithin(ahead: number[], serviceRate: number, theta: number, tSec: number): number {
  let p = ahead.slice();
  const top = p.length - 1;
  const steps = Math.max(200, Math.ceil(tSec * (serviceRate + (top + 1) * theta) * 20));
  const h = tSec / steps;
  const derivative = (q: number[]): { dq: number[]; served: number } => {
    const dq = new Array<number>(q.length);
    for (let j = 0; j <= top; j++) {
      const inflow = j < top ? (serviceRate + (j + 1) * theta) * q[j + 1]! : 0;
      dq[j] = inflow - (serviceRate + j * theta + theta) * q[j]!;
    }
    return { dq, served: serviceRate * q[0]! };
  };
  const add = (a: number[], b: number[], scale: number) => a.map((v, i) => v + scale * b[i]!);
  let served = 0;
  for (let step = 0; step < steps; step++) {
    const k1 = derivative(p);
    const k2 = derivative(add(p, k1.dq, h / 2));
    const k3 = derivative(add(p, k2.dq, h / 2));
    const k4 = derivative(add(p, k3.dq, h));
    served += (h / 6) * (k1.served + 2 * k2.served + 2 * k3.served + k4.served);
    p = p.map((v, i) => v + (h / 6) * (k1.dq[i]! + 2 * k2.dq[i]! + 2 * k3.dq[i]! + k4.dq[i]!));
  }
  return served;
}

/** The fewest agents for which Erlang C meets `target` service level, for sizing a roster. */
export function agentsForServiceLevel(input: Omit<QueueingInput, 'servers'>, target: number): number {
  const load = (input.arrivalRatePerSec * input.meanHandleMs) / 1000;
  for (let servers = Math.max(1, Math.floor(load) + 1); ; servers++) {
    if (erlangCFigures({ ...input, servers }).serviceLevel >= target) return servers;
  }
}
