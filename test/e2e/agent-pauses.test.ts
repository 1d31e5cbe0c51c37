// End to end, the agents on a lead's tablet: a queue whose agents pause with reasons the PBX
// gives (one with a phone number typed into it), one on a long call, one reported logged
// off and never logged in today; published to Redis as a producer would. The tablet (English, then Chinese) lists
// them longest in state first with the reason, the time marked past the thresholds by a word,
// today's figures as REST gives them, and leaves out the agent logged off all day.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { EventInput } from '../../server/core/events.js';
import { waitFor } from '../support/redis.js';
import { deepAll, deepText, screenshot } from './support/browser.js';
import { useFloor } from './support/use-floor.js';

const floor = useFloor();

const MIN = 60_000;
const QUEUE = 'pauses';

function pausesFloor(now: number): EventInput[] {
  const agent = (agentId: string, name: string, ts: number, state: 'available' | 'talking' | 'paused' | 'offline', reason?: string): EventInput => ({
    type: 'agent.state',
    ts,
    agentId,
    state,
    name,
    team: 'P组',
    queues: [QUEUE],
    ...(reason ? { reason } : {}),
  });
  return [
    // Reported offline this morning (a PBX lists its members when it starts), not logged in since.
    agent('p4', '离线四', now - 2 * 3600_000, 'offline'),
    agent('p1', '示忙一', now - 40 * MIN, 'available'),
    agent('p2', '示忙二', now - 40 * MIN, 'available'),
    agent('p3', '通话三', now - 40 * MIN, 'available'),
    // p3 takes a call with a hold, transfers it warm, then a second call still going on.
    { type: 'call.queued', ts: now - 30 * MIN, callId: 'pc1', queue: QUEUE },
    { type: 'call.answered', ts: now - 30 * MIN + 5000, callId: 'pc1', queue: QUEUE, agentId: 'p3' },
    { type: 'call.held', ts: now - 28 * MIN, callId: 'pc1', agentId: 'p3' },
    { type: 'call.resumed', ts: now - 27 * MIN, callId: 'pc1', agentId: 'p3' },
    { type: 'call.transferred', ts: now - 26 * MIN, callId: 'pc1', agentId: 'p3', mode: 'warm', toQueue: 'billing' },
    { type: 'call.ended', ts: now - 20 * MIN, callId: 'pc1' },
    agent('p1', '示忙一', now - 7 * MIN, 'paused', '午休 Lunch'),
    { type: 'call.queued', ts: now - 6 * MIN - 5000, callId: 'pc2', queue: QUEUE },
    { type: 'call.answered', ts: now - 6 * MIN, callId: 'pc2', queue: QUEUE, agentId: 'p3' },
    agent('p3', '通话三', now - 6 * MIN, 'talking'),
    agent('p2', '示忙二', now - 5_000, 'paused', 'Callback 13812345678'),
  ];
}

/** The agent table's rows: id, time mark, and each cell's text. */
async function agentRows(page: Page) {
  const rows = await deepAll(page, 'tr[data-agent]');
  const cells = (await deepAll(page, 'tr[data-agent] > td')).map((c) => c.text);
  return rows.map((r, i) => ({ id: r.data['agent'], level: r.data['level'], cells: cells.slice(i * 8, i * 8 + 8) }));
}

describe('agents and their pauses on the tablet', () => {
  it('lists pause reasons with the time in pause, marks long states by a word, gives the figures REST gives, and hides the agent logged off all day', async () => {
    await floor.publish(pausesFloor(Date.now()));
    await waitFor(async () => (await floor.rest()).agentList.some((a) => a.id === 'p2' && a.state === 'paused'), 'the pauses on the server', 15_000);
    const rest = new Map((await floor.rest(`?queues=${QUEUE}`)).agentList.map((a) => [a.id, a]));
    expect(rest.get('p3')!.today).toMatchObject({ handled: 1, meanHandleMs: 4 * MIN - 5000, holds: 1, holdChecksMissed: 1, warmTransfers: 1, active: true });
    expect(rest.get('p2')!.reason).toBe('Callback 138****5678');
    expect(rest.get('p4')!.today!.active).toBe(false);

    const lead = await floor.open(`/lead?lang=en&queue=${QUEUE}`, 1440, 900, { live: /Live/ });
    await waitFor(async () => (await agentRows(lead)).length === 3, 'the three agents of the queue', 15_000);

    const rows = await agentRows(lead);
    // Longest in state first: p1 paused 7 min, p3 talking 6 min, p2 paused 30 s; p4 left out.
    expect(rows.map((r) => [r.id, r.level])).toEqual([
      ['p1', 'veryLong'],
      ['p3', 'veryLong'],
      ['p2', 'normal'],
    ]);
    const time = (cells: string[]) => cells.splice(2, 1)[0];
    const [p1, p3, p2] = rows.map((r) => r.cells);
    expect(time(p1!)).toMatch(/^▲▲ Too long ?7:\d\d$/);
    expect(p1).toEqual(['示忙一P组', 'Paused午休 Lunch', '0', '—', '0', '0', '0 / 0']);
    expect(time(p3!)).toMatch(/^▲▲ Too long ?6:\d\d$/);
    expect(p3).toEqual(['通话三P组', 'Talking', '1', '3:55', '1', '1', '0 / 1']);
    expect(time(p2!)).toMatch(/^0:\d\d$/);
    expect(p2).toEqual(['示忙二P组', 'PausedCallback 138****5678', '0', '—', '0', '0', '0 / 0']);
    expect(await deepText(lead, '.hidden-note')).toBe('1 logged off all day, not listed');
    expect(await deepText(lead, '.lists h3')).toBe('Agents · 3');
    expect(JSON.stringify(rows)).not.toContain('13812345678');
    await lead.locator('wb-agent-table').scrollIntoViewIfNeeded();
    await screenshot(lead, 'agent-pauses-lead-en');

    // A touch on "Handled" puts the agent with the most calls first.
    await lead.locator('wb-agent-table th button[data-sort=handled]').click();
    await waitFor(async () => (await agentRows(lead))[0]?.id === 'p3', 'the table sorted by calls handled', 5_000);

    const zh = await floor.open(`/lead?lang=zh-CN&queue=${QUEUE}`, 1280, 800, { live: false });
    await waitFor(async () => (await agentRows(zh)).length === 3, 'the Chinese tablet', 15_000);
    expect((await agentRows(zh))[0]!.cells.slice(0, 3)).toEqual(['示忙一P组', '示忙午休 Lunch', expect.stringMatching(/^▲▲ 过长 ?7:\d\d$/)]);
    expect(await deepText(zh, '.hidden-note')).toBe('今日未登录 1 人，未列出');
    await zh.locator('wb-agent-table').scrollIntoViewIfNeeded();
    await screenshot(zh, 'agent-pauses-lead-zh');

    expect(lead.problems).toEqual([]);
    expect(zh.problems).toEqual([]);
  }, 90_000);
});
