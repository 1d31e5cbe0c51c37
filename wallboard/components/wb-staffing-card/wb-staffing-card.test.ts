// @vitest-environment happy-dom
// The tablet's staffing hint: agents needed beside those on the queue, short or enough by shape
// and words, and the inputs the figure rests on, in both languages.
import { afterEach, describe, expect, it } from 'vitest';
import type { QueueStaffing } from '../../../server/contract/snapshot.js';
import { createI18n } from '../../i18n/i18n.js';
import { mount, shadow, text } from '../../testing/dom.js';
import '../wb-queue-list/wb-queue-list.js';
import './wb-staffing-card.js';

afterEach(() => document.body.replaceChildren());

const hint: QueueStaffing = {
  needed: 12,
  onQueue: 9,
  arrivalsPerHour: 1_240,
  meanHandleMs: 215_000,
  meanWrapMs: 45_000,
  patienceMs: 95_000,
  model: 'erlangA',
  predictedServiceLevel: 0.81,
  capped: false,
};

const card = (staffing: QueueStaffing | null | undefined, lang: 'en' | 'zh-CN') =>
  mount(Object.assign(document.createElement('wb-staffing-card'), { staffing, thresholdMs: 15_000, target: 0.85, i18n: createI18n(lang) }));

/** The inputs as "label value" pairs. */
const inputs = (el: Element) =>
  [...shadow(el).querySelectorAll('dl > div')].map((d) => `${d.querySelector('dt')!.textContent.trim()} ${d.querySelector('dd')!.textContent.trim()}`);

describe('wb-staffing-card', () => {
  it('shows needed, on queue and the shortfall with its inputs (English)', async () => {
    const el = await card(hint, 'en');
    expect(text(el, '[data-testid="staffing-needed"]')).toBe('12');
    expect(text(el, '[data-testid="staffing-on-queue"]')).toBe('9');
    expect(text(el, '[data-testid="staffing-verdict"]')).toBe('Short by 3');
    expect(shadow(el).querySelector('[data-testid="staffing-verdict"]')!.classList.contains('status-atRisk')).toBe(true);
    expect(shadow(el).querySelector('[data-testid="staffing-verdict"] svg')).not.toBeNull();
    expect(inputs(el)).toEqual(['Calls per hour 1,240', 'Avg. handle time 3:35', 'Of which wrap-up 0:45', 'Caller patience 1:35', 'Model Erlang A (with abandons)']);
    expect(text(el, '.basis')).toBe('Target 85% answered within 15 s');
    expect(shadow(el).querySelectorAll('.basis')[1]!.textContent).toContain('Handle time is talk, hold and the wrap-up after the call.');
  });

  it('in Chinese, with Erlang C where nobody abandoned, and "enough" when the queue has the agents', async () => {
    const el = await card({ ...hint, onQueue: 12, patienceMs: null, model: 'erlangC' }, 'zh-CN');
    expect(text(el, 'h3')).toBe('当前所需座席');
    expect(text(el, '[data-testid="staffing-verdict"]')).toBe('人手充足');
    expect(shadow(el).querySelector('[data-testid="staffing-verdict"]')!.classList.contains('status-met')).toBe(true);
    expect(inputs(el)).toEqual(['每小时呼入 1,240', '平均处理时长 3:35', '其中话后处理 0:45', '客户耐心时长 无放弃', '测算模型 Erlang C']);
    expect(shadow(el).querySelectorAll('.basis')[1]!.textContent).toContain('处理时长含通话、保持及通话后的话后处理');
    expect(text(el, '.basis')).toBe('目标：15 秒内接通 85%');
  });

  it('splits those on the queue into free, on a call and in wrap-up, in both languages, paused and offline agents left out', async () => {
    const agents = { available: 2, ringing: 1, talking: 4, hold: 1, acw: 1, paused: 3, offline: 7 };
    const mountWith = (lang: 'en' | 'zh-CN') => mount(Object.assign(document.createElement('wb-staffing-card'), { staffing: hint, agents, i18n: createI18n(lang) }));
    expect(text(await mountWith('en'), '[data-testid="staffing-split"]')).toBe('2 free · 6 on calls · 1 wrap-up');
    expect(text(await mountWith('zh-CN'), '[data-testid="staffing-split"]')).toBe('空闲 2 · 通话 6 · 话后 1');
    expect(shadow(await card(hint, 'en')).querySelector('[data-testid="staffing-split"]')).toBeNull();
  });

  it('leaves the wrap-up out for a server that does not measure it', async () => {
    const { meanWrapMs: _, ...older } = hint;
    const el = await card(older, 'en');
    expect(inputs(el)).toEqual(['Calls per hour 1,240', 'Avg. handle time 3:35', 'Caller patience 1:35', 'Model Erlang A (with abandons)']);
    expect(shadow(el).querySelector('[data-testid="staffing-wrap"]')).toBeNull();
  });

  it('says "at least" when the search hit its ceiling, and that there is too little data when the hint is null', async () => {
    expect(text(await card({ ...hint, capped: true }, 'en'), '[data-testid="staffing-needed"]')).toBe('≥ 12');
    const none = await card(null, 'zh-CN');
    expect(text(none, '[data-testid="staffing-none"]')).toBe('近 15 分钟话务太少，暂不测算');
    expect(shadow(none).querySelector('dl')).toBeNull();
  });

  it('the tablet\'s queue cards carry the same "+N needed" badge on a short queue', async () => {
    const row = (id: string, staffing: QueueStaffing | null) => ({
      id,
      waiting: 0,
      longestWaitMs: 0,
      queued: 60,
      answered: 60,
      abandoned: 0,
      exited: 0,
      agentConnectRate: 1,
      serviceLevel: 1,
      asaMs: 5000,
      oldestQueuedTs: null,
      shortAbandoned: 0,
      expired: 0,
      vipWaiting: 0,
      window15m: { offered: 60, answered: 60, abandoned: 0, exited: 0, serviceLevel: 1, asaMs: 5000, agentConnectRate: 1 },
      agents: { available: 1, ringing: 0, talking: 1, hold: 0, acw: 0, paused: 1, offline: 0 },
      staffing,
    });
    const el = await mount(
      Object.assign(document.createElement('wb-queue-list'), {
        queues: [row('surge', { ...hint, onQueue: 2 }), row('quiet', { ...hint, needed: 2, onQueue: 2 })],
        i18n: createI18n('en'),
      }),
    );
    const badges = [...shadow(el).querySelectorAll('[data-testid="staffing-short"]')];
    expect(badges.map((b) => [b.closest('button')!.getAttribute('data-queue'), b.textContent.replace(/\s+/g, ' ').trim()])).toEqual([['surge', '+10 needed']]);
  });
});
