// Everything the call-centre model needs to know, as plain data. Scenarios build one of these;
// the model never reads flags or the environment. validateModelConfig fails fast with the
// field, the value and the reason, before a single event is drawn.
import type { Tier } from '../../server/contract/vocabulary.js';
import { TIERS } from '../../server/contract/vocabulary.js';
import type { ArrivalPlan, TimeWindow } from './arrival-profile.js';
import { validateDistribution, type Distribution } from './distributions.js';

export interface QueueSpec {
  /** Queue id as it appears in events (`billing`, `tech`, …). */
  id: string;
  /** Share of standard-tier calls that ask for this queue (normalised over all regular queues). */
  share: number;
}

/** How an agent treats a caller on hold: back every 30 s, back late, or forgetting them. */
export const HOLD_HABITS = ['punctual', 'late', 'forgetful'] as const;
export type HoldHabit = (typeof HOLD_HABITS)[number];

export interface RosterConfig {
  /** Agents on the roster (a001, a002, …). */
  count: number;
  /** How many of them sit on VIP seats (serve the VIP queue, VIP callers first). */
  vipSeats: number;
  /** Agents per team; a team leader supports about 10 (service-standards.md). */
  teamSize: number;
  /** `specialised`: a primary queue, sometimes a second one; `all`: every regular queue (one pooled line). */
  skills: 'specialised' | 'all';
  /** Share of specialised agents skilled for a second regular queue. */
  secondSkillShare: number;
  /** `profile`: 9-hour shifts staffed to the arrival profile; `always`: everyone on duty. */
  shifts: 'profile' | 'always';
  /** Shares of agents by hold habit. */
  holdHabits: Record<HoldHabit, number>;
}

export interface ModelConfig {
  /** IANA zone of the hotline's time of day (profile, shifts). */
  timeZone: string;
  /** Regular queues; callers of VIP tiers go to `vipQueue` when it is set. */
  queues: QueueSpec[];
  /** Queue id served by VIP seats, or null when the centre has none. */
  vipQueue: string | null;
  arrivals: ArrivalPlan;
  /** Caller tiers by share, and incident windows that change the mix. */
  tiers: { shares: Record<Tier, number>; windows: TimeWindow<Record<Tier, number>>[] };
  /** Concurrent calls the trunks carry (IVR, queue and agents); over it a call is blocked. */
  trunks: { limit: number; windows: TimeWindow<number>[] };
  ivr: {
    /** Time in the IVR menu before asking for an agent. */
    timeMs: Distribution;
    /** Share of callers the IVR serves alone (no agent). */
    selfServiceShare: number;
    /** Share of calls lost to IVR faults, normally and during incident windows. */
    faultShare: number;
    faultWindows: TimeWindow<number>[];
  };
  roster: RosterConfig;
  /** Agent phone ringing before the answer; fixed 0 skips the `ringing` state. */
  ringMs: Distribution;
  /** Talk time of a call, holds excluded. */
  talkMs: Distribution;
  /** After-call work; fixed 0 skips the `acw` state. */
  acwMs: Distribution;
  /** How long a caller waits in queue before hanging up (`never` for M/M/N). */
  patienceMs: Distribution;
  holds: {
    /** Share of answered calls with at least one hold; a second hold is half as likely. */
    share: number;
    durationMs: Distribution;
    /** How long a caller stays on hold before hanging up. */
    callerPatienceMs: Distribution;
  };
  transfers: { share: number; warmShare: number };
  /** First-contact resolution: share of handled calls ended with resolved = 1. */
  resolution: { firstContact: number; afterTransfer: number };
  surveys: { share: number; delayMs: Distribution; meanResolved: number; meanUnresolved: number; sd: number };
  complaints: {
    /** Share of unresolved (and of resolved) handled calls that turn into a complaint. */
    shareUnresolved: number;
    shareResolved: number;
    /** Share of abandoned callers who complain. */
    shareAbandoned: number;
    delayMs: Distribution;
    /** Grades with their reply deadline and weight. */
    grades: { grade: string; replyWithinMs: number; weight: number }[];
    /** Share of complaints replied after their deadline. */
    lateShare: number;
  };
  pauses: { share: number; durationMs: Distribution; reasons: string[] };
}

export function validateModelConfig(config: ModelConfig): void {
  const fail = (field: string, value: unknown, why: string): never => {
    throw new RangeError(`model config: ${field} = ${JSON.stringify(value)}: ${why}`);
  };
  const share = (field: string, value: number) => {
    if (!(value >= 0 && value <= 1)) fail(field, value, 'must be a share within 0..1');
  };
  if (config.queues.length === 0) fail('queues', [], 'needs at least one regular queue');
  const ids = new Set<string>();
  for (const q of config.queues) {
    if (!/^[a-z0-9][a-z0-9_-]{0,63}$/.test(q.id)) fail('queues[].id', q.id, 'must be lower-case letters, digits, - or _');
    if (ids.has(q.id)) fail('queues[].id', q.id, 'appears twice');
    ids.add(q.id);
    if (!(q.share > 0)) fail(`queues[${q.id}].share`, q.share, 'must be > 0');
  }
  if (config.vipQueue !== null && ids.has(config.vipQueue)) fail('vipQueue', config.vipQueue, 'must not also be a regular queue');
  const { arrivals, roster } = config;
  if (!(arrivals.peakRatePerSec >= 0) || !Number.isFinite(arrivals.peakRatePerSec))
    fail('arrivals.peakRatePerSec', arrivals.peakRatePerSec, 'must be a finite number ≥ 0');
  for (const w of arrivals.surges) if (!(w.value >= 0 && w.toMs > w.fromMs)) fail('arrivals.surges', w, 'needs value ≥ 0 and toMs > fromMs');
  const tierSum = TIERS.reduce((s, t) => s + (config.tiers.shares[t] ?? 0), 0);
  if (!(tierSum > 0)) fail('tiers.shares', config.tiers.shares, 'needs a positive share');
  if (!Number.isInteger(roster.count) || roster.count < 1) fail('roster.count', roster.count, 'must be a whole number ≥ 1');
  if (!Number.isInteger(roster.vipSeats) || roster.vipSeats < 0 || roster.vipSeats > roster.count)
    fail('roster.vipSeats', roster.vipSeats, `must be a whole number within 0..${roster.count}`);
  if (config.vipQueue !== null && roster.vipSeats === 0) fail('roster.vipSeats', 0, `the VIP queue "${config.vipQueue}" needs VIP seats`);
  if (config.vipQueue === null && roster.vipSeats > 0 && roster.vipSeats === roster.count)
    fail('roster.vipSeats', roster.vipSeats, 'without a VIP queue, someone must sit on a regular seat');
  if (!(roster.teamSize >= 1)) fail('roster.teamSize', roster.teamSize, 'must be ≥ 1');
  share('roster.secondSkillShare', roster.secondSkillShare);
  if (!(config.trunks.limit >= 1)) fail('trunks.limit', config.trunks.limit, 'must be ≥ 1 (Infinity for no limit)');
  share('ivr.selfServiceShare', config.ivr.selfServiceShare);
  share('ivr.faultShare', config.ivr.faultShare);
  share('holds.share', config.holds.share);
  share('transfers.share', config.transfers.share);
  share('transfers.warmShare', config.transfers.warmShare);
  share('resolution.firstContact', config.resolution.firstContact);
  share('resolution.afterTransfer', config.resolution.afterTransfer);
  share('surveys.share', config.surveys.share);
  share('complaints.shareUnresolved', config.complaints.shareUnresolved);
  share('complaints.shareResolved', config.complaints.shareResolved);
  share('complaints.shareAbandoned', config.complaints.shareAbandoned);
  share('complaints.lateShare', config.complaints.lateShare);
  share('pauses.share', config.pauses.share);
  if (config.transfers.share > 0 && config.queues.length < 2) fail('transfers.share', config.transfers.share, 'transfers need two regular queues');
  if (config.complaints.grades.length === 0) fail('complaints.grades', [], 'needs at least one grade');
  if (config.pauses.share > 0 && config.pauses.reasons.length === 0) fail('pauses.reasons', [], 'needs a reason when pauses happen');
  const distributions: [string, Distribution][] = [
    ['ivr.timeMs', config.ivr.timeMs],
    ['ringMs', config.ringMs],
    ['talkMs', config.talkMs],
    ['acwMs', config.acwMs],
    ['patienceMs', config.patienceMs],
    ['holds.durationMs', config.holds.durationMs],
    ['holds.callerPatienceMs', config.holds.callerPatienceMs],
    ['surveys.delayMs', config.surveys.delayMs],
    ['complaints.delayMs', config.complaints.delayMs],
    ['pauses.durationMs', config.pauses.durationMs],
  ];
  for (const [field, distribution] of distributions) validateDistribution(field, distribution);
}
