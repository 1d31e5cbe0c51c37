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

  it('says when a display reloads, in both languages', () => {
    const view = { reloadAt: '03:30' };
    expect(viewSummary(view, createI18n('en')).at(-1)).toBe('reloads at 03:30');
    expect(viewSummary(view, createI18n('zh-CN')).at(-1)).toBe('每晚 03:30 刷新');
    expect(viewSummary({}, createI18n('en')).some((p) => p.includes('reload'))).toBe(false);
  });
});
