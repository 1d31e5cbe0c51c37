import { WbDisplayAdmin } from './wb-display-admin.component.js';

export { WbDisplayAdmin };
customElements.get('wb-display-admin') ?? customElements.define('wb-display-admin', WbDisplayAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'wb-display-admin': WbDisplayAdmin;
  }
}
