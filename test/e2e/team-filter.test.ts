// End to end, the tablet's team filter with the demo's 20 teams: one select inside the header at
// 1024 × 768 in both languages (no chips scrolling off unseen), and choosing a team re-subscribes.
import { beforeAll, describe, expect, it } from 'vitest';
import type { EventInput } from '../../server/core/events.js';
import { waitFor } from '../support/redis.js';
import { deepAll, deepText, screenshot } from './support/browser.js';
import { useFloor } from './support/use-floor.js';

const floor = useFloor();
const TEAMS = Array.from({ length: 20 }, (_, i) => `T${String(i + 1).padStart(2, '0')}组`);

beforeAll(async () => {
  const now = Date.now();
  const events: EventInput[] = TEAMS.map((team, i) => ({ type: 'agent.state', ts: now, agentId: `tf${i}`, state: 'available', team, queues: ['billing'] }));
  await floor.publish(events);
  await waitFor(async () => {
    const { teams } = await floor.rest();
    return TEAMS.every((t) => teams.includes(t));
  }, 'the server to know the 20 teams');
});

describe('the team filter on the tablet', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`offers 20 teams in one select inside the header at 1024 × 768 (${lang})`, async () => {
      const page = await floor.open(`/lead${lang === 'en' ? '?lang=en' : ''}`, 1024, 768, { live: false });
      await waitFor(async () => (await deepAll(page, '.teams select option')).length > 20, 'the team select', 15_000);
      expect(await deepAll(page, '.teams button')).toEqual([]);
      const header = await page.evaluate(() => {
        const view = document.querySelector('wb-lead-view')!.shadowRoot!;
        const nav = view.querySelector('.teams')!.getBoundingClientRect();
        const select = view.querySelector('.teams select')!.getBoundingClientRect();
        return { right: select.right, navRight: nav.right, height: select.height, width: innerWidth, scroll: document.documentElement.scrollWidth };
      });
      // Inside the header and the screen, and a finger's height (44 px).
      expect(header.right).toBeLessThanOrEqual(header.navRight + 0.5);
      expect(header.scroll).toBeLessThanOrEqual(header.width);
      expect(header.height).toBeGreaterThanOrEqual(44);
      await screenshot(page, `lead-1024x768-20-teams-${lang}`);
      await page.evaluate(() => {
        const select = document.querySelector('wb-lead-view')!.shadowRoot!.querySelector<HTMLSelectElement>('.teams select')!;
        select.value = 'T07组';
        select.dispatchEvent(new Event('change'));
      });
      await waitFor(async () => new URL(page.url()).searchParams.get('team') === 'T07组', 'the link to follow the choice');
      // The team's own snapshot comes back, and the select still shows the choice.
      await page.waitForTimeout(500);
      await waitFor(async () => (await deepText(page, '[data-testid=connection]'))?.match(/实时|Live/), 'the tablet to be live on the team', 10_000);
      expect(await page.evaluate(() => document.querySelector('wb-lead-view')!.shadowRoot!.querySelector<HTMLSelectElement>('.teams select')!.value)).toBe('T07组');
      expect(page.problems).toEqual([]);
      await page.close();
    });
  }
});
