// Which series the targets' history shows, and where each ends.
import { describe, expect, it } from 'vitest';
import { BUCKET_MS } from '../../../server/contract/constants.js';
import type { Kpi } from '../../../server/contract/snapshot.js';
import { floorScenario } from '../../../test/support/floor-scenario.js';
import { snapshotFromEvents } from '../../../test/support/snapshot-from-events.js';
import { seriesOf } from '../../charts/intraday-geometry.js';
import { parts } from '../../testing/buckets.js';
import { TEN_AM } from '../../testing/centre-time.js';
import { keepUnchanged, targetCards } from './target-cards.js';

describe('target cards', () => {
  const Q = BUCKET_MS;

  it('ends every line of a real day at the KPI the TV shows, and each queue at its own figures', () => {
    const now = TEN_AM + 7 * 60_000;
    const s = snapshotFromEvents(floorScenario({ now }).events, now, { detail: true });
    const cards = targetCards({ buckets: seriesOf(s.intraday, null), queue: null, kpis: s.kpis, serviceLevelTarget: s.thresholds.serviceLevelTarget, nowTs: now });
    expect(cards.map((c) => c.id)).toEqual([...s.kpis.map((k) => k.id), 'serviceLevel']);
    for (const k of s.kpis) {
      const card = cards.find((c) => c.id === k.id)!;
      expect(card.value, k.id).toBeCloseTo(k.value!, 12);
      expect(card.status, k.id).toBe(k.status);
      expect(card.spec).toEqual({ target: k.target, riskFloor: k.riskFloor, unit: k.unit });
      expect(card.points.at(-1)!.ts, k.id).toBe(Math.floor(now / BUCKET_MS) * BUCKET_MS + BUCKET_MS);
    }
    // Some checks are overdue right now: the hold-check line counts them, as the KPI does.
    expect(s.kpis.find((k) => k.id === 'holdCheckOnTime')!.sample).toBeGreaterThan(seriesOf(s.intraday, null).reduce((n, b) => n + b.holdChecksDue, 0));
    expect(cards.at(-1)!.value).toBeCloseTo(s.totals.serviceLevel!, 12);

    const ofQueue = (id: string) => targetCards({ buckets: seriesOf(s.intraday, id), queue: id, kpis: s.kpis, serviceLevelTarget: 0.8, nowTs: now });
    const vip = s.queues.find((q) => q.id === 'vip')!;
    const vipCards = ofQueue('vip');
    expect(vipCards.map((c) => c.id)).toEqual(['vipConnect', 'serviceLevel']); // VIP callers only
    expect(vipCards[0]!.value).toBeCloseTo(vip.agentConnectRate!, 12);
    expect(vipCards[1]!.value).toBeCloseTo(vip.serviceLevel!, 12);
    const billing = ofQueue('billing');
    expect(billing[0]!.id).toBe('agentConnect');
    expect(billing.at(-1)!.value).toBeCloseTo(s.queues.find((q) => q.id === 'billing')!.serviceLevel!, 12);
  });

  it('keeps the cards a delta did not move, so their charts do not draw again', () => {
    const kpis = [{ id: 'agentConnect', value: 0.8, target: 0.85, riskFloor: 0.82, unit: 'fraction', status: 'missed', sample: 5 }] satisfies Kpi[];
    const input = { queue: 'billing', kpis, serviceLevelTarget: 0.8, nowTs: TEN_AM + Q };
    const before = targetCards({ ...input, buckets: [parts(TEN_AM, { standardAnswered: 3, standardHandled: 4, answeredWithinSl: 3 })] });
    // One more call answered, outside the service level: the connect rate moves, the service level too.
    const moved = targetCards({
      ...input,
      buckets: [parts(TEN_AM, { standardAnswered: 3, standardHandled: 4, answeredWithinSl: 3 }), parts(TEN_AM + Q, { standardAnswered: 1, standardHandled: 1 })],
    });
    expect(keepUnchanged(before, moved).map((c, i) => c === before[i])).toEqual([false, false]);
    const same = targetCards({ ...input, buckets: [parts(TEN_AM, { standardAnswered: 3, standardHandled: 4, answeredWithinSl: 3, offered: 9 })] });
    expect(keepUnchanged(before, same).map((c, i) => c === before[i])).toEqual([true, true]);
  });
});
