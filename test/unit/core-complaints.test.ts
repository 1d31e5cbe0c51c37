import { describe, expect, it } from 'vitest';
import { apply } from '../../server/core/apply.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import { initialState, type State } from '../../server/core/state.js';
import { toSnapshot } from '../../server/core/snapshot.js';
import { entries, MIN, T0 } from '../support/entries.js';

const config = DEFAULT_CORE_CONFIG;
const DAY = 24 * 60 * MIN;

function run(inputs: Parameters<typeof entries>[0]): State {
  const state = initialState();
  for (const e of entries(inputs)) apply(state, e, config);
  return state;
}

describe('forgetting complaints when a day closes', () => {
  it('forgets a complaint replied more than 8 days before, and one open 30 days past its deadline', () => {
    const state = run([
      { type: 'call.arrived', ts: T0, callId: 'c1' }, // opens today
      { type: 'complaint.opened', ts: T0, complaintId: 'old-open', dueTs: T0 - 22 * DAY },
      { type: 'complaint.opened', ts: T0, complaintId: 'recent-open', dueTs: T0 - 20 * DAY },
      { type: 'complaint.replied', ts: T0, complaintId: 'old-reply' },
      { type: 'complaint.replied', ts: T0 + 2 * DAY, complaintId: 'recent-reply' },
      // Nine days later: the day opened starts at local midnight, 9 h before T0 + 9 days.
      { type: 'call.arrived', ts: T0 + 9 * DAY, callId: 'c2' },
    ]);
    expect([...state.complaints.keys()].sort()).toEqual(['recent-open', 'recent-reply']);
  });

  it('keeps the reply to a long-overdue complaint when that reply opens the day that would forget it', () => {
    const state = run([
      { type: 'complaint.opened', ts: T0, complaintId: 'k1', dueTs: T0 - 40 * DAY },
      { type: 'complaint.replied', ts: T0 + DAY, complaintId: 'k1' },
    ]);
    expect(state.complaints.get('k1')).toEqual({ id: 'k1', openedTs: T0, dueTs: T0 - 40 * DAY, repliedTs: T0 + DAY });
    const snap = toSnapshot(state, config, T0 + DAY + MIN);
    // Replied today, late: it counts against the reply rate.
    expect(snap.totals).toMatchObject({ complaintsRepliedToday: 1, complaintsOpen: 0, complaintReplyRate: 0 });
  });
});
