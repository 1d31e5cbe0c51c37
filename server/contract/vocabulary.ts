// The words of the event contract (docs/event-contract.md) that the read side and the screens
// use too: customer tiers, agent states, transfer modes, queue exit reasons. The event schema builds on them.

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
