// Transfers: a call moved to another queue or agent, warm (introduced) or cold. Each transfer
// is counted once by its event time, ends any hold, and moves the call unless a later transfer
// was already applied.
import { countAgentDay } from './agent-day.js';
import type { CoreConfig } from './core-config.js';
import { countToday, type DayCounters } from './day.js';
import type { EventOf } from './events.js';
import { endHold, type HoldingCall, type HoldsState } from './holds.js';

/** The part of a call record that its transfers read and write. */
export interface TransferringCall extends HoldingCall {
  /** Queue and agent of the last answer or transfer: where a held call belongs. */
  queue: string | null;
  agentId: string | null;
  /** Event times of the transfers counted, to recognise one reported again. */
  transfers: number[];
}

export function onTransferred(state: HoldsState, call: TransferringCall, event: EventOf<'call.transferred'>, config: CoreConfig): void {
  endHold(state, call, event.ts, config);
  if (call.transfers.includes(event.ts)) return; // the same transfer reported again
  const latest = call.transfers.every((t) => t < event.ts);
  call.transfers.push(event.ts);
  if (latest) {
    // Where the call is now, unless a later transfer was already applied.
    if (event.toAgentId) call.agentId = event.toAgentId;
    if (event.toQueue) call.queue = event.toQueue;
  }
  const kind = event.mode === 'warm' ? 'warmTransfers' : event.mode === 'cold' ? 'coldTransfers' : 'otherTransfers';
  countToday(state, event.ts, config, { [kind]: 1 });
  if (kind !== 'otherTransfers') countAgentDay(state, event.agentId, event.ts, config, { [kind]: 1 });
}

export type TransferTotals = Pick<DayCounters, 'coldTransfers' | 'warmTransfers' | 'otherTransfers'>;

export function transferTotals(counters: DayCounters): TransferTotals {
  return { coldTransfers: counters.coldTransfers, warmTransfers: counters.warmTransfers, otherTransfers: counters.otherTransfers };
}
