// Corrections that move what a visit or a handle already booked (visits.ts, agent-day.ts): the
// old contribution is taken back field by field and the new one added, so the counts are those of
// the corrected call alone, never both.
import { describe, expect, it } from 'vitest';
import { apply } from '../../server/core/apply.js';
import { DEFAULT_CORE_CONFIG, type CoreConfig } from '../../server/core/core-config.js';
import type { EventInput } from '../../server/core/events.js';
import { toSnapshot } from '../../server/core/snapshot.js';
import { initialState, type State } from '../../server/core/state.js';
import { entries, MIN, SEC, T0 } from '../support/entries.js';

const config = DEFAULT_CORE_CONFIG;

function run(inputs: EventInput[], cfg: CoreConfig = config): State {
  const state = initialState();
  for (const e of entries(inputs)) apply(state, e, cfg);
  return state;
}

describe('rebooking a visit', () => {
  it('moves an answer within the service level from standard to VIP when a late arrival says the caller is VIP', async () => {
    const state = run([
      { type: 'call.queued', ts: T0, callId: 'c1', queue: 'billing' },
      { type: 'call.answered', ts: T0 + 5 * SEC, callId: 'c1', queue: 'billing', agentId: 'a1' },
      { type: 'call.arrived', ts: T0 - SEC, callId: 'c1', tier: 'gold' },
    ]);
    const billing = state.today!.queues.get('billing')!;
    expect(billing.standard).toMatchObject({ offered: 0, answered: 0, withinSl: 0, waitCount: 0, waitSumMs: 0 });
    expect(billing.vip).toMatchObject({ offered: 1, answered: 1, withinSl: 1, waitCount: 1, waitSumMs: 5 * SEC });
  });

  it('moves an abandon from standard to VIP, short abandons included', async () => {
    const state = run(
      [
        { type: 'call.queued', ts: T0, callId: 'c1', queue: 'billing' },
        { type: 'call.abandoned', ts: T0 + SEC, callId: 'c1', queue: 'billing' },
        { type: 'call.arrived', ts: T0 - SEC, callId: 'c1', tier: 'gold' },
      ],
      { ...config, shortAbandonMs: 5 * SEC },
    );
    const billing = state.today!.queues.get('billing')!;
    expect(billing.standard).toMatchObject({ offered: 0, abandoned: 0, shortAbandoned: 0 });
    expect(billing.vip).toMatchObject({ offered: 1, abandoned: 1, shortAbandoned: 1 });
  });
});

describe('rebooking a handle', () => {
  it('shortens a handle booked at the end when a transfer before the end arrives late', async () => {
    const state = run([
      { type: 'agent.state', ts: T0, agentId: 'a1', state: 'available', queues: ['billing'] },
      { type: 'call.queued', ts: T0 + SEC, callId: 'c1', queue: 'billing' },
      { type: 'call.answered', ts: T0 + 10 * SEC, callId: 'c1', queue: 'billing', agentId: 'a1' },
      { type: 'call.ended', ts: T0 + 70 * SEC, callId: 'c1', agentId: 'a2' },
      { type: 'call.transferred', ts: T0 + 40 * SEC, callId: 'c1', agentId: 'a1', toAgentId: 'a2', mode: 'cold' },
    ]);
    const a1 = toSnapshot(state, config, T0 + 2 * MIN).agentList.find((a) => a.id === 'a1')!;
    expect(a1.today).toMatchObject({ handled: 1, meanHandleMs: 30 * SEC, coldTransfers: 1 });
  });
});
