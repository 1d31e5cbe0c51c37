// @vitest-environment happy-dom
// The revoked TV: both languages, the screen's own first, what to do, and the display's name as
// isolated text.
import { afterEach, describe, expect, it } from 'vitest';
import { mount, shadow, text } from '../../testing/dom.js';
import './wb-revoked-screen.js';

afterEach(() => document.body.replaceChildren());

describe('wb-revoked-screen', () => {
  it("says it in the screen's language first, then the other, with what to do", async () => {
    const el = await mount(Object.assign(document.createElement('wb-revoked-screen'), { language: 'en' as const, displayName: '<script>x</script>\u202E2F' }));
    const titles = [...shadow(el).querySelectorAll('[data-testid=revoked-title]')].map((h) => h.textContent);
    expect(titles).toEqual(["This screen's link was revoked", '此屏幕的链接已被撤销']);
    expect(text(el, '.first .what')).toBe('Ask a team lead for a new link for this screen and open it here.');
    expect(text(el, '.second .what')).toBe('请向班长索取此屏幕的新链接，并在此屏幕上打开。');
    expect(shadow(el).querySelector('[data-testid=revoked-display]')!.textContent).toBe('Screen: \u2068<script>x</script>\u202E2F\u2069');
    expect(shadow(el).querySelector('script')).toBeNull();
  });

  it('leads with Chinese by default and leaves the name out when unknown', async () => {
    const el = await mount(document.createElement('wb-revoked-screen'));
    expect(text(el, '.first h1')).toBe('此屏幕的链接已被撤销');
    expect(shadow(el).querySelector('[data-testid=revoked-display]')).toBeNull();
  });
});
