// A whole view as main.ts mounts it, fed by the real store over a scripted socket, on a clock
// the test moves by hand: for the views' tests.
import { FakeSocket } from '../../test/support/fake-socket.js';
import { parseScreenConfig, viewOf } from '../config/screen-config.js';
import { WallboardStore } from '../store/wallboard-store.js';
import { manualClock } from './manual-clock.js';

export function viewWithStore(tag: 'wb-tv-view' | 'wb-lead-view', search: string, now: number) {
  const socket = new FakeSocket();
  const { clock, advance } = manualClock(now);
  const config = parseScreenConfig(tag === 'wb-tv-view' ? '/tv' : '/lead', search);
  const store = new WallboardStore({ socket: socket.asSocket(), clock, view: viewOf(config), schedule: (fn) => fn() });
  const el = document.createElement(tag);
  Object.assign(el, { store, clock, config });
  return { el, socket, clock, store, advance };
}
