// host:port lists, as REDIS_SENTINELS and REDIS_CLUSTER_NODES give them.

export interface HostPort {
  host: string;
  port: number;
}

/** Parses a comma-separated list of host:port (an IPv6 host in brackets); a reason for the first bad entry, or the list. */
export function parseHostPorts(raw: string): HostPort[] | string {
  const out: HostPort[] = [];
  for (const part of raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = /^\[?([^\]]+?)\]?:(\d{1,5})$/.exec(part);
    const port = match ? Number(match[2]) : NaN;
    if (!match || port < 1 || port > 65535) return `"${part}": must be host:port`;
    out.push({ host: match[1]!, port });
  }
  return out.length > 0 ? out : 'no host:port given';
}
