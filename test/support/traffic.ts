// A deterministic hotline traffic mix for tests and benchmarks: per batch 100 calls that queue,
// get answered or abandon, some blocked, held, checked, ended with resolution and surveyed.
import type { EventInput } from '../../server/core/events.js';

/** A busy few seconds of a hotline: calls queue, get answered or abandon, hold, end, survey. */
export function trafficBatch(batch: number, now: number): EventInput[] {
  const out: EventInput[] = [];
  for (let i = 0; i < 100; i++) {
    const id = `k${batch}-${i}`;
    const queue = ['billing', 'tech', 'mobile'][i % 3]!;
    const tier = (['standard', 'standard', 'gold', 'silver'] as const)[i % 4];
    out.push({ type: 'call.arrived', ts: now, callId: id, tier });
    if (i % 50 === 0) {
      out.push({ type: 'call.blocked', ts: now, callId: id, reason: 'trunks busy' });
      continue;
    }
    out.push({ type: 'call.queued', ts: now + 10, callId: id, queue, tier });
    if (i % 7 === 0) {
      out.push({ type: 'call.abandoned', ts: now + 900 * (i % 40), callId: id, queue });
      continue;
    }
    // A few callers stay waiting or on hold, early on only: a real floor has hundreds, not thousands.
    if (i % 11 === 0 && batch < 30) continue; // still waiting
    out.push({ type: 'call.answered', ts: now + 500 * (i % 60), callId: id, queue, agentId: `a${i % 9}` });
    if (i % 4 === 0) out.push({ type: 'call.held', ts: now + 31_000, callId: id, agentId: `a${i % 9}` });
    if (i % 8 === 0) out.push({ type: 'call.hold_check', ts: now + 31_000 + 1000 * (i % 45), callId: id, agentId: `a${i % 9}` });
    if (i % 4 === 0 && (i % 12 === 0 || batch >= 30)) out.push({ type: 'call.resumed', ts: now + 100_000, callId: id, agentId: `a${i % 9}` });
    if (i % 3 === 0) out.push({ type: 'call.ended', ts: now + 120_000, callId: id, resolved: i % 9 !== 0 });
    if (i % 6 === 0) out.push({ type: 'survey.submitted', ts: now + 130_000, callId: id, score: 60 + (i % 41) });
  }
  return out;
}
