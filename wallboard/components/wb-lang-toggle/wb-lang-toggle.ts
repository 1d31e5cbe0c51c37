import { WbLangToggle } from './wb-lang-toggle.component.js';

export { WbLangToggle };
customElements.get('wb-lang-toggle') ?? customElements.define('wb-lang-toggle', WbLangToggle);

declare global {
  interface HTMLElementTagNameMap {
    'wb-lang-toggle': WbLangToggle;
  }
}
