// Complaints: opened with a reply deadline, then replied. The board counts those open, overdue
// and replied today, and per 15-minute interval those that fell due. A complaint is forgotten
// some time after its reply or its deadline, when a day closes.
import { z } from 'zod';
import type { CoreConfig } from './core-config.js';
import type { EventOf } from './events.js';
import type { Rate } from '../contract/snapshot.js';
import { ratio } from './counts.js';
import { getOrCreate } from './map-utils.js';
import { bucketIndex, type DayWindow } from './windows.js';

export const complaintRecordSchema = z.object({
  id: z.string(),
  openedTs: z.number().nullable(),
  /** The reply deadline: the event's dueTs, else opened + complaintReplyMs. */
  dueTs: z.number().nullable(),
  repliedTs: z.number().nullable(),
});
export type ComplaintRecord = z.infer<typeof complaintRecordSchema>;

export interface ComplaintsState {
  complaints: Map<string, ComplaintRecord>;
}

/** Replied complaints are remembered this long, so a repeated complaint.opened cannot reopen one. */
const REPLIED_COMPLAINTS_KEPT_MS = 8 * 24 * 3600_000;
/** A complaint still open this long past its deadline was most likely closed without a reply event. */
const OPEN_COMPLAINTS_KEPT_PAST_DUE_MS = 30 * 24 * 3600_000;
/**
 * Nor is one kept open longer than this after it was opened, whatever its deadline: a deadline
 * years ahead (a producer's bug) would otherwise hold a place under the complaints limit for good.
 */
const OPEN_COMPLAINTS_KEPT_MS = 90 * 24 * 3600_000;

function complaint(state: ComplaintsState, id: string): ComplaintRecord {
  return getOrCreate(state.complaints, id, () => ({ id, openedTs: null, dueTs: null, repliedTs: null }));
}

export function onComplaintOpened(state: ComplaintsState, event: EventOf<'complaint.opened'>, config: CoreConfig): void {
  const c = complaint(state, event.complaintId);
  c.openedTs = event.ts;
  c.dueTs = event.dueTs ?? event.ts + config.complaintReplyMs;
}

/**
 * `placeInDay` puts the reply in its day: a reply may be the first event of a new day, and
 * opening that day forgets stale complaints, possibly the one being replied to.
 */
export function onComplaintReplied(state: ComplaintsState, event: EventOf<'complaint.replied'>, placeInDay: () => void): void {
  const c = complaint(state, event.complaintId);
  if (c.repliedTs !== null) return;
  placeInDay();
  c.repliedTs = event.ts;
  // Replied now, it is no longer stale: keep it even if the day just opened had let it go.
  state.complaints.set(c.id, c);
}

/** Called when a day opens (local midnight passed): lets go of complaints nobody will ask about. */
export function forgetStaleComplaints(state: ComplaintsState, dayStartTs: number): void {
  for (const [id, c] of state.complaints) {
    const stale =
      c.repliedTs !== null
        ? c.repliedTs < dayStartTs - REPLIED_COMPLAINTS_KEPT_MS
        : (c.dueTs !== null && c.dueTs < dayStartTs - OPEN_COMPLAINTS_KEPT_PAST_DUE_MS) || (c.openedTs !== null && c.openedTs < dayStartTs - OPEN_COMPLAINTS_KEPT_MS);
    if (stale) state.complaints.delete(id);
  }
}

export interface ComplaintCounts {
  open: number;
  /** Open and past their deadline at `now`. */
  overdue: number;
  repliedToday: number;
  /** Of those replied today, replied by their deadline. */
  onTime: number;
}

export function complaintCounts(state: ComplaintsState, day: DayWindow, now: number): ComplaintCounts {
  let open = 0;
  let overdue = 0;
  let repliedToday = 0;
  let onTime = 0;
  for (const c of state.complaints.values()) {
    if (c.repliedTs === null) {
      open += 1;
      if (c.dueTs !== null && c.dueTs <= now) overdue += 1;
    } else if (c.repliedTs >= day.startTs && c.repliedTs < day.endTs) {
      repliedToday += 1;
      // A reply to a complaint we never saw opened has no known deadline: counted on time.
      if (c.dueTs === null || c.repliedTs <= c.dueTs) onTime += 1;
    }
  }
  return { open, overdue, repliedToday, onTime };
}

/** The complaint reply KPI: replied on time, of those replied and those overdue (the board's and the history's one formula). */
export function complaintReplyRate(onTime: number, replied: number, overdue: number): Rate {
  return ratio(onTime, replied + overdue);
}

/** A day's complaints as the history keeps them: opened and replied during the day, and overdue as of `asOf` (the day's end once it closed). */
export function complaintDay(state: ComplaintsState, day: DayWindow, asOf: number): { opened: number; replied: number; repliedOnTime: number; overdue: number } {
  const counts = complaintCounts(state, day, asOf);
  let opened = 0;
  for (const c of state.complaints.values()) if (c.openedTs !== null && c.openedTs >= day.startTs && c.openedTs < day.endTs) opened += 1;
  return { opened, replied: counts.repliedToday, repliedOnTime: counts.onTime, overdue: counts.overdue };
}

export interface ComplaintBucket {
  due: number;
  onTime: number;
}

/** Complaints by interval: replied ones where they were replied, open overdue ones where they fell due. */
export function complaintBuckets(state: ComplaintsState, day: DayWindow, now: number): Map<number, ComplaintBucket> {
  const out = new Map<number, ComplaintBucket>();
  const at = (ts: number) => getOrCreate(out, Math.max(0, bucketIndex(ts, day)), () => ({ due: 0, onTime: 0 }));
  for (const c of state.complaints.values()) {
    if (c.repliedTs !== null) {
      if (c.repliedTs < day.startTs || c.repliedTs >= day.endTs) continue;
      const b = at(c.repliedTs);
      b.due += 1;
      if (c.dueTs === null || c.repliedTs <= c.dueTs) b.onTime += 1;
    } else if (c.dueTs !== null && c.dueTs <= now && c.dueTs < day.endTs) {
      at(c.dueTs).due += 1;
    }
  }
  return out;
}
