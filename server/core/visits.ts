// Queue visits: one stay of a call in one queue, from call.queued to its answer, abandon, exit
// or expiry. Events about a visit come in any order, so every change goes through rebookVisit(),
// which takes back what the visit added to the tallies (today, its 15-minute bucket, the rolling
// window) and adds what it adds now: the counts converge whatever the order. Also the index of
// the calls waiting now, and the queues' part of the snapshot.
import { z } from 'zod';
import { bookedHandleSchema } from './agent-day.js';
import type { CoreConfig } from './core-config.js';
import { addCounts, asaMs, connectRate, emptyCounts, serviceLevel, sumCounts, windowStats, type Counts } from './counts.js';
import { emptyQueueDayCounts, inToday, placeInDay, type DayState, type DayStats } from './day.js';
import type { EventOf } from './events.js';
import { getOrCreate } from './map-utils.js';
import { thresholdsOf, type QueueSettingsState } from './queue-settings.js';
import { bucketIndex, minuteIndex } from './windows.js';
import { WINDOW_MINUTES } from '../contract/constants.js';
import type { QueueStats, RecentAbandon } from '../contract/snapshot.js';
import { isVipTier, type Tier } from '../contract/vocabulary.js';

const outcomeSchema = z.enum(['answered', 'abandoned', 'exited', 'expired']);
export type Outcome = z.infer<typeof outcomeSchema>;

/** What a visit added to the tallies: the offer at offerTs, the outcome at outcomeTs. */
const contributionSchema = z.object({
  queue: z.string(),
  vip: z.boolean(),
  offerTs: z.number(),
  outcome: outcomeSchema.nullable(),
  outcomeTs: z.number(),
  waitMs: z.number().nullable(),
  withinSl: z.boolean(),
  short: z.boolean(),
});
export type Contribution = z.infer<typeof contributionSchema>;

/** One stay of a call in one queue, from call.queued to its answer, abandon, exit or expiry. */
export const visitSchema = z.object({
  queue: z.string(),
  queuedTs: z.number().nullable(),
  outcome: outcomeSchema.nullable(),
  outcomeTs: z.number().nullable(),
  /** Set when the outcome was inferred (a call.ended while waiting): an explicit event overrides it. */
  inferred: z.boolean(),
  /** What this visit added to the tallies, so a correction can take exactly that back. */
  contribution: contributionSchema.nullable(),
  /** The agent who answered (call.answered), whose handle this visit is. */
  agentId: z.string().nullable(),
  /** The handle booked to that agent's day (agent-day.ts), so a correction can take it back. */
  handle: bookedHandleSchema.nullable(),
});
export type Visit = z.infer<typeof visitSchema>;

/** The part of a call record that its visits read and write. */
export interface QueueingCall {
  id: string;
  tier: Tier;
  visits: Visit[];
  /** Queue and agent of the last answer: where a held call belongs. */
  queue: string | null;
  agentId: string | null;
  endedTs: number | null;
  /** Event times of the transfers counted, to recognise one reported again. */
  transfers: number[];
}

export interface VisitsState extends DayState, QueueSettingsState {
  /** Highest (clamped) event time seen: drives the rolling window's horizon. */
  eventWatermark: number;
  /** queue → callId → queue time, for calls waiting now. */
  waiting: Map<string, Map<string, number>>;
  /** queue → minute index → counts, for the rolling window. */
  rolling: Map<string, Map<number, Counts>>;
  recentAbandons: RecentAbandon[];
}

/** A call's tier decides whether its visits count as VIP: a change rebooks them all. */
export function setTier(state: VisitsState, call: QueueingCall, tier: Tier, config: CoreConfig): void {
  if (call.tier === tier) return;
  call.tier = tier;
  for (const visit of call.visits) if (visit.contribution) rebookVisit(state, visit, tier, config);
}

export function onQueued(state: VisitsState, call: QueueingCall, event: EventOf<'call.queued'>, config: CoreConfig): void {
  const sameQueue = call.visits.filter((v) => v.queue === event.queue);
  // The answer or abandon came first (out of order): this fills in its queue time.
  const awaitingQueueTime = sameQueue.find((v) => v.queuedTs === null && v.outcomeTs !== null && v.outcomeTs >= event.ts);
  if (awaitingQueueTime) {
    awaitingQueueTime.queuedTs = event.ts;
    rebookVisit(state, awaitingQueueTime, call.tier, config);
    return;
  }
  if (sameQueue.some((v) => v.queuedTs === event.ts)) return; // a repeat
  // Still waiting there with no transfer since: the same wait reported again. After a transfer
  // back into the queue it is a new wait, even if the first one's answer has not arrived yet.
  const transferredSince = (v: Visit) => call.transfers.some((t) => t > (v.queuedTs ?? -1) && t <= event.ts);
  if (sameQueue.some((v) => v.outcome === null && !transferredSince(v))) return;
  const visit: Visit = { queue: event.queue, queuedTs: event.ts, outcome: null, outcomeTs: null, inferred: false, contribution: null, agentId: null, handle: null };
  call.visits.push(visit);
  if (call.endedTs !== null && call.endedTs >= event.ts) {
    // The call had already ended (its end arrived first): the caller hung up while waiting.
    visit.outcome = 'abandoned';
    visit.outcomeTs = call.endedTs;
    visit.inferred = true;
  }
  rebookVisit(state, visit, call.tier, config);
  syncWaiting(state, call, event.queue);
}

const OUTCOME_OF = { 'call.answered': 'answered', 'call.abandoned': 'abandoned', 'call.exited': 'exited' } as const satisfies Record<string, Outcome>;

/**
 * An answer, abandon or exit ends the wait it follows. An exit ends only the wait: the call goes
 * on in the dialplan and may queue again or end later, like a call answered and transferred.
 */
export function onOutcome(state: VisitsState, call: QueueingCall, event: EventOf<'call.answered' | 'call.abandoned' | 'call.exited'>, config: CoreConfig): void {
  const outcome = OUTCOME_OF[event.type];
  if (event.type === 'call.answered') {
    call.queue = event.queue;
    call.agentId = event.agentId;
  }
  const sameQueue = call.visits.filter((v) => v.queue === event.queue);
  if (sameQueue.some((v) => v.outcome === outcome && v.outcomeTs === event.ts && !v.inferred)) return; // a repeat
  // The wait this outcome ends began before it: a later wait in the same queue is another one.
  const began = (v: Visit) => v.queuedTs === null || v.queuedTs <= event.ts;
  let visit = sameQueue.find((v) => v.outcome === null && began(v)) ?? sameQueue.find((v) => v.inferred && began(v));
  if (!visit) {
    if (sameQueue.some((v) => v.outcome !== null && v.queuedTs === null)) return; // a second outcome without a queueing
    visit = { queue: event.queue, queuedTs: null, outcome: null, outcomeTs: null, inferred: false, contribution: null, agentId: null, handle: null };
    call.visits.push(visit);
  }
  visit.outcome = outcome;
  visit.outcomeTs = event.ts;
  visit.inferred = false;
  visit.agentId = event.type === 'call.answered' ? event.agentId : null;
  rebookVisit(state, visit, call.tier, config);
  syncWaiting(state, call, event.queue);
  if (outcome === 'abandoned') {
    state.recentAbandons.unshift({
      callId: call.id,
      queue: event.queue,
      tier: call.tier,
      waitMs: visit.contribution?.waitMs ?? null,
      ts: event.ts,
    });
    if (state.recentAbandons.length > config.recentAbandonsKept) state.recentAbandons.length = config.recentAbandonsKept;
  }
}

/**
 * A caller still waiting when the call ends has hung up: an abandon, unless an explicit answer
 * or abandon (delivered late) says otherwise.
 */
export function abandonWaitsAtEnd(state: VisitsState, call: QueueingCall, endedTs: number, config: CoreConfig): void {
  for (const visit of call.visits) {
    if (visit.outcome !== null || visit.queuedTs === null || visit.queuedTs > endedTs) continue;
    visit.outcome = 'abandoned';
    visit.outcomeTs = endedTs;
    visit.inferred = true;
    rebookVisit(state, visit, call.tier, config);
    syncWaiting(state, call, visit.queue);
  }
}

/** The call is being forgotten without an end: its open visits expire at `expiredTs`. */
export function expireOpenVisits(state: VisitsState, call: QueueingCall, expiredTs: number, config: CoreConfig): void {
  for (const visit of call.visits) {
    if (visit.outcome !== null) continue;
    visit.outcome = 'expired';
    visit.outcomeTs = expiredTs;
    rebookVisit(state, visit, call.tier, config);
    syncWaiting(state, call, visit.queue);
  }
}

/** The waiting index for one call in one queue, from its open waits: the earliest still open. */
function syncWaiting(state: VisitsState, call: QueueingCall, queue: string): void {
  let since: number | null = null;
  for (const v of call.visits) {
    if (v.queue === queue && v.outcome === null && v.queuedTs !== null && (since === null || v.queuedTs < since)) since = v.queuedTs;
  }
  if (since !== null) {
    getOrCreate(state.waiting, queue, () => new Map<string, number>()).set(call.id, since);
    return;
  }
  const waiting = state.waiting.get(queue);
  waiting?.delete(call.id);
  if (waiting?.size === 0) state.waiting.delete(queue);
}

/** The counter fields of one visit that are anchored at the offer, and those at the outcome. */
function splitContribution(c: Contribution): { offer: Counts; outcome: Counts | null } {
  const offer = emptyCounts();
  offer.offered = 1;
  if (c.outcome === null) return { offer, outcome: null };
  const outcome = emptyCounts();
  switch (c.outcome) {
    case 'answered':
      outcome.answered = 1;
      if (c.withinSl) outcome.withinSl = 1;
      if (c.waitMs !== null) {
        outcome.waitSumMs = c.waitMs;
        outcome.waitCount = 1;
      }
      break;
    case 'abandoned':
      outcome.abandoned = 1;
      if (c.short) outcome.shortAbandoned = 1;
      break;
    case 'exited':
      outcome.exited = 1;
      break;
    case 'expired':
      outcome.expired = 1;
      break;
    default:
      return assertNever(c.outcome);
  }
  return { offer, outcome };
}

function assertNever(value: never): never {
  throw new Error(`unhandled outcome ${String(value)}`);
}

/** The queue's own thresholds, those in force as the stream applies the event that (re)books the visit: a later change is not retroactive. */
function contributionOf(state: VisitsState, visit: Visit, tier: Tier, config: CoreConfig): Contribution {
  const anchor = visit.queuedTs ?? visit.outcomeTs ?? 0;
  const outcomeTs = visit.outcomeTs ?? anchor;
  // Producers' clocks disagree; a negative wait is skew, not a real wait.
  const waitMs = visit.queuedTs !== null && visit.outcomeTs !== null ? Math.max(0, visit.outcomeTs - visit.queuedTs) : null;
  const thresholds = thresholdsOf(state, config, visit.queue);
  return {
    queue: visit.queue,
    vip: isVipTier(tier),
    offerTs: anchor,
    outcome: visit.outcome,
    outcomeTs,
    waitMs,
    withinSl: visit.outcome === 'answered' && waitMs !== null && waitMs <= thresholds.serviceLevelMs,
    short: visit.outcome === 'abandoned' && waitMs !== null && waitMs < thresholds.shortAbandonMs,
  };
}

/** Recomputes a visit's contribution after it changed and books the difference. */
function rebookVisit(state: VisitsState, visit: Visit, tier: Tier, config: CoreConfig): void {
  const next = contributionOf(state, visit, tier, config);
  if (visit.contribution) book(state, visit.contribution, -1, config);
  book(state, next, 1, config);
  visit.contribution = next;
}

function book(state: VisitsState, c: Contribution, sign: 1 | -1, config: CoreConfig): void {
  const parts = splitContribution(c);
  bookAt(state, c, parts.offer, c.offerTs, sign, config);
  if (parts.outcome) bookAt(state, c, parts.outcome, c.outcomeTs, sign, config);
}

function bookAt(state: VisitsState, c: Contribution, counts: Counts, ts: number, sign: 1 | -1, config: CoreConfig): void {
  // Taking back never opens a new day: a contribution to a closed day went with that day.
  const place = sign === 1 ? placeInDay(state, ts, config) : inToday(state.today, ts) ? 'today' : 'past';
  if (place === 'today') {
    const day = state.today!;
    const q = getOrCreate(day.queues, c.queue, emptyQueueDayCounts);
    addCounts(c.vip ? q.vip : q.standard, counts, sign);
    const buckets = getOrCreate(day.intraday, c.queue, () => new Map<number, typeof q>());
    const b = getOrCreate(buckets, bucketIndex(ts, day), emptyQueueDayCounts);
    addCounts(c.vip ? b.vip : b.standard, counts, sign);
  }
  const minute = minuteIndex(ts);
  if (minute > rollingHorizon(state)) {
    const minutes = getOrCreate(state.rolling, c.queue, () => new Map<number, Counts>());
    addCounts(getOrCreate(minutes, minute, emptyCounts), counts, sign);
  }
}

/** Minutes at or below this index are outside any window we will report again. */
function rollingHorizon(state: VisitsState): number {
  return minuteIndex(state.eventWatermark) - WINDOW_MINUTES - 1;
}

/** Drops rolling buckets that fell out of the window; called when the event watermark moves. */
export function pruneRolling(state: VisitsState): void {
  const horizon = rollingHorizon(state);
  for (const [queue, minutes] of state.rolling) {
    for (const minute of minutes.keys()) if (minute <= horizon) minutes.delete(minute);
    if (minutes.size === 0) state.rolling.delete(queue);
  }
}

/** What the queue figures read of the state. */
export interface QueuesSource {
  waiting: ReadonlyMap<string, ReadonlyMap<string, number>>;
  rolling: ReadonlyMap<string, ReadonlyMap<number, Counts>>;
  calls: ReadonlyMap<string, { tier: Tier; lastSeenAt: number; lastEventTs: number }>;
}

/** The queues' part of the snapshot: a row per queue shown, and their sums. */
export interface QueuesPart {
  /** One row per queue, without its agents (the agents' part adds them). */
  rows: Omit<QueueStats, 'agents'>[];
  /** Today's visit counts over the queues shown, by tier class. */
  standard: Counts;
  vip: Counts;
  waiting: number;
  vipWaiting: number;
  oldestQueuedTs: number | null;
  /** Waiting calls past the expiry time that the next sweep will expire. */
  expiredNow: number;
  /** The rolling window's counts over the queues shown. */
  window: Counts;
}

/** The sums of no queue at all. */
export function emptyQueuesPart(): QueuesPart {
  return { rows: [], standard: emptyCounts(), vip: emptyCounts(), waiting: 0, vipWaiting: 0, oldestQueuedTs: null, expiredNow: 0, window: emptyCounts() };
}

/** Adds one part's sums (not its rows) into another: the figures of several queues together. */
export function addQueuesPart(into: Omit<QueuesPart, 'rows'>, part: Omit<QueuesPart, 'rows'>): void {
  addCounts(into.standard, part.standard);
  addCounts(into.vip, part.vip);
  into.waiting += part.waiting;
  into.vipWaiting += part.vipWaiting;
  if (part.oldestQueuedTs !== null && (into.oldestQueuedTs === null || part.oldestQueuedTs < into.oldestQueuedTs)) into.oldestQueuedTs = part.oldestQueuedTs;
  into.expiredNow += part.expiredNow;
  addCounts(into.window, part.window);
}

export function queuesPart(state: QueuesSource, day: DayStats, queueIds: readonly string[], now: number, expiredBefore: number): QueuesPart {
  const part = emptyQueuesPart();
  const nowMinute = minuteIndex(now);
  for (const id of queueIds) {
    const dayCounts = day.queues.get(id);
    const counts = dayCounts ? sumCounts([dayCounts.standard, dayCounts.vip]) : emptyCounts();
    let waiting = 0;
    let vipWaiting = 0;
    let expiredNow = 0;
    let oldest: number | null = null;
    for (const [callId, queuedTs] of state.waiting.get(id) ?? []) {
      const call = state.calls.get(callId);
      // Past the expiry by its Redis time, or by its own time: a producer catching up on today
      // appends a morning call hours late, and one whose end never comes must not show a wait of hours.
      // The sweep (by Redis time alone, so a catch-up's later events still find the call) expires it later.
      if (!call || Math.min(call.lastSeenAt, call.lastEventTs) < expiredBefore) {
        expiredNow += 1;
        continue;
      }
      waiting += 1;
      if (isVipTier(call.tier)) vipWaiting += 1;
      if (oldest === null || queuedTs < oldest) oldest = queuedTs;
    }
    const rolling = rollingCounts(state, id, nowMinute);
    addQueuesPart(part, {
      standard: dayCounts?.standard ?? emptyCounts(),
      vip: dayCounts?.vip ?? emptyCounts(),
      waiting,
      vipWaiting,
      oldestQueuedTs: oldest,
      expiredNow,
      window: rolling,
    });
    part.rows.push({
      id,
      waiting,
      longestWaitMs: oldest === null ? 0 : Math.max(0, now - oldest),
      queued: counts.offered,
      answered: counts.answered,
      abandoned: counts.abandoned,
      exited: counts.exited,
      agentConnectRate: connectRate(counts),
      serviceLevel: serviceLevel(counts),
      asaMs: asaMs(counts),
      oldestQueuedTs: oldest,
      shortAbandoned: counts.shortAbandoned,
      expired: counts.expired,
      vipWaiting,
      window15m: windowStats(rolling),
    });
  }
  return part;
}

function rollingCounts(state: QueuesSource, queue: string, nowMinute: number): Counts {
  const total = emptyCounts();
  const minutes = state.rolling.get(queue);
  if (!minutes) return total;
  for (const [minute, counts] of minutes) {
    if (minute > nowMinute - WINDOW_MINUTES && minute <= nowMinute) addCounts(total, counts);
  }
  return total;
}
