// What each alarm rule measures, read off the whole-floor snapshot at the server's `now`: one
// measurement per rule and scope, with the levels in force for that scope. A value of null means
// "no data" (too few calls for a rate, a KPI without a sample), which never raises and lets an
// active alarm clear.
import {
  badDirection,
  FLOOR_TOTAL_RULES,
  floorRuleFor,
  kpiRuleOf,
  QUEUE_ALARM_RULES,
  thresholdRuleFor,
  type AlarmLevel,
  type AlarmRulesConfig,
  type QueueAlarmRule,
} from './alarm-rules.js';
import { onQueueNow } from './staffing.js';
import type { HeldCall, Snapshot, SourceFeed, Totals as FloorTotals, WindowStats } from '../contract/snapshot.js';
import type { AgentState, AlarmRule } from '../contract/vocabulary.js';

export interface Measurement {
  rule: AlarmRule;
  scope: string;
  /** In the rule's unit; null: no data. */
  value: number | null;
  direction: 'above' | 'below';
  warning: AlarmLevel | null;
  critical: AlarmLevel | null;
  minMs: number;
}

/**
 * The whole floor: the scope of the floor's totals and of held calls that belong to no queue.
 * Every screen and alert names it as the whole floor, so a queue whose id is "floor" is not
 * measured on its own (its calls count in the floor's totals).
 */
export const FLOOR_SCOPE = 'floor';

const round = (n: number) => Math.round(n * 10_000) / 10_000;
const seconds = (ms: number) => round(Math.max(0, ms) / 1000);

/** What the rules read off a snapshot. */
export type AlarmInput = Pick<Snapshot, 'queues' | 'held' | 'kpis' | 'feed' | 'agents'> & {
  totals: Pick<FloorTotals, 'waiting' | 'longestWaitMs'>;
  window15m: Pick<WindowStats, 'offered' | 'serviceLevel'>;
};

/** Every rule's measurements on this snapshot; none when the rules are off. */
export function measureAlarms(snapshot: AlarmInput, config: AlarmRulesConfig, now: number): Measurement[] {
  if (config.enabled === false) return [];
  const out: Measurement[] = [];
  const overdue = overdueByScope(snapshot.held, now);
  for (const q of snapshot.queues) {
    if (q.id === FLOOR_SCOPE) continue;
    for (const rule of QUEUE_ALARM_RULES) {
      const setting = thresholdRuleFor(config, rule, q.id);
      if (!setting) continue;
      const value = rule === 'hold-check-overdue' ? (overdue.get(q.id) ?? 0) : totalsValue(rule, q, setting.minSample);
      out.push({ rule, scope: q.id, value, direction: badDirection(rule), warning: setting.warning, critical: setting.critical, minMs: setting.minMs });
    }
  }
  // The floor's totals, apart from its queues': many queues each a little behind add up to a floor in trouble.
  const floor = { waiting: snapshot.totals.waiting, longestWaitMs: snapshot.totals.longestWaitMs, window15m: snapshot.window15m, agents: snapshot.agents };
  for (const rule of FLOOR_TOTAL_RULES) {
    const setting = floorRuleFor(config, rule);
    if (!setting) continue;
    const value = totalsValue(rule, floor, setting.minSample);
    out.push({ rule, scope: FLOOR_SCOPE, value, direction: badDirection(rule), warning: setting.warning, critical: setting.critical, minMs: setting.minMs });
  }
  const floorHolds = thresholdRuleFor(config, 'hold-check-overdue', null);
  if (floorHolds) {
    const value = overdue.get(FLOOR_SCOPE) ?? 0;
    out.push({
      rule: 'hold-check-overdue',
      scope: FLOOR_SCOPE,
      value,
      direction: 'above',
      warning: floorHolds.warning,
      critical: floorHolds.critical,
      minMs: floorHolds.minMs,
    });
  }
  const kpiRule = kpiRuleOf(config);
  if (kpiRule) {
    for (const kpi of snapshot.kpis) {
      // Raised below the risk floor ("missed"); cleared only halfway back to the target, so a KPI
      // hovering at its floor does not raise and clear by turns.
      const level = { raise: kpi.riskFloor, clear: round(kpi.riskFloor + Math.max(0, kpi.target - kpi.riskFloor) / 2) };
      const value = kpi.value === null || kpi.sample < kpiRule.minSample ? null : round(kpi.value);
      out.push({
        rule: 'kpi-missed',
        scope: kpi.id,
        value,
        direction: 'below',
        warning: kpiRule.severity === 'warning' ? level : null,
        critical: kpiRule.severity === 'critical' ? level : null,
        minMs: kpiRule.minMs,
      });
    }
  }
  const quiet = thresholdRuleFor(config, 'source-quiet', null);
  if (quiet) {
    // A source with several adapters is as quiet as its quietest.
    const quietS = new Map<string, number>();
    for (const s of snapshot.feed?.sources ?? []) quietS.set(s.source, Math.max(quietS.get(s.source) ?? 0, quietSeconds(s, now)));
    for (const [source, value] of quietS)
      out.push({ rule: 'source-quiet', scope: source, value, direction: 'above', warning: quiet.warning, critical: quiet.critical, minMs: quiet.minMs });
  }
  return out;
}

/** What a queue's figures, or the floor's totals, say for a rule measured on them. */
interface Totals {
  waiting: number;
  longestWaitMs: number;
  window15m: Pick<WindowStats, 'offered' | 'serviceLevel'>;
  agents: Record<AgentState, number>;
}

function totalsValue(rule: Exclude<QueueAlarmRule, 'hold-check-overdue'>, q: Totals, minSample: number): number | null {
  switch (rule) {
    case 'longest-wait':
      return seconds(q.longestWaitMs);
    case 'waiting':
      return q.waiting;
    case 'service-level':
      return q.window15m.serviceLevel === null || q.window15m.offered < minSample ? null : round(q.window15m.serviceLevel);
    case 'no-agent': {
      // Callers waiting for nobody: no agent of the queue (or floor) on it, logged in and not paused, as the staffing hint counts them (all of them busy is the longest wait's business).
      return onQueueNow(q.agents) === 0 ? q.waiting : 0;
    }
    default:
      return assertNever(rule);
  }
}

/**
 * A source read with new events this recently counts as 0 s quiet: the server reads the sources
 * every couple of seconds (`sources.pollMs`), so a steadily fed source is never exactly 0 s quiet
 * and a clear level of 0 still clears.
 */
export const SOURCE_FLOWING_MS = 5_000;

/**
 * Seconds the source has gone without a new event, on the server's clock (not the source's
 * quiet state, which waits `sources.quietAfterMs`, so a rule's own level decides); one down or
 * gone counts at least from then.
 */
function quietSeconds(source: SourceFeed, now: number): number {
  // A feed from a server before lastSeenTs: seconds not live, as it measured them.
  if (source.lastSeenTs === undefined) return source.state === 'live' ? 0 : seconds(now - source.sinceTs);
  const from = source.state === 'down' || source.state === 'gone' ? Math.min(source.sinceTs, source.lastSeenTs) : source.lastSeenTs;
  return now - from <= SOURCE_FLOWING_MS ? 0 : seconds(now - from);
}

/** Per queue (or FLOOR_SCOPE for held calls of no queue): seconds the most overdue hold check is late. */
function overdueByScope(held: readonly HeldCall[], now: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const h of held) {
    if (now <= h.nextCheckDueTs) continue;
    const scope = h.queue ?? FLOOR_SCOPE;
    out.set(scope, Math.max(out.get(scope) ?? 0, seconds(now - h.nextCheckDueTs)));
  }
  return out;
}

function assertNever(value: never): never {
  throw new Error(`unhandled alarm rule ${String(value)}`);
}
