import { WbConnectionStatus } from './wb-connection-status.component.js';

export { WbConnectionStatus };
customElements.get('wb-connection-status') ?? customElements.define('wb-connection-status', WbConnectionStatus);

declare global {
  interface HTMLElementTagNameMap {
    'wb-connection-status': WbConnectionStatus;
  }
}
