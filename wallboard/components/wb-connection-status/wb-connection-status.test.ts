// @vitest-environment happy-dom
// What the connection pill says, and the time the data is from when it is not live.
import { afterEach, describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/i18n.js';
import { mount, shadow, text } from '../../testing/dom.js';
import './wb-connection-status.js';

afterEach(() => document.body.replaceChildren());

describe('wb-connection-status', () => {
  it('says the data is from when the connection was lost, in the centre time zone', async () => {
    const el = await mount(Object.assign(document.createElement('wb-connection-status'), { connection: 'reconnecting', staleSinceTs: Date.UTC(2026, 10, 23, 6, 4, 5) }));
    expect(text(el, '[data-testid=data-from]')).toBe('数据截至 14:04:05');
    el.connection = 'live';
    await el.updateComplete;
    expect(text(el, '[data-testid=data-from]')).toBeNull();
  });

  it('says the feed is catching up in a neutral colour and shape, without stopping the data', async () => {
    const el = await mount(Object.assign(document.createElement('wb-connection-status'), { connection: 'catchingUp', staleSinceTs: null as number | null }));
    expect(text(el, '[data-testid=connection]')).toBe('正在追赶，数据可能滞后');
    const pill = shadow(el).querySelector('.pill')!;
    expect(pill.classList.contains('status-info')).toBe(true);
    expect(pill.classList.contains('stale')).toBe(false);
    expect(pill.querySelector('svg')!.innerHTML).toContain('ring');
    el.connection = 'feedDown';
    el.staleSinceTs = Date.UTC(2026, 10, 23, 6, 4, 5);
    el.i18n = createI18n('en');
    await el.updateComplete;
    expect(text(el, '[data-testid=connection]')).toBe('Data feed interrupted Data from 14:04:05');
  });
});
