// @vitest-environment happy-dom
// Names come from the PBX and from people (agents, teams, queues, a screen's title) and may hold
// markup, a right-to-left override (U+202E) or emoji. Everywhere the floor shows one it must stay
// text, and be isolated (<bdi>, or U+2068…U+2069 inside a sentence) so that an override cannot
// reorder the words and numbers beside it.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../../server/contract/snapshot.js';
import { floorScenario } from '../../test/support/floor-scenario.js';
import { aggregatorOf } from '../../test/support/snapshot-from-events.js';
import { createI18n } from '../i18n/i18n.js';
import { mount, shadow } from '../testing/dom.js';
import { manualClock } from '../testing/manual-clock.js';
import { viewWithStore } from '../testing/view-with-store.js';
import './wb-agent-table/wb-agent-table.js';
import './wb-hold-board/wb-hold-board.js';
import './wb-lead-view/wb-lead-view.js';
import './wb-queue-list/wb-queue-list.js';
import './wb-queue-table/wb-queue-table.js';
import './wb-tv-view/wb-tv-view.js';

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);
const AGENT = '<script>alert("agent")</script>\u202E李雷 🎧';
const TEAM = '\u202Ebad team 🙂';
const QUEUE = '<img src=x onerror=alert(1)>\u202Equeue 📞';
const TITLE = '<script>alert("title")</script>\u202Ehall 🖥';
const NAMES = [AGENT, TEAM, QUEUE, TITLE];

let snapshot: Snapshot;

beforeAll(() => {
  snapshot = aggregatorOf(floorScenario({ now: NOW }).events).snapshot(NOW);
});

afterEach(() => document.body.replaceChildren());

/** Every text node under `root`, through the shadow roots of the elements below it. */
function textNodes(root: Node): Text[] {
  const found: Text[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) found.push(node as Text);
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return found;
}

function elementsNamed(root: Node, tag: string): number {
  let n = 0;
  const walk = (node: Node) => {
    if (node instanceof Element && node.localName === tag) n++;
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(root);
  return n;
}

/** Asserts that each hostile name under `root` is shown, as text, isolated; returns how many times names were shown. */
function expectIsolatedNames(root: Element): number {
  expect(elementsNamed(root, 'script')).toBe(0);
  expect(elementsNamed(root, 'img')).toBe(0);
  let shown = 0;
  for (const node of textNodes(root)) {
    for (const name of NAMES) {
      let from = node.data.indexOf(name);
      while (from >= 0) {
        shown++;
        const alone = node.data === name && node.parentElement?.localName === 'bdi';
        const wrapped = node.data[from - 1] === '\u2068' && node.data[from + name.length] === '\u2069';
        expect(alone || wrapped, `"${node.data}" in <${node.parentElement?.localName}>`).toBe(true);
        from = node.data.indexOf(name, from + name.length);
      }
    }
  }
  return shown;
}

describe('names on the floor', () => {
  it('stay text and isolated on the hold board, with the go-see sentence', async () => {
    const { clock } = manualClock(NOW);
    const held = snapshot.held.map((h) => ({ ...h, agentName: AGENT, team: TEAM }));
    const names: Record<string, string> = Object.fromEntries(held.map((h) => [h.queue ?? '', QUEUE]));
    const el = await mount(Object.assign(document.createElement('wb-hold-board'), { held, names, clock, rows: 10, goSee: true, i18n: createI18n('en') }));
    expect(held.some((h) => h.nextCheckDueTs <= NOW)).toBe(true);
    const shown = expectIsolatedNames(el);
    // Each row shows the agent, the team and the queue; an overdue row also says whom to go and see.
    expect(shown).toBe(held.length * 3 + held.filter((h) => h.nextCheckDueTs <= NOW).length);
    expect(shadow(el).textContent).toContain(`Go to \u2068${AGENT}\u2069`);
  });

  it('stay text and isolated in the agent table, with a pause reason', async () => {
    const { clock } = manualClock(NOW);
    const agents = snapshot.agentList.slice(0, 4).map((a) => ({ ...a, name: AGENT, team: TEAM, state: 'paused' as const, reason: QUEUE }));
    const el = await mount(Object.assign(document.createElement('wb-agent-table'), { agents, clock, i18n: createI18n('zh-CN') }));
    expect(expectIsolatedNames(el)).toBe(agents.length * 3);
  });

  it('stay text and isolated in the queue table and the queue list', async () => {
    const { clock } = manualClock(NOW);
    const names = Object.fromEntries(snapshot.queues.map((q) => [q.id, QUEUE]));
    const table = await mount(Object.assign(document.createElement('wb-queue-table'), { queues: snapshot.queues, names, clock, rows: 20 }));
    expect(expectIsolatedNames(table)).toBe(snapshot.queues.length);
    const list = await mount(Object.assign(document.createElement('wb-queue-list'), { queues: snapshot.queues, names, clock }));
    expect(expectIsolatedNames(list)).toBe(snapshot.queues.length);
  });

  it("stay text and isolated in the TV's title and scope, and the tablet's title and team buttons", async () => {
    const search = `?lang=en&title=${encodeURIComponent(TITLE)}&team=${encodeURIComponent(TEAM)}&queues=billing&name.billing=${encodeURIComponent(QUEUE)}`;
    const tv = viewWithStore('wb-tv-view', search, NOW);
    await mount(tv.el);
    tv.store.start();
    tv.socket.fire('snapshot', { seq: 1, view: 'k', snapshot });
    await tv.el.updateComplete;
    const header = shadow(tv.el).querySelector('wb-screen-header')!;
    // The title, the queue's name and the team in the scope line.
    expect(expectIsolatedNames(header)).toBe(3);
    expect(shadow(tv.el).querySelector('.scope')!.textContent).toBe(`\u2068${QUEUE}\u2069 · Team \u2068${TEAM}\u2069`);

    const lead = viewWithStore('wb-lead-view', `?lang=en&title=${encodeURIComponent(TITLE)}`, NOW);
    await mount(lead.el);
    lead.store.start();
    lead.socket.fire('snapshot', { seq: 1, view: 'k', snapshot: { ...snapshot, teams: [TEAM, ...snapshot.teams] } });
    await lead.el.updateComplete;
    const leadHeader = shadow(lead.el).querySelector('wb-screen-header')!;
    expect(expectIsolatedNames(leadHeader)).toBe(2);
  });
});
