// An acknowledge or a clear names its alarm by id only; the message needs the rule, the scope,
// the severity and the threshold. They are in the alarm's raise, earlier in the same stream: kept
// from the raises this node handled (a bounded map), else found by reading the stream backwards
// from the transition (a day's alarms are hundreds of entries, the scan stops at a few thousand).
import type { RedisConnection } from '../redis/connection.js';
import { decodeTransition, factsOf, type AlarmFacts } from './alarm-transition.js';

const REMEMBERED = 2000;
const PAGE = 200;
const MAX_SCANNED = 5000;

export interface AlarmLookup {
  /** Keeps a raise's facts for later transitions of the same alarm. */
  remember(facts: AlarmFacts): void;
  /** The facts of the alarm, searching the stream before `beforeId`; null when not found. */
  find(alarmId: string, beforeId: string): Promise<AlarmFacts | null>;
}

export function createAlarmLookup(redis: RedisConnection, stream: string): AlarmLookup {
  const known = new Map<string, AlarmFacts>();
  const remember = (facts: AlarmFacts) => {
    known.delete(facts.alarmId);
    known.set(facts.alarmId, facts);
    if (known.size > REMEMBERED) known.delete(known.keys().next().value!);
  };
  return {
    remember,
    async find(alarmId, beforeId) {
      const cached = known.get(alarmId);
      if (cached) return cached;
      let end = `(${beforeId}`;
      for (let scanned = 0; scanned < MAX_SCANNED; scanned += PAGE) {
        const page = await redis.xrevrange(stream, end, '-', 'COUNT', PAGE);
        for (const [id, flat] of page) {
          end = `(${id}`;
          const fields: Record<string, string> = {};
          for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
          const decoded = decodeTransition(fields);
          if (decoded.ok && decoded.transition.type === 'alarm.raised' && decoded.transition.alarmId === alarmId) {
            const facts = factsOf(decoded.transition);
            remember(facts);
            return facts;
          }
        }
        if (page.length < PAGE) break;
      }
      return null;
    },
  };
}
