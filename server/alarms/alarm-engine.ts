// The edge around the pure alarm core: once a second every node measures its replica's
// whole-floor snapshot and evaluates the rules (so its memory of since-when is warm); the lease
// holder alone appends the transitions to the alarm stream, and every node, the holder too, applies
// them when its reader brings them back. An acknowledgement is appended by whichever node the lead
// reached. The rules are the config file's until an admin saves others (alarm-rules-store.ts); a
// save reaches every node through the cluster bus.
import { createAlarmMemory, evaluateAlarms, notePending, type AlarmTransition } from '../core/alarm-evaluate.js';
import { measureAlarms } from '../core/alarm-measure.js';
import { alarmRulesSchema, type AlarmRulesConfig } from '../core/alarm-rules.js';
import { encodeArgs, maskPhoneNumbers } from '../core/events.js';
import type { Alarm } from '../contract/snapshot.js';
import type { Logger } from '../log.js';
import type { SnapshotSource } from '../realtime/create-realtime.js';
import type { RedisConnection } from '../redis/connection.js';
import type { AlarmRulesStore } from './alarm-rules-store.js';

export interface AlarmEngineOptions {
  /** The config file's rules, in force until an admin saves others. */
  rules: AlarmRulesConfig;
  /** How often every node evaluates. @default 1000 */
  evaluateEveryMs?: number;
  /** How long an acknowledgement waits to be read back before it answers anyway. @default 3000 */
  ackWaitMs?: number;
}

export interface AlarmEngineDeps {
  redis: Pick<RedisConnection, 'xadd'>;
  /** The whole floor's snapshot, with the feed's sources. */
  source: Pick<SnapshotSource, 'snapshot'>;
  /** The replica's alarms, active and cleared. */
  alarms: () => readonly Alarm[];
  /** Whether this node holds the lease (writes the transitions). */
  isLeaseHolder: () => boolean;
  /** Whether the replica is current: no alarm is decided on a state still catching up. */
  isLive: () => boolean;
  /** The alarm stream (keys.alarms). */
  stream: string;
  store: AlarmRulesStore;
  log: Logger;
  now: () => number;
}

/** The rules in force and where they came from. */
export interface RulesInForce {
  rules: AlarmRulesConfig;
  source: 'config' | 'admin';
  updatedBy: string | null;
  updatedTs: number | null;
}

export type AckResult = { ok: true; already: boolean; alarm: Alarm } | { ok: false; status: 404 | 409; error: string };
export type SaveResult = { ok: true; rules: RulesInForce } | { ok: false; error: string };

export interface AlarmEngine {
  start(): Promise<void>;
  stop(): void;
  /** One evaluation now (the timer calls it; tests may too). */
  tick(): Promise<void>;
  rules(): RulesInForce;
  /** Validates and stores an admin's rules; the caller tells the other nodes. */
  saveRules(raw: unknown, by: string): Promise<SaveResult>;
  /** Reads the stored rules again (another node saved). */
  reloadRules(): Promise<void>;
  acknowledge(alarmId: string, by: string): Promise<AckResult>;
}

export function createAlarmEngine(options: AlarmEngineOptions, deps: AlarmEngineDeps): AlarmEngine {
  const { log, now } = deps;
  const memory = createAlarmMemory();
  const configRules: RulesInForce = { rules: options.rules, source: 'config', updatedBy: null, updatedTs: null };
  let inForce = configRules;
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  const active = () => deps.alarms().filter((a) => a.clearedTs === null);

  async function append(transitions: readonly AlarmTransition[]): Promise<void> {
    for (const t of transitions) await deps.redis.xadd(deps.stream, '*', ...encodeArgs(t));
  }

  async function tick(): Promise<void> {
    // Off, the board neither raises nor clears: transitions another writer puts on the alarm
    // stream are shown and sent as they come. (A rule set to false, by contrast, clears its alarms.)
    if (running || !deps.isLive() || inForce.rules.enabled === false) return;
    running = true;
    try {
      const at = now();
      const current = active();
      const measurements = measureAlarms(deps.source.snapshot(at, {}), inForce.rules, at);
      const transitions = evaluateAlarms(measurements, current, memory, at);
      if (transitions.length === 0 || !deps.isLeaseHolder()) return;
      notePending(memory, transitions, current, at);
      await append(transitions);
      for (const t of transitions) log.info('alarm transition written', { ...t });
    } catch (error) {
      log.warn('alarm evaluation failed', { error });
    } finally {
      running = false;
    }
  }

  async function reloadRules(): Promise<void> {
    const stored = await deps.store.load();
    inForce = stored ? { rules: stored.rules, source: 'admin', updatedBy: stored.updatedBy, updatedTs: stored.updatedTs } : configRules;
  }

  return {
    async start() {
      await reloadRules().catch((error: unknown) => log.warn('could not read the stored alarm rules; the config file holds', { error }));
      timer = setInterval(() => void tick(), options.evaluateEveryMs ?? 1000);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    tick,
    rules: () => inForce,
    async saveRules(raw, by) {
      const parsed = alarmRulesSchema.safeParse(raw);
      if (!parsed.success) {
        return { ok: false, error: parsed.error.issues.map((i) => `${i.path.join('.') || 'rules'}: ${i.message}`).join('; ') };
      }
      const ts = now();
      await deps.store.save(parsed.data, by, ts);
      inForce = { rules: parsed.data, source: 'admin', updatedBy: by, updatedTs: ts };
      log.info('alarm rules saved', { by });
      return { ok: true, rules: inForce };
    },
    reloadRules,
    async acknowledge(alarmId, by) {
      const find = () => deps.alarms().find((a) => a.id === alarmId);
      const alarm = find();
      if (!alarm) return { ok: false, status: 404, error: `no alarm "${alarmId.slice(0, 140)}"` };
      if (alarm.clearedTs !== null) return { ok: false, status: 409, error: 'the alarm has already cleared' };
      if (alarm.acknowledgedBy !== null) return { ok: true, already: true, alarm: { ...alarm } };
      await append([{ type: 'alarm.acknowledged', ts: now(), alarmId, by }]);
      // The replica keeps the name as the event's schema stores it, a run of digits like a phone number's masked (events.ts).
      const stored = maskPhoneNumbers(by);
      // Answered once this node has read its own write back, so the answer and the screens agree.
      const deadline = Date.now() + (options.ackWaitMs ?? 3000);
      while (Date.now() < deadline) {
        const seen = find();
        if (seen && (seen.acknowledgedBy !== null || seen.clearedTs !== null)) return { ok: true, already: seen.acknowledgedBy !== stored, alarm: { ...seen } };
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return { ok: true, already: false, alarm: { ...(find() ?? alarm) } };
    },
  };
}
