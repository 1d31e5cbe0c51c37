// Feeds that deliver late, twice or out of order must settle on the numbers an orderly feed
// gives. Each case was found in review as a sequence that once counted wrong.
import { describe, expect, it } from 'vitest';
import { apply } from '../../server/core/apply.js';
import { DEFAULT_CORE_CONFIG } from '../../server/core/core-config.js';
import type { EventInput } from '../../server/core/events.js';
import { initialState, type State } from '../../server/core/state.js';
import { toSnapshot } from '../../server/core/snapshot.js';
import { entries, MIN, SEC, T0 } from '../support/entries.js';

const config = DEFAULT_CORE_CONFIG;
const DAY = 24 * 3600_000;

function run(inputs: EventInput[]): State {
  const state = initialState();
  for (const e of entries(inputs)) apply(state, e, config);
  return state;
}
const at = (state: State, ts = T0 + 10 * MIN) => toSnapshot(state, config, ts);

describe('out of order and repeated', () => {
  it("a repeated answer does not close the caller's second wait in the same queue", () => {
    const state = run([
      { type: 'call.queued', ts: T0, callId: 'c1', queue: 'billing' },
      { type: 'call.answered', ts: T0 + 5 * SEC, callId: 'c1', queue: 'billing', agentId: 'a1' },
      { type: 'call.transferred', ts: T0 + 60 * SEC, callId: 'c1', agentId: 'a1', toQueue: 'billing', mode: 'cold' },
      { type: 'call.queued', ts: T0 + 61 * SEC, callId: 'c1', queue: 'billing' },
      { type: 'call.answered', ts: T0 + 5 * SEC, callId: 'c1', queue: 'billing', agentId: 'a1' },
    ]);
    expect(at(state).totals).toMatchObject({ queued: 2, answered: 1, waiting: 1 });
  });

  it('a second wait after a transfer counts even when the first answer arrives late', () => {
    const state = run([
      { type: 'call.queued', ts: T0, callId: 'c1', queue: 'billing' },
      { type: 'call.transferred', ts: T0 + 60 * SEC, callId: 'c1', agentId: 'a1', toQueue: 'billing', mode: 'cold' },
      { type: 'call.queued', ts: T0 + 61 * SEC, callId: 'c1', queue: 'billing' },
      { type: 'call.answered', ts: T0 + 5 * SEC, callId: 'c1', queue: 'billing', agentId: 'a1' },
    ]);
    expect(at(state).totals).toMatchObject({ queued: 2, answered: 1, waiting: 1 });
  });

  it('a queueing delivered after the call ended is an abandon, as it is in order', () => {
    const inOrder = run([
      { type: 'call.queued', ts: T0 + 10 * SEC, callId: 'c1', queue: 'billing' },
      { type: 'call.ended', ts: T0 + 40 * SEC, callId: 'c1' },
    ]);
    const reversed = run([
      { type: 'call.ended', ts: T0 + 40 * SEC, callId: 'c1' },
      { type: 'call.queued', ts: T0 + 10 * SEC, callId: 'c1', queue: 'billing' },
    ]);
    expect(at(reversed).totals).toEqual(at(inOrder).totals);
    expect(at(reversed).totals).toMatchObject({ abandoned: 1, waiting: 0, expired: 0 });
  });

  it('a hold check delivered after the resume counts as made, not missed', () => {
    const hold = (order: 'in' | 'late'): EventInput[] => {
      const check: EventInput = { type: 'call.hold_check', ts: T0 + 35 * SEC, callId: 'c1', agentId: 'a1' };
      const resume: EventInput = { type: 'call.resumed', ts: T0 + 50 * SEC, callId: 'c1', agentId: 'a1' };
      return [{ type: 'call.held', ts: T0 + 10 * SEC, callId: 'c1', agentId: 'a1' }, ...(order === 'in' ? [check, resume] : [resume, check])];
    };
    const expected = at(run(hold('in'))).totals;
    expect(expected).toMatchObject({ holdChecksDue: 1, holdChecksOnTime: 1 });
    expect(at(run(hold('late'))).totals).toMatchObject({ holdChecksDue: 1, holdChecksOnTime: 1 });
  });

  it('a hold that is reported after its first check still counts that check', () => {
    const state = run([
      { type: 'call.hold_check', ts: T0 + 35 * SEC, callId: 'c1', agentId: 'a1' },
      { type: 'call.held', ts: T0 + 10 * SEC, callId: 'c1', agentId: 'a1' },
    ]);
    const snap = at(state, T0 + 40 * SEC);
    expect(snap.totals).toMatchObject({ holdChecksDue: 1, holdChecksOnTime: 1 });
    expect(snap.held[0]).toMatchObject({ heldSinceTs: T0 + 10 * SEC, lastCheckTs: T0 + 35 * SEC });
  });

  it('a late report of an older agent state does not override a newer repeat', () => {
    const state = run([
      { type: 'agent.state', ts: T0, agentId: 'a1', state: 'available' },
      { type: 'agent.state', ts: T0 + 20 * SEC, agentId: 'a1', state: 'available' },
      { type: 'agent.state', ts: T0 + 10 * SEC, agentId: 'a1', state: 'paused' },
    ]);
    expect(at(state).agentList[0]).toMatchObject({ state: 'available', sinceTs: T0 });
  });

  it("a call transferred to another queue and held there shows on that queue's hold board", () => {
    const state = run([
      { type: 'call.queued', ts: T0, callId: 'c1', queue: 'billing' },
      { type: 'call.answered', ts: T0 + SEC, callId: 'c1', queue: 'billing', agentId: 'a1' },
      { type: 'call.transferred', ts: T0 + MIN, callId: 'c1', agentId: 'a1', toQueue: 'tech', toAgentId: 'a2', mode: 'warm' },
      { type: 'call.held', ts: T0 + 2 * MIN, callId: 'c1', agentId: 'a2' },
    ]);
    expect(toSnapshot(state, config, T0 + 3 * MIN, { queues: ['tech'] }).held.map((h) => h.callId)).toEqual(['c1']);
  });

  it('a repeated earlier transfer is counted once and does not move the call back', () => {
    const state = run([
      { type: 'call.transferred', ts: T0 + 20 * SEC, callId: 'c1', agentId: 'a1', toAgentId: 'a2', mode: 'cold' },
      { type: 'call.transferred', ts: T0 + 40 * SEC, callId: 'c1', agentId: 'a2', toAgentId: 'a3', mode: 'warm' },
      { type: 'call.transferred', ts: T0 + 20 * SEC, callId: 'c1', agentId: 'a1', toAgentId: 'a2', mode: 'cold' },
      { type: 'call.held', ts: T0 + MIN, callId: 'c1', agentId: 'a3' },
    ]);
    const snap = at(state);
    expect(snap.totals).toMatchObject({ coldTransfers: 1, warmTransfers: 1 });
    expect(state.calls.get('c1')!.agentId).toBe('a3');
  });

  it('forgets complaints left open a month past their deadline, and a repeat cannot revive a replied one', () => {
    const feed: EventInput[] = [
      { type: 'complaint.opened', ts: T0, complaintId: 'lost', dueTs: T0 + MIN },
      { type: 'complaint.opened', ts: T0, complaintId: 'k2', dueTs: T0 + DAY },
      { type: 'complaint.replied', ts: T0 + MIN, complaintId: 'k2' },
      { type: 'call.arrived', ts: T0 + DAY, callId: 'next-day' }, // a new day opens
      { type: 'complaint.opened', ts: T0 + DAY, complaintId: 'k2', dueTs: T0 + DAY }, // a repeat
    ];
    expect(at(run(feed), T0 + DAY + MIN).totals).toMatchObject({ complaintsOpen: 1, complaintsOverdue: 1 });
    const month = run([...feed, { type: 'call.arrived', ts: T0 + 32 * DAY, callId: 'later' }]);
    expect(at(month, T0 + 32 * DAY).totals).toMatchObject({ complaintsOpen: 0, complaintsOverdue: 0 });
  });
});
