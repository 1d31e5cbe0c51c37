// Queueing formulas: the staffing hint's (agents needed now), and the simulator's, which is
// checked against them and sizes its roster with them. Erlang C is M/M/N (infinitely patient
// callers); Erlang A is M/M/N+M (exponential patience, Palm 1943, Garnett–Mandelbaum–Reiman
// 2002). Erlang A is solved numerically as a birth–death chain, and its service level from the
// tagged caller's progress through the queue, so neither needs special functions. Pure.

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
 * rate θ. Solved by uniformisation (a Poisson mixture of the jump chain's steps): exact up to
 * the truncation, and far cheaper than stepping the ODE, so the server can run it every minute.
 */
function servedWithin(ahead: number[], serviceRate: number, theta: number, tSec: number): number {
  const top = ahead.length - 1;
  const uniform = serviceRate + (top + 1) * theta;
  const mean = uniform * tSec;
  let p = Float64Array.from(ahead);
  let next = new Float64Array(p.length);
  let servedSoFar = 0;
  let result = 0;
  let weightSum = 0;
  let logWeight = -mean;
  for (let k = 0; ; k++) {
    if (k > 0) logWeight += Math.log(mean) - Math.log(k);
    const weight = Math.exp(logWeight);
    result += weight * servedSoFar;
    weightSum += weight;
    if (k > mean && 1 - weightSum < 1e-13) break;
    if (k > mean + 50 * Math.sqrt(mean) + 100) break;
    // One step of the jump chain: move up the line, be served from the head, give up, or stay.
    servedSoFar += (serviceRate / uniform) * p[0]!;
    for (let j = 0; j <= top; j++) {
      const stay = 1 - (serviceRate + j * theta + theta) / uniform;
      const fromBehind = j < top ? ((serviceRate + (j + 1) * theta) / uniform) * p[j + 1]! : 0;
      next[j] = stay * p[j]! + fromBehind;
    }
    [p, next] = [next, p];
  }
  return result;
}

/** What the inverse needs: the traffic, the threshold and the service level aimed at. */
export interface StaffingInput {
  /** Calls offered per second. */
  arrivalRatePerSec: number;
  /** Mean handle time of a call, in ms. */
  meanHandleMs: number;
  /** Service-level threshold: answered within this wait counts, in ms. */
  thresholdMs: number;
  /** Service level to meet, 0..1: answered within the threshold / all callers. */
  target: number;
  /** Mean patience of queued callers; null for infinitely patient callers (Erlang C). */
  meanPatienceMs: number | null;
}

export interface StaffingFigure {
  /** The fewest agents meeting the target; 0 with no traffic. */
  agents: number;
  model: 'erlangC' | 'erlangA';
  /** The service level the formula predicts with that many agents. */
  serviceLevel: number;
  /** The search stopped at its ceiling without meeting the target (a target of 100 %, say). */
  capped: boolean;
}

/**
 * The search's ceiling: square-root staffing puts the answer at load + β√load with β around 0.5
 * to 3 for usual targets, so β = 10 plus a margin is out of reach of any target short of 100 %.
 */
export function staffingCeiling(load: number): number {
  return Math.ceil(load + 10 * Math.sqrt(load)) + 20;
}

/**
 * The smallest number of agents whose predicted service level meets the target: Erlang C, or
 * Erlang A when a mean patience is given. Service level rises with agents, so the first N that
 * meets the target is the answer; Erlang A starts from the Erlang C answer and steps, since
 * impatience moves it by a few agents at most and each Erlang A figure costs far more.
 */
export function agentsNeeded(input: StaffingInput): StaffingFigure {
  const { arrivalRatePerSec, meanHandleMs, thresholdMs, target, meanPatienceMs } = input;
  const model = meanPatienceMs === null ? 'erlangC' : 'erlangA';
  if (!(arrivalRatePerSec > 0) || !(meanHandleMs > 0)) return { agents: 0, model, serviceLevel: 1, capped: false };
  const load = (arrivalRatePerSec * meanHandleMs) / 1000;
  const ceiling = staffingCeiling(load);
  const traffic = { arrivalRatePerSec, meanHandleMs, thresholdMs };
  const slC = (servers: number) => erlangCFigures({ ...traffic, servers }).serviceLevel;
  let servers = Math.floor(load) + 1;
  while (servers < ceiling && slC(servers) < target) servers++;
  if (meanPatienceMs === null) {
    const serviceLevel = slC(servers);
    return { agents: servers, model, serviceLevel, capped: serviceLevel < target };
  }
  const slA = (n: number) => erlangAFigures({ ...traffic, servers: n, meanPatienceMs }).serviceLevel;
  let serviceLevel = slA(servers);
  while (servers < ceiling && serviceLevel < target) serviceLevel = slA(++servers);
  while (servers > 1 && serviceLevel >= target) {
    const fewer = slA(servers - 1);
    if (fewer < target) break;
    servers -= 1;
    serviceLevel = fewer;
  }
  return { agents: servers, model, serviceLevel, capped: serviceLevel < target };
}

/** The fewest agents for which Erlang C meets `target` service level, for sizing a roster. */
export function agentsForServiceLevel(input: Omit<QueueingInput, 'servers'>, target: number): number {
  return agentsNeeded({ ...input, target, meanPatienceMs: null }).agents;
}
