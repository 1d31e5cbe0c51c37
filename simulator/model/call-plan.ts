// What happens to a caller once an agent answers, drawn up front: talk split by holds, how
// the call ends (completed, transferred warm or cold, or the caller giving up on hold), and
// the agent's hold-check rhythm. Also the post-call survey score and complaint timing.
// Drawing the plan at answer time keeps the engine a plain state machine.
import { sample } from './distributions.js';
import type { HoldHabit, ModelConfig } from './model-config.js';
import type { Random } from './random.js';

export type Segment = { kind: 'talk'; ms: number } | { kind: 'hold'; ms: number };

export type CallOutcome = 'completed' | 'cold-transfer' | 'warm-transfer' | 'caller-hung-up';

export interface CallPlan {
  /** Starts with talk; holds and talk alternate. A warm transfer ends on the consultation hold. */
  segments: Segment[];
  outcome: CallOutcome;
}

const SECOND = 1000;
const HOLD_CHECK_MS = 30 * SECOND;

export function planCall(config: ModelConfig, random: Random, habit: HoldHabit, canTransfer: boolean): CallPlan {
  const talkMs = sample(config.talkMs, random);
  const holds = random.chance(config.holds.share) ? (random.chance(config.holds.share / 2) ? 2 : 1) : 0;
  let outcome: CallOutcome = 'completed';
  if (canTransfer && random.chance(config.transfers.share)) {
    outcome = random.chance(config.transfers.warmShare) ? 'warm-transfer' : 'cold-transfer';
  }
  // Cut the talk time at `holds` uniform points, so holds fall anywhere in the conversation.
  const cuts = Array.from({ length: holds }, () => random.next() * talkMs).sort((a, b) => a - b);
  const bounds = [0, ...cuts, talkMs];
  const segments: Segment[] = [{ kind: 'talk', ms: bounds[1]! - bounds[0]! }];
  for (let i = 1; i <= holds; i++) {
    // A forgetful agent leaves the caller on hold for longer: nobody comes back to hurry it.
    const holdMs = sample(config.holds.durationMs, random) * (habit === 'forgetful' ? 2 : 1);
    const callerPatienceMs = sample(config.holds.callerPatienceMs, random);
    if (callerPatienceMs < holdMs) {
      segments.push({ kind: 'hold', ms: callerPatienceMs });
      return { segments, outcome: 'caller-hung-up' };
    }
    segments.push({ kind: 'hold', ms: holdMs }, { kind: 'talk', ms: bounds[i + 1]! - bounds[i]! });
  }
  // Warm means consulted first: the caller waits on hold while the agent briefs the colleague.
  if (outcome === 'warm-transfer') segments.push({ kind: 'hold', ms: random.between(20 * SECOND, 90 * SECOND) });
  return { segments, outcome };
}

/** Time until the agent next comes back to a held caller; Infinity when they never do. */
export function holdCheckGapMs(habit: HoldHabit, random: Random): number {
  switch (habit) {
    case 'punctual':
      // Even punctual agents run over now and then.
      return random.chance(0.95) ? random.between(18 * SECOND, HOLD_CHECK_MS - SECOND) : random.between(31 * SECOND, 45 * SECOND);
    case 'late':
      return random.between(HOLD_CHECK_MS + 3 * SECOND, 70 * SECOND);
    case 'forgetful':
      return random.chance(0.3) ? random.between(60 * SECOND, 150 * SECOND) : Number.POSITIVE_INFINITY;
    default: {
      const unknown: never = habit;
      throw new Error(`unknown hold habit ${String(unknown)}`);
    }
  }
}

/** A post-call survey score 0–100: resolved callers are happier. */
export function surveyScore(config: ModelConfig, random: Random, resolved: boolean): number {
  const { meanResolved, meanUnresolved, sd } = config.surveys;
  const score = Math.round((resolved ? meanResolved : meanUnresolved) + sd * random.normal());
  return Math.min(100, Math.max(0, score));
}

export interface ComplaintPlan {
  grade: string;
  openedAfterMs: number;
  replyWithinMs: number;
  /** From opening to reply; past replyWithinMs when replied late. */
  repliedAfterMs: number;
}

export function planComplaint(config: ModelConfig, random: Random): ComplaintPlan {
  const { grades, lateShare, delayMs } = config.complaints;
  const weights = Object.fromEntries(grades.map((g, i) => [String(i), g.weight]));
  const grade = grades[Number(random.weighted(weights))]!;
  const within = grade.replyWithinMs;
  const repliedAfterMs = random.chance(lateShare) ? within * random.between(1.05, 1.6) : within * random.between(0.1, 0.95);
  return { grade: grade.grade, openedAfterMs: sample(delayMs, random), replyWithinMs: within, repliedAfterMs };
}
