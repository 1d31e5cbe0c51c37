// A plain element that provides what a view root would, for tests of a component that reads
// the contexts: append the component to it, and it to the document.
import { ContextProvider } from '@lit/context';
import { clockContext, dataClockContext, i18nContext, storeContext } from '../context/contexts.js';
import type { I18n } from '../i18n/i18n.js';
import type { Clock } from '../store/clock-source.js';
import type { WallboardStore } from '../store/wallboard-store.js';

export interface ProvidedValues {
  store?: WallboardStore;
  i18n?: I18n;
  clock?: Clock;
  dataClock?: Clock;
}

export function provider(values: ProvidedValues): HTMLElement {
  const el = document.createElement('div');
  if (values.store) new ContextProvider(el, { context: storeContext, initialValue: values.store });
  if (values.i18n) new ContextProvider(el, { context: i18nContext, initialValue: values.i18n });
  if (values.clock) new ContextProvider(el, { context: clockContext, initialValue: values.clock });
  if (values.dataClock) new ContextProvider(el, { context: dataClockContext, initialValue: values.dataClock });
  return el;
}
