import { WbAdminPage } from './wb-admin-page.component.js';

export { WbAdminPage };
customElements.get('wb-admin-page') ?? customElements.define('wb-admin-page', WbAdminPage);

declare global {
  interface HTMLElementTagNameMap {
    'wb-admin-page': WbAdminPage;
  }
}
