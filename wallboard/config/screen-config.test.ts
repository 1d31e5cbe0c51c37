// A screen's link: what it shows and what it ignored.
import { describe, expect, it } from 'vitest';
import { parseScreenConfig, viewOf } from './screen-config.js';

describe('screen link', () => {
  it('reads view, language, queues, team, layout, rotation and names from the URL', () => {
    const c = parseScreenConfig('/tv', '?queues=billing,%20vip,billing&team=A组&lang=en&layout=queues&rotate=20&name.billing=账务&title=一楼');
    expect(c).toMatchObject({ page: 'tv', lang: 'en', queues: ['billing', 'vip'], team: 'A组', layout: 'queues', rotateMs: 20_000, title: '一楼' });
    expect(c.queueNames).toEqual({ billing: '账务' });
    expect(c.ignored).toEqual([]);
    expect(viewOf(c)).toEqual({ queues: ['billing', 'vip'], team: 'A组' });
  });

  it('defaults to the Chinese TV of all queues, and reports what it ignored', () => {
    const c = parseScreenConfig('/', '?lang=fr&layout=huge&rotate=1&watchdog=5&reload=7:30');
    expect(c).toMatchObject({ page: 'tv', lang: 'zh-CN', queues: [], team: null, layout: 'standard', rotateMs: 15_000, watchdogMs: 90_000, reloadAt: null });
    expect(c.ignored).toEqual(['lang=fr', 'layout=huge', 'rotate=1', 'watchdog=5', 'reload=7:30']);
    expect(viewOf(c)).toEqual({});
  });

  it('reads the watchdog (0 turns it off) and the nightly reload', () => {
    expect(parseScreenConfig('/tv', '?watchdog=0&reload=03:30')).toMatchObject({ watchdogMs: 0, reloadAt: '03:30', ignored: [] });
    expect(parseScreenConfig('/tv', '?watchdog=3600')).toMatchObject({ watchdogMs: 3_600_000, reloadAt: null });
    expect(parseScreenConfig('/tv', '?watchdog=3601&watchdog=x').ignored).toEqual(['watchdog=3601']);
  });

  it('asks for detail on the tablet', () => {
    const c = parseScreenConfig('/lead', '?team=B&queue=vip&lang=zh');
    expect(c).toMatchObject({ page: 'lead', lang: 'zh-CN', selectedQueue: 'vip' });
    expect(viewOf(c)).toEqual({ team: 'B', detail: true });
  });
});
