// A deterministic day on a hotline floor for the end-to-end tests and screenshots: agents in
// teams, a few hours of answered and abandoned calls, callers waiting now, callers on hold at
// different points of their 30-second clock, surveys and complaints. Pure: a seed and a clock in.
import type { EventInput } from '../../server/core/events.js';
import type { Tier } from '../../server/contract/vocabulary.js';
import { mulberry32 } from './mulberry32.js';

export interface ScenarioOptions {
  /** Server time now, epoch ms. */
  now: number;
  /** @default 7 */
  seed?: number;
  /** Hours of history before now (clipped to today by the server). @default 5 */
  hours?: number;
  /** Mean calls per queue per 15 minutes. @default 9 */
  callsPerBucket?: number;
  /** Queue ids. @default six queues */
  queues?: string[];
  /** Agents per queue. @default 6 */
  agentsPerQueue?: number;
  /** Callers on hold now: the first four at telling points of their clock, the rest spread. @default 4 */
  heldCalls?: number;
}

export const SCENARIO_QUEUES = ['billing', 'broadband', 'mobile', 'vip', 'complaints', 'roaming'];
const TEAMS = ['A组', 'B组', 'C组'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭', '何', '林'];
const GIVEN = ['芳', '娜', '敏', '静', '伟', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '霞', '平'];

export interface Scenario {
  events: EventInput[];
  /** Held calls the scenario leaves on hold, with when their next check falls due. */
  held: { callId: string; agentId: string; nextCheckDueTs: number }[];
  agents: { id: string; name: string; team: string; queue: string }[];
}

export function floorScenario(options: ScenarioOptions): Scenario {
  const rand = mulberry32(options.seed ?? 7);
  const now = options.now;
  const queues = options.queues ?? SCENARIO_QUEUES;
  const perQueue = options.agentsPerQueue ?? 6;
  const events: EventInput[] = [];
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const tierOf = (queue: string): Tier => (queue === 'vip' ? pick(['silver', 'gold', 'diamond'] as const) : rand() < 0.06 ? 'silver' : 'standard');

  const agents = queues.flatMap((queue, qi) =>
    Array.from({ length: perQueue }, (_, i) => {
      const n = qi * perQueue + i;
      return {
        id: `a${String(n + 1).padStart(3, '0')}`,
        name: `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}`,
        team: TEAMS[n % TEAMS.length]!,
        queue,
      };
    }),
  );
  const login = now - (options.hours ?? 5) * 3600_000 - 600_000;
  for (const a of agents) {
    events.push({ type: 'agent.state', ts: login, agentId: a.id, state: 'available', team: a.team, name: a.name, queues: [a.queue], vip: a.queue === 'vip' });
  }

  // History: calls queued, answered or abandoned, ended, surveyed.
  const start = now - (options.hours ?? 5) * 3600_000;
  const mean = options.callsPerBucket ?? 9;
  let n = 0;
  for (let bucket = start; bucket < now - 5 * 60_000; bucket += 15 * 60_000) {
    const hourShape = 0.6 + 0.8 * rand();
    for (const queue of queues) {
      const count = Math.round(mean * hourShape * (queue === 'vip' ? 0.4 : 1) * (0.7 + 0.6 * rand()));
      const pool = agents.filter((a) => a.queue === queue);
      for (let i = 0; i < count; i++) {
        const callId = `h${(n++).toString(36)}`;
        const arrived = bucket + rand() * 15 * 60_000;
        if (arrived > now - 4 * 60_000) continue;
        const tier = tierOf(queue);
        events.push({ type: 'call.arrived', ts: arrived, callId, tier });
        if (rand() < 0.004) {
          events.push({ type: 'call.blocked', ts: arrived + 100, callId, reason: 'trunks busy' });
          continue;
        }
        const queued = arrived + 1500 + rand() * 3000;
        events.push({ type: 'call.queued', ts: queued, callId, queue, tier });
        const abandons = rand() < (queue === 'complaints' ? 0.16 : 0.08);
        const wait = abandons ? 10_000 + rand() * 60_000 : rand() < 0.85 ? rand() * 18_000 : 20_000 + rand() * 60_000;
        if (abandons) {
          events.push({ type: 'call.abandoned', ts: queued + wait, callId, queue });
          continue;
        }
        const agent = pick(pool);
        events.push({ type: 'call.answered', ts: queued + wait, callId, queue, agentId: agent.id });
        const ended = queued + wait + 60_000 + rand() * 240_000;
        if (ended > now - 30_000) continue;
        events.push({ type: 'call.ended', ts: ended, callId, agentId: agent.id, resolved: rand() < 0.91 });
        if (rand() < 0.3) events.push({ type: 'survey.submitted', ts: ended + 20_000, callId, score: Math.round(70 + rand() * 30) });
      }
    }
  }
  for (let c = 0; c < 8; c++) {
    const opened = start + rand() * (now - start - 3600_000);
    events.push({ type: 'complaint.opened', ts: opened, complaintId: `cp${c}`, dueTs: Math.round(opened + 2 * 3600_000) });
    if (c < 7) events.push({ type: 'complaint.replied', ts: opened + 600_000 + rand() * 3000_000, complaintId: `cp${c}` });
  }

  // Now: agents in their current states, callers waiting, callers on hold.
  const states = ['talking', 'talking', 'talking', 'available', 'acw', 'talking', 'paused', 'ringing', 'available', 'offline'] as const;
  agents.forEach((a, i) => {
    const state = states[i % states.length]!;
    events.push({
      type: 'agent.state',
      ts: now - 5_000 - rand() * 400_000,
      agentId: a.id,
      state,
      team: a.team,
      name: a.name,
      queues: [a.queue],
      ...(state === 'paused' ? { reason: '培训' } : {}),
    });
  });
  queues.forEach((queue, qi) => {
    const waiting = [3, 1, 4, 1, 2, 0][qi % 6]!;
    for (let i = 0; i < waiting; i++) {
      const callId = `w${qi}-${i}`;
      const tier = tierOf(queue);
      events.push({ type: 'call.arrived', ts: now - 70_000, callId, tier });
      events.push({ type: 'call.queued', ts: now - (5_000 + (i === 0 ? 40_000 * (qi % 3) : 0) + rand() * 15_000), callId, queue, tier });
    }
  });
  const holds = [
    { queue: queues[0]!, heldAgo: 95_000, checkAgo: 41_000 },
    { queue: queues[1 % queues.length]!, heldAgo: 52_000, checkAgo: 23_000 },
    { queue: queues[2 % queues.length]!, heldAgo: 12_000, checkAgo: 12_000 },
    { queue: queues[3 % queues.length]!, heldAgo: 140_000, checkAgo: 6_000 },
  ].slice(0, options.heldCalls ?? 4);
  for (let i = holds.length; i < (options.heldCalls ?? 4); i++) {
    const heldAgo = 5_000 + rand() * 200_000;
    holds.push({ queue: queues[i % queues.length]!, heldAgo, checkAgo: Math.min(heldAgo, rand() * 45_000) });
  }
  const held: Scenario['held'] = [];
  holds.forEach((h, i) => {
    const callId = `hold${i}`;
    const pool = agents.filter((a) => a.queue === h.queue);
    const agent = pool[(1 + Math.floor(i / queues.length)) % pool.length]!;
    events.push({ type: 'call.queued', ts: now - h.heldAgo - 120_000, callId, queue: h.queue, tier: tierOf(h.queue) });
    events.push({ type: 'call.answered', ts: now - h.heldAgo - 100_000, callId, queue: h.queue, agentId: agent.id });
    events.push({ type: 'call.held', ts: now - h.heldAgo, callId, agentId: agent.id });
    if (h.checkAgo < h.heldAgo) events.push({ type: 'call.hold_check', ts: now - h.checkAgo, callId, agentId: agent.id });
    events.push({ type: 'agent.state', ts: now - h.heldAgo, agentId: agent.id, state: 'hold', team: agent.team, name: agent.name, queues: [agent.queue] });
    held.push({ callId, agentId: agent.id, nextCheckDueTs: now - h.checkAgo + 30_000 });
  });

  events.sort((a, b) => a.ts - b.ts);
  for (const e of events) e.ts = Math.round(e.ts);
  return { events, held, agents };
}
