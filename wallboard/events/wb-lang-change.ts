import type { Lang } from '../i18n/messages.js';

/** The reader picked another language for the page. */
export class WbLangChangeEvent extends CustomEvent<{ lang: Lang }> {
  constructor(lang: Lang) {
    super('wb-lang-change', { detail: { lang }, bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'wb-lang-change': WbLangChangeEvent;
  }
}
