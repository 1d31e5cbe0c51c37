// Builds the record of one local day from the state: the day's counters per queue and per
// 15-minute bucket, the floor's day counters, the complaints, each agent's day, the alarms raised
// that day and the thresholds in force. Pure and deterministic: the same stream prefix gives the
// same record, byte for byte, and the same version, so a replay or a second node writes it once.
import type { CoreConfig } from './core-config.js';
import { emptyCounts } from './counts.js';
import type { AgentDays, DayStats, QueueDayCounts } from './day-counters.js';
import { DAY_RECORD_FORMAT, type DayRecord } from './day-record-schema.js';
import { complaintBuckets, complaintDay, type ComplaintsState } from './complaints.js';
import { thresholdsOf, type QueueSettingsState } from './queue-settings.js';
import type { AlarmsState } from './alarm-log.js';

/** What a day's record reads from the state besides the day's own counters. */
export interface DayRecordSource extends ComplaintsState, AlarmsState, QueueSettingsState {
  cursors: ReadonlyMap<string, string>;
  eventWatermark: number;
  agents: ReadonlyMap<string, { name: string | null; team: string | null }>;
}

const byKey = <K extends string | number, V>(m: ReadonlyMap<K, V>): [K, V][] => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The version of a state's records: the sums of its cursors' times and sequence numbers. Every
 * accepted entry moves one cursor forward, and cursors never go back, so it grows with each
 * entry; equal versions mean the same prefix of the same streams. Fixed width, compared as text.
 */
export function recordVersion(cursors: ReadonlyMap<string, string>): string {
  let ms = 0;
  let seq = 0;
  for (const id of cursors.values()) {
    const dash = id.indexOf('-');
    ms += Number(dash === -1 ? id : id.slice(0, dash));
    seq += dash === -1 ? 0 : Number(id.slice(dash + 1));
  }
  return `${String(ms).padStart(16, '0')}-${String(seq).padStart(12, '0')}`;
}

/**
 * The record of `day`. A closed day is `final`, as of its end; today's record is as of the latest
 * event time the stream has reached (never past the day's end), so a replay gives the same one.
 */
export function dayRecord(source: DayRecordSource, config: CoreConfig, day: DayStats, agentDays: AgentDays | null, final: boolean): DayRecord {
  const asOfTs = final ? day.endTs : Math.min(day.endTs, Math.max(day.startTs, source.eventWatermark));
  const queueIds = [...new Set([...day.queues.keys(), ...day.intraday.keys()])].sort();
  const agents = agentDays?.day === day.day ? byKey(agentDays.agents) : [];
  return {
    format: DAY_RECORD_FORMAT,
    date: day.day,
    startTs: day.startTs,
    endTs: day.endTs,
    timeZone: config.timeZone,
    final,
    version: recordVersion(source.cursors),
    asOfTs,
    counters: { ...day.counters },
    counterBuckets: byKey(day.counterBuckets).map(([i, c]) => [i, { ...c }]),
    queues: queueIds.map((queue) => {
      const counts = day.queues.get(queue);
      return {
        queue,
        day: { standard: { ...(counts?.standard ?? emptyCounts()) }, vip: { ...(counts?.vip ?? emptyCounts()) } },
        buckets: byKey(day.intraday.get(queue) ?? new Map<number, QueueDayCounts>()).map(([i, c]) => [i, { standard: { ...c.standard }, vip: { ...c.vip } }]),
        thresholds: thresholdsOf(source, config, queue),
      };
    }),
    complaints: complaintDay(source, day, asOfTs),
    complaintBuckets: byKey(complaintBuckets(source, day, asOfTs)),
    agents: agents.map(([agentId, c]) => {
      const known = source.agents.get(agentId);
      return { agentId, name: known?.name ?? null, team: known?.team ?? null, ...c };
    }),
    alarms: source.alarms.filter((a) => a.raisedTs >= day.startTs && a.raisedTs < day.endTs).map((a) => ({ ...a })),
  };
}
