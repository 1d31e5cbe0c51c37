// Stable agent ids from the names Asterisk gives a queue member, the same ids the queue_log
// adapter writes, so one agent is one row on the board whichever adapter saw them:
// "Local/2004@from-internal/n", "SIP/2004", "PJSIP/2004", "Agent/3001", "hint:2004@ext-local" → "2004".

/** The agent id of a member interface (Interface, Location, StateInterface); null when nothing is left. */
export function agentIdOf(memberInterface: string): string | null {
  let s = memberInterface.trim().replace(/^hint:/i, '');
  const slash = s.indexOf('/');
  if (slash !== -1) s = s.slice(slash + 1);
  s = s.split('@')[0]!.split('/')[0]!.trim();
  return s.length > 0 ? s.slice(0, 128) : null;
}

/**
 * The agent id behind a channel name: the interface with the channel's own suffix taken off
 * ("PJSIP/2004-0000001a" → "2004", "Local/2004@from-queue-00000012;1" → "2004").
 */
export function agentIdOfChannel(channel: string): string | null {
  return agentIdOf(channel.trim().replace(/-[0-9a-f]+(;\d+)?$/i, ''));
}
