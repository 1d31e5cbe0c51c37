// The intraday chart's buckets: per 15 minutes of today, the queue visits (summed over the
// queues shown, and per queue for a detailed view), the day counters and the complaints due.
import type { ComplaintBucket } from './complaints.js';
import { handled, serviceLevel, sumCounts } from './counts.js';
import { addQueueDayCounts, emptyDayCounters, emptyQueueDayCounts, type DayCounters, type DayStats, type QueueDayCounts } from './day.js';
import { getOrCreate } from './map-utils.js';
import { BUCKET_MS } from '../contract/constants.js';
import { LISTS } from '../contract/delta.js';
import type { IntradayBucket } from '../contract/snapshot.js';

/** The buckets of the queues shown; the complaint buckets (complaintBuckets) are the same for every view, computed once. */
export function intradayOf(day: DayStats, queueIds: readonly string[], perQueue: boolean, complaints: ReadonlyMap<number, ComplaintBucket>): IntradayBucket[] {
  const totals = new Map<number, QueueDayCounts>();
  const out: IntradayBucket[] = [];
  for (const queue of queueIds) {
    for (const [index, counts] of day.intraday.get(queue) ?? []) {
      addQueueDayCounts(getOrCreate(totals, index, emptyQueueDayCounts), counts);
      if (perQueue) out.push(bucket(queue, day.startTs + index * BUCKET_MS, counts, null, null));
    }
  }
  const indexes = new Set([...totals.keys(), ...day.counterBuckets.keys(), ...complaints.keys()]);
  for (const index of indexes) {
    const counts = totals.get(index) ?? emptyQueueDayCounts();
    out.push(bucket(null, day.startTs + index * BUCKET_MS, counts, day.counterBuckets.get(index) ?? emptyDayCounters(), complaints.get(index) ?? null));
  }
  return out.sort(LISTS.intraday.compare);
}

/** One bucket; a queue's own bucket (`queue` set) carries only its visits. */
function bucket(queue: string | null, startTs: number, c: QueueDayCounts, dc: DayCounters | null, complaints: ComplaintBucket | null): IntradayBucket {
  const all = sumCounts([c.standard, c.vip]);
  return {
    queue,
    startTs,
    offered: all.offered,
    answered: all.answered,
    abandoned: all.abandoned,
    exited: all.exited,
    serviceLevel: serviceLevel(all),
    standardAnswered: c.standard.answered,
    standardHandled: handled(c.standard),
    vipAnswered: c.vip.answered,
    vipHandled: handled(c.vip),
    answeredWithinSl: all.withinSl,
    arrived: dc?.arrived ?? 0,
    blocked: dc?.blocked ?? 0,
    surveys: dc?.surveys ?? 0,
    surveyScoreSum: dc?.surveySum ?? 0,
    resolved: dc?.resolved ?? 0,
    endedWithResolution: dc?.endedWithResolution ?? 0,
    holdChecksDue: dc?.holdChecksDue ?? 0,
    holdChecksOnTime: dc?.holdChecksOnTime ?? 0,
    complaintsDue: complaints?.due ?? 0,
    complaintsRepliedOnTime: complaints?.onTime ?? 0,
  };
}
