// @vitest-environment happy-dom
// The tablet's drill-down into one queue: its exits (callers who left the queue unanswered
// without hanging up) beside its abandons, in its figures and its intraday chart.
import { afterEach, describe, expect, it } from 'vitest';
import { floorScenario } from '../../../test/support/floor-scenario.js';
import { snapshotFromEvents } from '../../../test/support/snapshot-from-events.js';
import { seriesOf } from '../../charts/intraday-geometry.js';
import { createI18n } from '../../i18n/i18n.js';
import { mount, shadow, text } from '../../testing/dom.js';
import { exitEvents } from '../../testing/exits.js';
import './wb-queue-detail.js';

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);
const floor = floorScenario({ now: NOW }).events;

afterEach(() => document.body.replaceChildren());

async function detailOf(queueId: string, events = [...floor, ...exitEvents(NOW)], lang: 'en' | 'zh-CN' = 'zh-CN') {
  const snapshot = snapshotFromEvents(events, NOW, { detail: true });
  const queue = snapshot.queues.find((q) => q.id === queueId)!;
  const el = await mount(
    Object.assign(document.createElement('wb-queue-detail'), {
      heading: queueId,
      queueId,
      queue,
      buckets: seriesOf(snapshot.intraday, queueId),
      nowTs: Math.floor(NOW / 900_000) * 900_000,
      timeZone: snapshot.timeZone,
      i18n: createI18n(lang),
    }),
  );
  const chart = shadow(el).querySelector('wb-intraday-chart')!;
  await chart.updateComplete;
  return { el, queue, chart };
}

/** Each figure of the summary as "value label". */
const figures = (el: Element) => [...shadow(el).querySelectorAll('.summary .figure')].map((f) => [...f.children].map((c) => c.textContent.trim()).join(' '));

describe('wb-queue-detail', () => {
  it('shows the callers who left the queue beside the abandons, and the connect rate that counts them as not connected', async () => {
    const { el, queue } = await detailOf('billing');
    expect(queue.exited).toBe(3);
    const zh = createI18n('zh-CN');
    expect(figures(el)).toEqual([
      `${zh.number(queue.waiting)} 排队`,
      `${zh.number(queue.answered)} 接听`,
      `${zh.number(queue.abandoned)} 放弃`,
      '3 离开队列',
      `${zh.percent(queue.serviceLevel)} 服务水平`,
      `${zh.percent(queue.agentConnectRate)} 接通率`,
    ]);
    expect(queue.agentConnectRate).toBeCloseTo(queue.answered / (queue.answered + queue.abandoned + queue.exited));
    expect(shadow(el).querySelector('[data-testid=exited]')!.parentElement!.getAttribute('title')).toMatch(/^未接通也未挂机就离开了队列/);
  });

  it('names them in English too', async () => {
    const { el } = await detailOf('vip', undefined, 'en');
    expect(figures(el)).toContain('3 Left queue');
    expect(shadow(el).querySelector('[data-testid=exited]')!.parentElement!.getAttribute('title')).toMatch(/^Left the queue unanswered without hanging up/);
  });

  it('stacks the exits on the abandons in the intraday chart, with a key for them', async () => {
    const { chart } = await detailOf('billing');
    const exits = [...shadow(chart).querySelectorAll('rect.exited')].filter((r) => Number(r.getAttribute('height')) > 0);
    expect(exits.length).toBeGreaterThan(0);
    expect(text(chart, '.legend .exited-key')).toBe('离开队列');
  });

  it('shows 0 exits in the figures but no key in the chart of a queue without any', async () => {
    const { el, chart } = await detailOf('billing', floor);
    expect(text(el, '[data-testid=exited]')).toBe('0');
    expect(shadow(chart).querySelector('.legend .exited-key')).toBeNull();
  });
});
