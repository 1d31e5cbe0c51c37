// What a node says of itself over a step, from its own /metrics: how long its pushes took (the
// fan-out as the node saw it, every screen's write included) and how late its event loop ran. Set
// beside push → screen, it tells the node's share of a delta's journey from the harness's: a screen
// is stamped when its worker gets to it, which on a shared machine can be well after the node wrote.

export interface NodeMetrics {
  pushSecondsSum: number;
  pushCount: number;
  /** prom-client's event-loop delay p99 since the previous scrape (it resets the histogram on each). */
  loopLagP99Seconds: number;
}

export interface NodeStep {
  /** Mean push in ms over the step, or null without a push. */
  pushMs: number | null;
  pushesPerSec: number;
  /** Event-loop delay p99 over the step, ms. */
  loopLagP99Ms: number;
}

function sample(text: string, name: string): number {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return match ? Number(match[1]) : NaN;
}

/** Parses the three figures out of a Prometheus text exposition; NaN for any missing. */
export function parseNodeMetrics(text: string): NodeMetrics {
  return {
    pushSecondsSum: sample(text, 'wallboard_push_duration_seconds_sum'),
    pushCount: sample(text, 'wallboard_push_duration_seconds_count'),
    loopLagP99Seconds: sample(text, 'nodejs_eventloop_lag_p99_seconds'),
  };
}

export async function scrapeNode(url: string, token: string): Promise<NodeMetrics | null> {
  try {
    const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    return res.ok ? parseNodeMetrics(await res.text()) : null;
  } catch {
    return null; // the node is gone (killed in an incident)
  }
}

/** The step between two scrapes of one node; the loop delay is the second scrape's, which covers the time since the first. */
export function nodeStep(before: NodeMetrics, after: NodeMetrics, seconds: number): NodeStep {
  const pushes = after.pushCount - before.pushCount;
  return {
    pushMs: pushes > 0 ? ((after.pushSecondsSum - before.pushSecondsSum) / pushes) * 1000 : null,
    pushesPerSec: pushes / seconds,
    loopLagP99Ms: after.loopLagP99Seconds * 1000,
  };
}
