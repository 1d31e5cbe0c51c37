import { WbRevokedScreen } from './wb-revoked-screen.component.js';

export { WbRevokedScreen };
customElements.get('wb-revoked-screen') ?? customElements.define('wb-revoked-screen', WbRevokedScreen);

declare global {
  interface HTMLElementTagNameMap {
    'wb-revoked-screen': WbRevokedScreen;
  }
}
