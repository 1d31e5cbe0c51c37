// Wires the real parts together for one server process: Redis connections, the aggregator and
// its stream consumer, the HTTP app and the Socket.IO push. main.ts calls it with the process's
// configuration, clock and name; the integration tests call it with theirs.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { RedisOptions } from 'ioredis';
import { Aggregator } from './aggregator.js';
import { createAccess, type Access } from './auth/access.js';
import { ingestAuthenticator } from './auth/ingest-authenticator.js';
import type { ServerConfig } from './config.js';
import { withFeedStatus } from './feed-status.js';
import { SourceTracker, startSourceMonitor } from './source-monitor.js';
import { startInProcessAdapters } from './ingest/in-process.js';
import { defaultSourceName } from './ingest/source-name.js';
import { HistoryWriter } from './history/history-writer.js';
import { createApp } from './http/create-app.js';
import { createHistoryRoutes } from './http/history-routes.js';
import { createAlertRoutes } from './http/alert-routes.js';
import { queueNamesIn, queueSettingsIn } from './core/queue-settings.js';
import { createAlerts } from './alerts/create-alerts.js';
import { createIngestRoute } from './http/ingest-route.js';
import { createMetrics } from './http/metrics.js';
import { createHttpIngest } from './ingest/http-ingest.js';
import type { Logger } from './log.js';
import { createRealtime, type Realtime } from './realtime/create-realtime.js';
import { connectRedis, redisTarget, type RedisConnection } from './redis/connection.js';
import { createCheckpointStore } from './redis/checkpoint-store.js';
import { createDeadLetterSink } from './redis/dead-letters.js';
import { createIoredisBlockingClient, createIoredisStreamsClient } from './redis/ioredis-streams-client.js';
import { createHistoryStore } from './redis/history-store.js';
import { createLease } from './redis/lease.js';
import { createQueueSettingsStore } from './redis/queue-settings-store.js';
import { StreamConsumer } from './redis/stream-consumer.js';
import { keys } from './redis/keys.js';
import { createAlarmEngine } from './alarms/alarm-engine.js';
import { createAlarmRulesStore } from './alarms/alarm-rules-store.js';
import { createAlarmRoutes } from './http/alarm-routes.js';
import { createPdfPrinter } from './report/pdf-printer.js';
import { createMorningWebhook } from './report/morning-webhook.js';
import type { ReportWebhook } from './report/report-config.js';
import { historyResponse } from './history/history-response.js';

/** What the server takes from the process it runs in; main.ts reads them, a test may choose them. */
export interface ServerRuntime {
  /** The one clock: snapshots, feed status, uptime, checkpoint and trim schedules. */
  now: () => number;
  /** This process's name in the consumer group and as lease holder; see leaseOwnerId. */
  owner: string;
  /** A monotonic ms clock for durations (a webhook attempt's). @default performance.now */
  elapsed?: () => number;
  /** 0..1, for the webhook retries' jitter. @default Math.random */
  random?: () => number;
  /** The host's name and the process id: the default source name of in-process adapters, shown in their status. @default the owner's parts */
  host?: string;
  pid?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  aggregator: Aggregator;
  consumer: StreamConsumer;
  /** The Socket.IO push, with what its per-socket limits have done. */
  realtime: Realtime;
  /** Users, displays, tokens and sessions. */
  access: Access;
  /** Stops serving and consuming (with a final checkpoint) and closes the Redis connections. */
  stop(): Promise<void>;
}

export async function startServer(config: ServerConfig & { redisUrl: string }, log: Logger, runtime: ServerRuntime): Promise<RunningServer> {
  const { now, owner } = runtime;
  const target = redisTarget(config);
  const connect = (name: string, options: RedisOptions = {}) => connectRedis(target, { name, log, now, options });
  // A command Redis never answers fails after 10 s, so the consumer recovers instead of hanging.
  const redis = connect('wallboard-commands', { commandTimeout: 10_000 });
  const blockingConnections = new Set<RedisConnection>();
  const aggregator = new Aggregator(config.core);
  const historyLog = log.child({ component: 'history' });
  const historyStore = createHistoryStore(redis, config.group, {
    owner,
    retentionDays: config.history.retentionDays,
    now,
    unreadable: (date, reason) => historyLog.warn('a stored day record cannot be read; it is left out', { date, reason }),
  });
  const history = new HistoryWriter(
    { intervalMs: config.history.writeIntervalMs },
    { records: () => aggregator.dayRecords(), store: historyStore, log: historyLog, now },
  );
  // The server's own alarm stream is read beside the event streams, so the alarms are in every replica.
  const alarmStream = keys.alarms(config.streams[0]!);
  const consumer = new StreamConsumer(
    { ...config, streams: [...config.streams, alarmStream], consumer: owner },
    {
      streams: createIoredisStreamsClient(redis),
      // Its own connection: a blocking read holds the connection, and an interrupted one must
      // fail rather than be silently re-sent after a reconnect (the watchdog handles the rest).
      createBlockingClient: () => {
        const c = connect('wallboard-stream-reader', { maxRetriesPerRequest: 1, autoResendUnfulfilledCommands: false });
        blockingConnections.add(c);
        c.once('end', () => blockingConnections.delete(c));
        return createIoredisBlockingClient(c);
      },
      aggregator,
      checkpoints: createCheckpointStore(redis, config.group, owner),
      deadLetters: createDeadLetterSink(redis, config.deadLetterMaxLen),
      lease: createLease(redis, config.group, owner, config.leaseMs),
      log: log.child({ component: 'consumer' }),
      now,
      history,
    },
  );

  const sourceMonitor = startSourceMonitor(redis, config.streams, new SourceTracker(config.sources), now, log.child({ component: 'sources' }), config.sources.pollMs);
  const source = withFeedStatus(aggregator, consumer, now, sourceMonitor.tracker);
  const alarms = createAlarmEngine(
    { rules: config.alarms },
    {
      redis,
      source,
      alarms: () => aggregator.alarms(),
      isLeaseHolder: () => consumer.status.role === 'active',
      isLive: () => (consumer.status.role === 'active' || consumer.status.role === 'following') && consumer.status.caughtUp && !consumer.status.lastError,
      stream: alarmStream,
      store: createAlarmRulesStore(redis, config.group),
      log: log.child({ component: 'alarms' }),
      now,
    },
  );
  // The HTTP ingest writes to the first stream (a partitioned deployment routes by its own producers).
  const access = await createAccess(redis, config.group, config.access, log.child({ component: 'access' }), now);
  const httpIngestLog = log.child({ component: 'http-ingest' });
  const httpIngest = !config.ingest.http.enabled
    ? null
    : createHttpIngest({
        redis,
        stream: config.streams[0]!,
        config: config.ingest.http,
        log: httpIngestLog,
        now,
        host: runtime.host ?? owner,
        pid: runtime.pid ?? 0,
        authenticator: ingestAuthenticator(access.tokens, config.ingest.http.token),
      });
  // The app is made before the Socket.IO side it asks about connected screens; bound once both exist.
  let realtime: Realtime | null = null;
  const metrics = createMetrics({
    redis,
    streams: config.streams,
    group: config.group,
    consumer,
    aggregator,
    history,
    screens: () => ({ connected: realtime?.connected ?? 0, views: realtime?.views ?? 0 }),
  });
  // One Chromium at a time for the report's PDFs, whether a reader or the morning webhook asks.
  const reportLog = log.child({ component: 'report' });
  const printer = createPdfPrinter({ chromiumPath: config.report.chromiumPath, timeoutMs: config.report.pdfTimeoutMs, log: reportLog });
  const alerts = createAlerts({
    redis,
    connect: (name) => connect(name, { maxRetriesPerRequest: 1, autoResendUnfulfilledCommands: false }),
    stream: config.streams[0]!,
    group: config.group,
    consumer: owner,
    config: config.alerts,
    timeZone: config.core.timeZone,
    // The names the screens show: the settings in force, as the core resolves them.
    scopeName: (scope, lang) => {
      const name = queueSettingsIn({ queueSettings: aggregator.queueSettings() }, config.core)[scope]?.name;
      return name ? (lang === 'en' ? name.en : name.zh) : undefined;
    },
    log: log.child({ component: 'alerts' }),
    now,
    elapsed: runtime.elapsed ?? (() => performance.now()),
    random: runtime.random ?? Math.random,
    counted: metrics.alertAttempt,
  });
  const app = createApp({
    source,
    consumer,
    sources: sourceMonitor.tracker,
    pingRedis: async () => {
      await redis.ping();
    },
    staticDir: config.staticDir,
    startedAt: now(),
    now,
    ingest: createIngestRoute({ ingest: httpIngest, log: httpIngestLog }),
    access,
    allowedOrigins: config.allowedOrigins,
    trustProxy: config.trustProxy,
    tls: config.tls !== null,
    metrics,
    // An admin's change is appended to the first stream, with the events it applies from.
    queueSettings: {
      store: createQueueSettingsStore(redis, config.group, config.streams[0]!),
      configQueues: config.core.queues,
      defaults: { serviceLevelMs: config.core.serviceLevelMs, serviceLevelTarget: config.core.serviceLevelTarget, shortAbandonMs: config.core.shortAbandonMs },
      applied: () => aggregator.queueSettings(),
    },
    alerts: createAlertRoutes(access, alerts),
    history: createHistoryRoutes({
      access,
      store: historyStore,
      config: config.core,
      queueNames: () => queueNamesIn(queueSettingsIn({ queueSettings: aggregator.queueSettings() }, config.core), null),
    }),
    alarms: createAlarmRoutes({ access, engine: alarms, source, now, rulesChanged: () => realtime?.alarmRulesChanged() }),
    report: { printer, log: reportLog },
    screens: {
      connectedDisplays: () => realtime?.access.connectedDisplays() ?? Promise.resolve({ value: new Map(), partial: false }),
      accessChanged: (change) => realtime?.access.accessChanged(change),
      refusals: () => realtime?.access.refusals() ?? Promise.resolve({ value: access.refusals.list(), partial: false }),
    },
  });
  const http = config.tls ? createHttpsServer({ cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) }, app) : createHttpServer(app);
  const push = createRealtime(
    http,
    {
      pushIntervalMs: config.pushIntervalMs,
      allowedOrigins: config.allowedOrigins,
      maxMessageBytes: config.socket.maxMessageBytes,
      limits: config.socket,
      trustProxy: config.trustProxy,
      // One bus per consumer group, so two deployments sharing a Redis do not hear each other.
      cluster: { key: `wallboard:${config.group}:socket.io` },
    },
    { source, log: log.child({ component: 'realtime' }), now, access, onPush: metrics.pushed, redis, alarms },
  );
  realtime = push;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(config.port, config.host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  const ownUrl = `${config.tls ? 'https' : 'http'}://${config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host}:${port}`;
  const startMorningWebhook = (hook: ReportWebhook) => {
    const webhook = createMorningWebhook({
      hook,
      timeZone: config.core.timeZone,
      boardName: config.alerts.boardName,
      reportOrigin: () => config.access.publicUrl ?? ownUrl,
      // Caught up too: yesterday is closed by today's first event, which a node still replaying may not have read.
      isLeaseHolder: () => consumer.status.role === 'active' && consumer.status.caughtUp,
      claim: async (date) => (await redis.set(keys.reportSent(config.group, date), owner, 'PX', 3 * 86_400_000, 'NX')) === 'OK',
      release: async (date) => void (await redis.del(keys.reportSent(config.group, date))),
      readDay: async (date) =>
        historyResponse({ from: date, to: date, dates: [date], queues: null, interval: 'day', lang: hook.lang }, await historyStore.read([date]), {
          config: config.core,
          queueNames: queueNamesIn(queueSettingsIn({ queueSettings: aggregator.queueSettings() }, config.core), null),
        }),
      // No reader asks: the page is opened with a token made for this one print and removed after it.
      printPdf: async (date, lang) => {
        const token = await access.tokens.create({ name: 'morning report (one print)', role: 'admin' });
        try {
          return await printer.print({ url: `${ownUrl}/report?date=${date}&lang=${lang === 'en' ? 'en' : 'zh'}`, credential: { kind: 'bearer', token: token.token } });
        } catch (error) {
          reportLog.warn('the morning report goes without its PDF', { date, error: (error as Error).message });
          return null;
        } finally {
          await access.tokens.remove(token.id);
        }
      },
      now,
      log: reportLog,
    });
    webhook.start();
    return webhook;
  };
  const morning = config.report.webhook === null ? null : startMorningWebhook(config.report.webhook);
  consumer.start();
  await alarms.start();
  const ingest = startInProcessAdapters(config.adapters, {
    connect: (name) => connect(name, { maxRetriesPerRequest: null }),
    stream: config.streams[0]!,
    defaultSource: defaultSourceName(runtime.host ?? owner),
    log,
    now,
    host: runtime.host ?? owner,
    pid: runtime.pid ?? 0,
  });
  const host = config.host === '0.0.0.0' ? 'localhost' : config.host;
  const scheme = config.tls ? 'https' : 'http';
  log.info('listening', { port, url: `${scheme}://${host}:${port}`, streams: config.streams, group: config.group, consumer: owner });

  return {
    url: `${scheme}://${host}:${port}`,
    port,
    aggregator,
    consumer,
    realtime: push,
    access,
    stop: async () => {
      morning?.stop();
      await alerts.stop();
      await ingest.stop();
      await httpIngest?.stop();
      sourceMonitor.stop();
      alarms.stop();
      await push.close();
      await consumer.stop();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      for (const c of blockingConnections) c.disconnect();
      redis.disconnect();
    },
  };
}
