// The figures the TV shows, read off the page, and the same figures from a REST snapshot, so a
// test can hold the screen to the server.
import type { Page } from 'playwright-core';
import type { Snapshot } from '../../../server/contract/snapshot.js';
import { deepAll, deepText } from './browser.js';

/** The figures the TV shows, read off the page. */
export async function tvFigures(page: Page) {
  // The waiting figure itself, not a word of the row: a row may also carry a badge ("缺 N 人").
  const queues = await deepAll(page, '[data-testid=queue-waiting][data-queue]');
  return {
    waiting: Number((await deepText(page, '[data-testid=waiting]'))?.replace(/\D/g, '')),
    queued: Number((await deepText(page, '[data-testid=queued]'))?.replace(/\D/g, '')),
    answered: Number((await deepText(page, '[data-testid=answered]'))?.replace(/\D/g, '')),
    abandoned: Number((await deepText(page, '[data-testid=abandoned]'))?.replace(/\D/g, '')),
    queues: Object.fromEntries(queues.map((q) => [q.data['queue'] ?? '', Number(q.text.replace(/\D/g, ''))])),
  };
}

export function restFigures(s: Snapshot) {
  return {
    waiting: s.totals.waiting,
    queued: s.totals.queued,
    answered: s.totals.answered,
    abandoned: s.totals.abandoned,
    queues: Object.fromEntries(s.queues.map((q) => [q.id, q.waiting])),
  };
}
