// GET /metrics in Prometheus's format (prom-client): what an operator alerts on. The stream's lag
// and pending entries (asked of Redis at each scrape), events applied and dead-lettered, the
// consumer's role and lease, screens and views, how long pushes take, and the process's own
// figures (event-loop lag, memory, CPU) from prom-client's defaults.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RedisConnection } from '../redis/connection.js';
import type { Aggregator } from '../aggregator.js';
import type { ConsumerStatus } from '../redis/stream-consumer.js';
import type { HistoryWriteCounts } from '../history/history-writer.js';

const ROLES = ['starting', 'standby', 'following', 'recovering', 'active', 'stopped'] as const;

export interface MetricsDeps {
  redis: RedisConnection;
  streams: readonly string[];
  group: string;
  consumer: { status: ConsumerStatus };
  aggregator: Pick<Aggregator, 'ingestCounts'>;
  /** The day history's writes so far (history-writer.ts). */
  history: { counts: HistoryWriteCounts };
  /** Connected sockets and distinct views, from the Socket.IO side. */
  screens: () => { connected: number; views: number };
}

export interface Metrics {
  registry: Registry;
  /** Records one push: how long it took and how many deltas it sent. */
  pushed: (ms: number, deltas: number) => void;
  /** Counts one webhook attempt by hook and outcome (delivered, failed, gave-up). */
  alertAttempt: (hook: string, outcome: string) => void;
}

export function createMetrics(deps: MetricsDeps): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'wallboard_consumer_role',
    help: 'The stream consumer role of this process (1 for the current one); active holds the lease and writes',
    labelNames: ['role'],
    registers: [registry],
    collect() {
      for (const role of ROLES) this.set({ role }, deps.consumer.status.role === role ? 1 : 0);
    },
  });
  new Gauge({
    name: 'wallboard_events_applied',
    help: 'Stream entries applied to the aggregate today, valid or dead-lettered',
    registers: [registry],
    collect() {
      this.set(deps.aggregator.ingestCounts().applied);
    },
  });
  new Gauge({
    name: 'wallboard_events_dead_lettered',
    help: 'Stream entries that failed validation or a limit, today',
    registers: [registry],
    collect() {
      this.set(deps.aggregator.ingestCounts().deadLettered);
    },
  });
  new Counter({
    name: 'wallboard_history_writes_total',
    help: 'Day-history records this process wrote while holding the lease, by outcome (stored, unchanged, failed)',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      const counts = deps.history.counts;
      this.reset();
      for (const outcome of ['stored', 'unchanged', 'failed'] as const) this.inc({ outcome }, counts[outcome]);
    },
  });
  new Counter({
    name: 'wallboard_history_days_lost_total',
    help: 'Closed days dropped before the history stored them (a backfill closed more than a week of days between two writes)',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(deps.history.counts.daysLost);
    },
  });
  // One XINFO GROUPS per stream and scrape gives both: the lag's collect sets the pending gauge,
  // registered after it so a scrape reads it once set.
  new Gauge({
    name: 'wallboard_stream_lag',
    help: "Entries of the stream the consumer group has not been handed yet (XINFO GROUPS' lag)",
    labelNames: ['stream'],
    registers: [registry],
    async collect() {
      for (const stream of deps.streams) {
        const info = await groupInfo(deps.redis, stream, deps.group);
        if (info?.lag !== undefined) this.set({ stream }, info.lag);
        if (info?.pending !== undefined) pending.set({ stream }, info.pending);
      }
    },
  });
  const pending = new Gauge({
    name: 'wallboard_stream_pending',
    help: 'Entries handed to the consumer group and not yet acknowledged',
    labelNames: ['stream'],
    registers: [registry],
  });
  new Gauge({
    name: 'wallboard_screens_connected',
    help: 'Socket.IO connections to this process',
    registers: [registry],
    collect() {
      this.set(deps.screens().connected);
    },
  });
  new Gauge({
    name: 'wallboard_views',
    help: 'Distinct views this process serves',
    registers: [registry],
    collect() {
      this.set(deps.screens().views);
    },
  });
  const pushSeconds = new Histogram({
    name: 'wallboard_push_duration_seconds',
    help: 'How long one push (the deltas of every room) took',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.5, 1, 2],
    registers: [registry],
  });
  const deltas = new Histogram({
    name: 'wallboard_push_deltas',
    help: 'Deltas one push sent (one per room that changed)',
    buckets: [0, 1, 5, 20, 100, 500],
    registers: [registry],
  });
  const alertAttempts = new Counter({
    name: 'wallboard_alert_deliveries_total',
    help: 'Webhook attempts for alarm transitions by hook and outcome: delivered, failed (to be retried), gave-up (the last attempt failed)',
    labelNames: ['hook', 'outcome'],
    registers: [registry],
  });
  return {
    registry,
    pushed: (ms, count) => {
      pushSeconds.observe(ms / 1000);
      deltas.observe(count);
    },
    alertAttempt: (hook, outcome) => alertAttempts.inc({ hook, outcome }),
  };
}

/** The group's fields from XINFO GROUPS (lag needs Redis 7). */
async function groupInfo(redis: RedisConnection, stream: string, group: string): Promise<{ pending?: number; lag?: number } | null> {
  try {
    const groups = (await redis.xinfo('GROUPS', stream)) as (string | number | null)[][];
    for (const fields of groups) {
      const map = new Map<string, string | number | null>();
      for (let i = 0; i + 1 < fields.length; i += 2) map.set(String(fields[i]), fields[i + 1] ?? null);
      if (map.get('name') !== group) continue;
      const lag = map.get('lag');
      return { pending: Number(map.get('pending') ?? 0), lag: typeof lag === 'number' ? lag : undefined };
    }
  } catch {
    // no stream yet
  }
  return null;
}
