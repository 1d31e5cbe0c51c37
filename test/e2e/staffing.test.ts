// End to end, the staffing hint: a surge on a queue with two agents on it, its calls wrapped up
// by the agents who took them, published to Redis as a producer would; a paired TV (Chinese)
// marks the queue "缺 N 人" and a lead's tablet (English) shows the figure with its inputs, both
// agreeing with the server's REST snapshot.
import { describe, expect, it } from 'vitest';
import type { EventInput } from '../../server/core/events.js';
import type { QueueStaffing } from '../../server/contract/snapshot.js';
import { waitFor } from '../support/redis.js';
import { deepAll, deepText, screenshot } from './support/browser.js';
import { useFloor } from './support/use-floor.js';

const floor = useFloor();

/**
 * 60 calls on `surge` between 14.5 and 6 minutes ago, each answered after 5 s, hung up 240 s later
 * and wrapped up in 10 s, and no abandons: 240 calls an hour at 250 s is 16.7 Erlangs, for which
 * Erlang C asks about 21 agents at 80/20. Thirty agents took two calls each and are paused now;
 * two serve the queue now (one talking, one free), a third is paused.
 */
function surge(now: number): EventInput[] {
  const events: EventInput[] = [
    { type: 'agent.state', ts: now - 15 * 60_000, agentId: 's1', state: 'talking', team: 'S组', name: '高峰一', queues: ['surge'] },
    { type: 'agent.state', ts: now - 15 * 60_000, agentId: 's2', state: 'available', team: 'S组', name: '高峰二', queues: ['surge'] },
    { type: 'agent.state', ts: now - 15 * 60_000, agentId: 's3', state: 'paused', team: 'S组', name: '高峰三', queues: ['surge'] },
  ];
  for (let i = 0; i < 60; i++) {
    const queuedTs = now - 14.5 * 60_000 + i * 8_500;
    const callId = `surge-${i}`;
    // Agent w<n> takes calls n and n + 30, 255 s apart: its wrap-up of the first ends before the second rings.
    const agentId = `w${i % 30}`;
    events.push(
      { type: 'call.queued', ts: queuedTs, callId, queue: 'surge' },
      { type: 'call.answered', ts: queuedTs + 5_000, callId, queue: 'surge', agentId },
      { type: 'agent.state', ts: queuedTs + 5_000, agentId, state: 'talking', team: 'W组', queues: ['surge'] },
      { type: 'call.ended', ts: queuedTs + 245_000, callId },
      { type: 'agent.state', ts: queuedTs + 245_000, agentId, state: 'acw' },
      { type: 'agent.state', ts: queuedTs + 255_000, agentId, state: i < 30 ? 'available' : 'paused' },
    );
  }
  return events.sort((a, b) => a.ts - b.ts);
}

const staffingOf = async (): Promise<QueueStaffing | null | undefined> => (await floor.rest()).queues.find((q) => q.id === 'surge')?.staffing;

describe('the staffing hint end to end', () => {
  it('a paired TV shows "缺 N 人" on the short queue and the tablet shows the figure with its inputs, as the server computes them', async () => {
    await floor.publish(surge(Date.now()));
    const hint = await waitFor(staffingOf, 'the server to compute the surge queue staffing', 15_000);
    expect(hint).toMatchObject({ onQueue: 2, model: 'erlangC', patienceMs: null, meanHandleMs: 250_000, meanWrapMs: 10_000 });
    expect(hint.needed).toBeGreaterThan(15);

    // The TV, paired as a floor pairs one: a display made by an admin, its link opened once.
    const display = await floor.createDisplay('Surge TV', { lang: 'zh-CN', queues: ['surge', 'billing', 'mobile'], queueNames: { surge: '话费高峰' } });
    expect(display.status).toBe(201);
    const { link } = (await display.json()) as { link: string };
    const tv = await floor.open(link, 1920, 1080, { as: null, live: /实时/ });
    // Every queue's badge says what REST says of that queue, and only a short queue has one (read
    // again each time: the window moves on with the minute). The floor's own traffic may leave
    // billing or mobile short too, so each row is held to its own figure, not to "one badge".
    await waitFor(
      async () => {
        const queues = (await floor.rest()).queues;
        const surgeShort = queues.find((q) => q.id === 'surge')?.staffing;
        if (!surgeShort || surgeShort.needed <= surgeShort.onQueue) return false;
        for (const id of ['surge', 'billing', 'mobile']) {
          const staffing = queues.find((q) => q.id === id)?.staffing;
          const expected = staffing && staffing.needed > staffing.onQueue ? [`缺 ${staffing.needed - staffing.onQueue} 人`] : [];
          const shown = (await deepAll(tv, `.row[data-queue=${id}] [data-testid=staffing-short]`)).map((b) => b.text);
          if (JSON.stringify(shown) !== JSON.stringify(expected)) return false;
        }
        return true;
      },
      'the TV to mark each short queue as REST says, the surge queue among them',
      15_000,
    );
    const row = await deepAll(tv, '.row[data-queue=surge] [data-testid=staffing-short]');
    expect(row).toHaveLength(1);
    await screenshot(tv, 'staffing-tv-zh');

    // The lead's tablet, in English, drilled into the queue.
    const lead = await floor.open('/lead?lang=en&queue=surge', 1440, 900, { live: /Live/ });
    await waitFor(
      async () => {
        const now = await staffingOf();
        return now && (await deepText(lead, '[data-testid=staffing-needed]')) === String(now.needed) && (await deepText(lead, '[data-testid=staffing-on-queue]')) === '2';
      },
      'the tablet to show the figure',
      15_000,
    );
    const labels = (await deepAll(lead, '[data-testid=staffing-inputs] dt')).map((d) => d.text);
    const values = (await deepAll(lead, '[data-testid=staffing-inputs] dd')).map((d) => d.text);
    expect(labels).toEqual(['Calls per hour', 'Avg. handle time', 'Of which wrap-up', 'Caller patience', 'Model']);
    expect(values.slice(1)).toEqual(['4:10', '0:10', 'no abandons', 'Erlang C']);
    expect(Number(values[0])).toBeGreaterThan(200); // 240 an hour while all 60 calls are in the window
    expect(await deepText(lead, '[data-testid=staffing-verdict]')).toMatch(/^Short by \d+$/);
    await lead.locator('wb-staffing-card').scrollIntoViewIfNeeded();
    await screenshot(lead, 'staffing-lead-en');

    expect(tv.problems).toEqual([]);
    expect(lead.problems).toEqual([]);
  });
});
