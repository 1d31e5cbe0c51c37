// Where the admin's alarm rules live: one JSON value under the consumer group's hash tag, so every
// node of the group reads the same rules. Absent, the config file's `alarms` section holds.
import { alarmRulesSchema, type AlarmRulesConfig } from '../core/alarm-rules.js';
import type { RedisConnection } from '../redis/connection.js';
import { keys } from '../redis/keys.js';

export interface AlarmRulesStore {
  /** The stored rules, or null when an admin never saved any (or what is stored no longer validates). */
  load(): Promise<{ rules: AlarmRulesConfig; updatedBy: string; updatedTs: number } | null>;
  save(rules: AlarmRulesConfig, by: string, ts: number): Promise<void>;
}

export function createAlarmRulesStore(redis: RedisConnection, group: string): AlarmRulesStore {
  const key = keys.alarmRules(group);
  return {
    async load() {
      const raw = await redis.get(key);
      if (raw === null) return null;
      try {
        const stored = JSON.parse(raw) as { rules?: unknown; updatedBy?: unknown; updatedTs?: unknown };
        const rules = alarmRulesSchema.safeParse(stored.rules);
        if (!rules.success) return null;
        return {
          rules: rules.data,
          updatedBy: typeof stored.updatedBy === 'string' ? stored.updatedBy : '',
          updatedTs: typeof stored.updatedTs === 'number' ? stored.updatedTs : 0,
        };
      } catch {
        return null;
      }
    },
    async save(rules, by, ts) {
      await redis.set(key, JSON.stringify({ rules, updatedBy: by, updatedTs: ts }));
    },
  };
}
