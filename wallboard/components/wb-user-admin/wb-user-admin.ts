import { WbUserAdmin } from './wb-user-admin.component.js';

export { WbUserAdmin };
customElements.get('wb-user-admin') ?? customElements.define('wb-user-admin', WbUserAdmin);

declare global {
  interface HTMLElementTagNameMap {
    'wb-user-admin': WbUserAdmin;
  }
}
