import { describe, expect, it } from 'vitest';
import { feedOf, NOT_ANSWERING_AFTER_MS } from '../../server/feed-status.js';
import type { ConsumerStatus } from '../../server/redis/stream-consumer.js';

const T = Date.UTC(2031, 4, 6, 7, 8, 9);
const active = (extra: Partial<ConsumerStatus> = {}): ConsumerStatus => ({ role: 'active', caughtUp: true, lastReadAt: T - 1000, lastError: null, ...extra });

describe('feedOf', () => {
  it('is live while Redis answers by the due time plus the margin, and down "Redis not answering" past it', () => {
    expect(feedOf(active({ answerDueAt: T }), T + NOT_ANSWERING_AFTER_MS)).toEqual({ state: 'live', reason: null });
    expect(feedOf(active({ answerDueAt: T }), T + NOT_ANSWERING_AFTER_MS + 1)).toEqual({ state: 'down', reason: 'Redis not answering: the stream read is overdue' });
    expect(feedOf(active({ answerDueAt: T, caughtUp: false }), T)).toEqual({ state: 'catchingUp', reason: null });
    expect(feedOf(active(), T + 60_000)).toEqual({ state: 'live', reason: null }); // no read made yet
  });

  it('gives the last error as the reason when down, and no reason otherwise', () => {
    expect(feedOf(active({ lastError: 'Redis not answering: blocking read did not return within 6000 ms' }), T)).toEqual({
      state: 'down',
      reason: 'Redis not answering: blocking read did not return within 6000 ms',
    });
    expect(feedOf({ ...active({ answerDueAt: T - 60_000 }), role: 'recovering' }, T)).toEqual({ state: 'catchingUp', reason: null });
    expect(feedOf({ ...active(), role: 'standby' }, T)).toEqual({ state: 'standby', reason: null });
    // A process following the streams is as live as its own reads, like the lease holder.
    expect(feedOf({ ...active(), role: 'following' }, T)).toEqual({ state: 'live', reason: null });
    expect(feedOf({ ...active({ caughtUp: false }), role: 'following' }, T)).toEqual({ state: 'catchingUp', reason: null });
    expect(feedOf({ ...active({ answerDueAt: T - 2000 }), role: 'following' }, T)).toEqual({ state: 'down', reason: 'Redis not answering: the stream read is overdue' });
    expect(feedOf({ ...active({ lastError: 'closed' }), role: 'stopped' }, T)).toEqual({ state: 'down', reason: 'closed' });
  });
});
