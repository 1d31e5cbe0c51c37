// A display's playlist: which page is up at a server time, and the pages a stored view makes.
import { describe, expect, it } from 'vitest';
import { playlistOfDisplay, screenConfigOfDisplay } from './display-config.js';
import { playlistPageAt } from './playlist.js';

describe('the page of a playlist at a time', () => {
  it('turns on server time alone, every page for its own seconds', () => {
    const seconds = [30, 10, 20]; // a 60 s cycle
    const at = (s: number) => playlistPageAt(1_800_000_000_000 + s * 1000, seconds); // a whole minute
    expect(at(0)).toEqual({ index: 0, nextTs: 1_800_000_030_000 });
    expect(at(29.999).index).toBe(0);
    expect(at(30)).toEqual({ index: 1, nextTs: 1_800_000_040_000 });
    expect(at(45)).toEqual({ index: 2, nextTs: 1_800_000_060_000 });
    expect(at(60)).toEqual({ index: 0, nextTs: 1_800_000_090_000 });
  });
});

describe('a display view with a playlist', () => {
  it('makes one screen configuration per page on the display’s shared settings', () => {
    const pages = playlistOfDisplay({
      lang: 'en',
      queueNames: { vip: 'VIP line' },
      agentNames: false,
      watchdogS: 120,
      playlist: [{ seconds: 30 }, { queues: ['vip'], team: 'A组', layout: 'queues', title: 'VIP', seconds: 15 }],
    });
    expect(pages?.map((p) => p.seconds)).toEqual([30, 15]);
    expect(pages?.[0]!.config).toEqual(screenConfigOfDisplay({ lang: 'en', queueNames: { vip: 'VIP line' }, agentNames: false, watchdogS: 120 }));
    expect(pages?.[1]!.config).toMatchObject({
      lang: 'en',
      queues: ['vip'],
      team: 'A组',
      layout: 'queues',
      title: 'VIP',
      queueNames: { vip: 'VIP line' },
      watchdogMs: 120_000,
    });
  });

  it('is no playlist without one, or with a single page', () => {
    expect(playlistOfDisplay({ queues: ['vip'] })).toBeNull();
    expect(playlistOfDisplay({ playlist: [{ seconds: 30 }] })).toBeNull();
  });
});
