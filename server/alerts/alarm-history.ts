// Whether a transition changed anything, and what the alarm it belongs to is. The contract makes
// repeats harmless (a raise written twice in a failover's overlap, an acknowledge of an alarm
// already acknowledged, a clear of one not active: event-contract.md, Alarms); an alert must not
// repeat them either. The alarm's earlier transitions are read back from the stream (its id
// carries the time it was first raised, so the scan stops there) and folded by the contract's
// rules; a day's alarms are hundreds of entries, and the scan stops at a few thousand.
import type { RedisConnection } from '../redis/connection.js';
import { decodeTransition, factsOf, type AlarmFacts, type AlarmTransition } from './alarm-transition.js';

const PAGE = 200;
const MAX_SCANNED = 5000;
/** Redis's clock (the entry IDs) and the deciding node's (the raise's ts) may differ by this much. */
const CLOCK_MARGIN_MS = 60_000;

/** An alarm as its transitions so far leave it. */
export interface AlarmStatus {
  facts: AlarmFacts;
  active: boolean;
  acknowledged: boolean;
}

/** Folds one transition into the alarm's status by the contract's rules; `changed` is false for a repeat that changes nothing. */
export function foldTransition(before: AlarmStatus | null, t: AlarmTransition): { status: AlarmStatus | null; changed: boolean } {
  switch (t.type) {
    case 'alarm.raised': {
      if (before === null || !before.active) return { status: { facts: factsOf(t), active: true, acknowledged: false }, changed: true };
      // Only an escalation to critical changes an active alarm; it keeps its raised time and needs a new acknowledgement.
      if (before.facts.severity === 'warning' && t.severity === 'critical')
        return { status: { facts: { ...factsOf(t), raisedTs: before.facts.raisedTs }, active: true, acknowledged: false }, changed: true };
      return { status: before, changed: false };
    }
    case 'alarm.acknowledged':
      if (before === null || !before.active || before.acknowledged) return { status: before, changed: false };
      return { status: { ...before, acknowledged: true }, changed: true };
    case 'alarm.cleared':
      if (before === null || !before.active) return { status: before, changed: false };
      return { status: { ...before, active: false }, changed: true };
    default: {
      const never: never = t;
      return never;
    }
  }
}

/** The time an alarm was first raised, from its id (`<rule>:<scope>:<raisedTs>`). */
function raisedTsOf(alarmId: string): number | null {
  const match = /:(\d{1,15})$/.exec(alarmId);
  return match ? Number(match[1]) : null;
}

const entryMs = (id: string) => Number(id.slice(0, id.indexOf('-')));

export interface AlarmHistory {
  /** The alarm's status just before the entry `beforeId` (null when nothing of it is found). */
  statusBefore(alarmId: string, beforeId: string): Promise<AlarmStatus | null>;
}

export function createAlarmHistory(redis: RedisConnection, stream: string): AlarmHistory {
  return {
    async statusBefore(alarmId, beforeId) {
      const since = raisedTsOf(alarmId);
      const earlier: AlarmTransition[] = [];
      let end = `(${beforeId}`;
      scan: for (let scanned = 0; scanned < MAX_SCANNED; scanned += PAGE) {
        const page = await redis.xrevrange(stream, end, '-', 'COUNT', PAGE);
        for (const [id, flat] of page) {
          if (since !== null && entryMs(id) < since - CLOCK_MARGIN_MS) break scan;
          end = `(${id}`;
          const fields: Record<string, string> = {};
          for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
          const decoded = decodeTransition(fields);
          if (decoded.ok && decoded.transition.alarmId === alarmId) earlier.push(decoded.transition);
        }
        if (page.length < PAGE) break;
      }
      let status: AlarmStatus | null = null;
      for (const t of earlier.reverse()) status = foldTransition(status, t).status;
      return status;
    },
  };
}
