// The aggregate state: what the core knows after applying a prefix of the stream. Plain data
// (Maps and records) so it can be checkpointed as JSON and restored byte for byte. Each module
// declares the part it reads and writes; the state is all of them.
import type { AgentRecord, AgentsState } from './agents.js';
import type { AlarmsState } from './alarm-log.js';
import { newCallExpiry } from './call-expiry.js';
import type { CallRecord, CallsState } from './calls.js';
import type { DeliveryState } from './delivery.js';
import type { WrapUpState } from './wrap-up.js';

/**
 * Delivery (cursors, watermarks), calls (with their visits, holds and transfers), today's
 * counters, the waiting index, the rolling window, agents and their wrap-up, complaints, and the
 * alarms.
 */
export interface State extends DeliveryState, CallsState, AgentsState, WrapUpState, AlarmsState {
  // Stated here as what the day's record (day-record.ts) and the wrap-up (wrap-up.ts) read them as is narrower.
  cursors: Map<string, string>;
  agents: Map<string, AgentRecord>;
  calls: Map<string, CallRecord>;
}

export function initialState(): State {
  return {
    cursors: new Map(),
    arrivalWatermark: 0,
    eventWatermark: 0,
    lastGcAt: 0,
    today: null,
    agentDays: null,
    closedDays: [],
    closedDaysDropped: 0,
    calls: new Map(),
    onHold: new Map(),
    changedCalls: new Set(),
    callExpiry: newCallExpiry(),
    waiting: new Map(),
    agents: new Map(),
    teamSizes: new Map(),
    servedQueues: new Map(),
    wrappedTs: new Map(),
    agentAnswers: new Map(),
    wrapUps: new Map(),
    complaints: new Map(),
    rolling: new Map(),
    recentAbandons: [],
    alarms: [],
    ingest: { applied: 0, duplicates: 0, deadLettered: 0, lateDropped: 0, clockSkewed: 0, unknownCalls: 0 },
    queueSettings: null,
  };
}
