// What a view root hands to every component below it without passing it through each one: the
// store, the translations and the two clocks (see controllers/screen-controller.ts, which
// provides them). A component rendered on its own, as in its tests, finds no provider and keeps
// what its property holds: its documented default, or what the test set on it.
import { createContext } from '@lit/context';
import type { I18n } from '../i18n/i18n.js';
import type { Clock } from '../store/clock-source.js';
import type { WallboardStore } from '../store/wallboard-store.js';

/** The live data; read through a StoreController. */
export const storeContext = createContext<WallboardStore>(Symbol('wb-store'));

/** Translations and number formats in the screen's language. */
export const i18nContext = createContext<I18n>(Symbol('wb-i18n'));

/** The shared server clock: the time in the header, and the turning of pages. */
export const clockContext = createContext<Clock>(Symbol('wb-clock'));

/**
 * The clock the data's timers read (waits, hold countdowns, time in state): the shared clock
 * while the data is current, a stopped one while it is stale, so nothing counts on from
 * numbers that are no longer true.
 */
export const dataClockContext = createContext<Clock>(Symbol('wb-data-clock'));
