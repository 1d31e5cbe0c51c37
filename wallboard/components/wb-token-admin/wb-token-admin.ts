import { WbTokenAdmin } from './wb-token-admin.component.js';

export { WbTokenAdmin };
customElements.get('wb-token-admin') ?? customElements.define('wb-token-admin', WbTokenAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'wb-token-admin': WbTokenAdmin;
  }
}
