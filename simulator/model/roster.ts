// The agents: ids a001…, display names, teams of about ten, skills (the queues they serve),
// VIP seats, hold habits and 9-hour shifts. Shifts are staffed to the arrival profile per
// skill group, so every queue is covered around the clock and thickest at the peaks.
import { hourlyRates } from './arrival-profile.js';
import { mean } from './distributions.js';
import { agentsForServiceLevel } from '../../server/core/erlang.js';
import type { HoldHabit, ModelConfig } from './model-config.js';
import type { Random } from './random.js';

export interface Shift {
  /** Local minute of the day the shift starts. */
  startMinute: number;
  lengthMinutes: number;
}

export interface AgentProfile {
  id: string;
  /** Display name (agents' names may be shown; callers' never). */
  name: string;
  team: string;
  /** Queues the agent serves, primary first. */
  skills: string[];
  vip: boolean;
  habit: HoldHabit;
  /** null: on duty all the time. */
  shift: Shift | null;
}

const SURNAMES = ['Wang', 'Li', 'Zhang', 'Liu', 'Chen', 'Yang', 'Huang', 'Zhao', 'Wu', 'Zhou', 'Xu', 'Sun', 'Ma', 'Zhu', 'Hu', 'Guo', 'He', 'Lin', 'Gao', 'Luo'];
const GIVEN = [
  'Wei',
  'Fang',
  'Na',
  'Min',
  'Jing',
  'Li',
  'Qiang',
  'Lei',
  'Jun',
  'Yang',
  'Yong',
  'Yan',
  'Jie',
  'Tao',
  'Ming',
  'Chao',
  'Xiuying',
  'Xia',
  'Ping',
  'Gang',
  'Hui',
  'Lan',
  'Hong',
  'Bo',
  'Ying',
  'Xin',
  'Yu',
  'Hao',
  'Ting',
  'Rui',
];
const SHIFT_MINUTES = 9 * 60;
const VIP_GROUP = '(vip seats)';
const TEAM_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function agentId(index: number): string {
  return `a${String(index + 1).padStart(3, '0')}`;
}

export function buildRoster(config: ModelConfig, random: Random): AgentProfile[] {
  const { roster, queues, vipQueue } = config;
  const regular = queues.map((q) => q.id);
  const regularShares = Object.fromEntries(queues.map((q) => [q.id, q.share]));
  // Primary skill of each seat: VIP seats first, then regular seats split by queue share.
  const vipPrimaries = apportion(roster.vipSeats, regularShares);
  const regularPrimaries = apportion(roster.count - roster.vipSeats, regularShares);
  const seats: { vip: boolean; primary: string }[] = [
    ...vipPrimaries.map((primary) => ({ vip: true, primary })),
    ...regularPrimaries.map((primary) => ({ vip: false, primary })),
  ];
  const groups = new Map<string, number>();
  const usedNames = new Set<string>();
  const agents = seats.map((seat, index): AgentProfile => {
    const groupKey = seat.vip ? 'VIP' : seat.primary;
    const inGroup = groups.get(groupKey) ?? 0;
    groups.set(groupKey, inGroup + 1);
    const vipSkill = seat.vip && vipQueue ? [vipQueue] : [];
    const others = roster.skills === 'all' ? regular.filter((q) => q !== seat.primary) : secondSkill(seat.primary, regular, roster.secondSkillShare, random);
    return {
      id: agentId(index),
      name: uniqueName(random, usedNames),
      team: `${seat.vip ? 'VIP' : title(seat.primary)} ${TEAM_LETTERS[Math.floor(inGroup / roster.teamSize) % 26]}`,
      skills: [...vipSkill, seat.primary, ...others],
      vip: seat.vip,
      habit: random.weighted(roster.holdHabits),
      shift: null,
    };
  });
  if (roster.shifts === 'profile') assignShifts(config, agents, seats);
  return agents;
}

/**
 * Staffs each skill group (VIP seats, each primary queue) on its own, to the agents Erlang C
 * asks for hour by hour (80 % in 20 s). Small night-time loads need relatively more agents
 * than the busy hours, which a plain proportional split would miss.
 */
function assignShifts(config: ModelConfig, agents: AgentProfile[], seats: { vip: boolean; primary: string }[]): void {
  const groups = new Map<string, AgentProfile[]>();
  agents.forEach((agent, i) => {
    const key = seats[i]!.vip ? VIP_GROUP : seats[i]!.primary;
    groups.set(key, [...(groups.get(key) ?? []), agent]);
  });
  const rates = hourlyRates(config.arrivals);
  const shares = groupShares(config);
  const handleMs = mean(config.ringMs) + mean(config.talkMs) + config.holds.share * mean(config.holds.durationMs) + mean(config.acwMs);
  for (const [key, members] of groups) {
    const demand = rates.map((rate) => {
      const arrivalRatePerSec = rate * (shares[key] ?? 0);
      if (!(arrivalRatePerSec > 0)) return 0;
      const agentsNeeded = agentsForServiceLevel({ arrivalRatePerSec, meanHandleMs: handleMs, thresholdMs: 20_000 }, 0.8);
      return agentsNeeded / (1 - config.pauses.share);
    });
    const starts = staffShifts(members.length, demand);
    members.forEach((agent, i) => (agent.shift = { startMinute: starts[i]! * 60, lengthMinutes: SHIFT_MINUTES }));
  }
}

/** Share of all arriving calls that each skill group's agents must answer. */
function groupShares(config: ModelConfig): Record<string, number> {
  const tiers = config.tiers.shares;
  const total = tiers.standard + tiers.silver + tiers.gold + tiers.diamond;
  const vipShare = config.vipQueue ? (total - tiers.standard) / total : 0;
  const reachAgents = 1 - config.ivr.selfServiceShare;
  const queueTotal = config.queues.reduce((s, q) => s + q.share, 0);
  const shares: Record<string, number> = { [VIP_GROUP]: vipShare * reachAgents };
  for (const q of config.queues) shares[q.id] = (1 - vipShare) * (q.share / queueTotal) * reachAgents;
  return shares;
}

/** Splits `count` seats over keys in proportion to their weights (largest remainder), in a round-robin order. */
export function apportion(count: number, weights: Record<string, number>): string[] {
  const keys = Object.keys(weights);
  const total = keys.reduce((s, k) => s + weights[k]!, 0);
  const exact = keys.map((k) => (count * weights[k]!) / total);
  const whole = exact.map(Math.floor);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  const remainder = count - whole.reduce((s, n) => s + n, 0);
  for (let k = 0; k < remainder; k++) whole[order[k]!.i]! += 1;
  const out: string[] = [];
  const left = whole.slice();
  while (out.length < count) {
    for (let i = 0; i < keys.length; i++) {
      if (left[i]! > 0) {
        out.push(keys[i]!);
        left[i]! -= 1;
      }
    }
  }
  return out;
}

function secondSkill(primary: string, regular: string[], share: number, random: Random): string[] {
  const others = regular.filter((q) => q !== primary);
  return others.length > 0 && random.chance(share) ? [random.pick(others)] : [];
}

function uniqueName(random: Random, used: Set<string>): string {
  let name = '';
  for (let attempt = 0; attempt < 5; attempt++) {
    name = `${random.pick(SURNAMES)} ${random.pick(GIVEN)}`;
    if (!used.has(name)) break;
  }
  used.add(name);
  return name;
}

function title(queue: string): string {
  return queue.length <= 3 ? queue.toUpperCase() : queue[0]!.toUpperCase() + queue.slice(1);
}

const staffingCache = new Map<string, number[]>();

/**
 * Start hours for `count` 9-hour shifts against `demand` (agents wanted per local hour), scaled
 * to what the roster can give. Each shift goes where it covers the most unmet demand, and an
 * hour nobody covers yet outweighs everything else, so three agents already cover the clock.
 */
export function staffShifts(count: number, demand: number[]): number[] {
  const key = `${count}:${demand.join(',')}`;
  const cached = staffingCache.get(key);
  if (cached) return cached;
  const coverage = new Array<number>(24).fill(0);
  const starts: number[] = [];
  const hours = SHIFT_MINUTES / 60;
  const wanted = demand.reduce((s, d) => s + d, 0);
  const scale = wanted > 0 ? (count * hours) / wanted : 0;
  const target = demand.map((d) => d * scale);
  for (let n = 0; n < count; n++) {
    let best = 0;
    let bestScore = -1;
    for (let start = 0; start < 24; start++) {
      let score = 0;
      for (let h = 0; h < hours; h++) {
        const hour = (start + h) % 24;
        score += Math.max(0, target[hour]! - coverage[hour]!) + (coverage[hour] === 0 ? 1e6 : 0) + target[hour]! / (coverage[hour]! + 1) / 1e3;
      }
      if (score > bestScore) {
        bestScore = score;
        best = start;
      }
    }
    starts.push(best);
    for (let h = 0; h < hours; h++) coverage[(best + h) % 24]! += 1;
  }
  starts.sort((a, b) => a - b);
  if (staffingCache.size > 100) staffingCache.clear();
  staffingCache.set(key, starts);
  return starts;
}
