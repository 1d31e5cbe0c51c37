// Key names. Everything a consumer group owns shares one hash tag, so on Redis Cluster it
// lives in one slot (the checkpoint script and the access stores' MULTIs stay in it). An adapter's
// keys share its stream's slot, so its events and its read position go in one script. Dead
// letters are written alone, so "<stream>:dead" may hash elsewhere ("wallboard:events:{q}:dead"
// shares the stream's tag, plain "wallboard:events:dead" does not, and needs not).

import { ALARM_STREAM_PREFIX } from '../core/alarm-log.js';

/** The part of a key Redis Cluster hashes: the first non-empty {…}, else the whole key. */
export function hashTagOf(key: string): string {
  const open = key.indexOf('{');
  const close = open === -1 ? -1 : key.indexOf('}', open + 1);
  return close > open + 1 ? key.slice(open + 1, close) : key;
}

const ingest = (stream: string) => `wallboard:ingest:{${hashTagOf(stream)}}`;

export const keys = {
  /**
   * The server's own stream of alarm transitions (alarm.raised, .acknowledged, .cleared), beside
   * the event streams it is named after: it shares the first event stream's hash tag, so on Redis
   * Cluster the follower reads it in the same command.
   */
  alarms: (stream: string) => `${ALARM_STREAM_PREFIX}{${hashTagOf(stream)}}`,
  checkpoint: (group: string) => `wallboard:{${group}}:checkpoint`,
  checkpointCalls: (group: string) => `wallboard:{${group}}:checkpoint:calls`,
  lease: (group: string) => `wallboard:{${group}}:lease`,
  deadLetters: (stream: string) => `${stream}:dead`,
  /** Where one adapter of one source keeps its read position (an opaque string of its own). */
  ingestPosition: (stream: string, source: string, adapter: string) => `${ingest(stream)}:position:${source}:${adapter}`,
  /** Hash of the status records of every source feeding the stream, field "source/adapter". */
  ingestSources: (stream: string) => `${ingest(stream)}:sources`,
  /** A request's Idempotency-Key and the reply it got, for the HTTP ingest. */
  ingestIdempotency: (stream: string, key: string) => `${ingest(stream)}:idempotency:${key}`,
  /** Access control's records (users, displays, API tokens, the session secret), one board per consumer group. */
  auth: (group: string, part: 'users' | 'displays' | 'display-links' | 'display-seen' | 'tokens' | 'token-hashes' | 'token-used' | 'session-secret') =>
    `wallboard:{${group}}:auth:${part}`,
  /** Hash of the admin's per-queue settings (fields "version" and "queues"), for GET and for a restart with no stream left to replay. */
  queueSettings: (group: string) => `wallboard:{${group}}:queue-settings`,
  /** Prefix of the group's session keys (connect-redis appends the session id). */
  sessions: (group: string) => `wallboard:{${group}}:session:`,
  /** The alarm rules an admin saved (JSON), which replace the config file's. */
  alarmRules: (group: string) => `wallboard:{${group}}:alarm-rules`,
  /** The day whose morning report was sent (SET NX, so one node sends it once): report/morning-webhook.ts. */
  reportSent: (group: string, date: string) => `wallboard:{${group}}:report:sent:${date}`,
  /** One local day's record (history-store.ts): a hash of version, record (gzipped JSON) and writtenTs. */
  historyDay: (group: string, date: string) => `wallboard:{${group}}:history:day:${date}`,
  /** Prefix of the login throttle's counters. */
  loginThrottle: (group: string) => `wallboard:{${group}}:login-throttle`,
};
