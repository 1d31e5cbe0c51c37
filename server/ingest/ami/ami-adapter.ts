// The AMI adapter at work: AMI events in, through the mapper, into the stream with the mapper's
// state as the read position (one MULTI per batch), a resync on every login, hold checks settled
// on a timer, and the source status kept current. Batches form while a commit is in flight; when
// Redis is away the batch is retried as is (so it lands once) and the socket is paused if too
// much piles up behind it: the PBX then drops the link and the resync on reconnect repairs.
import type { EventInput } from '../../core/events.js';
import type { AdapterDeps, AdapterKind, RunningAdapter } from '../adapter.js';
import { createPositionWriter, PositionConflictError } from '../position-writer.js';
import { SourceReporter } from '../source-status.js';
import { AmiClient, type AmiSession } from './ami-client.js';
import { AmiMapper, eventTime, type Mapped } from './ami-mapper.js';
import { AMI_FLAGS, amiOptionsFromFlags, amiOptionsSchema, type AmiOptions } from './ami-options.js';
import { emptyAmiState, parsePosition, serializePosition } from './ami-state.js';
import { queueSnapshot, resync } from './queue-resync.js';

/** What `events: holds` appends: the hold events a queue_log does not have. */
const HOLD_EVENTS: ReadonlySet<EventInput['type']> = new Set(['call.held', 'call.hold_check', 'call.resumed']);

/** Events waiting behind a commit before the socket is paused. */
const MAX_PENDING_EVENTS = 10_000;

export const amiAdapter: AdapterKind<typeof amiOptionsSchema> = {
  name: 'ami',
  summary: 'Asterisk Manager Interface: live queue, agent and hold events (the hold checks come from here)',
  flags: AMI_FLAGS,
  fromFlags: amiOptionsFromFlags,
  schema: amiOptionsSchema,
  start: startAmiAdapter,
};

export function startAmiAdapter(options: AmiOptions, deps: AdapterDeps): RunningAdapter {
  const { now } = deps;
  const log = deps.log.child({ pbx: `${options.host}:${options.port}` });
  const reporter = new SourceReporter({ source: deps.source, adapter: 'ami', now, host: deps.host, pid: deps.pid });
  const writer = createPositionWriter({ redis: deps.redis, stream: deps.stream, reporter });
  const mapper = new AmiMapper(
    { source: deps.source, holdCheckWindowMs: options.holdCheckWindowMs, maxCalls: options.maxCalls, maxAgents: options.maxAgents },
    emptyAmiState(),
  );
  const counts = { ignored: 0, resyncs: 0, corrections: 0, holdChecks: 0 };
  let from: string | null = null;
  let seq = 0;
  let pending: EventInput[] = [];
  let dirty = false;
  let stopping = false;
  let wake: (() => void) | null = null;
  const signal = () => {
    wake?.();
    wake = null;
  };
  let tickTimer: NodeJS.Timeout | null = null;
  let channelsRefusedLogged = false;

  // With `events: holds` beside a queue_log adapter of the same source, the calls and agents come
  // from the log; AMI adds only what the log lacks, so nothing is counted twice.
  const wanted = options.events === 'holds' ? (e: EventInput) => HOLD_EVENTS.has(e.type) : () => true;
  const take = (all: readonly EventInput[]) => {
    const events = all.filter(wanted);
    if (events.length > 0) pending.push(...events);
    counts.holdChecks += events.filter((e) => e.type === 'call.hold_check').length;
    dirty = true;
    if (pending.length > MAX_PENDING_EVENTS) client.pause();
    signal();
    scheduleTick();
  };

  const scheduleTick = () => {
    if (tickTimer) clearTimeout(tickTimer);
    tickTimer = null;
    const deadline = mapper.nextDeadline();
    if (deadline === null || stopping) return;
    tickTimer = setTimeout(() => take(mapper.tick(now())), Math.max(0, deadline - now()));
  };

  const onSession = (session: AmiSession) => {
    const touched = mapper.beginResync();
    const channels = session.list({ Action: 'CoreShowChannels' }, 'CoreShowChannelsComplete').catch((error: Error) => {
      if (session.open && !channelsRefusedLogged) {
        channelsRefusedLogged = true;
        log.warn('CoreShowChannels refused: calls that end while the link is down are ended at the next resync only if they were waiting', { reason: error.message });
      }
      return null;
    });
    Promise.all([session.list({ Action: 'QueueStatus' }, 'QueueStatusComplete'), channels]).then(
      ([statusItems, channelItems]) => {
        if (!session.open || stopping) return;
        const t = now();
        const result = resync(mapper, queueSnapshot(statusItems, channelItems), touched, t, t);
        counts.resyncs += 1;
        counts.corrections += result.corrections;
        log.info('resynced from QueueStatus', { corrections: result.corrections, events: result.events.length });
        take(result.events);
      },
      (error: Error) => {
        if (!session.open) return;
        log.warn('QueueStatus failed: reconnecting to try again', { reason: error.message });
        reporter.skip('resync failed');
        session.close('QueueStatus failed');
      },
    );
  };

  const client = new AmiClient(
    {
      host: options.host,
      port: options.port,
      user: options.user,
      secret: options.secret,
      pingIntervalMs: options.pingIntervalMs,
      reconnect: options.reconnect,
      now,
    },
    {
      onSession,
      onEvent: (message, receivedAt) => {
        let result: Mapped;
        try {
          result = mapper.handle(message, eventTime(message, receivedAt), receivedAt);
        } catch (error) {
          // A bug, not the PBX's fault: say so and keep going rather than drop the link.
          const event = message['event'] ?? '(no Event)';
          log.error('AMI event not mapped', { event, error: (error as Error).message });
          reporter.skip(`mapping failed: ${event}`);
          return;
        }
        for (const reason of result.skipped) reporter.skip(reason);
        if (result.ignored) counts.ignored += 1;
        else take(result.events);
      },
      onLink: (state, reason) => {
        if (state === 'down') {
          if (!stopping) log.warn('AMI link down', { reason });
          if (mapper.linkLost(now())) {
            dirty = true;
            signal();
          }
        } else {
          log.info('AMI link up: logged in');
        }
        reporter.link(state, reason);
        writer.publishStatus().catch((error: Error) => log.debug('status not written', { error: error.message }));
      },
      onDropped: (reason, count) => {
        reporter.skip(reason === 'oversized' ? 'AMI message over the size limit' : 'AMI line without "Key:"', count);
        log.debug('AMI input dropped', { reason, count });
      },
    },
  );

  const heartbeat = setInterval(() => {
    writer.publishStatus().catch((error: Error) => log.debug('status not written', { error: error.message }));
  }, options.heartbeatMs);

  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

  /** Commits batches one at a time until stopped and flushed. */
  const writeLoop = async () => {
    let batch: { events: EventInput[]; to: string } | null = null;
    let failures = 0;
    let stopDeadline: number | null = null;
    for (;;) {
      if (!batch) {
        if (pending.length === 0 && !dirty) {
          if (stopping) return;
          await new Promise<void>((resolve) => (wake = resolve));
          continue;
        }
        seq += 1;
        batch = { events: pending, to: serializePosition(seq, now(), mapper.state) };
        pending = [];
        dirty = false;
        client.resume();
      }
      const inFlight = batch;
      try {
        await writer.commit({ events: inFlight.events, from, to: inFlight.to });
        from = inFlight.to;
        batch = null;
        failures = 0;
      } catch (error) {
        if (error instanceof PositionConflictError) throw error;
        failures += 1;
        if (failures === 1 || failures % 20 === 0) log.warn('Redis write failed: retrying the same batch', { error: (error as Error).message, failures });
        // Stopping with Redis away: give up after a few seconds; the next start resyncs from the last write.
        if (stopping) {
          stopDeadline ??= now() + 5_000;
          if (now() > stopDeadline) return log.error('stopped with a batch not written', { events: inFlight.events.length });
        }
        await sleep(Math.min(5_000, 100 * 2 ** Math.min(failures, 6)));
      }
    }
  };

  const run = async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        from = await writer.readPosition();
        break;
      } catch (error) {
        if (stopping) return;
        if (attempt === 1) log.warn('Redis not reachable: waiting for it before connecting to the PBX', { error: (error as Error).message });
        await sleep(Math.min(5_000, 200 * attempt));
      }
    }
    if (from !== null) {
      const parsed = parsePosition(from);
      if (parsed.ok) {
        const { state } = parsed.position;
        seq = parsed.position.seq;
        // The adapter was not looking since its last write: what changed meanwhile is dated from then.
        state.lostTs ??= parsed.position.savedTs;
        Object.assign(mapper.state, state);
        log.info('resuming from the stored state', { calls: state.calls.size, agents: state.agents.size });
      } else {
        log.warn('stored state unreadable: starting afresh (the resync will rebuild it)', { reason: parsed.reason });
        reporter.skip('stored AMI state unreadable');
      }
    }
    if (stopping) return;
    scheduleTick();
    client.start();
    await writeLoop();
  };

  let stopPromise: Promise<void> | null = null;
  const stop = (): Promise<void> =>
    (stopPromise ??= (async () => {
      stopping = true;
      if (tickTimer) clearTimeout(tickTimer);
      await client.stop();
      signal();
      await done.catch(() => undefined);
    })());

  const done = run().finally(async () => {
    stopping = true;
    clearInterval(heartbeat);
    if (tickTimer) clearTimeout(tickTimer);
    await client.stop();
    reporter.link('down', 'stopped');
    await writer.publishStatus().catch(() => undefined);
    deps.redis.disconnect();
  });

  return {
    reporter,
    stop,
    done,
    summary: () => {
      const skipped = reporter.skippedTotal;
      const status = reporter.current;
      return [
        `ami ${deps.source}: appended ${status.events} events (${counts.holdChecks} hold checks)`,
        `resynced ${counts.resyncs} times with ${counts.corrections} corrections`,
        `ignored ${counts.ignored} other AMI events`,
        `skipped ${skipped}${
          skipped > 0
            ? ` (${Object.entries(status.skipped)
                .map(([r, n]) => `${r}: ${n}`)
                .join('; ')})`
            : ''
        }`,
        `link ${status.link}${status.linkReason ? ` (${status.linkReason})` : ''}`,
      ].join(', ');
    },
  };
}
