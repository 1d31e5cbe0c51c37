// A paired display shows the view it was created with, never its URL's parameters: the server
// keeps the view, and this maps it onto the same ScreenConfig a linked screen has. The server
// validated the view when the display was made; values out of range still fall back here, so a
// stored view from an older release cannot break the wall.
import { LANGS } from '../i18n/messages.js';
import type { DisplayView } from '../access/access-types.js';
import { DEFAULT_ROTATE_MS, DEFAULT_WATCHDOG_MS, MAX_ROTATE_S, MIN_ROTATE_S, WALL_TIME, watchdogMsOf, type ScreenConfig } from './screen-config.js';

export function screenConfigOfDisplay(view: DisplayView): ScreenConfig {
  const queues = [...new Set((view.queues ?? []).map((q) => q.trim()).filter((q) => q.length > 0))];
  const rotateS = view.rotateS;
  const rotateMs = typeof rotateS === 'number' && rotateS >= MIN_ROTATE_S && rotateS <= MAX_ROTATE_S ? Math.round(rotateS * 1000) : DEFAULT_ROTATE_MS;
  return {
    page: 'tv',
    lang: view.lang && (LANGS as readonly string[]).includes(view.lang) ? view.lang : 'zh-CN',
    queues,
    team: view.team?.trim() || null,
    layout: view.layout === 'queues' ? 'queues' : 'standard',
    rotateMs,
    title: view.title?.trim() || null,
    queueNames: { ...view.queueNames },
    watchdogMs: (typeof view.watchdogS === 'number' ? watchdogMsOf(view.watchdogS) : null) ?? DEFAULT_WATCHDOG_MS,
    reloadAt: typeof view.reloadAt === 'string' && WALL_TIME.test(view.reloadAt) ? view.reloadAt : null,
    selectedQueue: null,
    ignored: [],
  };
}
