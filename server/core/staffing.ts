// The staffing hint ("agents needed now"): per queue, the last 15 whole minutes' arrival rate,
// mean handle time (talk and hold, and the wrap-up booked by wrap-up.ts) and measured patience,
// the agents Erlang C (or Erlang A, where callers abandon) says meet the service-level target,
// and the agents on the queue now. Pure: `now` is passed in. Whole minutes, so the inputs hold still within a minute and the formula's answer
// is remembered rather than recomputed on every push.
import { agentsNeeded, type StaffingFigure, type StaffingInput } from './erlang.js';
import type { CallRecord } from './calls.js';
import type { CoreConfig } from './core-config.js';
import { handleEndTs } from './handle-time.js';
import type { Counts } from './counts.js';
import { minuteIndex } from './windows.js';
import { MINUTE_MS, WINDOW_MINUTES } from '../contract/constants.js';
import type { QueueStaffing } from '../contract/snapshot.js';
import type { AgentState } from '../contract/vocabulary.js';

/** Fewer arrivals than this in the window: too little to say (the hint is null). */
export const STAFFING_MIN_ARRIVALS = 5;
/** Fewer handled calls than this ended in the window: no mean handle time to trust (null). */
export const STAFFING_MIN_HANDLED = 3;
/** Agent states that count as on the queue: logged in and not paused. */
const ON_QUEUE: readonly AgentState[] = ['available', 'ringing', 'talking', 'hold', 'acw'];

/** What the window measured of one queue's callers. */
export interface QueueMeasure {
  /** Handle times (answer to hang-up or transfer) of the calls that ended in the window. */
  handleSumMs: number;
  handled: number;
  /** Abandons in the window, short ones included: all of them are callers giving up. */
  abandons: number;
  /** Time callers spent waiting inside the window, whatever became of them: the exposure to abandoning. */
  waitedMs: number;
}

/** The window: the 15 whole minutes before the current one. */
export function staffingWindow(now: number): { startTs: number; endTs: number } {
  const endTs = minuteIndex(now) * MINUTE_MS;
  return { startTs: endTs - WINDOW_MINUTES * MINUTE_MS, endTs };
}

/**
 * One pass over the calls remembered (ended ones are kept 30 min, longer than the window),
 * measuring every queue. It runs on every push, so calls that ended before the window with no
 * wait left open (nothing of theirs reaches into it) are passed over first.
 */
export function measureQueues(calls: Iterable<CallRecord>, now: number): Map<string, QueueMeasure> {
  const { startTs, endTs } = staffingWindow(now);
  const measures = new Map<string, QueueMeasure>();
  const measureOf = (queue: string): QueueMeasure => {
    let m = measures.get(queue);
    if (!m) measures.set(queue, (m = { handleSumMs: 0, handled: 0, abandons: 0, waitedMs: 0 }));
    return m;
  };
  for (const call of calls) {
    if (call.lastEventTs < startTs && call.endedTs !== null && !call.visits.some(isOpen)) continue;
    for (const visit of call.visits) {
      const { queuedTs, outcome, outcomeTs } = visit;
      if (queuedTs === null) continue;
      if (queuedTs >= endTs) continue; // its wait, and any answer, come after the window
      const overlap = Math.min(outcomeTs ?? endTs, endTs) - Math.max(queuedTs, startTs);
      if (overlap > 0) measureOf(visit.queue).waitedMs += overlap;
      if (outcomeTs === null) continue;
      if (outcome === 'abandoned') {
        if (outcomeTs >= startTs && outcomeTs < endTs) measureOf(visit.queue).abandons += 1;
      } else if (outcome === 'answered') {
        const doneTs = handleEndTs(call, outcomeTs);
        if (doneTs === null || doneTs < startTs || doneTs >= endTs) continue;
        const m = measureOf(visit.queue);
        m.handleSumMs += Math.max(0, doneTs - outcomeTs); // producers' clocks disagree
        m.handled += 1;
      }
    }
  }
  return measures;
}

const isOpen = (visit: { outcome: string | null }) => visit.outcome === null;

/** The sum over the window's minutes (the 15 whole ones before `now`) of `value` of each minute's entry. */
function sumInWindow<V>(minutes: ReadonlyMap<number, V> | undefined, now: number, value: (v: V) => number): number {
  if (!minutes) return 0;
  const last = minuteIndex(now) - 1;
  let sum = 0;
  for (const [minute, v] of minutes) if (minute > last - WINDOW_MINUTES && minute <= last) sum += value(v);
  return sum;
}

/** Wrap-up that ended in the window, in ms, from the queue's wrap-up minutes (wrap-up.ts). */
export function wrapInWindow(minutes: ReadonlyMap<number, number> | undefined, now: number): number {
  return sumInWindow(minutes, now, itself);
}

/** Calls offered to the queue in the window, from its rolling minutes. */
export function arrivalsInWindow(minutes: ReadonlyMap<number, Counts> | undefined, now: number): number {
  return sumInWindow(minutes, now, offeredOf);
}

// Made once: these run for every queue on every push.
const itself = (ms: number) => ms;
const offeredOf = (counts: Counts) => counts.offered;

export function onQueueNow(agents: Readonly<Record<AgentState, number>>): number {
  return ON_QUEUE.reduce((sum, state) => sum + agents[state], 0);
}

// The formula's answers by input: a queue's inputs change once a minute, so most pushes find theirs here.
const remembered = new Map<string, StaffingFigure>();
const REMEMBERED_MAX = 2_000;

function neededFor(input: StaffingInput): StaffingFigure {
  const key = `${input.arrivalRatePerSec}/${input.meanHandleMs}/${input.thresholdMs}/${input.target}/${input.meanPatienceMs}`;
  let figure = remembered.get(key);
  if (!figure) {
    figure = agentsNeeded(input);
    if (remembered.size >= REMEMBERED_MAX) remembered.clear();
    remembered.set(key, figure);
  }
  return figure;
}

/**
 * A queue's staffing hint, or null with too little data. The handle time fed to the formula is the
 * mean talk and hold plus the window's wrap-up per handled call (calls wrapped up in no time count
 * as none). Handle time, wrap-up and patience are rounded to the second (the precision the inputs
 * deserve, and what lets the answer be remembered); a measured patience below a second is taken as
 * a second.
 */
export function queueStaffing(
  measure: QueueMeasure | undefined,
  arrivals: number,
  agents: Readonly<Record<AgentState, number>>,
  config: Pick<CoreConfig, 'serviceLevelMs' | 'serviceLevelTarget'>,
  wrapSumMs: number,
): QueueStaffing | null {
  if (!measure || arrivals < STAFFING_MIN_ARRIVALS || measure.handled < STAFFING_MIN_HANDLED) return null;
  const meanHandleMs = Math.max(1000, Math.round((measure.handleSumMs + wrapSumMs) / measure.handled / 1000) * 1000);
  const meanWrapMs = Math.round(wrapSumMs / measure.handled / 1000) * 1000;
  // Exponential patience observed with censoring: abandons / total time exposed (the MLE).
  const patienceMs = measure.abandons > 0 ? Math.max(1000, Math.round(measure.waitedMs / measure.abandons / 1000) * 1000) : null;
  const windowMs = WINDOW_MINUTES * MINUTE_MS;
  const figure = neededFor({
    arrivalRatePerSec: (arrivals * 1000) / windowMs,
    meanHandleMs,
    thresholdMs: config.serviceLevelMs,
    target: config.serviceLevelTarget,
    meanPatienceMs: patienceMs,
  });
  return {
    needed: figure.agents,
    onQueue: onQueueNow(agents),
    arrivalsPerHour: (arrivals * 3_600_000) / windowMs,
    meanHandleMs,
    meanWrapMs,
    patienceMs,
    model: figure.model,
    predictedServiceLevel: figure.serviceLevel,
    capped: figure.capped,
  };
}
