import { WbLoginPage } from './wb-login-page.component.js';

export { WbLoginPage };
customElements.get('wb-login-page') ?? customElements.define('wb-login-page', WbLoginPage);

declare global {
  interface HTMLElementTagNameMap {
    'wb-login-page': WbLoginPage;
  }
}
