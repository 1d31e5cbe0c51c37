// @vitest-environment happy-dom
// The tablet's agent table: longest time in state first, another order by a touch on a header,
// agents logged off all day left out and counted, the pause reason beside the state, the time in
// state marked past the thresholds by a word as well as colour, today's figures, both languages.
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentRow, AgentToday } from '../../../server/contract/snapshot.js';
import { DEFAULT_TIME_IN_STATE } from '../../../server/contract/time-in-state.js';
import { createI18n } from '../../i18n/i18n.js';
import { mount, shadow } from '../../testing/dom.js';
import { manualClock } from '../../testing/manual-clock.js';
import './wb-agent-table.js';

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);
const SEC = 1000;
const MIN = 60 * SEC;

const today = (t: Partial<AgentToday> = {}): AgentToday => ({
  handled: 0,
  meanHandleMs: null,
  holds: 0,
  holdChecksMissed: 0,
  coldTransfers: 0,
  warmTransfers: 0,
  active: true,
  ...t,
});

const agent = (id: string, state: AgentRow['state'], sinceAgo: number, t?: Partial<AgentToday>, reason: string | null = null): AgentRow => ({
  id,
  name: `Agent ${id}`,
  team: 'A',
  state,
  sinceTs: NOW - sinceAgo,
  queues: ['billing'],
  vip: false,
  reason,
  today: today(t),
});

const AGENTS: AgentRow[] = [
  agent('a1', 'talking', 3 * MIN, { handled: 12, meanHandleMs: 185 * SEC, holds: 3, holdChecksMissed: 1, coldTransfers: 1, warmTransfers: 2 }),
  agent('a2', 'paused', 7 * MIN, { handled: 4 }, 'Lunch'),
  agent('a3', 'available', 20 * SEC, { handled: 30 }),
  agent('a4', 'offline', 2 * 3600_000, { active: false }), // logged off all day
  agent('a5', 'offline', 40 * MIN, { handled: 2 }), // logged off after working today
  agent('a6', 'offline', 5 * 3600_000, { active: false }), // logged off all day
];

afterEach(() => document.body.replaceChildren());

async function table(lang: 'en' | 'zh-CN' = 'en') {
  const { clock, advance } = manualClock(NOW);
  const el = await mount(Object.assign(document.createElement('wb-agent-table'), { agents: AGENTS, clock, i18n: createI18n(lang), timeInState: DEFAULT_TIME_IN_STATE }));
  const ids = () => [...shadow(el).querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-agent'));
  const touch = async (key: string) => {
    shadow(el).querySelector<HTMLButtonElement>(`th button[data-sort=${key}]`)!.click();
    await el.updateComplete;
  };
  return { el, ids, touch, advance };
}

describe('wb-agent-table', () => {
  it('lists the longest time in state first, those logged off after the floor, and leaves out the agents logged off all day, saying how many', async () => {
    const { el, ids, touch } = await table();
    // a5 went home 40 minutes ago: longer than anyone's state, but not time on the floor.
    expect(ids()).toEqual(['a2', 'a1', 'a3', 'a5']);
    expect(shadow(el).querySelector('.hidden-note')!.textContent).toBe('2 logged off all day, not listed');
    expect(shadow(el).querySelector('th[aria-sort=descending] button')!.getAttribute('data-sort')).toBe('time');
    // Shortest first: still the floor before those logged off.
    await touch('time');
    expect(ids()).toEqual(['a3', 'a1', 'a2', 'a5']);
  });

  it('sorts by the header touched, most first; a second touch turns the order round; names start from A', async () => {
    const { el, ids, touch } = await table();
    await touch('handled');
    expect(ids()).toEqual(['a3', 'a1', 'a2', 'a5']);
    await touch('handled');
    expect(ids()).toEqual(['a5', 'a2', 'a1', 'a3']);
    expect(shadow(el).querySelector('th[aria-sort=ascending] button')!.getAttribute('data-sort')).toBe('handled');
    await touch('name');
    expect(ids()).toEqual(['a1', 'a2', 'a3', 'a5']);
    await touch('missed');
    expect(ids()[0]).toBe('a1');
  });

  it("shows the pause reason, today's figures, and marks a long time in state by a word as well as colour", async () => {
    const { el, advance } = await table();
    const row = (id: string) => shadow(el).querySelector(`tr[data-agent=${id}]`)!;
    const cells = (id: string) => [...row(id).querySelectorAll('td')].map((td) => td.textContent.replace(/\s+/g, ' ').trim());
    expect(cells('a1')).toEqual(['Agent a1A', 'Talking', '▲ Long3:00', '12', '3:05', '3', '1', '1 / 2']);
    expect(cells('a2')).toEqual(['Agent a2A', 'PausedLunch', '▲▲ Too long7:00', '4', '—', '0', '0', '0 / 0']);
    expect(row('a2').querySelector('.reason bdi')!.textContent).toBe('Lunch');
    expect(row('a3').getAttribute('data-level')).toBe('normal');
    expect(cells('a3')[2]).toBe('0:20');
    // The clock moves on: past a minute available is long.
    advance(41 * SEC);
    await el.updateComplete;
    expect(row('a3').getAttribute('data-level')).toBe('long');
    expect(cells('a3')[2]).toBe('▲ Long1:01');
  });

  it("marks a pause by its reason's own times where the config gives them, in any case, and any other pause by paused's", async () => {
    const { el } = await table();
    const row = (id: string) => shadow(el).querySelector(`tr[data-agent=${id}]`)!;
    // a2 has been paused for lunch 7 minutes: too long by paused's 1 and 5 minutes, not by lunch's 30 and 60.
    expect(row('a2').getAttribute('data-level')).toBe('veryLong');
    el.timeInState = { ...DEFAULT_TIME_IN_STATE, pauseReasons: { ' LUNCH ': [30 * 60 * SEC, 60 * 60 * SEC] } };
    await el.updateComplete;
    expect(row('a2').getAttribute('data-level')).toBe('normal');
    el.timeInState = { ...DEFAULT_TIME_IN_STATE, pauseReasons: { training: [30 * 60 * SEC] } };
    await el.updateComplete;
    expect(row('a2').getAttribute('data-level')).toBe('veryLong');
  });

  it('speaks Chinese', async () => {
    const { el } = await table('zh-CN');
    const heads = [...shadow(el).querySelectorAll('th')].map((th) => th.textContent.replace(/\s+/g, ' ').replace('▼', '').trim());
    expect(heads).toEqual(['座席', '状态', '状态时长', '接听', '平均处理', '持机', '漏查', '盲转 / 咨询转']);
    expect(shadow(el).querySelector('tr[data-agent=a2] .mark')!.textContent).toBe('▲▲ 过长');
    expect(shadow(el).querySelector('.hidden-note')!.textContent).toBe('今日未登录 2 人，未列出');
  });

  it('draws only a window of 500 agents, tells a screen reader the whole table, and scrolls to any of them', async () => {
    const many = Array.from({ length: 500 }, (_, i) => agent(`m${String(i).padStart(3, '0')}`, 'talking', (i + 1) * SEC));
    const { clock, advance } = manualClock(NOW);
    const el = await mount(Object.assign(document.createElement('wb-agent-table'), { agents: many, clock, i18n: createI18n('en') }));
    const root = shadow(el);
    const drawn = () => [...root.querySelectorAll('tbody tr[data-agent]')].map((r) => [r.getAttribute('data-agent'), Number(r.getAttribute('aria-rowindex'))]);
    const spacers = () => [...root.querySelectorAll<HTMLElement>('tr.spacer td')].map((td) => td.style.height);
    expect(root.querySelector('table')!.getAttribute('aria-rowcount')).toBe('501');
    expect(root.querySelector('thead tr')!.getAttribute('aria-rowindex')).toBe('1');
    // Nothing lays out here: the window is the one for 640 px of 41-px rows, 17 in sight and 8 below.
    expect(drawn()).toHaveLength(25);
    expect(drawn()[0]).toEqual(['m499', 2]);
    expect(spacers()).toEqual([`${475 * 41}px`]);

    const scroller = root.querySelector<HTMLElement>('.scroll')!;
    scroller.scrollTop = 300 * 41;
    scroller.dispatchEvent(new Event('scroll'));
    await el.updateComplete;
    expect(drawn()[0]).toEqual(['m207', 294]);
    expect(drawn().at(-1)).toEqual(['m175', 326]);
    expect(spacers()).toEqual([`${292 * 41}px`, `${467 * 41 - 292 * 41}px`]);

    // A tick of the clock writes the drawn rows' times again, and draws no other row.
    const time = () => root.querySelector('tr[data-agent=m207] td.time')!.textContent.trim();
    expect(time()).toBe('▲ Long3:28');
    advance(SEC);
    await el.updateComplete;
    expect(time()).toBe('▲ Long3:29');
    expect(drawn()).toHaveLength(33);

    // Another order starts from its top.
    root.querySelector<HTMLButtonElement>('th button[data-sort=name]')!.click();
    await el.updateComplete;
    expect(scroller.scrollTop).toBe(0);
    scroller.dispatchEvent(new Event('scroll'));
    await el.updateComplete;
    expect(drawn()[0]).toEqual(['m000', 2]);
  });
});
