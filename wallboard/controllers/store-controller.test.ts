// @vitest-environment happy-dom
// A host given one slice of the real store, fed by a scripted socket: it renders again only when
// its slice changed, and what it holds keeps its identity in between.
import { LitElement, html } from 'lit';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { diffSnapshot } from '../../server/contract/delta.js';
import type { HeldCall, Snapshot } from '../../server/contract/snapshot.js';
import { encode, type EventInput } from '../../server/core/events.js';
import { floorScenario } from '../../test/support/floor-scenario.js';
import { aggregatorOf } from '../../test/support/snapshot-from-events.js';
import { FakeSocket } from '../../test/support/fake-socket.js';
import { ClockSource } from '../store/clock-source.js';
import { WallboardStore } from '../store/wallboard-store.js';
import { mount } from '../testing/dom.js';
import { provider } from '../testing/provider.js';
import { StoreController } from './store-controller.js';

const NOW = Date.UTC(2026, 10, 23, 3, 0, 0);
const NONE: readonly never[] = [];

/** Shows the held calls of one queue (all queues for null), counting its renders and its slices. */
class HeldOfQueue extends LitElement {
  static override properties = { queue: { attribute: false } };
  queue: string | null = null;
  renders = 0;
  derived = 0;
  // No store given: it follows the nearest provider's.
  readonly held = new StoreController(this, {
    select: (s) => [s.snapshot?.held ?? NONE, this.queue],
    derive: (held: readonly HeldCall[], queue: string | null) => {
      this.derived += 1;
      return queue === null ? held : held.filter((h) => h.queue === queue);
    },
  });

  override render() {
    this.renders += 1;
    return html`${this.held.value.length}`;
  }
}
customElements.define('test-held-of-queue', HeldOfQueue);

/** Follows the store given as a property, not a provider's. */
class HeldOfGivenStore extends LitElement {
  store!: WallboardStore;
  renders = 0;
  readonly held = new StoreController(this, { store: () => this.store, select: (s) => [s.snapshot?.held ?? NONE] });

  override render() {
    this.renders += 1;
    return html`${this.held.value.length}`;
  }
}
customElements.define('test-held-of-given-store', HeldOfGivenStore);

let aggregator: ReturnType<typeof aggregatorOf>;
let first: Snapshot;

beforeAll(() => {
  aggregator = aggregatorOf(floorScenario({ now: NOW }).events);
  first = aggregator.snapshot(NOW);
});

afterEach(() => document.body.replaceChildren());

function live() {
  const socket = new FakeSocket();
  const store = new WallboardStore({ socket: socket.asSocket(), clock: new ClockSource(), view: {}, schedule: (fn) => fn() });
  store.start();
  socket.fire('snapshot', { seq: 1, view: 'k', snapshot: first });
  let seq = 1;
  let current = first;
  /** Applies `event` on the server side and sends the client the delta it makes. */
  const send = (event: EventInput) => {
    aggregator.applyBatch([{ stream: 'wallboard:events', id: `${event.ts}-0`, fields: encode(event) }]);
    const next = aggregator.snapshot(event.ts);
    socket.fire('delta', diffSnapshot(current, next, ++seq)!);
    current = next;
  };
  return { socket, store, send };
}

describe('StoreController', () => {
  it('re-renders its host only when the slice changed, and keeps the slice the same object in between', async () => {
    const { store, send } = live();
    const el = document.createElement('test-held-of-queue') as HeldOfQueue;
    const wrapper = provider({ store });
    wrapper.append(el);
    document.body.append(wrapper);
    await el.updateComplete;
    const before = { renders: el.renders, derived: el.derived, held: el.held.value };
    expect(before.held).toBe(store.state.snapshot!.held);

    // A call queues: the snapshot changes, the held calls do not.
    send({ type: 'call.queued', ts: NOW + 1000, callId: 'sc-new', queue: 'billing' });
    await el.updateComplete;
    expect(store.state.snapshot).not.toBe(first);
    expect(el.renders).toBe(before.renders);
    expect(el.derived).toBe(before.derived);
    expect(el.held.value).toBe(before.held);

    // A check-in restarts a held call's clock: the held calls change.
    const call = first.held[0]!;
    send({ type: 'call.hold_check', ts: NOW + 2000, callId: call.callId, agentId: call.agentId });
    await el.updateComplete;
    expect(el.renders).toBe(before.renders + 1);
    expect(el.held.value).not.toBe(before.held);
    expect(el.held.value).toBe(store.state.snapshot!.held);
  });

  it("makes the slice again when the host's own state it is made from changes", async () => {
    const { store } = live();
    const el = document.createElement('test-held-of-queue') as HeldOfQueue;
    const wrapper = provider({ store });
    wrapper.append(el);
    document.body.append(wrapper);
    await el.updateComplete;
    const queue = first.held[0]!.queue!;
    el.queue = queue;
    await el.updateComplete;
    expect(el.held.value.length).toBeGreaterThan(0);
    expect(el.held.value.every((h) => h.queue === queue)).toBe(true);
    expect(el.held.value.length).toBeLessThan(first.held.length);
    expect(el.shadowRoot!.textContent).toContain(String(el.held.value.length));
  });

  it('finds the store through storeContext, or follows the one it is given, and lets go of it off the page', async () => {
    const { store } = live();
    const viaContext = document.createElement('test-held-of-queue') as HeldOfQueue;
    const wrapper = provider({ store });
    wrapper.append(viaContext);
    document.body.append(wrapper);
    const given = Object.assign(document.createElement('test-held-of-given-store') as HeldOfGivenStore, { store });
    await mount(given);
    await viaContext.updateComplete;
    expect(store.listenerCount).toBe(2);
    expect(viaContext.held.value).toBe(store.state.snapshot!.held);
    expect(given.held.value).toBe(store.state.snapshot!.held);
    wrapper.remove();
    given.remove();
    expect(store.listenerCount).toBe(0);
    document.body.append(wrapper);
    await viaContext.updateComplete;
    expect(store.listenerCount).toBe(1);
  });

  it('hands an empty slice to a host with no store to follow', async () => {
    const el = await mount(document.createElement('test-held-of-queue') as HeldOfQueue);
    expect(el.held.value).toEqual([]);
  });
});
