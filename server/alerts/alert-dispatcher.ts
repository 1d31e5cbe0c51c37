// Sends each alarm transition to every hook that wants it, on whichever node the `alerts` group
// hands it to: each transition is handled by one node. A hook that fails is retried with
// exponential back-off and jitter up to maxAttempts; the entry is acknowledged once every hook
// has been served or given up. A node that dies leaves its entries pending; another takes them
// over after the visibility timeout and skips the hooks already served. Between a hook's answer
// and the record of it a crash can repeat one request: the Idempotency-Key header (entry ID and
// hook id) lets a receiver drop it. At-least-once, effectively once.
import type { Logger } from '../log.js';
import { sleep } from '../redis/sleep.js';
import { foldTransition, type AlarmHistory } from './alarm-history.js';
import { decodeTransition, type AlarmFacts, type AlarmTransition } from './alarm-transition.js';
import type { AlertHook, AlertsConfig } from './alert-config.js';
import { buildRequest } from './alert-formats.js';
import { alertPayload, type MessageContext } from './alert-message.js';
import type { AlarmEntry, AlertStream } from './alert-stream.js';
import type { DeliveryLog, DeliveryOutcome } from './delivery-log.js';
import type { AttemptOutcome } from './hook-sender.js';

export interface AlertDispatcherDeps {
  stream: AlertStream;
  history: AlarmHistory;
  deliveries: DeliveryLog;
  config: AlertsConfig;
  /** Everything a message needs but its language. */
  messages: Omit<MessageContext, 'lang'>;
  /** Sends one request (hook-sender.ts's sendToHook in production). */
  send: (hook: AlertHook, request: ReturnType<typeof buildRequest>) => Promise<AttemptOutcome>;
  /** Counts an attempt's outcome (the /metrics counter). */
  counted?: (hook: string, outcome: DeliveryOutcome) => void;
  log: Logger;
  /** This node's name, in the delivery log. */
  node: string;
  now: () => number;
  /** 0..1, for the jitter. */
  random: () => number;
  /** The blocking read's BLOCK time. @default 1000 */
  blockMs?: number;
}

/** The wait before attempt `attempt + 1`: the doubled delay, half of it fixed and half random ("equal jitter"). */
export function retryDelay(attempt: number, config: Pick<AlertsConfig, 'baseDelayMs' | 'maxDelayMs'>, random: () => number): number {
  const delay = Math.min(config.maxDelayMs, config.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(delay / 2 + random() * (delay / 2));
}

/** The ms part of a stream entry ID: when the transition was written. */
function entryTime(id: string): number {
  return Number(id.slice(0, id.indexOf('-')));
}

export class AlertDispatcher {
  private readonly abort = new AbortController();
  /** Entries being delivered here, and whether this node still owns each. */
  private readonly inFlight = new Map<string, { lost: boolean }>();
  private slotFreed: (() => void) | null = null;
  private loops: Promise<void>[] = [];

  constructor(private readonly d: AlertDispatcherDeps) {}

  start(): void {
    this.loops = [this.readLoop(), this.upkeepLoop()];
  }

  /** Stops reading and retrying; entries not finished stay pending for another node (or this one's restart) to take over. */
  async stop(): Promise<void> {
    this.abort.abort();
    this.slotFreed?.();
    this.d.stream.close();
    await Promise.allSettled(this.loops);
  }

  /** Entries being delivered on this node. */
  get pending(): number {
    return this.inFlight.size;
  }

  private get stopped(): boolean {
    return this.abort.signal.aborted;
  }

  private async readLoop(): Promise<void> {
    let failures = 0;
    // Made at start, and again after a failure (the stream may have been deleted with its group: NOGROUP).
    let groupReady = false;
    while (!this.stopped) {
      try {
        if (!groupReady) {
          await this.d.stream.ensureGroup();
          groupReady = true;
        }
        const room = this.d.config.maxInFlight - this.inFlight.size;
        if (room <= 0) {
          await new Promise<void>((resolve) => (this.slotFreed = resolve));
          continue;
        }
        const entries = await this.d.stream.read(Math.min(room, 50), this.d.blockMs ?? 1000);
        for (const entry of entries) this.begin(entry);
        failures = 0;
      } catch (error) {
        if (this.stopped) return;
        failures += 1;
        groupReady = false;
        this.d.log.warn('alarm stream read failed; retrying', { error, failures });
        await sleep(Math.min(5000, 250 * 2 ** Math.min(failures, 5)), this.abort.signal);
      }
    }
  }

  /** Takes over what a dead node left, renews this node's claim on what it is still delivering, and deletes dead nodes' consumers. */
  private async upkeepLoop(): Promise<void> {
    const every = Math.max(200, Math.floor(this.d.config.visibilityTimeoutMs / 3));
    while (!this.stopped) {
      try {
        const lost = await this.d.stream.renew([...this.inFlight.keys()]);
        for (const id of lost) {
          const job = this.inFlight.get(id);
          if (job) job.lost = true;
        }
        const room = this.d.config.maxInFlight - this.inFlight.size;
        if (room > 0)
          for (const entry of await this.d.stream.takeOver(this.d.config.visibilityTimeoutMs, room)) if (!this.inFlight.has(entry.id)) this.begin(entry, true);
        for (const consumer of await this.d.stream.pruneConsumers(this.d.config.consumerPruneAfterMs))
          this.d.log.info('idle alerts consumer deleted (nothing pending; a node that stopped, or an idle one)', {
            consumer,
            idleAtLeastMs: this.d.config.consumerPruneAfterMs,
          });
      } catch (error) {
        if (this.stopped) return;
        this.d.log.warn('alert upkeep failed; retrying', { error });
      }
      await sleep(every, this.abort.signal);
    }
  }

  private begin(entry: AlarmEntry, takenOver = false): void {
    const job = { lost: false };
    this.inFlight.set(entry.id, job);
    if (takenOver) this.d.log.info('alarm transition taken over from a node that stopped', { entry: entry.id });
    void this.deliverEntry(entry, job)
      .catch((error: unknown) => this.d.log.error('alarm transition delivery failed; it stays pending for a retry', { entry: entry.id, error }))
      .finally(() => {
        this.inFlight.delete(entry.id);
        this.slotFreed?.();
        this.slotFreed = null;
      });
  }

  private async deliverEntry(entry: AlarmEntry, job: { lost: boolean }): Promise<void> {
    const decoded = decodeTransition(entry.fields);
    if (!decoded.ok) {
      this.d.log.warn('alarm stream entry does not decode; not sent', { entry: entry.id, reason: decoded.reason });
      return this.d.stream.ack(entry.id);
    }
    const transition = decoded.transition;
    if (this.d.now() - entryTime(entry.id) > this.d.config.staleAfterMs) {
      this.d.log.info('alarm transition too old to send (written before alerts were running)', { entry: entry.id, type: transition.type });
      return this.d.stream.ack(entry.id);
    }
    const before = await this.d.history.statusBefore(transition.alarmId, entry.id);
    const folded = foldTransition(before, transition);
    // An acknowledge or clear whose raise is gone (trimmed) still goes out, without the alarm's facts.
    const unknown = before === null && transition.type !== 'alarm.raised';
    if (!folded.changed && !unknown) {
      this.d.log.info('alarm transition changes nothing (a repeat); not sent', { entry: entry.id, type: transition.type, alarmId: transition.alarmId });
      return this.d.stream.ack(entry.id);
    }
    const facts = folded.status?.facts ?? null;
    const escalated = transition.type === 'alarm.raised' && before?.active === true;
    const hooks = this.d.config.hooks.filter((h) => h.transitions.includes(transition.type) && (facts === null || h.severities.includes(facts.severity)));
    const served = await this.d.stream.served(entry.id);
    await Promise.all(hooks.filter((h) => !served.has(h.id)).map((hook) => this.deliverToHook(entry.id, transition, facts, escalated, hook, job)));
    if (!this.stopped && !job.lost) await this.d.stream.ack(entry.id);
  }

  private async deliverToHook(
    entryId: string,
    transition: AlarmTransition,
    facts: AlarmFacts | null,
    escalated: boolean,
    hook: AlertHook,
    job: { lost: boolean },
  ): Promise<void> {
    const payload = alertPayload(entryId, hook.id, transition, facts, { ...this.d.messages, lang: hook.lang }, escalated);
    for (let attempt = 1; attempt <= this.d.config.maxAttempts; attempt++) {
      if (this.stopped || job.lost) return;
      const outcome = await this.d.send(hook, buildRequest(hook, payload, this.d.now()));
      const result: DeliveryOutcome = outcome.ok ? 'delivered' : attempt === this.d.config.maxAttempts ? 'gave-up' : 'failed';
      this.d.counted?.(hook.id, result);
      await this.d.deliveries
        .append({
          ts: this.d.now(),
          hook: hook.id,
          node: this.d.node,
          entry: entryId,
          transition: transition.type,
          alarmId: transition.alarmId,
          attempt,
          outcome: result,
          status: outcome.status,
          error: outcome.error,
          ms: outcome.ms,
        })
        .catch((error: unknown) => this.d.log.warn('delivery log write failed', { error }));
      if (outcome.ok) return this.d.stream.markServed(entryId, hook.id);
      if (result === 'gave-up') {
        this.d.log.error('alert hook gave up', { hook: hook.id, entry: entryId, attempts: attempt, error: outcome.error });
        return this.d.stream.markServed(entryId, hook.id);
      }
      this.d.log.warn('alert hook failed; will retry', { hook: hook.id, entry: entryId, attempt, status: outcome.status, error: outcome.error });
      await sleep(retryDelay(attempt, this.d.config, this.d.random), this.abort.signal);
    }
  }
}
