// End to end, a big floor on a lead's tablet: 500 agents (20 of them logged off all day) on one
// queue, published to Redis as a producer would. The agent table draws only the rows in sight
// (and a few either side) while saying to a screen reader how many there are; scrolled to the
// bottom it shows the agent newest in their state last; an agent in sight who changes state
// shows it at once. Screenshots of the table scrolled, at both tablet sizes, in both languages.
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { EventInput } from '../../server/core/events.js';
import { waitFor } from '../support/redis.js';
import { screenshot } from './support/browser.js';
import { useFloor } from './support/use-floor.js';

const floor = useFloor({ scenario: false });

const QUEUE = 'big';
const AGENTS = 500;
const OFF_ALL_DAY = 20;
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴'];
const GIVEN = ['芳', '娜', '敏', '静', '伟', '强', '磊', '洋', '艳', '勇'];

const idOf = (i: number) => `w${String(i).padStart(3, '0')}`;
/** Distinct three-character names: 王芳芳, 王芳娜, … */
const nameOf = (i: number) => `${SURNAMES[Math.floor(i / 100) % 10]}${GIVEN[Math.floor(i / 10) % 10]}${GIVEN[i % 10]}`;

/** Agent i in its state since i × 7 s ago (w499 longest), the last ones reported offline and never logged in. */
function bigFloor(now: number): EventInput[] {
  const states = ['available', 'talking', 'paused', 'acw'] as const;
  return Array.from({ length: AGENTS }, (_, i): EventInput => {
    const offAllDay = i >= AGENTS - OFF_ALL_DAY;
    const state = offAllDay ? 'offline' : states[i % states.length]!;
    return {
      type: 'agent.state',
      ts: now - (i + 1) * 7_000,
      agentId: idOf(i),
      state,
      name: nameOf(i),
      team: `${'ABCD'[i % 4]}组`,
      queues: [QUEUE],
      ...(state === 'paused' ? { reason: i % 8 === 2 ? '培训 Training' : '午休' } : {}),
    };
  }).reverse();
}

interface TableView {
  rowCount: number;
  /** The rows drawn: agent, aria-rowindex, and the state cell's text. */
  rows: { id: string; index: number; state: string }[];
  /** The drawn rows' extent against the scroller's visible box, in px: both ends covered when top ≤ 0 and bottom ≥ 0. */
  coverTop: number;
  coverBottom: number;
  /** Agents whose row is in sight inside the scroller. */
  inSight: string[];
  scrollTop: number;
  maxScrollTop: number;
}

/** The agent table as drawn, read through the shadow roots. */
function tableView(page: Page): Promise<TableView> {
  return page.evaluate(() => {
    const detail = document.querySelector('wb-lead-view')!.shadowRoot!.querySelector('wb-queue-detail')!;
    const root = detail.shadowRoot!.querySelector('wb-agent-table')!.shadowRoot!;
    const scroller = root.querySelector<HTMLElement>('.scroll')!;
    const head = root.querySelector('th')!.getBoundingClientRect(); // sticky, unlike its thead
    const box = scroller.getBoundingClientRect();
    const rows = [...root.querySelectorAll<HTMLTableRowElement>('tbody tr[data-agent]')];
    const first = rows[0]?.getBoundingClientRect();
    const last = rows.at(-1)?.getBoundingClientRect();
    return {
      rowCount: Number(root.querySelector('table')!.getAttribute('aria-rowcount')),
      rows: rows.map((r) => ({ id: r.dataset['agent']!, index: Number(r.getAttribute('aria-rowindex')), state: r.cells[1]!.textContent.replace(/\s+/g, ' ').trim() })),
      coverTop: first ? first.top - head.bottom : Infinity,
      coverBottom: last ? last.bottom - (box.top + scroller.clientHeight) : -Infinity,
      inSight: rows
        .filter((r) => {
          const b = r.getBoundingClientRect();
          return b.top >= head.bottom - 1 && b.bottom <= box.top + scroller.clientHeight + 1;
        })
        .map((r) => r.dataset['agent']!),
      scrollTop: scroller.scrollTop,
      maxScrollTop: scroller.scrollHeight - scroller.clientHeight,
    };
  });
}

/** Scrolls the table's own scroller to `to` (px, or 'end'), as a finger would, and lets it draw. */
async function scrollTable(page: Page, to: number | 'end'): Promise<void> {
  await page.evaluate((target) => {
    const detail = document.querySelector('wb-lead-view')!.shadowRoot!.querySelector('wb-queue-detail')!;
    const scroller = detail.shadowRoot!.querySelector('wb-agent-table')!.shadowRoot!.querySelector<HTMLElement>('.scroll')!;
    scroller.scrollTop = target === 'end' ? scroller.scrollHeight : target;
  }, to);
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

describe('500 agents on the tablet', () => {
  it('draws only the rows in sight, shows the newest in state last at the bottom, and a state change in sight at once', async () => {
    const now = Date.now();
    await floor.publish([{ type: 'call.queued', ts: now - 60_000, callId: 'big1', queue: QUEUE }, ...bigFloor(now)]);
    await waitFor(async () => (await floor.rest()).agentList.length === AGENTS, 'the 500 agents on the server', 20_000);
    const listed = AGENTS - OFF_ALL_DAY;
    // The agent newest in their state: w000, until w004 pauses on the first tablet.
    let newest = idOf(0);

    for (const lang of ['en', 'zh-CN'] as const) {
      for (const [width, height] of [
        [1024, 768],
        [768, 1024],
      ] as const) {
        const page = await floor.open(`/lead?queue=${QUEUE}&lang=${lang}`, width, height);
        await page.locator('wb-agent-table').scrollIntoViewIfNeeded();
        let view = await waitFor(
          async () => {
            const v = await tableView(page);
            return v.rows.length > 0 ? v : null;
          },
          'the agent table',
          15_000,
        );
        // A window, not the 480 rows; the screen reader still hears how many there are and where each row is.
        expect(view.rowCount).toBe(listed + 1);
        expect(view.rows.length).toBeGreaterThan(5);
        expect(view.rows.length).toBeLessThan(60);
        expect(view.rows[0]).toMatchObject({ id: idOf(AGENTS - OFF_ALL_DAY - 1), index: 2 });
        expect(view.coverTop).toBeLessThanOrEqual(0);
        expect(view.coverBottom).toBeGreaterThanOrEqual(0);
        await screenshot(page, `agent-table-window-${width}x${height}-top-${lang}`);

        // The middle, then the bottom: the agent newest in their state is the last row, in sight.
        await scrollTable(page, 240 * 41);
        view = await tableView(page);
        expect(view.rows.length).toBeLessThan(60);
        expect(view.coverTop).toBeLessThanOrEqual(0);
        expect(view.coverBottom).toBeGreaterThanOrEqual(0);
        const middle = view.inSight.map((id) => Number(id.slice(1)));
        expect(middle.length).toBeGreaterThan(3);
        expect(middle).toEqual([...middle].sort((a, b) => b - a));
        expect(Math.abs(middle[0]! - listed / 2)).toBeLessThan(listed / 4);
        await screenshot(page, `agent-table-window-${width}x${height}-middle-${lang}`);
        await scrollTable(page, 'end');
        view = await tableView(page);
        expect(view.scrollTop).toBeGreaterThanOrEqual(view.maxScrollTop - 1);
        expect(view.rows.at(-1)).toMatchObject({ id: newest, index: listed + 1 });
        expect(view.inSight.at(-1)).toBe(newest);
        expect(view.coverTop).toBeLessThanOrEqual(0);
        await screenshot(page, `agent-table-window-${width}x${height}-bottom-${lang}`);
        expect(page.problems).toEqual([]);
        if (lang !== 'en' || width !== 1024) continue;

        // w004 (in sight near the bottom, available) pauses: it moves to the foot, newest in its state, with its reason.
        expect(view.inSight).toContain(idOf(4));
        await floor.publish([
          { type: 'agent.state', ts: Date.now(), agentId: idOf(4), state: 'paused', reason: '会议 Meeting', name: nameOf(4), team: 'A组', queues: [QUEUE] },
        ]);
        view = await waitFor(
          async () => {
            const v = await tableView(page);
            return v.rows.at(-1)?.id === idOf(4) ? v : null;
          },
          'w004 paused at the foot',
          15_000,
        );
        expect(view.rows.at(-1)).toMatchObject({ index: listed + 1, state: 'Paused会议 Meeting' });
        await scrollTable(page, 'end');
        expect((await tableView(page)).inSight.at(-1)).toBe(idOf(4));
        await screenshot(page, `agent-table-window-${width}x${height}-paused-${lang}`);
        newest = idOf(4);
      }
    }
  }, 120_000);
});
