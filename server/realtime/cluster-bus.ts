// What one server node tells or asks every other node, through Socket.IO's Redis adapter: access
// that ended (a revoked display, a removed user or token) and questions about every node's screens
// and refusals. Data never goes this way: each node computes its rooms' snapshots and deltas from
// its own replica of the state, so a room broadcast of data stays on its node (`io.local`), or
// every screen would get one copy per node, each with its node's seq.
import { createAdapter } from '@socket.io/redis-adapter';
import type { Server } from 'socket.io';
import { z } from 'zod';
import { REFUSAL_KINDS, type Refusal } from '../contract/access.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../contract/protocol.js';
import type { Logger } from '../log.js';
import { duplicateConnection, type RedisConnection } from '../redis/connection.js';

/** What ended someone's access; every node turns away its own screens of it. */
export type AccessChange = { kind: 'display'; id: string } | { kind: 'token'; id: string } | { kind: 'user'; name: string };

/** The messages between nodes (Socket.IO's server-side events). */
export interface InterServerEvents {
  'access-changed': (change: AccessChange) => void;
  /** An admin saved the alarm rules: read them again from Redis. */
  'alarm-rules-changed': () => void;
  /** Screens connected to the answering node, by display id. */
  'connected-displays': (ack: (counts: Record<string, number>) => void) => void;
  /** The answering node's recent refusals, newest first. */
  refusals: (ack: (refusals: Refusal[]) => void) => void;
}

export interface ClusterBusOptions {
  /** Prefix of the adapter's pub/sub channels; one per deployment sharing a Redis. @default 'socket.io' */
  key?: string;
  /** How long a question to every node waits for the answers before going on with those that came (the adapter's requestsTimeout). @default 1000 */
  requestsTimeoutMs?: number;
}

export const DEFAULT_REQUESTS_TIMEOUT_MS = 1000;

/** What every node answered, and whether some node did not answer in time. */
export interface Gathered<T> {
  /** The answers of the other nodes that answered (not this node's own). */
  values: T[];
  /** A node counted as subscribed did not answer within the timeout (frozen, or cut off from Redis), or answered what this version cannot read. */
  partial: boolean;
}

/** A wallboard Socket.IO server that the bus serves; its sockets' data is the caller's. */
export type BusServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents>;

/** The questions every node answers, and the answer's type. */
export type Question = 'connected-displays' | 'refusals';
export type AnswerOf<Q extends Question> = Parameters<Parameters<InterServerEvents[Q]>[0]>[0];

// Another node's answer is parsed, not trusted: during a rolling upgrade it may run another version.
const answerSchemas: { [Q in Question]: z.ZodType<AnswerOf<Q>> } = {
  'connected-displays': z.record(z.string(), z.number().int().nonnegative()),
  refusals: z.array(z.object({ ts: z.number(), kind: z.enum(REFUSAL_KINDS), address: z.string(), path: z.string(), reason: z.string(), name: z.string().nullable() })),
};

export interface ClusterBus {
  /** Asks every other node; answers with theirs after all answered or the timeout passed. */
  gather<Q extends Question>(question: Q): Promise<Gathered<AnswerOf<Q>>>;
  /** Tells every other node of ended access (this node acts on it itself). */
  tell(change: AccessChange): void;
  /** Tells every other node the alarm rules changed (this node already has them). */
  tellAlarmRulesChanged(): void;
  close(): void;
}

/** No other node: a server without Redis pub/sub (a test that builds the push alone). */
export const SINGLE_NODE: ClusterBus = {
  gather: () => Promise.resolve({ values: [], partial: false }),
  tell: () => undefined,
  tellAlarmRulesChanged: () => undefined,
  close: () => undefined,
};

/**
 * Puts the Redis adapter on `io`. Its two connections are `duplicate()`s of the server's own, so
 * they follow Sentinel (and Cluster) as that one does; the subscriber is held by SUBSCRIBE.
 */
export function attachClusterBus(io: BusServer, redis: RedisConnection, options: ClusterBusOptions, log: Logger, now: () => number): ClusterBus {
  // Named in CLIENT LIST; errors logged one line per 5 s, as every server connection is.
  const pub = duplicateConnection(redis, { name: 'wallboard-socket.io-pub', log, now });
  const sub = duplicateConnection(redis, { name: 'wallboard-socket.io-sub', log, now });
  const timeoutMs = options.requestsTimeoutMs ?? DEFAULT_REQUESTS_TIMEOUT_MS;
  io.adapter(createAdapter(pub, sub, { key: options.key ?? 'socket.io', requestsTimeout: timeoutMs }));
  return {
    gather: (question) => gather(io, question, timeoutMs),
    tell: (change) => void io.serverSideEmit('access-changed', change),
    tellAlarmRulesChanged: () => void io.serverSideEmit('alarm-rules-changed'),
    close: () => {
      pub.disconnect();
      sub.disconnect();
    },
  };
}

/**
 * The adapter answers after its requestsTimeout with the answers that came; our own deadline, a
 * little later, covers a question that never left (Redis down: the adapter then never answers).
 */
function gather<Q extends Question>(io: BusServer, question: Q, timeoutMs: number): Promise<Gathered<AnswerOf<Q>>> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (values: AnswerOf<Q>[], partial: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(deadline);
      resolve({ values, partial });
    };
    const deadline = setTimeout(() => finish([], true), timeoutMs + 250);
    // Socket.IO types each question's ack separately; one signature for both, the answers typed by Q.
    const ask = io.serverSideEmit.bind(io) as (question: Question, ack: (error: Error | null, answers: unknown[] | undefined) => void) => boolean;
    ask(question, (error, answers) => {
      const parsed = (answers ?? []).map((answer) => answerSchemas[question].safeParse(answer));
      const values = parsed.flatMap((p) => (p.success ? [p.data as AnswerOf<Q>] : []));
      finish(values, error !== null || values.length < parsed.length);
    });
  });
}
