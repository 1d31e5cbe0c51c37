// One of the load test's screen processes: holds its share of the bare screens and, when asked,
// hands over what they saw since the last time: every cursor move with the times each screen
// received it, deltas missed, and how long screens that lost their connection took to get a
// fresh snapshot. Started by screen-fleet.ts with fork(); talks over the IPC channel only.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getOrCreate } from '../../server/core/map-utils.js';
import { openBareScreen, type BareScreen } from './bare-screen.js';
import type { CursorMove } from './event-latency.js';

export interface OpenOrder {
  type: 'open';
  url: string;
  cookie: string | null;
  token: string | null;
  screens: number;
  /** Source addresses to spread the screens over, in turn. */
  addresses: string[];
  /** Time over which to open them, so a fleet does not arrive in one millisecond. */
  rampMs: number;
}

export type WorkerOrder = OpenOrder | { type: 'collect' } | { type: 'drop' } | { type: 'close' };

export interface Collected {
  type: 'collected';
  moves: CursorMove[];
  deltas: number;
  missed: number;
  snapshots: number;
  /** Screens without a connection and snapshot now. */
  lostNow: number;
  /** Ms from losing the connection to the next snapshot, one per screen that came back. */
  recoveries: number[];
  /** When the last of those came back (epoch ms), or null. */
  lastRecoveredAt: number | null;
  /** Why screens lost their connection, with how often. */
  lostReasons: Record<string, number>;
  /** Deltas by ms from the push (the delta's serverTs) to their receipt, 0..999 and ≥ 1000 last: what fanning out to every screen costs. */
  fanout: number[];
  /** CPU this process used since the last collection, ms. */
  cpuMs: number;
  /**
   * This process's event-loop delay since the last collection, p99 in ms: how late it may have been to read a
   * frame the kernel already held, and so to stamp it. A screen's time is taken when its worker gets to it.
   */
  loopLagP99Ms: number;
}

export type WorkerReport = { type: 'progress'; ready: number } | Collected;

interface ScreenState {
  screen: BareScreen;
  cursor: string | null;
  /** When the connection was lost, until the next snapshot; the first connection counts from its opening. */
  lostAt: number | null;
  ready: boolean;
}

const send = (report: WorkerReport) => process.send?.(report);

function run(): void {
  const states: ScreenState[] = [];
  let moves = new Map<string, CursorMove>();
  let counts = { deltas: 0, missed: 0, snapshots: 0 };
  let fanout = new Array<number>(1001).fill(0);
  let recoveries: number[] = [];
  let lastRecoveredAt: number | null = null;
  let lostReasons: Record<string, number> = {};
  let cpu = process.cpuUsage();
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  let ready = 0;
  let progressTimer: NodeJS.Timeout | null = null;

  const open = (order: OpenOrder, index: number) => {
    const state: ScreenState = { screen: null as unknown as BareScreen, cursor: null, lostAt: null, ready: false };
    state.screen = openBareScreen({
      url: order.url,
      cookie: order.cookie,
      token: order.token,
      localAddress: order.addresses[index % order.addresses.length],
      onSnapshot(_seq, cursor) {
        counts.snapshots += 1;
        state.cursor = cursor;
        if (!state.ready) {
          state.ready = true;
          ready += 1;
        } else if (state.lostAt !== null) {
          const now = Date.now();
          recoveries.push(now - state.lostAt);
          lastRecoveredAt = now;
        }
        state.lostAt = null;
      },
      onDelta(cursor, receivedAt, missed, serverTs) {
        counts.deltas += 1;
        if (serverTs >= 0) fanout[Math.min(1000, Math.max(0, receivedAt - serverTs))]! += 1;
        counts.missed += missed;
        if (cursor === null || cursor === state.cursor) return;
        if (state.cursor !== null && missed === 0) {
          const from = state.cursor;
          getOrCreate(moves, `${from}|${cursor}`, () => ({ from, to: cursor, receivedAt: [] })).receivedAt.push(receivedAt);
        }
        state.cursor = cursor;
      },
      onLost(reason) {
        // Reasons can carry ids; the first words are the kind.
        const kind = reason.slice(0, 60);
        lostReasons[kind] = (lostReasons[kind] ?? 0) + 1;
        if (state.ready && state.lostAt === null) state.lostAt = Date.now();
      },
    });
    states.push(state);
  };

  process.on('message', (order: WorkerOrder) => {
    switch (order.type) {
      case 'open': {
        const gap = order.screens > 1 ? order.rampMs / order.screens : 0;
        for (let i = 0; i < order.screens; i++) setTimeout(() => open(order, i), Math.round(i * gap));
        progressTimer = setInterval(() => send({ type: 'progress', ready }), 250);
        return;
      }
      case 'collect': {
        const used = process.cpuUsage(cpu);
        cpu = process.cpuUsage();
        send({
          type: 'collected',
          moves: [...moves.values()],
          ...counts,
          lostNow: states.filter((s) => s.lostAt !== null).length,
          recoveries,
          lastRecoveredAt,
          lostReasons,
          fanout,
          cpuMs: (used.user + used.system) / 1000,
          loopLagP99Ms: loopDelay.count > 0 ? loopDelay.percentile(99) / 1e6 : 0,
        });
        loopDelay.reset();
        moves = new Map();
        counts = { deltas: 0, missed: 0, snapshots: 0 };
        fanout = new Array<number>(1001).fill(0);
        recoveries = [];
        lastRecoveredAt = null;
        lostReasons = {};
        return;
      }
      case 'drop':
        for (const state of states) state.screen.drop();
        return;
      case 'close':
        if (progressTimer) clearInterval(progressTimer);
        for (const state of states) state.screen.close();
        process.disconnect();
        return;
      default: {
        const unknown: never = order;
        throw new Error(`unknown order ${JSON.stringify(unknown)}`);
      }
    }
  });
}

run();
