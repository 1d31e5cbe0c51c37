// Agent ids from the names Asterisk gives a queue member in AMI: the queue_log adapter's own
// rule (server/ingest/agent-id.ts), so one agent is one row on the board whichever adapter saw them:
// "Local/2004@from-internal/n", "SIP/2004", "PJSIP/2004-0000001a", "Agent/3001" → "2004"/"3001".
// AMI adds one form queue_log never writes: a StateInterface that is a hint.
import { agentFromField } from '../agent-id.js';

/** The agent id of a member interface or a channel (Interface, Location, StateInterface; "PJSIP/2004-0000001a", "Local/2004@from-queue-00000012;1" → "2004"); null when none. */
export function agentIdOf(memberInterface: string): string | null {
  const hint = /^hint:([^@]*)/i.exec(memberInterface.trim());
  if (hint) return hint[1]!.trim().slice(0, 128) || null;
  return agentFromField(memberInterface)?.id ?? null;
}
