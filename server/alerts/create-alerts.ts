// Alerts out, wired for one server process: the dispatcher on the alarm stream (only when hooks
// are configured), the delivery log, and what the admin API asks of them (the hooks without
// their secrets, the log, a test message).
import type { Logger } from '../log.js';
import type { RedisConnection } from '../redis/connection.js';
import { keys } from '../redis/keys.js';
import { createAlarmHistory } from './alarm-history.js';
import { summariseHook, type AlertsConfig, type HookLang, type HookSummary } from './alert-config.js';
import { AlertDispatcher } from './alert-dispatcher.js';
import { buildRequest } from './alert-formats.js';
import { testMessage } from './alert-message.js';
import { AlertStream } from './alert-stream.js';
import { createDeliveryLog, type DeliveryOutcome, type DeliveryRecord } from './delivery-log.js';
import { sendToHook, type AttemptOutcome } from './hook-sender.js';

export interface AlertsDeps {
  /** The server's command connection. */
  redis: RedisConnection;
  /** Opens a connection of the dispatcher's own (its blocking read). */
  connect: (name: string) => RedisConnection;
  /** The board's first event stream: the alarm stream sits beside it. */
  stream: string;
  /** The board's consumer group: the delivery log's hash tag. */
  group: string;
  /** This node's name in the alerts group. */
  consumer: string;
  config: AlertsConfig;
  /** Times in messages are told in this zone. */
  timeZone: string;
  /** A queue's display name, where the board has one. */
  scopeName: (scope: string, lang: HookLang) => string | undefined;
  log: Logger;
  now: () => number;
  /** A monotonic ms clock for how long an attempt took. */
  elapsed: () => number;
  /** 0..1, for the retries' jitter. */
  random: () => number;
  /** Counts each attempt by hook and outcome (/metrics). */
  counted?: (hook: string, outcome: DeliveryOutcome) => void;
}

export interface Alerts {
  hooks: HookSummary[];
  /** The delivery log, newest first. */
  deliveries(limit: number): Promise<DeliveryRecord[]>;
  /** Sends one test message to a hook (no retry), logged like any attempt; null when no such hook. */
  sendTest(hookId: string): Promise<AttemptOutcome | null>;
  /** The dispatcher, when hooks are configured. */
  dispatcher: AlertDispatcher | null;
  stop(): Promise<void>;
}

export function createAlerts(deps: AlertsDeps): Alerts {
  const { config, log } = deps;
  const deliveries = createDeliveryLog(deps.redis, deps.group, config.logMaxLen);
  const stream = keys.alarms(deps.stream);
  const send = (hook: (typeof config.hooks)[number], request: ReturnType<typeof buildRequest>) => sendToHook(hook.kind, request, config.requestTimeoutMs, deps.elapsed);
  const messages = { boardName: config.boardName, timeZone: deps.timeZone, scopeName: deps.scopeName };
  let dispatcher: AlertDispatcher | null = null;
  if (config.hooks.length > 0) {
    dispatcher = new AlertDispatcher({
      stream: new AlertStream({ redis: deps.redis, connectBlocking: () => deps.connect('wallboard-alerts-reader'), stream, group: deps.group, consumer: deps.consumer }),
      history: createAlarmHistory(deps.redis, stream),
      deliveries,
      config,
      messages,
      send,
      counted: deps.counted,
      log,
      node: deps.consumer,
      now: deps.now,
      random: deps.random,
    });
    dispatcher.start();
    log.info('alerts dispatcher started', { stream, hooks: config.hooks.map((h) => `${h.id} (${h.kind})`) });
  }
  return {
    hooks: config.hooks.map(summariseHook),
    deliveries: (limit) => deliveries.list(limit),
    async sendTest(hookId) {
      const hook = config.hooks.find((h) => h.id === hookId);
      if (!hook) return null;
      const now = deps.now();
      const message = testMessage({ ...messages, lang: hook.lang }, now);
      const entry = `test-${now}`;
      const outcome = await send(
        hook,
        buildRequest(
          hook,
          { idempotencyKey: `${entry}:${hook.id}`, message, document: { version: 1, board: config.boardName, hook: hook.id, test: true, message } },
          now,
        ),
      );
      const result: DeliveryOutcome = outcome.ok ? 'delivered' : 'gave-up';
      deps.counted?.(hook.id, result);
      await deliveries.append({
        ts: now,
        hook: hook.id,
        node: deps.consumer,
        entry,
        transition: 'test',
        alarmId: null,
        attempt: 1,
        outcome: result,
        status: outcome.status,
        error: outcome.error,
        ms: outcome.ms,
      });
      return outcome;
    },
    dispatcher,
    stop: async () => {
      await dispatcher?.stop();
    },
  };
}
