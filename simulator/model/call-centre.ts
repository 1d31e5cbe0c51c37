// The call centre as a discrete-event simulation: pure and seeded, with no clock of its own.
// The caller pulls contract events in time order with next()/takeUntil(); the model advances
// exactly as far as needed to produce them. Same config, seed and start time: same events.
import type { AgentState, Tier } from '../../server/contract/vocabulary.js';
import type { EventInput } from '../../server/core/events.js';
import { nextArrival, windowValue } from './arrival-profile.js';
import { holdCheckGapMs, planCall, planComplaint, surveyScore, type CallPlan } from './call-plan.js';
import { isAlwaysZero, sample } from './distributions.js';
import { EventHeap } from './event-heap.js';
import { defaultIdPrefix, phoneNumber } from './identities.js';
import { createLocalClock } from './local-clock.js';
import { validateModelConfig, type ModelConfig } from './model-config.js';
import { createRandomStreams } from './random.js';
import { buildRoster, type AgentProfile } from './roster.js';
import { Router } from './router.js';

export interface CallCentreOptions {
  config: ModelConfig;
  seed: number;
  /** Model time of the first event (epoch ms). */
  startTs: number;
  /** Incident windows are measured from here. @default startTs */
  anchorTs?: number;
  /** Makes call and complaint ids unique per run. @default derived from seed and startTs */
  idPrefix?: string;
}

export interface CallCentreStats {
  /** Calls offered so far (call.arrived). */
  arrived: number;
  waiting: number;
  /** Calls holding a trunk (IVR, queue or agent). */
  inSystem: number;
  agents: Record<AgentState, number>;
}

export interface CallCentre {
  readonly agents: readonly AgentProfile[];
  readonly idPrefix: string;
  /** Time of the next event; Infinity if none will come. */
  peekTs(): number;
  /** The next event in time order. */
  next(): EventInput | undefined;
  /** Every event with ts ≤ `untilTs`, at most `max` of them. */
  takeUntil(untilTs: number, max?: number): EventInput[];
  stats(): CallCentreStats;
}

type CallPhase = 'ivr' | 'waiting' | 'ringing' | 'talking' | 'held' | 'done';

interface Call {
  id: string;
  tier: Tier;
  vipTier: boolean;
  queue: string;
  phase: CallPhase;
  /** Bumped at each phase change; timers of an earlier epoch are stale. */
  epoch: number;
  queuedTs: number;
  waiting: boolean;
  agent: Agent | null;
  plan: CallPlan | null;
  step: number;
  transfers: number;
}

interface Agent extends AgentProfile {
  state: AgentState;
  /** Bumped at each state change; timers of an earlier version are stale. */
  version: number;
  onDuty: boolean;
}

type Happening =
  | { kind: 'arrival' }
  | { kind: 'ivr-done'; call: Call }
  | { kind: 'patience'; call: Call; epoch: number }
  | { kind: 'ring-end'; call: Call; epoch: number }
  | { kind: 'segment-end'; call: Call; epoch: number }
  | { kind: 'hold-check'; call: Call; epoch: number }
  | { kind: 'acw-end'; agent: Agent; version: number }
  | { kind: 'pause-end'; agent: Agent; version: number }
  | { kind: 'shift-change'; agent: Agent }
  | { kind: 'emit'; event: EventInput };

const MINUTE = 60_000;

export function createCallCentre(options: CallCentreOptions): CallCentre {
  const { config, seed, startTs } = options;
  validateModelConfig(config);
  const anchorTs = options.anchorTs ?? startTs;
  const idPrefix = options.idPrefix ?? defaultIdPrefix(seed, startTs);
  const random = createRandomStreams(seed);
  const clock = createLocalClock(config.timeZone);
  const heap = new EventHeap<Happening>();
  const out: EventInput[] = [];
  const regularQueues = config.queues.map((q) => q.id);
  const queueShares = Object.fromEntries(config.queues.map((q) => [q.id, q.share]));
  const router = new Router<Call, Agent>([...(config.vipQueue ? [config.vipQueue] : []), ...regularQueues]);
  const agents: Agent[] = buildRoster(config, random.roster).map((p) => ({ ...p, state: 'offline', version: 0, onDuty: false }));
  const agentCounts: Record<AgentState, number> = { available: 0, ringing: 0, talking: 0, hold: 0, acw: 0, paused: 0, offline: agents.length };
  let now = startTs;
  let calls = 0;
  let complaints = 0;
  let inSystem = 0;
  const emit = (event: EventInput): void => {
    out.push(event);
  };
  const ts = () => Math.floor(now);

  function setState(agent: Agent, state: AgentState, reason?: string): void {
    agentCounts[agent.state]--;
    agentCounts[state]++;
    agent.state = state;
    agent.version++;
    emit({ type: 'agent.state', ts: ts(), agentId: agent.id, state, team: agent.team, name: agent.name, queues: agent.skills, vip: agent.vip, reason });
  }

  function arrival(): void {
    heap.push(nextArrival(config.arrivals, clock, random.arrivals, now, anchorTs), { kind: 'arrival' });
    const r = random.callers;
    const tier = r.weighted(windowValue(config.tiers.windows, now, anchorTs) ?? config.tiers.shares);
    const vipTier = tier !== 'standard';
    const queue = vipTier && config.vipQueue ? config.vipQueue : r.weighted(queueShares);
    const call: Call = {
      id: `c-${idPrefix}-${++calls}`,
      tier,
      vipTier,
      queue,
      phase: 'ivr',
      epoch: 0,
      queuedTs: now,
      waiting: false,
      agent: null,
      plan: null,
      step: 0,
      transfers: 0,
    };
    emit({ type: 'call.arrived', ts: ts(), callId: call.id, caller: phoneNumber(r.next(), r.next()), tier, dnis: '10000' });
    const trunkLimit = windowValue(config.trunks.windows, now, anchorTs) ?? config.trunks.limit;
    const faultShare = windowValue(config.ivr.faultWindows, now, anchorTs) ?? config.ivr.faultShare;
    if (inSystem >= trunkLimit) return emit({ type: 'call.blocked', ts: ts(), callId: call.id, reason: 'trunks-busy' });
    if (r.chance(faultShare)) return emit({ type: 'call.blocked', ts: ts(), callId: call.id, reason: 'ivr-fault' });
    inSystem++;
    if (isAlwaysZero(config.ivr.timeMs)) ivrDone(call);
    else heap.push(now + sample(config.ivr.timeMs, r), { kind: 'ivr-done', call });
  }

  function ivrDone(call: Call): void {
    if (random.callers.chance(config.ivr.selfServiceShare)) {
      call.phase = 'done';
      inSystem--;
      return emit({ type: 'call.ended', ts: ts(), callId: call.id, reason: 'ivr-self-service' });
    }
    enterQueue(call, call.queue);
  }

  function enterQueue(call: Call, queue: string): void {
    call.queue = queue;
    call.phase = 'waiting';
    call.epoch++;
    call.queuedTs = now;
    emit({ type: 'call.queued', ts: ts(), callId: call.id, queue, tier: call.tier });
    // A caller who was transferred has invested more and waits longer.
    const patience = sample(config.patienceMs, random.callers) * (call.transfers > 0 ? 1.5 : 1);
    if (Number.isFinite(patience)) heap.push(now + patience, { kind: 'patience', call, epoch: call.epoch });
    const agent = router.enqueue(call, queue);
    if (agent) connect(agent, call);
  }

  function connect(agent: Agent, call: Call): void {
    call.agent = agent;
    if (isAlwaysZero(config.ringMs)) return answer(call);
    call.phase = 'ringing';
    setState(agent, 'ringing');
    heap.push(now + sample(config.ringMs, random.agents), { kind: 'ring-end', call, epoch: call.epoch });
  }

  function abandon(call: Call): void {
    emit({ type: 'call.abandoned', ts: ts(), callId: call.id, queue: call.queue });
    if (call.phase === 'waiting') router.leave(call, call.queue);
    const agent = call.agent;
    call.phase = 'done';
    call.agent = null;
    inSystem--;
    if (agent) becomeFree(agent);
    if (random.callers.chance(config.complaints.shareAbandoned)) complain(call);
  }

  function answer(call: Call): void {
    const agent = call.agent!;
    emit({ type: 'call.answered', ts: ts(), callId: call.id, queue: call.queue, agentId: agent.id });
    setState(agent, 'talking');
    call.phase = 'talking';
    call.epoch++;
    call.plan = planCall(config, random.callers, agent.habit, call.transfers === 0 && regularQueues.length > 1);
    call.step = 0;
    startSegment(call);
  }

  function startSegment(call: Call): void {
    const segment = call.plan!.segments[call.step]!;
    heap.push(now + segment.ms, { kind: 'segment-end', call, epoch: call.epoch });
    if (segment.kind === 'hold') scheduleHoldCheck(call);
  }

  function scheduleHoldCheck(call: Call): void {
    const gap = holdCheckGapMs(call.agent!.habit, random.agents);
    if (Number.isFinite(gap)) heap.push(now + gap, { kind: 'hold-check', call, epoch: call.epoch });
  }

  function segmentEnd(call: Call): void {
    const agent = call.agent!;
    const next = call.plan!.segments[++call.step];
    if (!next) return finish(call, agent);
    call.epoch++;
    if (next.kind === 'hold') {
      call.phase = 'held';
      emit({ type: 'call.held', ts: ts(), callId: call.id, agentId: agent.id });
      setState(agent, 'hold');
    } else {
      call.phase = 'talking';
      emit({ type: 'call.resumed', ts: ts(), callId: call.id, agentId: agent.id });
      setState(agent, 'talking');
    }
    startSegment(call);
  }

  function finish(call: Call, agent: Agent): void {
    const outcome = call.plan!.outcome;
    switch (outcome) {
      case 'completed':
      case 'caller-hung-up': {
        const resolved = outcome === 'completed' && random.callers.chance(call.transfers > 0 ? config.resolution.afterTransfer : config.resolution.firstContact);
        emit({ type: 'call.ended', ts: ts(), callId: call.id, agentId: agent.id, resolved, reason: outcome });
        call.phase = 'done';
        inSystem--;
        afterCall(call, resolved);
        return wrapUp(agent);
      }
      case 'cold-transfer':
      case 'warm-transfer': {
        const toQueue = random.callers.pick(regularQueues.filter((q) => q !== call.queue));
        const mode = outcome === 'warm-transfer' ? 'warm' : 'cold';
        emit({ type: 'call.transferred', ts: ts(), callId: call.id, agentId: agent.id, toQueue, mode });
        call.transfers++;
        call.agent = null;
        wrapUp(agent);
        return enterQueue(call, toQueue);
      }
      default: {
        const unknown: never = outcome;
        throw new Error(`unknown outcome ${String(unknown)}`);
      }
    }
  }

  function afterCall(call: Call, resolved: boolean): void {
    const r = random.callers;
    if (r.chance(config.surveys.share)) {
      const at = now + sample(config.surveys.delayMs, r);
      heap.push(at, { kind: 'emit', event: { type: 'survey.submitted', ts: Math.floor(at), callId: call.id, score: surveyScore(config, r, resolved) } });
    }
    if (r.chance(resolved ? config.complaints.shareResolved : config.complaints.shareUnresolved)) complain(call);
  }

  function complain(call: Call): void {
    const plan = planComplaint(config, random.callers);
    const complaintId = `k-${idPrefix}-${++complaints}`;
    const openedTs = Math.floor(now + plan.openedAfterMs);
    const opened: EventInput = {
      type: 'complaint.opened',
      ts: openedTs,
      complaintId,
      callId: call.id,
      dueTs: openedTs + Math.floor(plan.replyWithinMs),
      grade: plan.grade,
    };
    heap.push(openedTs, { kind: 'emit', event: opened });
    heap.push(openedTs + plan.repliedAfterMs, { kind: 'emit', event: { type: 'complaint.replied', ts: Math.floor(openedTs + plan.repliedAfterMs), complaintId } });
  }

  function wrapUp(agent: Agent): void {
    if (isAlwaysZero(config.acwMs)) return afterWork(agent);
    setState(agent, 'acw');
    heap.push(now + sample(config.acwMs, random.agents), { kind: 'acw-end', agent, version: agent.version });
  }

  function afterWork(agent: Agent): void {
    if (agent.onDuty && random.agents.chance(config.pauses.share)) {
      setState(agent, 'paused', random.agents.pick(config.pauses.reasons));
      heap.push(now + sample(config.pauses.durationMs, random.agents), { kind: 'pause-end', agent, version: agent.version });
      return;
    }
    becomeFree(agent);
  }

  /** Takes the next waiting caller, or waits for one; off duty, logs off instead. */
  function becomeFree(agent: Agent): void {
    if (!agent.onDuty) return setState(agent, 'offline', 'shift-end');
    const next = router.agentFree(agent);
    if (next) return connect(agent, next.call);
    if (agent.state !== 'available') setState(agent, 'available');
  }

  function shiftChange(agent: Agent): void {
    const shift = agent.shift!;
    // Toggle rather than re-read the clock, so rounding at the boundary cannot flap.
    agent.onDuty = !agent.onDuty;
    heap.push(now + (agent.onDuty ? shift.lengthMinutes : 1440 - shift.lengthMinutes) * MINUTE, { kind: 'shift-change', agent });
    if (agent.onDuty && agent.state === 'offline') return becomeFree(agent);
    if (!agent.onDuty && (agent.state === 'available' || agent.state === 'paused')) {
      router.remove(agent);
      setState(agent, 'offline', 'shift-end');
    }
    // Busy agents finish the call and log off after it (becomeFree sees onDuty = false).
  }

  function handle(happening: Happening): void {
    switch (happening.kind) {
      case 'arrival':
        return arrival();
      case 'ivr-done':
        return ivrDone(happening.call);
      case 'patience': {
        const { call, epoch } = happening;
        if (call.epoch === epoch && (call.phase === 'waiting' || call.phase === 'ringing')) abandon(call);
        return;
      }
      case 'ring-end':
        if (happening.call.epoch === happening.epoch && happening.call.phase === 'ringing') answer(happening.call);
        return;
      case 'segment-end':
        if (happening.call.epoch === happening.epoch) segmentEnd(happening.call);
        return;
      case 'hold-check': {
        const { call, epoch } = happening;
        if (call.epoch !== epoch || call.phase !== 'held') return;
        emit({ type: 'call.hold_check', ts: ts(), callId: call.id, agentId: call.agent!.id });
        return scheduleHoldCheck(call);
      }
      case 'acw-end':
        if (happening.agent.version === happening.version) afterWork(happening.agent);
        return;
      case 'pause-end':
        if (happening.agent.version === happening.version) becomeFree(happening.agent);
        return;
      case 'shift-change':
        return shiftChange(happening.agent);
      case 'emit':
        return emit(happening.event);
      default: {
        const unknown: never = happening;
        throw new Error(`unknown happening ${JSON.stringify(unknown)}`);
      }
    }
  }

  // Opening roster: every agent announces their state, so a board knows the whole floor.
  const startMinute = clock.minuteOfDay(startTs);
  for (const agent of agents) {
    const shift = agent.shift;
    const into = shift ? (startMinute - shift.startMinute + 1440) % 1440 : 0;
    agent.onDuty = !shift || into < shift.lengthMinutes;
    if (shift) heap.push(startTs + (agent.onDuty ? shift.lengthMinutes - into : 1440 - into) * MINUTE, { kind: 'shift-change', agent });
    if (agent.onDuty) becomeFree(agent);
    else setState(agent, 'offline', 'off-shift');
  }
  heap.push(nextArrival(config.arrivals, clock, random.arrivals, startTs, anchorTs), { kind: 'arrival' });

  const fill = (): boolean => {
    while (out.length === 0) {
      const popped = heap.pop();
      if (!popped) return false;
      now = popped.ts;
      handle(popped.item);
    }
    return true;
  };
  let cursor = 0;
  const peekTs = (): number => {
    if (cursor >= out.length) {
      out.length = 0;
      cursor = 0;
      if (!fill()) return Number.POSITIVE_INFINITY;
    }
    return out[cursor]!.ts;
  };
  const next = (): EventInput | undefined => (peekTs() === Number.POSITIVE_INFINITY ? undefined : out[cursor++]);
  return {
    agents,
    idPrefix,
    peekTs,
    next,
    takeUntil(untilTs, max = Number.POSITIVE_INFINITY) {
      const taken: EventInput[] = [];
      while (taken.length < max && peekTs() <= untilTs) taken.push(out[cursor++]!);
      return taken;
    },
    stats: () => ({ arrived: calls, waiting: router.waiting(), inSystem, agents: { ...agentCounts } }),
  };
}
