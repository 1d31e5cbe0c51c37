// A feed as real telephony delivers it (event-contract.md, "What a consumer must tolerate"):
// entries that fail validation, exact duplicates, an answer appended before its queueing,
// events for calls nobody saw start, and calls whose end is lost. Sits between the model and
// the stream; pure and seeded from its own random stream, so the calls underneath are the
// same as in a clean run with the same seed.
import type { EventInput } from '../../server/core/events.js';
import type { Random } from '../model/random.js';

export interface FeedDefects {
  /** Share of events appended twice, field for field. */
  duplicateShare: number;
  /** Share of `call.queued` events held back and appended after the call's next event. */
  reorderShare: number;
  /** Chance, per event, of a malformed entry being slipped in after it. */
  malformedShare: number;
  /** Chance, per event, of an event for a call that never started. */
  orphanShare: number;
  /** Share of `call.ended` events lost, so those calls never end. */
  lostEndShare: number;
}

export const MESSY_DEFECTS: FeedDefects = {
  duplicateShare: 0.02,
  reorderShare: 0.05,
  malformedShare: 0.01,
  orphanShare: 0.003,
  lostEndShare: 0.01,
};

export const MALFORMED_KINDS = ['missing-field', 'unknown-type', 'bad-number', 'bad-version', 'empty-id'] as const;
export type MalformedKind = (typeof MALFORMED_KINDS)[number];

/** One stream entry to write, due at `dueTs` (model time). */
export type FeedEntry =
  | { kind: 'event'; dueTs: number; event: EventInput; defect: 'duplicate' | 'reordered' | 'orphan' | null }
  /** Written as is, bypassing encode(): the point is that it fails validation. A numeric `ts` is re-timed like any event's. */
  | { kind: 'raw'; dueTs: number; fields: Record<string, string>; defect: MalformedKind };

export type FeedDefectCounts = Record<'duplicate' | 'reordered' | 'orphan' | 'lostEnd' | MalformedKind, number>;

export interface Feed {
  /** The entries to write for one model event, in order. */
  push(event: EventInput): FeedEntry[];
  counts(): FeedDefectCounts;
}

/** A held-back `call.queued` is let go after this long even if nothing else happened to the call. */
const MAX_HOLD_BACK_MS = 10_000;

export function createCleanFeed(): Feed {
  const counts = zeroCounts();
  return { push: (event) => [{ kind: 'event', dueTs: event.ts, event, defect: null }], counts: () => ({ ...counts }) };
}

export function createMessyFeed(defects: FeedDefects, random: Random, idPrefix: string): Feed {
  const counts = zeroCounts();
  const heldBack = new Map<string, EventInput>();
  let orphans = 0;
  let malformed = 0;

  function push(event: EventInput): FeedEntry[] {
    const due = event.ts;
    const entries: FeedEntry[] = [];
    // Let go of queueings held back too long: they arrive late rather than out of order.
    for (const [callId, queued] of heldBack) {
      if (due - queued.ts < MAX_HOLD_BACK_MS) break;
      heldBack.delete(callId);
      entries.push({ kind: 'event', dueTs: due, event: queued, defect: 'reordered' });
      counts.reordered++;
    }
    if (event.type === 'call.queued' && random.chance(defects.reorderShare)) {
      heldBack.set(event.callId, event);
    } else if (event.type === 'call.ended' && random.chance(defects.lostEndShare)) {
      counts.lostEnd++;
    } else {
      entries.push({ kind: 'event', dueTs: due, event, defect: null });
      if (random.chance(defects.duplicateShare)) {
        entries.push({ kind: 'event', dueTs: due, event, defect: 'duplicate' });
        counts.duplicate++;
      }
      const callId = 'callId' in event ? event.callId : undefined;
      const late = callId === undefined ? undefined : heldBack.get(callId);
      if (late && callId !== undefined) {
        heldBack.delete(callId);
        entries.push({ kind: 'event', dueTs: due, event: late, defect: 'reordered' });
        counts.reordered++;
      }
    }
    if (random.chance(defects.orphanShare)) {
      const callId = `c-${idPrefix}-orphan-${++orphans}`;
      const orphan: EventInput = random.chance(0.5)
        ? { type: 'call.ended', ts: due, callId, agentId: 'a001', resolved: true, reason: 'completed' }
        : { type: 'call.abandoned', ts: due, callId, queue: 'billing' };
      entries.push({ kind: 'event', dueTs: due, event: orphan, defect: 'orphan' });
      counts.orphan++;
    }
    if (random.chance(defects.malformedShare)) {
      const kind = random.pick(MALFORMED_KINDS);
      entries.push({ kind: 'raw', dueTs: due, fields: malformedEntry(kind, due, `c-${idPrefix}-bad-${++malformed}`, random), defect: kind });
      counts[kind]++;
    }
    return entries;
  }

  return { push, counts: () => ({ ...counts }) };
}

/** An entry that decode() must reject, of the given kind. */
export function malformedEntry(kind: MalformedKind, ts: number, callId: string, random: Random): Record<string, string> {
  switch (kind) {
    case 'missing-field':
      return random.chance(0.5) ? { v: '1', type: 'call.queued', ts: String(ts), callId } : { v: '1', type: 'call.answered', ts: String(ts), callId, queue: 'tech' };
    case 'unknown-type':
      return { v: '1', type: random.pick(['call.teleported', 'agent.coffee', 'CALL_QUEUED']), ts: String(ts), callId };
    case 'bad-number':
      return random.chance(0.5)
        ? { v: '1', type: 'call.arrived', ts: random.pick(['yesterday', '-5', '1.7e12', '']), callId }
        : { v: '1', type: 'survey.submitted', ts: String(ts), callId, score: random.pick(['150', 'great', '-1']) };
    case 'bad-version':
      return { v: '2', type: 'call.arrived', ts: String(ts), callId };
    case 'empty-id':
      return { v: '1', type: 'call.abandoned', ts: String(ts), callId: '  ', queue: 'billing' };
    default: {
      const unknown: never = kind;
      throw new Error(`unknown malformed kind ${String(unknown)}`);
    }
  }
}

function zeroCounts(): FeedDefectCounts {
  const counts = { duplicate: 0, reordered: 0, orphan: 0, lostEnd: 0 } as FeedDefectCounts;
  for (const kind of MALFORMED_KINDS) counts[kind] = 0;
  return counts;
}
