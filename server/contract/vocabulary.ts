// The words of the event contract (docs/event-contract.md) that the read side and the screens
// use too: customer tiers, agent states, transfer modes, queue exit reasons, alarm rules and severities. The event schema builds on them.

export const TIERS = ['standard', 'silver', 'gold', 'diamond'] as const;
export type Tier = (typeof TIERS)[number];

export const AGENT_STATES = ['available', 'ringing', 'talking', 'hold', 'acw', 'paused', 'offline'] as const;
export type AgentState = (typeof AGENT_STATES)[number];

export const TRANSFER_MODES = ['warm', 'cold'] as const;
export type TransferMode = (typeof TRANSFER_MODES)[number];

/** Why a caller left a queue unanswered without hanging up (Asterisk's EXITWITHTIMEOUT, EXITEMPTY, EXITWITHKEY). */
export const EXIT_REASONS = ['timeout', 'empty', 'key'] as const;
export type ExitReason = (typeof EXIT_REASONS)[number];

/** Silver, gold and diamond are VIP (service-standards.md, "VIP tiers"). */
export function isVipTier(tier: Tier): boolean {
  return tier !== 'standard';
}

/**
 * What an alarm watches (docs/event-contract.md, "Alarms"): the longest wait, the callers waiting,
 * the rolling service level, callers waiting with no agent available, a hold check overdue, a KPI
 * turned "missed", a PBX source gone quiet.
 */
export const ALARM_RULES = ['longest-wait', 'waiting', 'service-level', 'no-agent', 'hold-check-overdue', 'kpi-missed', 'source-quiet'] as const;
export type AlarmRule = (typeof ALARM_RULES)[number];

/** A critical alarm escalates the same condition as a warning, past a second level. */
export const ALARM_SEVERITIES = ['warning', 'critical'] as const;
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];

/** The alarm transitions the server writes to its own stream; a producer never writes them. */
export const ALARM_EVENT_TYPES = ['alarm.raised', 'alarm.acknowledged', 'alarm.cleared'] as const;
export type AlarmEventType = (typeof ALARM_EVENT_TYPES)[number];

/** Whether a contract type is one of the server's alarm transitions (refused from producers). */
export function isAlarmEventType(type: string): type is AlarmEventType {
  return (ALARM_EVENT_TYPES as readonly string[]).includes(type);
}
