import { WbAccountLinks } from './wb-account-links.component.js';

export { WbAccountLinks };
customElements.get('wb-account-links') ?? customElements.define('wb-account-links', WbAccountLinks);

declare global {
  interface HTMLElementTagNameMap {
    'wb-account-links': WbAccountLinks;
  }
}
