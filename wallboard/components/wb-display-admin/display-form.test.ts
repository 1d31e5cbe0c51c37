// The new-display form as the view the server stores, and the line that describes it.
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/i18n.js';
import { displayOfForm, viewSummary, type DisplayFormFields } from './display-form.js';

const fields: DisplayFormFields = { name: ' Hall TV ', queues: 'billing, vip', team: '', layout: 'standard', lang: 'zh-CN', title: '', agentNames: true, reloadAt: '' };

describe('the new-display form', () => {
  it('leaves empty fields out, and keeps a nightly reload time when one is given', () => {
    expect(displayOfForm(fields)).toEqual({ ok: true, name: 'Hall TV', view: { layout: 'standard', lang: 'zh-CN', agentNames: true, queues: ['billing', 'vip'] } });
    const withReload = displayOfForm({ ...fields, reloadAt: '03:30' });
    expect(withReload.ok && withReload.view.reloadAt).toBe('03:30');
    expect(displayOfForm({ ...fields, name: '  ' })).toEqual({ ok: false, reason: 'nameRequired' });
  });

  it('makes a playlist of two or more pages, each with its own scope and seconds, and refuses one page', () => {
    const page = { queues: '', team: '', layout: 'standard' as const, title: '', seconds: '30' };
    const result = displayOfForm({
      ...fields,
      team: 'ignored',
      pages: [page, { ...page, queues: 'vip，billing', team: 'A组', layout: 'queues', title: ' VIP ', seconds: '15' }],
    });
    expect(result).toEqual({
      ok: true,
      name: 'Hall TV',
      view: {
        lang: 'zh-CN',
        agentNames: true,
        playlist: [
          { layout: 'standard', seconds: 30 },
          { layout: 'queues', queues: ['vip', 'billing'], team: 'A组', title: 'VIP', seconds: 15 },
        ],
      },
    });
    expect(displayOfForm({ ...fields, pages: [page] })).toEqual({ ok: false, reason: 'twoPages' });
  });

  it('describes each page of a playlist', () => {
    const parts = viewSummary({ lang: 'en', playlist: [{ seconds: 30 }, { queues: ['vip'], layout: 'queues', seconds: 15 }] }, createI18n('en'));
    expect(parts.slice(0, 3)).toEqual(['turns through 2 pages', '1. All queues · All teams · Standard · 30 s', '2. \u2068vip\u2069 · All teams · Queues · 15 s']);
  });

  it('says when a display reloads, in both languages', () => {
    const view = { reloadAt: '03:30' };
    expect(viewSummary(view, createI18n('en')).at(-1)).toBe('reloads at 03:30');
    expect(viewSummary(view, createI18n('zh-CN')).at(-1)).toBe('每晚 03:30 刷新');
    expect(viewSummary({}, createI18n('en')).some((p) => p.includes('reload'))).toBe(false);
  });
});
