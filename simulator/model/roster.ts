// The agents: ids a001…, display names, teams of about ten, skills (the queues they serve),
// VIP seats, hold habits and 9-hour shifts. Shifts are staffed to the arrival profile per
// skill group, so every queue is covered around the clock and thickest at the peaks.
import { hourlyRates } from './arrival-profile.js';
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
const GIVEN = ['Wei', 'Fang', 'Na', 'Min', 'Jing', 'Li', 'Qiang', 'Lei', 'Jun', 'Yang', 'Yong', 'Yan', 'Jie', 'Tao', 'Ming', 'Chao', 'Xiuying', 'Xia', 'Ping', 'Gang', 'Hui', 'Lan', 'Hong', 'Bo', 'Ying', 'Xin', 'Yu', 'Hao', 'Ting', 'Rui'];
const SHIFT_MINUTES = 9 * 60;
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
    const others =
      roster.skills === 'all'
        ? regular.filter((q) => q !== seat.primary)
        : secondSkill(seat.primary, regular, roster.secondSkillShare, random);
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
  if (roster.shifts === 'profile') assignShifts(agents, seats, hourlyRates(config.arrivals));
  return agents;
}

/** Staffs each skill group (VIP seats, then each primary queue) to the demand curve on its own. */
function assignShifts(agents: AgentProfile[], seats: { vip: boolean; primary: string }[], demand: number[]): void {
  const groups = new Map<string, AgentProfile[]>();
  agents.forEach((agent, i) => {
    const key = seats[i]!.vip ? 'VIP' : seats[i]!.primary;
    groups.set(key, [...(groups.get(key) ?? []), agent]);
  });
  for (const members of groups.values()) {
    const starts = staffShifts(members.length, demand);
    members.forEach((agent, i) => (agent.shift = { startMinute: starts[i]! * 60, lengthMinutes: SHIFT_MINUTES }));
  }
}

/** Splits `count` seats over keys in proportion to their weights (largest remainder), in a round-robin order. */
export function apportion(count: number, weights: Record<string, number>): string[] {
  const keys = Object.keys(weights);
  const total = keys.reduce((s, k) => s + weights[k]!, 0);
  const exact = keys.map((k) => (count * weights[k]!) / total);
  const whole = exact.map(Math.floor);
  const order = exact.map((e, i) => ({ i, rest: e - Math.floor(e) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; k < count - whole.reduce((s, n) => s + n, 0); k++) whole[order[k]!.i]! += 1;
  const out: string[] = [];
  const left = whole.slice();
  while (out.length < count) {
    for (let i = 0; i < keys.length; i++) if (left[i]! > 0) (out.push(keys[i]!), (left[i]! -= 1));
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
 * Start hours for `count` 9-hour shifts: each goes where it covers the most demand per agent
 * already there, and any hour nobody covers yet outweighs everything else, so three agents
 * already cover the clock.
 */
export function staffShifts(count: number, demand: number[]): number[] {
  const key = `${count}:${demand.join(',')}`;
  const cached = staffingCache.get(key);
  if (cached) return cached;
  const coverage = new Array<number>(24).fill(0);
  const starts: number[] = [];
  const hours = SHIFT_MINUTES / 60;
  for (let n = 0; n < count; n++) {
    let best = 0;
    let bestScore = -1;
    for (let start = 0; start < 24; start++) {
      let score = 0;
      for (let h = 0; h < hours; h++) {
        const hour = (start + h) % 24;
        score += demand[hour]! / (coverage[hour]! + 1) + (coverage[hour] === 0 ? 1e6 : 0);
      }
      if (score > bestScore) (bestScore = score), (best = start);
    }
    starts.push(best);
    for (let h = 0; h < hours; h++) coverage[(best + h) % 24]! += 1;
  }
  starts.sort((a, b) => a - b);
  if (staffingCache.size > 100) staffingCache.clear();
  staffingCache.set(key, starts);
  return starts;
}
