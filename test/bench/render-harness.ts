// The page side of the rendering benchmark (bundled by render-bench.ts): the real store and
// views, fed deltas through a scripted socket, with a clock the benchmark moves by hand.
import { parseScreenConfig, viewOf } from '../../wallboard/config/screen-config.js';
import { ClockSource } from '../../wallboard/store/clock-source.js';
import { WallboardStore } from '../../wallboard/store/wallboard-store.js';
import type { Delta } from '../../server/contract/delta.js';
import type { Snapshot } from '../../server/contract/snapshot.js';
import '../../wallboard/components/wb-lead-view/wb-lead-view.js';
import '../../wallboard/components/wb-tv-view/wb-tv-view.js';
import { FakeSocket } from '../support/fake-socket.js';

export interface BenchData {
  snapshot: Snapshot;
  /** A cycle of deltas: applying all of them brings the snapshot back to where it started. */
  cycle: Delta[];
}

const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
/** Resolves after every pending microtask (all of Lit's update cycle) has run. */
const settle = () =>
  new Promise<void>((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });

let now = 0;
let timer: (() => void) | null = null;
const clock = new ClockSource({ now: () => now, setTimer: (fn) => (timer = fn), clearTimer: () => (timer = null) });
const socket = new FakeSocket();
socket.serverClock = null;
let seq = 1;
let cursor = 0;
let data: BenchData;

function nextDelta(): Delta {
  const delta = data.cycle[cursor]!;
  cursor = (cursor + 1) % data.cycle.length;
  return { ...delta, seq: ++seq };
}

const bench = {
  async init(input: BenchData, path: string): Promise<void> {
    data = input;
    now = input.snapshot.serverTs;
    const config = parseScreenConfig(path.split('?')[0]!, path.includes('?') ? path.slice(path.indexOf('?')) : '');
    document.documentElement.lang = config.lang;
    document.documentElement.dataset['view'] = config.page;
    const store = new WallboardStore({ socket: socket.asSocket(), clock, view: viewOf(config), schedule: (fn) => fn() });
    const el = document.createElement(config.page === 'lead' ? 'wb-lead-view' : 'wb-tv-view');
    Object.assign(el, { store, clock, config });
    document.body.append(el);
    store.start();
    socket.fire('snapshot', { seq, view: 'bench', snapshot: input.snapshot });
    await settle();
    void document.body.offsetHeight;
  },

  /** Applies one delta and returns the ms until it is rendered and laid out. */
  async applyOne(): Promise<number> {
    const t0 = performance.now();
    socket.fire('delta', nextDelta());
    await settle();
    void document.body.offsetHeight;
    return performance.now() - t0;
  },

  /** `seconds` of a busy floor: `perSecond` deltas and one clock tick each second. Returns ms per simulated second. */
  async run(seconds: number, perSecond: number): Promise<number[]> {
    const costs: number[] = [];
    for (let s = 0; s < seconds; s++) {
      const t0 = performance.now();
      for (let i = 0; i < perSecond; i++) socket.fire('delta', nextDelta());
      now += 1000;
      const fire = timer;
      timer = null;
      fire?.();
      await settle();
      void document.body.offsetHeight;
      costs.push(performance.now() - t0);
    }
    return costs;
  },

  /** Elements and all nodes (text and comments too) in the tree, shadow roots included, and the nodes in each kind of component's own shadow roots. */
  counts(): { elements: number; treeNodes: number; clockListeners: number; nodesByComponent: Record<string, number> } {
    let elements = 0;
    let treeNodes = 0;
    const nodesByComponent: Record<string, number> = {};
    const walk = (root: Document | ShadowRoot, host: string) => {
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
      for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) {
        treeNodes += 1;
        nodesByComponent[host] = (nodesByComponent[host] ?? 0) + 1;
        if (node instanceof Element) {
          elements += 1;
          if (node.shadowRoot) walk(node.shadowRoot, node.localName);
        }
      }
    };
    walk(document, 'document');
    return { elements, treeNodes, clockListeners: clock.listenerCount, nodesByComponent };
  },
};

(window as unknown as { bench: typeof bench }).bench = bench;
