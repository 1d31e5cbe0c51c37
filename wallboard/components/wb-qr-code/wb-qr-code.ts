import { WbQrCode } from './wb-qr-code.component.js';

export { WbQrCode };
customElements.get('wb-qr-code') ?? customElements.define('wb-qr-code', WbQrCode);

declare global {
  interface HTMLElementTagNameMap {
    'wb-qr-code': WbQrCode;
  }
}
