// A seeded two-day feed across the board's local midnight, and an independent recount of it:
// the figures counted straight from the event list, by event time, without the core. The history
// tests compare what the server stored with this recount.
import type { EventInput } from '../../server/core/events.js';
import { mulberry32 } from '../support/mulberry32.js';

export const SEC = 1000;
export const MIN = 60 * SEC;
/** The board's service-level threshold (the default) and the short-abandon threshold the tests configure. */
export const SL_MS = 20 * SEC;
export const SHORT_ABANDON_MS = 5 * SEC;

export interface Visits {
  offered: number;
  answered: number;
  abandoned: number;
  shortAbandoned: number;
  exited: number;
  withinSl: number;
  waitSumMs: number;
  waitCount: number;
}

export interface Recount {
  /** queue → tier class → visits. */
  queues: Map<string, { standard: Visits; vip: Visits }>;
  arrived: number;
  blocked: number;
  surveys: number;
  surveySum: number;
  resolved: number;
  endedWithResolution: number;
  warmTransfers: number;
  coldTransfers: number;
  complaintsOpened: number;
  complaintsReplied: number;
  /** agent → handles done that day. */
  handled: Map<string, number>;
}

const emptyVisits = (): Visits => ({ offered: 0, answered: 0, abandoned: 0, shortAbandoned: 0, exited: 0, withinSl: 0, waitSumMs: 0, waitCount: 0 });

/** Calls queued from `midnight - spanMs` to `midnight + spanMs`, each call's events in time order; the whole list sorted by time. */
export function feedAcrossMidnight(midnight: number, seed: number, calls = 160, spanMs = 2 * 3600_000): EventInput[] {
  const random = mulberry32(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const agents = ['a1', 'a2', 'a3', 'a4'];
  const out: EventInput[] = agents.map((agentId, i) => ({
    type: 'agent.state',
    ts: midnight - spanMs - 10 * MIN,
    agentId,
    state: 'available',
    name: `Agent ${i + 1}`,
    team: i < 2 ? 'north' : 'south',
    queues: ['billing', 'tech'],
  }));
  for (let n = 0; n < calls; n++) {
    const callId = `call-${seed}-${n}`;
    const queuedTs = midnight - spanMs + Math.floor(random() * 2 * spanMs);
    const tier = random() < 0.25 ? 'gold' : 'standard';
    const queue = pick(['billing', 'tech']);
    out.push({ type: 'call.arrived', ts: queuedTs - SEC, callId, tier });
    const r = random();
    if (r < 0.05) {
      out.push({ type: 'call.blocked', ts: queuedTs - SEC, callId, reason: 'trunks busy' });
      continue;
    }
    out.push({ type: 'call.queued', ts: queuedTs, callId, queue, tier });
    const wait = SEC + Math.floor(random() * 59 * SEC);
    if (r < 0.7) {
      const agentId = pick(agents);
      out.push({ type: 'call.answered', ts: queuedTs + wait, callId, queue, agentId });
      const endTs = queuedTs + wait + 30 * SEC + Math.floor(random() * 270 * SEC);
      if (random() < 0.15) {
        out.push({ type: 'call.transferred', ts: endTs - 10 * SEC, callId, agentId, mode: random() < 0.5 ? 'warm' : 'cold', toQueue: 'tech' });
      }
      const resolved = random();
      out.push({ type: 'call.ended', ts: endTs, callId, ...(resolved < 0.4 ? { resolved: true } : resolved < 0.6 ? { resolved: false } : {}) });
      if (random() < 0.5) out.push({ type: 'survey.submitted', ts: endTs + 20 * SEC, callId, score: 1 + Math.floor(random() * 100) });
    } else if (r < 0.88) {
      const abandonWait = Math.floor(random() * 40 * SEC) + 500;
      out.push({ type: 'call.abandoned', ts: queuedTs + abandonWait, callId, queue });
      out.push({ type: 'call.ended', ts: queuedTs + abandonWait + SEC, callId });
    } else {
      out.push({ type: 'call.exited', ts: queuedTs + wait, callId, queue, reason: 'timeout' });
      out.push({ type: 'call.ended', ts: queuedTs + wait + SEC, callId });
    }
  }
  for (let k = 0; k < 12; k++) {
    const complaintId = `k-${seed}-${k}`;
    const openedTs = midnight - spanMs + Math.floor(random() * 2 * spanMs);
    out.push({ type: 'complaint.opened', ts: openedTs, complaintId });
    if (random() < 0.6) out.push({ type: 'complaint.replied', ts: openedTs + Math.floor(random() * 3600_000), complaintId });
  }
  return out.sort((x, y) => x.ts - y.ts);
}

/** The day [startTs, endTs) counted from the events alone. */
export function recount(events: readonly EventInput[], startTs: number, endTs: number): Recount {
  const inDay = (ts: number) => ts >= startTs && ts < endTs;
  const out: Recount = {
    queues: new Map(),
    arrived: 0,
    blocked: 0,
    surveys: 0,
    surveySum: 0,
    resolved: 0,
    endedWithResolution: 0,
    warmTransfers: 0,
    coldTransfers: 0,
    complaintsOpened: 0,
    complaintsReplied: 0,
    handled: new Map(),
  };
  const tierOf = new Map<string, 'standard' | 'vip'>();
  const queuedAt = new Map<string, number>();
  const answeredBy = new Map<string, string>();
  const handleDone = new Set<string>();
  const visits = (queue: string, callId: string): Visits => {
    let q = out.queues.get(queue);
    if (!q) out.queues.set(queue, (q = { standard: emptyVisits(), vip: emptyVisits() }));
    return q[tierOf.get(callId) ?? 'standard'];
  };
  const doneHandle = (callId: string, ts: number) => {
    const agent = answeredBy.get(callId);
    if (agent === undefined || handleDone.has(callId)) return;
    handleDone.add(callId);
    if (inDay(ts)) out.handled.set(agent, (out.handled.get(agent) ?? 0) + 1);
  };
  for (const e of events) {
    switch (e.type) {
      case 'call.arrived':
        tierOf.set(e.callId, e.tier === undefined || e.tier === 'standard' ? 'standard' : 'vip');
        if (inDay(e.ts)) out.arrived += 1;
        break;
      case 'call.blocked':
        if (inDay(e.ts)) out.blocked += 1;
        break;
      case 'call.queued':
        queuedAt.set(e.callId, e.ts);
        if (inDay(e.ts)) visits(e.queue, e.callId).offered += 1;
        break;
      case 'call.answered': {
        answeredBy.set(e.callId, e.agentId);
        if (!inDay(e.ts)) break;
        const v = visits(e.queue, e.callId);
        const wait = e.ts - queuedAt.get(e.callId)!;
        v.answered += 1;
        v.waitSumMs += wait;
        v.waitCount += 1;
        if (wait <= SL_MS) v.withinSl += 1;
        break;
      }
      case 'call.abandoned': {
        if (!inDay(e.ts)) break;
        const v = visits(e.queue, e.callId);
        v.abandoned += 1;
        if (e.ts - queuedAt.get(e.callId)! < SHORT_ABANDON_MS) v.shortAbandoned += 1;
        break;
      }
      case 'call.exited':
        if (inDay(e.ts)) visits(e.queue, e.callId).exited += 1;
        break;
      case 'call.transferred':
        if (inDay(e.ts)) {
          if (e.mode === 'warm') out.warmTransfers += 1;
          if (e.mode === 'cold') out.coldTransfers += 1;
        }
        doneHandle(e.callId, e.ts);
        break;
      case 'call.ended':
        if (inDay(e.ts) && e.resolved !== undefined) {
          out.endedWithResolution += 1;
          if (e.resolved) out.resolved += 1;
        }
        doneHandle(e.callId, e.ts);
        break;
      case 'survey.submitted':
        if (inDay(e.ts)) {
          out.surveys += 1;
          out.surveySum += e.score;
        }
        break;
      case 'complaint.opened':
        if (inDay(e.ts)) out.complaintsOpened += 1;
        break;
      case 'complaint.replied':
        if (inDay(e.ts)) out.complaintsReplied += 1;
        break;
      // Agents' states, holds and the server's own alarm events do not enter the recount.
      case 'agent.state':
      case 'call.held':
      case 'call.hold_check':
      case 'call.resumed':
      case 'alarm.raised':
      case 'alarm.acknowledged':
      case 'alarm.cleared':
        break;
      default: {
        const never: never = e;
        throw new Error(`unhandled ${JSON.stringify(never)}`);
      }
    }
  }
  return out;
}

/** The recount's total over queues, both tier classes. */
export function totalVisits(r: Recount): Visits {
  const total = emptyVisits();
  for (const q of r.queues.values()) for (const v of [q.standard, q.vip]) for (const key of Object.keys(total) as (keyof Visits)[]) total[key] += v[key];
  return total;
}
