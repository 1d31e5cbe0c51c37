// A paired display's stored view as the screen's configuration, and which page a path is.
import { describe, expect, it } from 'vitest';
import { appPageOf } from './app-page.js';
import { screenConfigOfDisplay } from './display-config.js';
import { parseScreenConfig, viewOf } from './screen-config.js';

describe('a display view on the screen', () => {
  it('maps every field of the view', () => {
    const config = screenConfigOfDisplay({
      queues: ['billing', ' vip ', 'billing', ''],
      team: 'A组',
      layout: 'queues',
      lang: 'en',
      title: ' Floor 1 ',
      queueNames: { billing: '账务' },
      rotateS: 20,
      agentNames: false,
      watchdogS: 0,
      reloadAt: '03:30',
    });
    expect(config).toEqual({
      page: 'tv',
      lang: 'en',
      queues: ['billing', 'vip'],
      team: 'A组',
      layout: 'queues',
      rotateMs: 20_000,
      title: 'Floor 1',
      queueNames: { billing: '账务' },
      watchdogMs: 0,
      reloadAt: '03:30',
      selectedQueue: null,
      ignored: [],
    });
    expect(viewOf(config)).toEqual({ queues: ['billing', 'vip'], team: 'A组' });
  });

  it('is the same screen as a link with the same parameters', () => {
    const fromLink = parseScreenConfig('/tv', '?queues=billing,vip&team=B&layout=queues&lang=en&rotate=30&title=Hall&name.vip=VIP&watchdog=120&reload=04:05');
    const fromDisplay = screenConfigOfDisplay({
      queues: ['billing', 'vip'],
      team: 'B',
      layout: 'queues',
      lang: 'en',
      rotateS: 30,
      title: 'Hall',
      queueNames: { vip: 'VIP' },
      watchdogS: 120,
      reloadAt: '04:05',
    });
    expect(fromDisplay).toEqual(fromLink);
  });

  it('falls back to the defaults for an empty view or values out of range', () => {
    const defaults = parseScreenConfig('/tv', '');
    expect(screenConfigOfDisplay({})).toEqual(defaults);
    const odd = { rotateS: 2, lang: 'fr', layout: 'huge', team: '  ', title: '', watchdogS: 5, reloadAt: '25:00' } as unknown as Parameters<
      typeof screenConfigOfDisplay
    >[0];
    expect(screenConfigOfDisplay(odd)).toEqual(defaults);
    expect(screenConfigOfDisplay({ rotateS: 601 }).rotateMs).toBe(15_000);
    expect(screenConfigOfDisplay({ rotateS: 600 }).rotateMs).toBe(600_000);
  });
});

describe('the page of a path', () => {
  it('serves each page of the one bundle', () => {
    expect(['/login', '/login/', '/admin', '/admin/', '/lead', '/lead/', '/tv', '/', '/other'].map(appPageOf)).toEqual([
      'login',
      'login',
      'admin',
      'admin',
      'lead',
      'lead',
      'tv',
      'tv',
      'tv',
    ]);
  });
});
