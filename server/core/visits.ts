// Queue visits: one stay of a call in one queue, from call.queued to its answer, abandon, exit
// or expiry. Events about a visit come in any order, so every change goes through rebookVisit(),
// which takes back what the visit added to the tallies (today, its 15-minute bucket, the rolling
// window) and adds what it adds now: the counts converge whatever the order. Also the index of
// the calls waiting now, and the queues' part of the snapshot.
import { z } from 'zod';
import { bookedHandleSchema } from './agent-day.js';
import type { CoreConfig } from './core-config.js';
import { addCounts, asaMs, connectRate, emptyCounts, serviceLevel, sumCounts, windowStats, type Counts } from './counts.js';
import { emptyQueueDayCounts, inToday, placeInDay, type DayState, type DayStats, type QueueDayCounts } from './day.js';
import type { EventOf } from './events.js';
import { getOrCreate } from './map-utils.js';
import { thresholdsOf, type QueueSettingsState } from './queue-settings.js';
import { bucketIndex, minuteIndex, pruneMinutes, rollingHorizon } from './windows.js';
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
  const { queue, ts } = event;
  // The answer or abandon came first (out of order): this fills in its queue time.
  for (const v of call.visits) {
    if (v.queue === queue && v.queuedTs === null && v.outcomeTs !== null && v.outcomeTs >= ts) {
      v.queuedTs = ts;
      rebookVisit(state, v, call.tier, config);
      return;
    }
  }
  for (const v of call.visits) {
    if (v.queue !== queue) continue;
    if (v.queuedTs === ts) return; // a repeat
    // Still waiting there with no transfer since: the same wait reported again. After a transfer
    // back into the queue it is a new wait, even if the first one's answer has not arrived yet.
    if (v.outcome === null && !transferredBetween(call.transfers, v.queuedTs ?? -1, ts)) return;
  }
  const visit: Visit = { queue, queuedTs: ts, outcome: null, outcomeTs: null, inferred: false, contribution: null, agentId: null, handle: null };
  call.visits.push(visit);
  if (call.endedTs !== null && call.endedTs >= ts) {
    // The call had already ended (its end arrived first): the caller hung up while waiting.
    visit.outcome = 'abandoned';
    visit.outcomeTs = call.endedTs;
    visit.inferred = true;
  }
  rebookVisit(state, visit, call.tier, config);
  syncWaiting(state, call, queue);
}

/** Whether a transfer counted for the call falls in (after, until]. */
function transferredBetween(transfers: readonly number[], after: number, until: number): boolean {
  for (const t of transfers) if (t > after && t <= until) return true;
  return false;
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
  // One pass over the call's visits in this queue (hot in a catch-up: no arrays, no closures).
  let open: Visit | undefined;
  let inferred: Visit | undefined;
  let outcomeWithoutQueueing = false;
  for (const v of call.visits) {
    if (v.queue !== event.queue) continue;
    if (v.outcome === outcome && v.outcomeTs === event.ts && !v.inferred) return; // a repeat
    if (v.outcome !== null && v.queuedTs === null) outcomeWithoutQueueing = true;
    // The wait this outcome ends began before it: a later wait in the same queue is another one.
    if (v.queuedTs !== null && v.queuedTs > event.ts) continue;
    if (v.outcome === null) open ??= v;
    else if (v.inferred) inferred ??= v;
  }
  let visit = open ?? inferred;
  if (!visit) {
    if (outcomeWithoutQueueing) return; // a second outcome without a queueing
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

const newWaiting = () => new Map<string, number>();

/** The waiting index for one call in one queue, from its open waits: the earliest still open. */
function syncWaiting(state: VisitsState, call: QueueingCall, queue: string): void {
  let since: number | null = null;
  for (const v of call.visits) {
    if (v.queue === queue && v.outcome === null && v.queuedTs !== null && (since === null || v.queuedTs < since)) since = v.queuedTs;
  }
  if (since !== null) {
    getOrCreate(state.waiting, queue, newWaiting).set(call.id, since);
    return;
  }
  const waiting = state.waiting.get(queue);
  waiting?.delete(call.id);
  if (waiting?.size === 0) state.waiting.delete(queue);
}

/**
 * Adds `sign` times one part of a visit's contribution to `into`: the offer (anchored at offerTs),
 * or the outcome (at outcomeTs). Field by field, so that booking allocates nothing.
 */
function addPart(into: Counts, c: Contribution, part: 'offer' | 'outcome', sign: 1 | -1): void {
  if (part === 'offer') {
    into.offered += sign;
    return;
  }
  switch (c.outcome) {
    case null:
      return;
    case 'answered':
      into.answered += sign;
      if (c.withinSl) into.withinSl += sign;
      if (c.waitMs !== null) {
        into.waitSumMs += sign * c.waitMs;
        into.waitCount += sign;
      }
      return;
    case 'abandoned':
      into.abandoned += sign;
      if (c.short) into.shortAbandoned += sign;
      return;
    case 'exited':
      into.exited += sign;
      return;
    case 'expired':
      into.expired += sign;
      return;
    default:
      return assertNever(c.outcome);
  }
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
  bookAt(state, c, 'offer', c.offerTs, sign, config);
  if (c.outcome !== null) bookAt(state, c, 'outcome', c.outcomeTs, sign, config);
}

const newBuckets = () => new Map<number, QueueDayCounts>();
const newMinutes = () => new Map<number, Counts>();

function bookAt(state: VisitsState, c: Contribution, part: 'offer' | 'outcome', ts: number, sign: 1 | -1, config: CoreConfig): void {
  // Taking back never opens a new day: a contribution to a closed day went with that day.
  const place = sign === 1 ? placeInDay(state, ts, config) : inToday(state.today, ts) ? 'today' : 'past';
  if (place === 'today') {
    const day = state.today!;
    const q = getOrCreate(day.queues, c.queue, emptyQueueDayCounts);
    addPart(c.vip ? q.vip : q.standard, c, part, sign);
    const b = getOrCreate(getOrCreate(day.intraday, c.queue, newBuckets), bucketIndex(ts, day), emptyQueueDayCounts);
    addPart(c.vip ? b.vip : b.standard, c, part, sign);
  }
  const minute = minuteIndex(ts);
  if (minute > rollingHorizon(state.eventWatermark)) addPart(getOrCreate(getOrCreate(state.rolling, c.queue, newMinutes), minute, emptyCounts), c, part, sign);
}

/** Drops rolling buckets that fell out of the window; called when the event watermark moves. */
export function pruneRolling(state: VisitsState): void {
  pruneMinutes(state.rolling, rollingHorizon(state.eventWatermark));
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
