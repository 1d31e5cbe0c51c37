import { WbScreenHeader } from './wb-screen-header.component.js';

export { WbScreenHeader };
customElements.get('wb-screen-header') ?? customElements.define('wb-screen-header', WbScreenHeader);

declare global {
  interface HTMLElementTagNameMap {
    'wb-screen-header': WbScreenHeader;
  }
}
