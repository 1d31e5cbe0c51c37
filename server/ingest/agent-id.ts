// A stable agent id from the names Asterisk gives a queue member, shared by the queue_log and
// AMI adapters so one agent is one row whichever saw them. The same person shows up as an interface
// ("SIP/2004", "PJSIP/2004", "Local/2004@from-queue/n"), an agent ("Agent/3001") or a channel
// ("SIP/2004-0000001a" in AGENTLOGIN's data); the board needs one id for all of them, so the
// technology, the dial context and the channel suffix are stripped. With
// log_membername_as_agent the field is the member's name: that is kept as the id and the name.

/** Channel technologies Asterisk ships; a field starting "<one of these>/" is an interface or channel, anything else a name. */
const TECHNOLOGIES = new Set([
  'agent',
  'console',
  'dahdi',
  'dongle',
  'h323',
  'iax',
  'iax2',
  'local',
  'mgcp',
  'motif',
  'ooh323',
  'pjsip',
  'sccp',
  'sip',
  'skinny',
  'unistim',
  'websocket',
  'zap',
]);

/** A channel's suffix after the interface: "-" and eight hex digits (SIP, PJSIP, most), or "-" and a number (IAX2 call numbers, DAHDI). */
const CHANNEL_SUFFIX = /-[0-9a-f]{8}$/i;
const NUMBERED_SUFFIX = /-\d{1,5}$/;
const NUMBERED = new Set(['iax', 'iax2', 'dahdi', 'zap']);

export interface AgentRef {
  id: string;
  /** Set when the field was a member name rather than an interface. */
  name?: string;
}

/** The agent a field names, or null for none ("NONE", empty, or nothing left after stripping). */
export function agentFromField(field: string | null): AgentRef | null {
  if (field === null) return null;
  const raw = field.trim();
  if (raw === '' || raw === 'NONE') return null;
  const slash = raw.indexOf('/');
  const tech = slash > 0 ? raw.slice(0, slash).toLowerCase() : '';
  if (!TECHNOLOGIES.has(tech)) return { id: raw.slice(0, 128), name: raw.slice(0, 128) };
  // "Local/2004@from-queue/n" → "2004"; "PJSIP/2004/sip:2004@10.0.0.5" → "2004"; "Local/2004@ctx-0000001a;1" → "2004".
  let resource = raw
    .slice(slash + 1)
    .split(/[/@;]/, 1)[0]!
    .trim();
  resource = resource.replace(NUMBERED.has(tech) ? NUMBERED_SUFFIX : CHANNEL_SUFFIX, '');
  return resource === '' ? null : { id: resource.slice(0, 128) };
}
