// @vitest-environment happy-dom
// Which PBX source is not feeding the board, since when, in words and shape as well as colour.
import { afterEach, describe, expect, it } from 'vitest';
import type { SourceFeed } from '../../../server/contract/snapshot.js';
import { createI18n } from '../../i18n/i18n.js';
import { mount, shadow } from '../../testing/dom.js';
import './wb-source-status.js';

afterEach(() => document.body.replaceChildren());

// 14:04:05 in Shanghai.
const AT = Date.UTC(2026, 10, 23, 6, 4, 5);
const feed = (source: string, state: SourceFeed['state'], reason: string | null = null): SourceFeed => ({
  source,
  adapter: 'ami',
  state,
  sinceTs: AT,
  lastEventTs: AT - 1000,
  reason,
});

describe('wb-source-status', () => {
  it('shows nothing while every source is live', async () => {
    const el = await mount(Object.assign(document.createElement('wb-source-status'), { sources: [feed('pbx1', 'live')] }));
    expect(shadow(el).querySelectorAll('[data-testid=source]')).toHaveLength(0);
  });

  it('names each source that is down, gone or quiet, since when, with the reason on hover, in both languages', async () => {
    const el = await mount(
      Object.assign(document.createElement('wb-source-status'), {
        sources: [feed('pbx1', 'down', 'connect ECONNREFUSED'), feed('pbx2', 'live'), feed('pbx3', 'gone'), feed('pbx4', 'quiet')],
      }),
    );
    const pills = () => [...shadow(el).querySelectorAll<HTMLElement>('[data-testid=source]')];
    expect(pills().map((p) => p.textContent.trim())).toEqual([
      '话务源 \u2068pbx1\u2069 自 14:04 起断开',
      '话务源 \u2068pbx3\u2069 自 14:04 起停止上报',
      '话务源 \u2068pbx4\u2069 自 14:04 起无事件',
    ]);
    expect(pills()[0]!.title).toBe('ami: connect ECONNREFUSED');
    // Not colour alone: a lost source is a filled pill with the "missed" mark, a quiet one an outlined "at risk".
    expect(pills().map((p) => [p.dataset['state'], p.classList.contains('stale'), p.classList.contains('status-missed')])).toEqual([
      ['down', true, true],
      ['gone', true, true],
      ['quiet', false, false],
    ]);
    el.i18n = createI18n('en');
    await el.updateComplete;
    expect(pills().map((p) => p.textContent.trim())).toEqual([
      'PBX \u2068pbx1\u2069: disconnected since 14:04',
      'PBX \u2068pbx3\u2069: feed stopped at 14:04',
      'PBX \u2068pbx4\u2069: no events since 14:04',
    ]);
  });

  it('says which cardinality limits the server reached, in both languages, with the counts on hover; nothing when none', async () => {
    const el = await mount(
      Object.assign(document.createElement('wb-source-status'), {
        limits: [
          { kind: 'agents', max: 20000, count: 20000 },
          { kind: 'queues', max: 2000, count: 2000 },
        ],
      }),
    );
    const pill = () => shadow(el).querySelector<HTMLElement>('[data-testid=limits]');
    expect(pill()!.textContent.trim()).toBe('已达上限：座席、队列，新增的不再接收');
    expect(pill()!.title).toBe('座席：20000，上限 20000\n队列：2000，上限 2000');
    expect(pill()!.getAttribute('role')).toBe('status');
    el.i18n = createI18n('en');
    await el.updateComplete;
    expect(pill()!.textContent.trim()).toBe('Limit reached: agents, queues; new ones are refused');
    el.limits = [];
    await el.updateComplete;
    expect(pill()).toBeNull();
  });
});
